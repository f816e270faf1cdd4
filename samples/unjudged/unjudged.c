// SPDX-License-Identifier: GPL-2.0
/*
 * A lock reached through a struct that is not being judged (ipr's
 * ioa_cfg->host->host_lock, checked with -C ipr_resource_entry): uj_cfg
 * has bitfields of its own, and its member host still says which
 * struct's host_lock slave_alloc takes.  The interrupt handler takes
 * the same lock through the host itself, so in_erp and add_to_ml are
 * serialized; only dead, set with no lock, races.
 */
#include "../include/kshim.h"

struct uj_host {
	spinlock_t		*host_lock;
	struct uj_res		*res;
};

struct uj_cfg {
	struct uj_host		*host;
	unsigned int		in_reset:1;
	unsigned int		dead:1;
};

struct uj_res {
	struct uj_cfg		*cfg;
	unsigned int		in_erp:1;
	unsigned int		add_to_ml:1;
	unsigned int		dead:1;
};

static int uj_slave_alloc(struct uj_res *res)
{
	struct uj_cfg *cfg = res->cfg;

	spin_lock(cfg->host->host_lock);
	res->in_erp = 0;
	spin_unlock(cfg->host->host_lock);
	res->dead = 0;
	return 0;
}

static int uj_irq(int irq, void *data)
{
	struct uj_host *host = data;

	spin_lock(host->host_lock);
	host->res->add_to_ml = 1;
	spin_unlock(host->host_lock);
	return 1;
}

struct uj_ops {
	int (*slave_alloc)(struct uj_res *res);
};

const struct uj_ops uj_ops = { .slave_alloc = uj_slave_alloc };

int uj_probe(struct uj_host *host)
{
	return request_irq(1, uj_irq, 0, "uj", host);
}
