/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_STRUCT_EDIT_H
#define BITSPLIT_STRUCT_EDIT_H

#include "plan.h"
#include "util.h"

/*
 * The line editor that applies a plan to the struct's declaration in its
 * header.  Coccinelle 1.1.1 cannot do this faithfully (it drops comments
 * on moved members, breaks tab alignment, cannot express "a:1, b:1;"),
 * so members move here as text: each keeps the comment lines directly
 * above it and its trailing comment, a multi-declarator line is split,
 * and new lines are aligned with tabs to the column the struct already
 * uses for member names.
 */

/* The 1-based line of "struct NAME {" in text, 0 when it is not there. */
unsigned int struct_find(const char *text, const char *name);

/*
 * The text of struct NAME's declaration, from "struct NAME {" to its
 * closing "};" line, or NULL.
 */
char *struct_decl_text(const char *text, const char *name);

/*
 * Rewrite the declaration of p->s in text (read from file) to p's order,
 * types and comments.  Returns 0 with the whole new file in out, or -1
 * with *why "file:line: expected ..." (allocated) when the text cannot be
 * edited: it does not match the layout, or a preprocessor line inside
 * the struct hides which members it covers.
 */
int struct_edit(const char *text, const char *file, const struct plan *p,
		struct strbuf *out, char **why);

#endif
