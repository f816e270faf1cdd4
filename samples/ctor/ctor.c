// SPDX-License-Identifier: GPL-2.0
/*
 * Callbacks a subsystem core calls to construct and destroy an object
 * (configfs's make_group and drop_item, the shape of f_mass_storage's
 * LUNs).  ct_make_group publishes the new LUN in its parent and then
 * opens it, setting ro: a store into an object nobody uses yet, so ro
 * is set up, not written at run time.  ct_drop_item clears prevent once
 * the LUN is gone from configfs: teardown.
 *
 * At run time removable and prevent are written under the LUN's lock by
 * the sysfs store and the ioctl, so nothing in this location races.
 */
#include "../include/kshim.h"

void *kzalloc(size_t size, int flags);

struct ct_lun {
	struct mutex		lock;
	unsigned int		ro:1;
	unsigned int		removable:1;
	unsigned int		prevent:1;
};

struct ct_parent {
	struct ct_lun		*luns[4];
};

static void ct_lun_open(struct ct_lun *lun)
{
	lun->ro = 1;
}

static struct ct_lun *ct_make_group(struct ct_parent *parent, const char *name)
{
	struct ct_lun *lun = kzalloc(sizeof(*lun), 0);

	if (!lun)
		return NULL;
	parent->luns[0] = lun;
	ct_lun_open(lun);
	return lun;
}

static void ct_drop_item(struct ct_parent *parent, struct ct_lun *lun)
{
	lun->prevent = 0;
	parent->luns[0] = NULL;
}

static int ct_removable_store(struct ct_lun *lun, const char *buf)
{
	mutex_lock(&lun->lock);
	lun->removable = buf[0] == '1';
	mutex_unlock(&lun->lock);
	return 0;
}

static int ct_ioctl(struct ct_lun *lun, unsigned int cmd)
{
	mutex_lock(&lun->lock);
	lun->prevent = cmd & 1;
	mutex_unlock(&lun->lock);
	return 0;
}

struct ct_group_ops {
	struct ct_lun *(*make_group)(struct ct_parent *parent, const char *name);
	void (*drop_item)(struct ct_parent *parent, struct ct_lun *lun);
};

struct ct_lun_ops {
	int (*store)(struct ct_lun *lun, const char *buf);
	int (*ioctl)(struct ct_lun *lun, unsigned int cmd);
};

const struct ct_group_ops ct_group_ops = {
	.make_group	= ct_make_group,
	.drop_item	= ct_drop_item,
};

const struct ct_lun_ops ct_lun_ops = {
	.store		= ct_removable_store,
	.ioctl		= ct_ioctl,
};
