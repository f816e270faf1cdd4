#include <linux/jdev.h>

void jdev_irq(int irq, void *data)
{
	struct jdev *d = data;

	d->irq_on = 0;
	mutex_lock(&d->lock);
	d->mode = 1;
	mutex_unlock(&d->lock);
}

unsigned int jdev_reg_cycle(void)
{
	union jreg r;

	r.val = 0;
	r.f.cycle = 2;
	return r.val;
}
