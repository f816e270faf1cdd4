#include <linux/jdev.h>

/* Called from probe in jdev_main.c only: setup, though no root is here. */
void jdev_init_caps(struct jdev *d)
{
	d->cap_a = 1;
}
