// SPDX-License-Identifier: GPL-2.0
/*
 * The writers of struct rg_port's and struct rg_queue's flags.
 *
 * rg_port: tx_busy and rx_busy from the interrupt handler under lock;
 *   cfg_dirty, cfg_valid and cfg_pending from the ioctl and the config
 *   work item under cfg_lock.  cfg_dirty shares the state word with the
 *   interrupt handler's flags, which hold another lock.
 * rg_queue: running, stopped and kicked from the interrupt handler under
 *   lock; paused and draining from the ioctl under ctl_lock.
 */
#include "rgport.h"

#define RG_IOCTL_CONFIG	1
#define RG_IOCTL_PAUSE	2
#define RG_IOCTL_DRAIN	3

struct rg_port *rg_port_of(void *data);
struct rg_queue *rg_queue_of(struct rg_port *port);
bool rg_config_changed(struct rg_port *port);

static int rg_irq(int irq, void *data)
{
	struct rg_port *port = rg_port_of(data);
	struct rg_queue *q = rg_queue_of(port);

	spin_lock(&port->lock);
	port->tx_busy = false;
	port->rx_busy = true;
	spin_unlock(&port->lock);

	spin_lock(&q->lock);
	q->running = true;
	q->stopped = false;
	q->kicked = true;
	spin_unlock(&q->lock);
	return 0;
}

static void rg_cfg_work(struct work_struct *work)
{
	struct rg_port *port = container_of(work, struct rg_port, cfg_work);

	mutex_lock(&port->cfg_lock);
	port->cfg_valid = true;
	port->cfg_pending = false;
	port->cfg_dirty = false;
	mutex_unlock(&port->cfg_lock);
}

static long rg_ioctl(struct rg_port *port, unsigned int cmd, unsigned long arg)
{
	struct rg_queue *q = rg_queue_of(port);

	switch (cmd) {
	case RG_IOCTL_CONFIG:
		mutex_lock(&port->cfg_lock);
		port->cfg_dirty = rg_config_changed(port);
		port->cfg_pending = true;
		mutex_unlock(&port->cfg_lock);
		schedule_work(&port->cfg_work);
		return 0;
	case RG_IOCTL_PAUSE:
		mutex_lock(&q->ctl_lock);
		q->paused = arg != 0;
		mutex_unlock(&q->ctl_lock);
		return 0;
	case RG_IOCTL_DRAIN:
		mutex_lock(&q->ctl_lock);
		q->draining = true;
		mutex_unlock(&q->ctl_lock);
		return 0;
	}
	return -1;
}

static const struct rg_port_ops rg_port_ops = {
	.ioctl	= rg_ioctl,
};

const struct rg_port_ops *rg_get_ops(void)
{
	return &rg_port_ops;
}

int rg_port_start(struct rg_port *port, unsigned int irq)
{
	INIT_WORK(&port->cfg_work, rg_cfg_work);
	return request_irq(irq, rg_irq, 0, "rgport", port);
}
