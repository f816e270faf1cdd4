/* SPDX-License-Identifier: GPL-2.0 */
#ifndef EL_DRV_H
#define EL_DRV_H

#include "../../include/kshim.h"

struct device {
	struct mutex mutex;
};

void device_lock(struct device *dev);
void device_unlock(struct device *dev);

struct el_dev {
	struct device dev;
	unsigned int suspended:1;
	unsigned int lpm:1;
	unsigned int armed:1;
	unsigned int idle:1;
};

#define to_el_dev(d) ((struct el_dev *)(d))

struct el_pm_ops {
	int (*suspend)(struct device *dev);
	int (*runtime_suspend)(struct device *dev);
};

struct el_attr {
	long (*store)(struct device *dev, const char *buf, unsigned long count);
};

#endif
