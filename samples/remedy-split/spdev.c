// SPDX-License-Identifier: GPL-2.0
/*
 * The writers of struct sp_dev's flags: opened at setup (probe); at run
 * time irq_armed from the interrupt handler and link_up from the link
 * work item, neither under a lock.
 */
#include "spdev.h"

struct sp_dev *sp_dev_of(void *data);
bool sp_link_ok(struct sp_dev *dev);

struct sp_driver {
	int (*probe)(struct sp_dev *dev);
};

static int sp_irq(int irq, void *data)
{
	struct sp_dev *dev = sp_dev_of(data);

	dev->irq_armed = false;
	schedule_work(&dev->link_work);
	return 0;
}

static void sp_link_work(struct work_struct *work)
{
	struct sp_dev *dev = container_of(work, struct sp_dev, link_work);

	dev->link_up = sp_link_ok(dev);
}

static int sp_probe(struct sp_dev *dev)
{
	dev->opened = true;
	INIT_WORK(&dev->link_work, sp_link_work);
	return request_irq(0, sp_irq, 0, "spdev", dev);
}

static struct sp_driver sp_driver = {
	.probe	= sp_probe,
};

struct sp_driver *sp_get_driver(void)
{
	return &sp_driver;
}
