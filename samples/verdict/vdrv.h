/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A driver whose bitfields are written from several paths, for the
 * per-path, thread-private and scope rules of the verdict.
 */
#ifndef VDRV_H
#define VDRV_H

#include "../include/kshim.h"

void *kzalloc(unsigned long size, int flags);
void kfree(const void *p);
void vdrv_submit(const void *req);

struct vdrv_set {
	struct mutex lock;
	struct list_head devices;
	int open_count;
};

/*
 * A request: allocated, filled and freed by one ioctl, or built on the
 * stack by write().  No other context ever sees one.
 */
struct vdrv_req {
	unsigned int urgent:1;
	unsigned int retried:1;
	unsigned int queued:1;
	int len;
};

struct vdrv_dev {
	struct mutex lock;
	struct vdrv_set *set;
	struct list_head node;
	bool busy:1;
	bool dirty:1;
	bool needs_reset:1;
	bool stale:1;
	int users;
};

struct vdrv_ops {
	int (*probe)(struct vdrv_dev *dev);
	void (*close_device)(struct vdrv_dev *dev);
	long (*ioctl)(struct vdrv_dev *dev, unsigned int cmd);
	long (*write)(struct vdrv_dev *dev, int len);
	long (*read)(struct vdrv_dev *dev);
};

/* Scope: nothing in the driver calls it, so its write is not counted. */
static inline void vdrv_mark_stale(struct vdrv_dev *dev)
{
	dev->stale = 1;
}

#endif
