// SPDX-License-Identifier: GPL-2.0
/*
 * A file of its own redefines port_sync() as a macro around its wrapper,
 * as fs/nfs/nfs3proc.c does with rpc_call_sync(): the macro is this
 * file's, and a call of port_sync() in another file (plain.c) is the
 * real function, never an edge to port_sync_wrapped().  This file is the
 * larger, so a single spatch job reads it first.
 */
#include "local.h"

static int port_sync_wrapped(struct port *pt)
{
	int tries = 3;

	while (tries--) {
		spin_lock(&pt->lock);
		pt->synced = 1;
		spin_unlock(&pt->lock);
	}
	return 0;
}

#define port_sync(pt) port_sync_wrapped(pt)

void port_poll(struct port *pt)
{
	port_sync(pt);
	pt->polled = 1;
}
