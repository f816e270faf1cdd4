// SPDX-License-Identifier: GPL-2.0
/*
 * A call through a function-like macro: SET_SIZE() expands to
 * mc_set_size(), so mc_resize() (an ioctl) reaches the store of sized and
 * holds e->lock there.  mc_touch() (a write) sets dirty under the same
 * lock: no race.  Without the macro's edge sized has no root, and no lock.
 */
#include "sizes.h"

static void mc_set_size(struct mc_entry *e, unsigned int n)
{
	e->sized = n != 0;
}

#define SET_SIZE(e, n)	mc_set_size(e, n)

static long mc_resize(struct mc_entry *e, unsigned int n)
{
	mutex_lock(&e->lock);
	SET_SIZE(e, n);
	mutex_unlock(&e->lock);
	return 0;
}

static long mc_touch(struct mc_entry *e, unsigned int n)
{
	mutex_lock(&e->lock);
	e->dirty = 1;
	mutex_unlock(&e->lock);
	return 0;
}

struct mc_ops {
	long (*ioctl)(struct mc_entry *e, unsigned int n);
	long (*write)(struct mc_entry *e, unsigned int n);
};

const struct mc_ops mc_ops = {
	.ioctl = mc_resize,
	.write = mc_touch,
};
