/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_SERIES_H
#define BITSPLIT_SERIES_H

#include <stdbool.h>

#include "fix.h"

/*
 * A git format-patch series for a maintainer: a cover letter with a
 * summary table, then one patch per header (its structs together), each
 * with the subsystem's subject prefix, the why of every moved and every
 * packed field, the size before and after, Fixes: and Signed-off-by:.
 * The commits are built in a scratch object directory and index, so the
 * user's repository, index and work tree are left as they were.
 */
struct series_opts {
	struct fix_opts fix;
	const char *out;
	bool cc;		/* Cc: from scripts/get_maintainer.pl */
	bool verify;		/* rebuild with the patches first: sizes are pahole's */
};

/*
 * Write OUT/0000-cover-letter.patch and the patches: 0, or 1 when a
 * struct got no patch (refused or withheld; the others are in the
 * series); dies on error.
 */
int series_write(struct series_opts *o);

#endif
