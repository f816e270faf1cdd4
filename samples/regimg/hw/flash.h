/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RG_FLASH_H
#define RG_FLASH_H

#include "../../include/kshim.h"

union rg_flash_status {
	struct rg_flash_bits {
		u16 flcdone:1;
		u16 flcerr:1;
		u16 dael:1;
		u16 flcinprog:1;
	} hsf_status;
	u16 regval;
};

struct rg_hw {
	unsigned int busy:1;
	unsigned int failed:1;
};

u16 rg_readw(struct rg_hw *hw);
void rg_writew(struct rg_hw *hw, u16 val);

#endif
