#include <linux/jdev.h>

long jdev_do_ioctl(struct jdev *d, int cmd)
{
	d->busy = cmd & 1;
	mutex_lock(&d->lock);
	d->opened = 1;
	mutex_unlock(&d->lock);
	return 0;
}

unsigned int jdev_reg_go(void)
{
	union jreg r;

	r.val = 0;
	r.f.go = 1;
	return r.val;
}
