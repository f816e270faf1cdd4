/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_DECL_SCAN_H
#define BITSPLIT_DECL_SCAN_H

#include <stddef.h>

/*
 * C11 memory locations read from struct declarations in source text, for
 * when there is no build to run pahole on: a maximal run of adjacent
 * non-zero-width bitfields at the top level of a struct.  Sizes and holes
 * need a compiler's layout; this only says which fields share a location.
 * It reads the text as written: every #ifdef branch counts, and a field
 * whose width is a macro is taken to be non-zero.
 */
struct decl_location {
	char *struct_name;	/* the tag, or the typedef name of an anonymous struct */
	char *file;
	unsigned int line;	/* of the first field */
	char **fields;		/* named fields in declaration order */
	int nr_fields, alloc_fields;
};

struct decl_scan {
	struct decl_location *v;
	int nr, alloc;
};

/* Append the locations with two or more named fields declared in buf. */
void decl_scan_buf(struct decl_scan *d, const char *buf, size_t len, const char *file);
void decl_scan_release(struct decl_scan *d);

#endif
