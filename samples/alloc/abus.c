// SPDX-License-Identifier: GPL-2.0
/*
 * Writers, their context and lock:
 *
 *   multi   abus_scan_dev(), on a device adev_alloc() just returned: a
 *           helper of the file set that returns a fresh kzalloc()ed
 *           object, learned as an allocator
 *   bridge  adev_setup(), through its parameter, from abus_scan_dev()
 *   hot     abus_write(), on the device abus_alloc_listed() returns: it
 *           registers the device before returning it, so it is no
 *           allocator and the store is to a shared object
 *   added   abus_ioctl(), after abus_scan_dev() (a learned allocator of
 *           a learned allocator) returned it and before it is added
 *   master  abus_write() on bus->last, a device already on the bus
 *
 * So multi, bridge and added are written only on devices nobody else
 * sees yet; hot and master race (two run-time roots, no lock).
 */
#include "abus.h"

struct adev *adev_alloc(int id)
{
	struct adev *dev;

	dev = kzalloc(sizeof(*dev), 0);
	if (!dev)
		return NULL;
	dev->id = id;
	return dev;
}

static void adev_setup(struct adev *dev)
{
	dev->bridge = dev->id > 8;
}

static struct adev *abus_scan_dev(int id)
{
	struct adev *dev = adev_alloc(id);

	if (!dev)
		return NULL;
	dev->multi = 1;
	adev_setup(dev);
	return dev;
}

static struct adev *abus_alloc_listed(int id)
{
	struct adev *dev = kzalloc(sizeof(*dev), 0);

	if (!dev)
		return NULL;
	dev->id = id;
	abus_register(&dev->node);
	return dev;
}

static long abus_ioctl(struct abus *bus, unsigned int cmd)
{
	struct adev *dev = abus_scan_dev((int)cmd);

	if (!dev)
		return -1;
	dev->added = 1;
	mutex_lock(&bus->lock);
	bus->last = dev;
	mutex_unlock(&bus->lock);
	abus_register(&dev->node);
	return 0;
}

static long abus_write(struct abus *bus, int id)
{
	struct adev *dev = abus_alloc_listed(id);

	if (dev)
		dev->hot = 1;
	bus->last->master = 1;
	return 0;
}

const struct abus_ops abus_ops = {
	.ioctl = abus_ioctl,
	.write = abus_write,
};
