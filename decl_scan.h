/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_DECL_SCAN_H
#define BITSPLIT_DECL_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Struct declarations read from source text, for when there is no build
 * to run pahole on: the top-level members of each struct and their
 * bitfield widths, in declaration order.  Which of them share a memory
 * location is the layout model's to say (layout_from_decls()).  It reads
 * the text as written: every #ifdef branch counts, and a width that is a
 * macro is taken to be 1.
 */
struct decl_member {
	char *name;		/* NULL: unnamed padding, a nested aggregate, an array */
	char *type;		/* the tag of "struct T x" or "union T x", the word of "T x"; or NULL */
	bool tagged;		/* type is the tag of a struct or union */
	unsigned int line;
	int width;		/* bits; 0: not a bitfield; -1: ":0" */
};

struct decl_struct {
	char *name;		/* the tag, or the typedef name of an anonymous struct */
	char *file;
	unsigned int line;	/* of the opening brace */
	struct decl_member *members;
	int nr_members, alloc_members;
};

struct decl_scan {
	struct decl_struct *v;
	int nr, alloc;
};

/* Append the structs declared in buf, nested ones after their parent. */
void decl_scan_buf(struct decl_scan *d, const char *buf, size_t len, const char *file);
void decl_scan_release(struct decl_scan *d);
/*
 * A copy of buf[0, len) with comments, string and character literals and
 * preprocessor lines (with their continuations) blanked, newlines kept so
 * offsets map to lines: the code the text scanners read.
 */
char *strip_code(const char *buf, size_t len);

#endif
