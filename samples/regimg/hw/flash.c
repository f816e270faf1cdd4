// SPDX-License-Identifier: GPL-2.0
/*
 * Register images in local unions (the e1000e ich8lan flash shape): a
 * cycle reads the status register into a union on the stack, sets bits
 * of its struct view and writes the image back.  Every bitfield store of
 * struct rg_flash_bits is to a local copy, so the struct is left out.
 * The device's own flags (struct rg_hw) are written through the shared
 * object: a real race between two ioctls, the one report expected here.
 */
#include "flash.h"

static long rg_flash_cycle_init(struct rg_hw *hw, unsigned int cmd)
{
	union rg_flash_status hsfsts;

	hsfsts.regval = rg_readw(hw);
	if (!hsfsts.hsf_status.flcinprog) {
		hsfsts.hsf_status.flcdone = 1;
		hsfsts.hsf_status.flcerr = 1;
		rg_writew(hw, hsfsts.regval);
		hw->busy = 1;
		return 0;
	}
	hw->failed = 1;
	return -1;
}

struct rg_ops {
	long (*ioctl)(struct rg_hw *hw, unsigned int cmd);
};

const struct rg_ops rg_ops = {
	.ioctl = rg_flash_cycle_init,
};
