// SPDX-License-Identifier: GPL-2.0
/*
 * One helper reached from more entry points than the call graph keeps
 * contexts for (ipr_reset_ioa_job): the interrupt handler calls it under
 * the device lock, sixteen work items call it with no lock.  The
 * seventeenth path must be folded into one the graph keeps; folded into
 * the handler's, the handler's store would read "holds no lock", which
 * is not what the code does.  It belongs with another unlocked path.
 */
#include "../include/kshim.h"

struct cf_dev {
	spinlock_t		lock;
	struct work_struct	work[16];
	unsigned int		kicked:1;
	unsigned int		parked:1;
};

static struct cf_dev *cf_dev;

static void cf_kick(struct cf_dev *d)
{
	d->kicked = 1;
}

static int cf_irq(int irq, void *data)
{
	struct cf_dev *d = data;

	spin_lock(&d->lock);
	cf_kick(d);
	d->parked = 0;
	spin_unlock(&d->lock);
	return 1;
}

static void cf_work0(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work1(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work2(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work3(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work4(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work5(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work6(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work7(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work8(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work9(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work10(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work11(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work12(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work13(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work14(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work15(struct work_struct *w)
{
	cf_kick(cf_dev);
}

int cf_probe(struct cf_dev *d)
{
	int err = request_irq(1, cf_irq, 0, "cf", d);

	INIT_WORK(&d->work[0], cf_work0);
	INIT_WORK(&d->work[1], cf_work1);
	INIT_WORK(&d->work[2], cf_work2);
	INIT_WORK(&d->work[3], cf_work3);
	INIT_WORK(&d->work[4], cf_work4);
	INIT_WORK(&d->work[5], cf_work5);
	INIT_WORK(&d->work[6], cf_work6);
	INIT_WORK(&d->work[7], cf_work7);
	INIT_WORK(&d->work[8], cf_work8);
	INIT_WORK(&d->work[9], cf_work9);
	INIT_WORK(&d->work[10], cf_work10);
	INIT_WORK(&d->work[11], cf_work11);
	INIT_WORK(&d->work[12], cf_work12);
	INIT_WORK(&d->work[13], cf_work13);
	INIT_WORK(&d->work[14], cf_work14);
	INIT_WORK(&d->work[15], cf_work15);
	return err;
}
