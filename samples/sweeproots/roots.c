// SPDX-License-Identifier: GPL-2.0
#include "roots.h"

struct sr_ops {
	long (*ioctl)(struct sr_dev *dev, unsigned int cmd);
	long (*read)(struct sr_dev *dev);
};

static void sr_set_a(struct sr_dev *dev)
{
	dev->opts->a = 1;
}

static void sr_set_b(struct sr_dev *dev)
{
	dev->opts->b = 1;
}

static long sr_ioctl(struct sr_dev *dev, unsigned int cmd)
{
	sr_set_a(dev);
	sr_set_b(dev);
	dev->opts->c = 1;
	dev->opts->d = cmd & 1;
	dev->st->x = 1;
	return 0;
}

static long sr_read(struct sr_dev *dev)
{
	dev->st->y = 1;
	return 0;
}

const struct sr_ops sr_ops = {
	.ioctl = sr_ioctl,
	.read = sr_read,
};
