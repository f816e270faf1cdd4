/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LOCAL_H
#define LOCAL_H

#include "../../include/kshim.h"

struct port {
	spinlock_t lock;
	unsigned int synced:1;
	unsigned int polled:1;
};

int port_sync(struct port *pt);
void port_poll(struct port *pt);
void port_flush(struct port *pt);

#endif
