// SPDX-License-Identifier: GPL-2.0
/*
 * A controller in a directory of its own (drivers/usb/dwc3's place): its
 * core is udc/ucore.c, in the subtree of the parent directory.  pullup
 * sets softconnect with no lock of its own and connected under the
 * controller's lock; the core's connect_lock, held around every call of
 * ->pullup() and ->vbus_session(), serializes them with vbus.
 */
#include "../udc/ucore.h"

struct dw {
	struct ug		gadget;
	spinlock_t		lock;
	unsigned int		softconnect:1;
	unsigned int		connected:1;
	unsigned int		vbus:1;
};

static int dw_pullup(struct ug *g, int on)
{
	struct dw *dw = container_of(g, struct dw, gadget);

	dw->softconnect = on;
	spin_lock(&dw->lock);
	dw->connected = on;
	spin_unlock(&dw->lock);
	return 0;
}

static int dw_vbus_session(struct ug *g, int active)
{
	struct dw *dw = container_of(g, struct dw, gadget);

	dw->vbus = active;
	return 0;
}

static int dw_wakeup(struct ug *g)
{
	return 0;
}

const struct ug_ops dw_gadget_ops = {
	.pullup		= dw_pullup,
	.vbus_session	= dw_vbus_session,
	.wakeup		= dw_wakeup,
};
