// SPDX-License-Identifier: GPL-2.0
/* The writers of rank.h; its header comment says what each one holds. */
#include "rank.h"
#include "uapi/rk_uapi.h"

struct rk_ops {
	int (*probe)(struct rk_dev *dev);
	long (*ioctl)(struct rk_dev *dev, unsigned int cmd);
	long (*read)(struct rk_dev *dev);
	long (*write)(struct rk_dev *dev);
};

static int rk_probe(struct rk_dev *dev)
{
	dev->nl->count = 0;
	return 0;
}

static long rk_ioctl(struct rk_dev *dev, unsigned int cmd)
{
	dev->nl->a = 1;
	dev->req->done = 1;
	mutex_lock(&dev->lock);
	dev->ol->c = cmd & 1;
	dev->lk->e = 1;
	mutex_unlock(&dev->lock);
	return 0;
}

static long rk_read(struct rk_dev *dev)
{
	dev->nl->b = 1;
	dev->req->error = 1;
	return 0;
}

static long rk_write(struct rk_dev *dev)
{
	dev->ol->d = 1;
	mutex_lock(&dev->lock);
	dev->lk->f = 1;
	mutex_unlock(&dev->lock);
	return 0;
}

const struct rk_ops rk_ops = {
	.probe = rk_probe,
	.ioctl = rk_ioctl,
	.read = rk_read,
	.write = rk_write,
};
