/* SPDX-License-Identifier: GPL-2.0 */
#ifndef WB_H
#define WB_H

#include "../../include/kshim.h"

/* One writeback's state, as fs/ext4's struct mpage_da_data. */
struct wb_state {
	int nr;
	unsigned int can_map:1;
	unsigned int do_map:1;
	unsigned int done:1;
};

int wb_writepages(int nr);
int wb_sync(int nr);

#endif
