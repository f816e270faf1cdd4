// SPDX-License-Identifier: GPL-2.0
#include "ring.h"

void rg_set_size(struct rg_ring *r, unsigned int n)
{
	r->sized = n != 0;
}
