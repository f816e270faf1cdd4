// SPDX-License-Identifier: GPL-2.0
/*
 * The driver core's device lock: dl_ioctl() takes it with device_lock(),
 * dl_sriov_configure() asserts it with device_lock_assert() (the PCI core
 * holds it there), dl_port_event() takes the usb-style usb_lock_device()
 * on the parent device.  tripped and enabled are written under the same
 * struct dl_pdev device mutex, so they do not race; armed is written under
 * the parent's lock only, so it races with both.
 */
#include "devlock.h"

static long dl_ioctl(struct dl_pdev *pdev, unsigned int cmd)
{
	device_lock(&pdev->dev);
	pdev->tripped = 1;
	device_unlock(&pdev->dev);
	return 0;
}

static int dl_sriov_configure(struct dl_pdev *pdev, int nr)
{
	device_lock_assert(&pdev->dev);
	pdev->enabled = nr > 0;
	return nr;
}

static void dl_port_event(struct dl_pdev *pdev)
{
	usb_lock_device(pdev->parent);
	pdev->armed = 1;
	usb_unlock_device(pdev->parent);
}

struct dl_ops {
	long (*ioctl)(struct dl_pdev *pdev, unsigned int cmd);
	int (*sriov_configure)(struct dl_pdev *pdev, int nr);
	void (*event)(struct dl_pdev *pdev);
};

const struct dl_ops dl_ops = {
	.ioctl = dl_ioctl,
	.sriov_configure = dl_sriov_configure,
	.event = dl_port_event,
};
