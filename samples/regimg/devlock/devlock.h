/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DL_DEVLOCK_H
#define DL_DEVLOCK_H

#include "../../include/kshim.h"

struct device {
	struct mutex mutex;
};

void device_lock(struct device *dev);
void device_unlock(struct device *dev);
void device_lock_assert(struct device *dev);

struct dl_usb {
	struct device dev;
};

/* include/linux/usb.h has them as macros over device_lock() */
void usb_lock_device(struct dl_usb *udev);
void usb_unlock_device(struct dl_usb *udev);

struct dl_pdev {
	struct device dev;
	struct dl_usb *parent;
	unsigned int tripped:1;
	unsigned int enabled:1;
	unsigned int armed:1;
};

#endif
