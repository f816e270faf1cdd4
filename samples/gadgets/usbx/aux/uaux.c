// SPDX-License-Identifier: GPL-2.0
/*
 * A helper library of the subsystem that calls one gadget op, with no
 * lock: not the core.  The gadget core (udc/ucore.c) calls two ops the
 * controllers fill, so the search takes it first and has no field left
 * that this file calls.
 */
#include "../udc/ucore.h"

static struct ug *ua_gadget;

static int ua_kick(const char *buf)
{
	return ua_gadget->ops->pullup(ua_gadget, 1);
}

struct ua_ops {
	int (*store)(const char *buf);
};

const struct ua_ops ua_ops = {
	.store	= ua_kick,
};
EXPORT_SYMBOL_GPL(ua_ops);
