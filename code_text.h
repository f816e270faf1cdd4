/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_CODE_TEXT_H
#define BITSPLIT_CODE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Reading C from its text, after strip_code() (decl_scan.h) has blanked
 * comments, literals and directives: identifiers, brackets and the
 * function definitions at file scope.  For the readers that must not wait
 * for a parse: the sweep's cheap tier and the facts pass's choice of the
 * calls worth a lock analysis.
 */
bool is_ident_start(int c);
bool word_is(const char *s, size_t n, const char *w);
/* C keywords and the GNU ones that look like a call: "if (", "sizeof (" */
bool is_keyword(const char *s, size_t n);
size_t skip_space_back(const char *s, size_t i);
size_t skip_space(const char *s, size_t i, size_t len);
/* The start of the identifier that ends at end (exclusive), or end. */
size_t ident_back(const char *s, size_t end);
/* The offset of the bracket opening the one closing at close, or (size_t)-1. */
size_t open_back(const char *s, size_t close);
/* The offset of the brace closing the one at open, or len. */
size_t close_of(const char *s, size_t open, size_t len);

/*
 * The base of the reference at op ("->" or "."): the start of the
 * expression "a", "a->b", "a[i].b", "(cast)x", "f(x)" before it, or op
 * itself when there is none (a designated initializer's ".fld =").
 */
size_t base_start(const char *s, size_t op);
/*
 * The base of the member reference from op to e when it is stored to
 * (assigned, compound-assigned, incremented or decremented, before or
 * after), else (size_t)-1: also for an initializer's ".fld =".
 */
size_t member_store(const char *s, size_t op, size_t e, size_t len);

/*
 * The '=' of a plain assignment whose right side is the reference at b
 * (after an optional '&': "x = &fn"), or (size_t)-1.
 */
size_t assigned_by(const char *s, size_t b);
/*
 * Is the left side of the assignment whose '=' is at eq a member,
 * ".F =" or "->F ="?  F is s[*fb, *fe).
 */
bool assigned_field(const char *s, size_t eq, size_t *fb, size_t *fe);

struct text_func {
	const char *name;	/* points into the text */
	size_t name_len;
	size_t head;		/* where its declaration starts */
	size_t open, close;	/* its braces */
};

/*
 * The function definitions at file scope of s[0, len), in text order
 * (SYSCALL_DEFINEn(name, ...) named by its first argument); returns how
 * many, *out to be freed.
 */
int text_functions(const char *s, size_t len, struct text_func **out);

#endif
