/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_TREE_APPLY_H
#define BITSPLIT_TREE_APPLY_H

#include "parse_options.h"
#include "util.h"

/*
 * Give each of files (relative to tree, existing regular files) its new
 * contents, all or none: every new text is written to a temporary file
 * next to its original, fsynced and read back, before the first rename
 * over an original; each original is kept as a hard link until all the
 * renames are done and put back if one fails.  A full disk fails the
 * writes, before anything in the tree changed.  0, or -1 with an error
 * printed and the tree as it was.
 */
int tree_apply(const char *tree, const struct opt_list *files,
	       const struct strbuf *contents);

#endif
