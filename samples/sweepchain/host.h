/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SWEEPCHAIN_HOST_H
#define SWEEPCHAIN_HOST_H

#include "../include/kshim.h"

struct sc_link {
	spinlock_t		lock;
};

/* Not a candidate: nothing stores its bitfields. */
struct sc_host {
	struct sc_link		*link;
	unsigned int		online:1;
	unsigned int		removed:1;
};

#endif
