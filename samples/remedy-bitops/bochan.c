// SPDX-License-Identifier: GPL-2.0
/*
 * The accesses to struct bo_chan's flags: active at setup (probe);
 * tx_pending set by the ioctl and cleared by the interrupt handler and
 * the watchdog timer, rx_pending set by the interrupt handler and cleared
 * by the work item, stalled set by the watchdog and cleared by the ioctl,
 * none of them under a lock.
 */
#include "bochan.h"

#define BO_IOCTL_SEND	1

struct bo_chan *bo_chan_of(void *data);
void bo_kick(struct bo_chan *ch);
void bo_receive(struct bo_chan *ch);

struct bo_ops {
	long (*ioctl)(struct bo_chan *ch, unsigned int cmd, unsigned long arg);
	int (*probe)(struct bo_chan *ch);
};

static long bo_ioctl(struct bo_chan *ch, unsigned int cmd, unsigned long arg)
{
	if (cmd != BO_IOCTL_SEND || !ch->active)
		return -1;
	ch->stalled = false;
	ch->tx_pending = true;
	bo_kick(ch);
	return 0;
}

static int bo_irq(int irq, void *data)
{
	struct bo_chan *ch = bo_chan_of(data);

	if (ch->tx_pending)
		ch->tx_pending = false;
	ch->rx_pending = irq != 0;
	schedule_work(&ch->rx_work);
	return 0;
}

static void bo_rx_work(struct work_struct *work)
{
	struct bo_chan *ch = container_of(work, struct bo_chan, rx_work);

	if (!ch->rx_pending)
		return;
	bo_receive(ch);
	ch->rx_pending = 0;
}

static void bo_watchdog(struct timer_list *t)
{
	struct bo_chan *ch = container_of(t, struct bo_chan, watchdog);

	ch->stalled = ch->tx_pending;
	ch->tx_pending = false;
}

static int bo_probe(struct bo_chan *ch)
{
	ch->active = true;
	INIT_WORK(&ch->rx_work, bo_rx_work);
	timer_setup(&ch->watchdog, bo_watchdog, 0);
	return request_irq(0, bo_irq, 0, "bochan", ch);
}

static const struct bo_ops bo_ops = {
	.ioctl	= bo_ioctl,
	.probe	= bo_probe,
};

const struct bo_ops *bo_get_ops(void)
{
	return &bo_ops;
}
