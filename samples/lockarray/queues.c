// SPDX-License-Identifier: GPL-2.0
/*
 * Queues in an array, each with its own lock (ipr's hrrq[]): the reset
 * work clears allow_irq on every queue under that queue's lock, the
 * reset ioctl sets allow_cmds the same way with another index, and the
 * interrupt handler, given one queue, sets allow_irq under &q->_lock.
 * Each store to a queue holds that queue's lock: one lock, whatever
 * the index or the spelling, and nothing races.  dead is set by the
 * ioctl with no lock at all and races with the other two.
 */
#include "../include/kshim.h"

struct aq_queue {
	spinlock_t		_lock;
	unsigned int		allow_irq:1;
	unsigned int		allow_cmds:1;
	unsigned int		dead:1;
};

struct aq_cfg {
	int			nr;
	struct aq_queue		q[4];
	struct work_struct	reset_work;
};

static struct aq_cfg *aq_cfg;

static void aq_reset_work(struct work_struct *work)
{
	struct aq_cfg *cfg = aq_cfg;
	int i;

	for (i = 0; i < cfg->nr; i++) {
		spin_lock(&cfg->q[i]._lock);
		cfg->q[i].allow_irq = 0;
		spin_unlock(&cfg->q[i]._lock);
	}
}

static int aq_ioctl(struct aq_cfg *cfg, unsigned int cmd)
{
	int j;

	for (j = 0; j < cfg->nr; j++) {
		spin_lock(&cfg->q[j]._lock);
		cfg->q[j].allow_cmds = 1;
		spin_unlock(&cfg->q[j]._lock);
	}
	if (cmd)
		cfg->q[0].dead = 1;
	return 0;
}

static int aq_irq(int irq, void *data)
{
	struct aq_queue *q = data;

	spin_lock(&q->_lock);
	q->allow_irq = 1;
	spin_unlock(&q->_lock);
	return 0;
}

struct aq_ops {
	int (*ioctl)(struct aq_cfg *cfg, unsigned int cmd);
};

const struct aq_ops aq_ops = {
	.ioctl	= aq_ioctl,
};

static int aq_probe(struct aq_cfg *cfg)
{
	aq_cfg = cfg;
	INIT_WORK(&cfg->reset_work, aq_reset_work);
	return request_irq(0, aq_irq, 0, "aq", &cfg->q[0]);
}

struct aq_driver {
	int (*probe)(struct aq_cfg *cfg);
};

const struct aq_driver aq_driver = {
	.probe	= aq_probe,
};
