// SPDX-License-Identifier: GPL-2.0
/*
 * One lock, two spellings: slave_alloc takes &res->link->lock, the
 * interrupt handler &host->link->lock, through struct sc_host, which
 * host.h declares and which is not a candidate of the sweep.  Its
 * declaration still types the lock, so in_erp and add_to_ml are
 * serialized; only dead, set with no lock, races.
 */
#include "res.h"

static int sc_slave_alloc(struct sc_res *res)
{
	spin_lock(&res->link->lock);
	res->in_erp = 0;
	spin_unlock(&res->link->lock);
	res->dead = 0;
	return 0;
}

static struct sc_res *sc_the_res;

static int sc_irq(int irq, void *data)
{
	struct sc_host *host = data;

	spin_lock(&host->link->lock);
	sc_the_res->add_to_ml = 1;
	spin_unlock(&host->link->lock);
	return 1;
}

struct sc_ops {
	int (*slave_alloc)(struct sc_res *res);
};

const struct sc_ops sc_ops = { .slave_alloc = sc_slave_alloc };

int sc_probe(struct sc_host *host)
{
	return request_irq(1, sc_irq, 0, "sc", host);
}
