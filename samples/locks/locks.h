/* SPDX-License-Identifier: GPL-2.0 */
/* The devices of the lock-summary samples (wrap.c, claim.c). */
#ifndef LOCKS_H
#define LOCKS_H

#include "../include/kshim.h"

struct lw_dev {
	struct rw_semaphore	memory_lock;
	struct mutex		state_mutex;
	spinlock_t		reset_lock;
	unsigned int		engaged:1;
	unsigned int		armed:1;
	unsigned int		restored:1;
	unsigned int		tracking:1;
	unsigned int		deferred:1;
	unsigned int		zapped:1;
	u16			cmd;
};

void schedule(void);
struct lc_waitq { int waiters; };
void wake_up(struct lc_waitq *q);

/* An mmc-like host, claimed for a set of operations (claim.c). */
struct lc_host {
	spinlock_t		lock;
	int			claimed;
	struct lc_waitq		wq;
	unsigned int		tuning:1;
	unsigned int		retune_now:1;
	unsigned int		powered:1;
	unsigned int		bus_dead:1;
	int			irq;
};

#endif
