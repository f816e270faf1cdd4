/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RG_RING_H
#define RG_RING_H

#include "../../include/kshim.h"

struct rg_ring {
	struct mutex lock;
	unsigned int sized:1;
	unsigned int dirty:1;
};

void rg_set_size(struct rg_ring *r, unsigned int n);
#define RG_SET_SIZE(r, n)	rg_set_size(r, n)

#endif
