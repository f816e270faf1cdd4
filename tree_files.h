/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_TREE_FILES_H
#define BITSPLIT_TREE_FILES_H

#include "parse_options.h"

#define TREE_WALK_HIDDEN 1	/* also names starting with '.' */

/*
 * Call fn with the path (relative to root) of every regular file at or
 * below rel, in name order; rel itself when it is not a directory.  Each
 * directory is entered once, a symlink is followed only when it resolves
 * inside root (else a warning), and a name with a control character is
 * skipped with a warning.  Hidden names are skipped unless asked for.
 */
void tree_walk(const char *root, const char *rel, unsigned int flags,
	       void (*fn)(const char *rel, void *data), void *data);

/*
 * Append to out every .c and .h file at or below rel (relative to tree),
 * as paths relative to tree, in name order; hidden entries are skipped.
 * The strings are allocated.
 */
void tree_files(const char *tree, const char *rel, struct opt_list *out);

#endif
