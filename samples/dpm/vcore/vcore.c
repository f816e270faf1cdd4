// SPDX-License-Identifier: GPL-2.0
/*
 * The core: its ioctl takes a runtime-PM reference around ->ioctl() through
 * a get/put pair that skips devices whose driver has no PM ops (without
 * them no runtime-PM callback runs), and its bind ioctl closes the device
 * on failure through ->close_device(), a teardown op whatever path calls it.
 */
#include "vcore.h"

#define VC_BIND 1

static int vc_pm_get(struct vc_device *device)
{
	struct device *dev = device->dev;

	if (dev->driver && dev->driver->pm) {
		int ret;

		ret = pm_runtime_resume_and_get(dev);
		if (ret)
			return -5;
	}

	return 0;
}

static void vc_pm_put(struct vc_device *device)
{
	struct device *dev = device->dev;

	if (dev->driver && dev->driver->pm)
		pm_runtime_put(dev);
}

static long vc_bind(struct vc_device *device)
{
	int ret = 0;

	mutex_lock(&device->dev_set_lock);
	if (device->open_count++ == 0 && device->ops->open_device)
		ret = device->ops->open_device(device);
	if (ret) {
		device->open_count--;
		device->ops->close_device(device);
	}
	mutex_unlock(&device->dev_set_lock);
	return ret;
}

static long vc_fops_unl_ioctl(struct file *filep, unsigned int cmd, unsigned long arg)
{
	struct vc_file *df = filep->private_data;
	struct vc_device *device = df->device;
	long ret;

	if (cmd == VC_BIND)
		return vc_bind(device);

	ret = vc_pm_get(device);
	if (ret)
		return ret;
	ret = device->ops->ioctl(device, cmd);
	vc_pm_put(device);
	return ret;
}

const struct file_operations vc_fops = {
	.unlocked_ioctl = vc_fops_unl_ioctl,
};
