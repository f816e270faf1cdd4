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

#endif
