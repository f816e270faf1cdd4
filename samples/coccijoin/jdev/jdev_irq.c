#include <linux/jdev.h>

void jdev_irq(int irq, void *data)
{
	struct jdev *d = data;

	d->irq_on = 0;
	mutex_lock(&d->lock);
	d->mode = 1;
	mutex_unlock(&d->lock);
}
