// SPDX-License-Identifier: GPL-2.0
/*
 * A driver of ../vcore.c.  All four flags of struct vd_dev share one
 * memory location.  Writers:
 *   engaged  vd_ioctl, under memory_lock and the core's runtime-PM
 *            reference (vc_pm_get(), a conditional pair with vc_pm_put())
 *   armed    vd_ioctl, under the core's runtime-PM reference only
 *   masked   vd_runtime_suspend: ordered against every reference holder
 *   reset    vd_close_device: teardown, also when vc_bind() calls it from
 *            an ioctl
 * So only (engaged, armed) races: proven-race moves armed (its writer
 * holds no exclusive lock); masked and reset stay packed.
 */
#include "../vcore.h"

struct vd_dev {
	struct vc_device vdev;
	struct rw_semaphore memory_lock;
	unsigned int engaged:1;
	unsigned int armed:1;
	unsigned int masked:1;
	unsigned int reset:1;
};

#define to_vd(v) container_of(v, struct vd_dev, vdev)

struct vd_dev *vd_of_dev(struct device *dev);

static long vd_ioctl(struct vc_device *core, unsigned int cmd)
{
	struct vd_dev *vd = to_vd(core);

	if (cmd == 2) {
		vd->armed = 1;
		return 0;
	}
	down_write(&vd->memory_lock);
	vd->engaged = 1;
	up_write(&vd->memory_lock);
	return 0;
}

static int vd_open_device(struct vc_device *core)
{
	return 0;
}

static void vd_close_device(struct vc_device *core)
{
	struct vd_dev *vd = to_vd(core);

	vd->reset = 1;
}

static int vd_runtime_suspend(struct device *dev)
{
	struct vd_dev *vd = vd_of_dev(dev);

	vd->masked = 1;
	return 0;
}

const struct vc_device_ops vd_ops = {
	.open_device = vd_open_device,
	.close_device = vd_close_device,
	.ioctl = vd_ioctl,
};

const struct dev_pm_ops vd_pm_ops = {
	.runtime_suspend = vd_runtime_suspend,
};
