// SPDX-License-Identifier: GPL-2.0
/*
 * ext4_writepages() shape: each writeback builds its state on its stack,
 * with a designated initializer, and passes it down; the callees write its
 * bitfields through the parameter.  Two writebacks run at once, but each
 * has its own wb_state: do_map and done race with nothing.
 */
#include "wb.h"

static void wb_finish(struct wb_state *st)
{
	st->done = 1;
}

static int wb_do_writepages(struct wb_state *st)
{
	st->do_map = 1;
	wb_finish(st);
	return st->nr;
}

int wb_writepages(int nr)
{
	struct wb_state st = {
		.nr = nr,
		.can_map = 1,
	};

	return wb_do_writepages(&st);
}

int wb_sync(int nr)
{
	struct wb_state st = { .nr = nr };

	return wb_do_writepages(&st);
}
