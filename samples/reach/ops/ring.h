/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RING_H
#define RING_H

#include "../../include/kshim.h"

struct ring;

struct ring_ops {
	void (*kick)(struct ring *rg);
};

struct ring {
	spinlock_t lock;
	const struct ring_ops *ops;
	unsigned long nr_polls;
	unsigned int kicked:1;
	unsigned int noted:1;
	unsigned int armed:1;
};

#define RING_OPS(k) { .kick = k }

void rg_poll(struct ring *rg);
void rg_arm(struct ring *rg);

#endif
