/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A subsystem core in the shape of drivers/vfio: a device with ops the
 * drivers below fill, called by vcore.c (outside the drivers' PATH).
 */
#ifndef VCORE_H
#define VCORE_H

#include "../../include/kshim.h"

struct dev_pm_ops {
	int (*runtime_suspend)(struct device *dev);
	int (*runtime_resume)(struct device *dev);
};

struct vc_driver {
	const struct dev_pm_ops *pm;
};

struct device {
	struct vc_driver *driver;
};

struct vc_device;

struct vc_device_ops {
	int (*open_device)(struct vc_device *vdev);
	void (*close_device)(struct vc_device *vdev);
	long (*ioctl)(struct vc_device *vdev, unsigned int cmd);
};

struct vc_device {
	struct device *dev;
	const struct vc_device_ops *ops;
	struct mutex dev_set_lock;
	int open_count;
};

struct vc_file {
	struct vc_device *device;
};

struct file {
	void *private_data;
};

struct file_operations {
	long (*unlocked_ioctl)(struct file *filep, unsigned int cmd, unsigned long arg);
};

#endif
