// SPDX-License-Identifier: GPL-2.0
/*
 * A controller beside its core (drivers/usb/gadget/udc/pch_udc.c's
 * place): the core, udc/ucore.c, is in the directory of this file.  Its
 * ops write two flags of one location with no lock of their own; the
 * core's connect_lock serializes them.
 */
#include "ucore.h"

struct pu {
	struct ug		gadget;
	unsigned int		pulled:1;
	unsigned int		powered:1;
};

static int pu_pullup(struct ug *g, int on)
{
	struct pu *pu = container_of(g, struct pu, gadget);

	pu->pulled = on;
	return 0;
}

static int pu_vbus_session(struct ug *g, int active)
{
	struct pu *pu = container_of(g, struct pu, gadget);

	pu->powered = active;
	return 0;
}

static int pu_wakeup(struct ug *g)
{
	return 0;
}

const struct ug_ops pu_gadget_ops = {
	.pullup		= pu_pullup,
	.vbus_session	= pu_vbus_session,
	.wakeup		= pu_wakeup,
};
