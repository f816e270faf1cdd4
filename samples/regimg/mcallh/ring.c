// SPDX-License-Identifier: GPL-2.0
/*
 * A call through a function-like macro that a header defines:
 * RG_SET_SIZE() expands to rg_set_size(), so rg_resize() (an ioctl)
 * reaches the store of sized in ring_size.c and holds r->lock there.
 * rg_touch() (a write) sets dirty under the same lock: no race.  The
 * header is parsed apart from this file (by another spatch worker, or
 * after it), so the macro's call must be known before either is read.
 */
#include "ring.h"

static long rg_resize(struct rg_ring *r, unsigned int n)
{
	mutex_lock(&r->lock);
	RG_SET_SIZE(r, n);
	mutex_unlock(&r->lock);
	return 0;
}

static long rg_touch(struct rg_ring *r, unsigned int n)
{
	mutex_lock(&r->lock);
	r->dirty = 1;
	mutex_unlock(&r->lock);
	return 0;
}

struct rg_ops {
	long (*ioctl)(struct rg_ring *r, unsigned int n);
	long (*write)(struct rg_ring *r, unsigned int n);
};

const struct rg_ops rg_ops = {
	.ioctl = rg_resize,
	.write = rg_touch,
};
