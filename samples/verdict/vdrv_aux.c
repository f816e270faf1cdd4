// SPDX-License-Identifier: GPL-2.0
/*
 * A second static vdrv_set_busy(), of another file: it counts users
 * (no bitfield) from .read with no lock.  Merged by name with
 * vdrv_core.c's, it would bring an unlocked run-time path to the write
 * of busy there.
 */
#include "vdrv.h"

static void vdrv_set_busy(struct vdrv_dev *dev)
{
	dev->users++;
}

static long vdrv_aux_read(struct vdrv_dev *dev)
{
	vdrv_set_busy(dev);
	return 0;
}

const struct vdrv_ops vdrv_aux_ops = {
	.read = vdrv_aux_read,
};
