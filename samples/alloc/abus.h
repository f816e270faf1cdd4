/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bus that enumerates its devices at run time, as the PCI core does: a
 * device is allocated by a helper, filled by others and only then added
 * to the bus, for the learned allocators of the thread-private rule.
 */
#ifndef ABUS_H
#define ABUS_H

#include "../include/kshim.h"

void *kzalloc(unsigned long size, int flags);
void kfree(const void *p);
/* Outside the file set: hands the device to the rest of the kernel. */
void abus_register(struct list_head *node);

struct adev {
	struct list_head node;
	int id;
	unsigned int multi:1;
	unsigned int bridge:1;
	unsigned int hot:1;
	unsigned int added:1;
	unsigned int master:1;
};

struct abus {
	struct mutex lock;
	struct list_head devices;
	struct adev *last;
};

struct abus_ops {
	long (*ioctl)(struct abus *bus, unsigned int cmd);
	long (*write)(struct abus *bus, int id);
};

#endif
