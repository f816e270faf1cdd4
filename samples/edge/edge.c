// SPDX-License-Identifier: GPL-2.0
/*
 * Edge cases for the facts pass, one construct per writer.  Locks named
 * here are the members of struct edge_dev, and edge_list_lock (global).
 *
 * Setup:
 *   opened = 1       edge_open (.open), via edge_set_opened(), which is
 *                    __must_hold(cfg_lock) and called under cfg_lock
 * Teardown:
 *   opened = 0       edge_release (.release), same helper, cfg_lock
 *   needs_reset = 0  edge_release clears it on every sibling device in
 *                    edge_devs (a list walk: iter), under edge_list_lock
 * Run time:
 *   needs_reset++    edge_ioctl (.ioctl) on its own device, cfg_lock
 *   cfg_dirty = 1    edge_write (.write), scoped_guard(mutex, cfg_lock);
 *                    the member is also __guarded_by(&cfg_lock)
 *   irq_pending = 1  edge_irq (request_irq), spin_lock_irqsave(lock)
 *   rx_armed = 0     edge_irq, same lock, a different byte of the same
 *                    location as tx_armed
 *   irq_pending = 0  edge_clear_pending(), no lock of its own: its only
 *                    caller edge_work_fn (INIT_WORK) holds lock
 *   tx_armed |= 1    edge_work_fn, cfg_lock
 *   macro_set = 1    edge_ioctl through EDGE_SET_MACRO(), cfg_lock
 *   inline_set = 1   edge_mark_inline() in edge.h, lock; called from
 *                    edge_ioctl
 *   stat_a = 1       edge_irq, lock; stat_a and stat_b are split by :0
 *   stat_b = 1       edge_work_fn, no lock (a different location)
 *   irq_pending = 0  edge_poll (.poll), only if spin_trylock(lock)
 *                    succeeds; stat_b = 0 on its failure path, no lock
 */
#include "edge.h"

#define EDGE_IOCTL_RESET	1
#define EDGE_IOCTL_MARK		2

#define EDGE_SET_MACRO(e) ((e)->macro_set = 1)

static struct mutex edge_list_lock;
static struct list_head edge_devs;

struct edge_ops {
	int (*open)(struct edge_dev *edev);
	void (*release)(struct edge_dev *edev);
	int (*poll)(struct edge_dev *edev);
	long (*ioctl)(struct edge_dev *edev, unsigned int cmd);
	long (*write)(struct edge_dev *edev, int val);
};

static void edge_set_opened(struct edge_dev *edev, bool on)
	__must_hold(&edev->cfg_lock)
{
	edev->opened = on;
}

static void edge_clear_pending(struct edge_dev *edev)
{
	edev->irq_pending = 0;
}

static int edge_irq(int irq, void *data)
{
	struct edge_dev *edev = data;
	unsigned long flags;

	spin_lock_irqsave(&edev->lock, flags);
	edev->irq_pending = 1;
	edev->rx_armed = 0;
	edev->stat_a = 1;
	spin_unlock_irqrestore(&edev->lock, flags);
	return 0;
}

static void edge_work_fn(struct work_struct *work)
{
	struct edge_dev *edev = container_of(work, struct edge_dev, work);

	spin_lock(&edev->lock);
	edge_clear_pending(edev);
	spin_unlock(&edev->lock);
	mutex_lock(&edev->cfg_lock);
	edev->tx_armed |= 1;
	mutex_unlock(&edev->cfg_lock);
	edev->stat_b = 1;
}

static int edge_open(struct edge_dev *edev)
{
	mutex_lock(&edev->cfg_lock);
	edge_set_opened(edev, true);
	mutex_unlock(&edev->cfg_lock);
	INIT_WORK(&edev->work, edge_work_fn);
	return request_irq(edev->irq, edge_irq, 0, "edge", edev);
}

static void edge_release(struct edge_dev *edev)
{
	struct edge_dev *sib;

	mutex_lock(&edev->cfg_lock);
	edge_set_opened(edev, false);
	mutex_unlock(&edev->cfg_lock);

	mutex_lock(&edge_list_lock);
	list_for_each_entry(sib, &edge_devs, node)
		sib->needs_reset = 0;
	mutex_unlock(&edge_list_lock);
}

static long edge_ioctl(struct edge_dev *edev, unsigned int cmd)
{
	switch (cmd) {
	case EDGE_IOCTL_RESET:
		mutex_lock(&edev->cfg_lock);
		edev->needs_reset++;
		EDGE_SET_MACRO(edev);
		mutex_unlock(&edev->cfg_lock);
		break;
	case EDGE_IOCTL_MARK:
		edge_mark_inline(edev);
		break;
	}
	return 0;
}

static long edge_write(struct edge_dev *edev, int val)
{
	scoped_guard(mutex, &edev->cfg_lock) {
		edev->cfg_dirty = 1;
		edev->mode = val;
	}
	return 0;
}

static int edge_poll(struct edge_dev *edev)
{
	if (!spin_trylock(&edev->lock)) {
		edev->stat_b = 0;
		return 0;
	}
	edev->irq_pending = 0;
	spin_unlock(&edev->lock);
	return 1;
}

const struct edge_ops edge_ops = {
	.open		= edge_open,
	.release	= edge_release,
	.ioctl		= edge_ioctl,
	.write		= edge_write,
	.poll		= edge_poll,
};
