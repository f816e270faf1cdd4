#include "dev.h"

static void dev_reset(struct dev *d)
{
	d->a = 0;
	d->c = 0;
}

static int dev_probe(struct dev *d)
{
	dev_reset(d);
	d->b = 1;
	return 0;
}

static long dev_ioctl(struct dev *d, int cmd)
{
	d->a = cmd & 1;
	d->c++;
	d->e = 1;
	d->in.f = 1;
	d->h = 1;
	d->i = 2;
	return 0;
}

static void dev_handler(struct dev *d)
{
	d->b = 0;
	d->d = 3;
	d->e = 0;
	d->in.g = 1;
}

static const struct dev_ops dev_ops = {
	.probe = dev_probe,
	.ioctl = dev_ioctl,
	.handler = dev_handler,
};

/* Stores into local copies: no other context sees them. */
static void dev_snapshot(struct dev *d)
{
	struct dev copy;

	copy.a = d->a;
}

static void dev_restore(struct dev *d, struct dev saved)
{
	saved.b = 0;
	*d = saved;
}
