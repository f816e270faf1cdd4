// SPDX-License-Identifier: GPL-2.0
/*
 * A completion callback handed down and stored (ibmvfc's evt->done): the
 * work item asks cs_get_evt() for an event that will run cs_logout_done()
 * when it completes; cs_get_evt() hands the callback to cs_init_event(),
 * which stores it in evt->done.  Nothing calls it on the way: the
 * interrupt handler does, later, under the host lock, the lock it sets
 * migrated under.  reinit and migrated are serialized; dead, set by the
 * work item itself with no lock, races with both.
 */
#include "../include/kshim.h"

struct cs_host;

struct cs_evt {
	void			(*done)(struct cs_evt *evt);
	struct cs_host		*host;
};

struct cs_host {
	spinlock_t		lock;
	struct cs_evt		evt;
	struct work_struct	work;
	unsigned int		migrated:1;
	unsigned int		reinit:1;
	unsigned int		dead:1;
};

static struct cs_host *cs_the_host;

void cs_send(struct cs_evt *evt);

static void cs_init_event(struct cs_evt *evt, void (*done)(struct cs_evt *evt))
{
	evt->done = done;
}

static struct cs_evt *cs_get_evt(struct cs_host *host, void (*done)(struct cs_evt *evt))
{
	struct cs_evt *evt = &host->evt;

	cs_init_event(evt, done);
	return evt;
}

static void cs_logout_done(struct cs_evt *evt)
{
	evt->host->reinit = 1;
}

static void cs_work(struct work_struct *work)
{
	struct cs_host *host = cs_the_host;

	host->dead = 0;
	cs_send(cs_get_evt(host, cs_logout_done));
}

static int cs_irq(int irq, void *data)
{
	struct cs_host *host = data;
	struct cs_evt *evt = &host->evt;

	spin_lock(&host->lock);
	host->migrated = 1;
	evt->done(evt);
	spin_unlock(&host->lock);
	return 1;
}

int cs_probe(struct cs_host *host)
{
	INIT_WORK(&host->work, cs_work);
	return request_irq(1, cs_irq, 0, "cs", host);
}
