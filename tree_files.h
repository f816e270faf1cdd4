/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_TREE_FILES_H
#define BITSPLIT_TREE_FILES_H

#include "parse_options.h"

/*
 * Append to out every .c and .h file at or below rel (relative to tree),
 * as paths relative to tree, in name order; hidden entries are skipped.
 * The strings are allocated.
 */
void tree_files(const char *tree, const char *rel, struct opt_list *out);

#endif
