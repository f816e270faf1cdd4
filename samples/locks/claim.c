// SPDX-License-Identifier: GPL-2.0
/*
 * Claim-style locks, the shape of mmc's __mmc_claim_host(): a claimed flag
 * set once it is clear, under host->lock, and cleared with a wake-up.  All
 * flags of struct lc_host share one memory location.
 *
 * Claims:
 *   __lc_claim_host()/lc_release_host()  claim-style by shape, on
 *                                        host->claimed
 *   lc_claim_host()                      a wrapper of __lc_claim_host()
 *   lc_bus_claim()/lc_bus_release()      defined elsewhere: a claim assumed
 *                                        from the names alone
 *
 * Run time:
 *   tuning = 1       lc_retune (.ioctl), claimed via lc_claim_host()
 *   retune_now = 0   lc_retune, claimed via lc_claim_host()
 *   tuning = 0       lc_rescan (.write), claimed via __lc_claim_host()
 *   powered = 1      lc_power_up (.read), assumed claim lc_bus_claim()
 *   powered = 0      lc_power_down (.suspend), assumed claim lc_bus_claim()
 *   bus_dead = 1     lc_irq (request_irq), no lock: it races with the others
 */
#include "locks.h"

void lc_bus_claim(struct lc_host *host);
void lc_bus_release(struct lc_host *host);

int __lc_claim_host(struct lc_host *host)
{
	spin_lock(&host->lock);
	while (host->claimed) {
		spin_unlock(&host->lock);
		schedule();
		spin_lock(&host->lock);
	}
	host->claimed = 1;
	spin_unlock(&host->lock);
	return 0;
}

void lc_release_host(struct lc_host *host)
{
	spin_lock(&host->lock);
	host->claimed = 0;
	spin_unlock(&host->lock);
	wake_up(&host->wq);
}

static void lc_claim_host(struct lc_host *host)
{
	__lc_claim_host(host);
}

static int lc_retune(struct lc_host *host)
{
	lc_claim_host(host);
	host->tuning = 1;
	host->retune_now = 0;
	lc_release_host(host);
	return 0;
}

static int lc_rescan(struct lc_host *host)
{
	__lc_claim_host(host);
	host->tuning = 0;
	lc_release_host(host);
	return 0;
}

static int lc_power_up(struct lc_host *host)
{
	lc_bus_claim(host);
	host->powered = 1;
	lc_bus_release(host);
	return 0;
}

static int lc_power_down(struct lc_host *host)
{
	lc_bus_claim(host);
	host->powered = 0;
	lc_bus_release(host);
	return 0;
}

static int lc_irq(int irq, void *data)
{
	struct lc_host *host = data;

	host->bus_dead = 1;
	return 1;
}

struct lc_ops {
	int (*ioctl)(struct lc_host *host);
	int (*write)(struct lc_host *host);
	int (*read)(struct lc_host *host);
	int (*suspend)(struct lc_host *host);
};

const struct lc_ops lc_ops = {
	.ioctl		= lc_retune,
	.write		= lc_rescan,
	.read		= lc_power_up,
	.suspend	= lc_power_down,
};

int lc_probe(struct lc_host *host)
{
	return request_irq(host->irq, lc_irq, 0, "lc", host);
}
