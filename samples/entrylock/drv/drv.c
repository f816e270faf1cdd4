// SPDX-License-Identifier: GPL-2.0
/*
 * What a driver's callers hold.  The PM core calls .suspend with the
 * device's lock held and a runtime-PM reference taken; .runtime_suspend
 * runs alone among the runtime PM callbacks of its device but takes no
 * device lock.  el_lpm_store() locks the device through the struct device
 * it is handed, el_armed_store() through the el_dev that embeds it: one
 * mutex, so suspended, lpm and armed never race with each other.  idle,
 * written by the runtime PM callback, races with both stores.
 */
#include "drv.h"

static int el_suspend(struct device *dev)
{
	struct el_dev *el = to_el_dev(dev);

	el->suspended = 1;
	return 0;
}

static int el_runtime_suspend(struct device *dev)
{
	struct el_dev *el = to_el_dev(dev);

	el->idle = 1;
	return 0;
}

static long el_lpm_store(struct device *dev, const char *buf, unsigned long count)
{
	struct el_dev *el = to_el_dev(dev);

	device_lock(dev);
	el->lpm = buf[0] == '1';
	device_unlock(dev);
	return count;
}

static long el_armed_store(struct device *dev, const char *buf, unsigned long count)
{
	struct el_dev *el = to_el_dev(dev);

	device_lock(&el->dev);
	el->armed = buf[0] == '1';
	device_unlock(&el->dev);
	return count;
}

const struct el_pm_ops el_pm_ops = {
	.suspend = el_suspend,
	.runtime_suspend = el_runtime_suspend,
};

const struct el_attr el_lpm_attr = { .store = el_lpm_store };
const struct el_attr el_armed_attr = { .store = el_armed_store };
