// SPDX-License-Identifier: GPL-2.0
/* The cheap tier's cases: what each store is, by hand, in tests/t0857. */
#include "scan.h"
#include "uapi/sc_uapi.h"

struct sc_ops {
	int (*probe)(struct sc_dev *dev);
	long (*ioctl)(struct sc_dev *dev, unsigned int cmd);
	long (*read)(struct sc_dev *dev);
	void (*remove)(struct sc_dev *dev);
};

/* called only from the probe: setup */
static void sc_fill(struct sc_setup *s)
{
	s->c = 1;
}

static int sc_probe(struct sc_dev *dev)
{
	sc_fill(dev->setup);
	dev->setup->d = 1;	/* through a member: no struct the text shows */
	return 0;
}

/* __init: a setup root by its attribute */
static int __init sc_boot(struct sc_setup *s)
{
	s->d = 0;
	return 0;
}

static long sc_ioctl(struct sc_dev *dev, unsigned int cmd)
{
	struct sc_pair *p = dev->pair;
	struct sc_pair copy;

	copy.a = 1;		/* a local copy: no store anyone sees */
	p->a = cmd & 1;
	((struct sc_req *)dev->req)->x = 1;
	return 0;
}

static long sc_read(struct sc_dev *dev)
{
	dev->pair->b++;
	dev->req->y = 1;
	return 0;
}

static void sc_remove(struct sc_dev *dev)
{
	dev->pair->a = 0;
}

/* no root in this file reaches it: its callers are elsewhere, run time */
void sc_clear(struct sc_pair *p)
{
	p->b = 0;
}

static const struct sc_ops sc_ops = {
	.probe = sc_probe,
	.ioctl = sc_ioctl,
	.read = sc_read,
	.remove = sc_remove,
};
