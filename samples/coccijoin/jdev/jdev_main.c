#include <linux/jdev.h>

static int jdev_probe(struct jdev *d)
{
	jdev_init_caps(d);
	return request_irq(1, jdev_irq, 0, "jdev", d);
}

static long jdev_ioctl(struct jdev *d, int cmd)
{
	return jdev_do_ioctl(d, cmd);
}

const struct jdev_ops jdev_ops = {
	.probe = jdev_probe,
	.ioctl = jdev_ioctl,
};
