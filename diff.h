/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_DIFF_H
#define BITSPLIT_DIFF_H

#include "util.h"

/*
 * Append a unified diff that turns old into new to out, as git writes it:
 * "diff --git a/PATH b/PATH", three lines of context, so that "git apply"
 * (and "patch -p1") accept it from the top of the tree.  Nothing is
 * appended when the texts are equal.
 */
void diff_unified(struct strbuf *out, const char *path, const char *old_text,
		  const char *new_text);

/*
 * The files a patch touches, from its "diff --git a/X b/X" lines, appended
 * to out (allocated).  Every path in its headers (diff --git, ---, +++,
 * rename and copy lines) must stay inside the tree: relative, with no
 * empty, "." or ".." component.  Otherwise, or for a header it cannot
 * read, an error "NAME:LINE: error: ..." and -1.
 */
struct opt_list;
int diff_paths(const char *diff, const char *name, struct opt_list *out);

#endif
