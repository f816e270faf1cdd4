// SPDX-License-Identifier: GPL-2.0
/*
 * The gadget core (drivers/usb/gadget/udc/core.c's shape): every call of
 * a controller's ->pullup() and ->vbus_session() is made under the UDC's
 * connect_lock, from the sysfs soft_connect store and the vbus store.
 * It never calls ->wakeup().
 */
#include "ucore.h"

struct ug_udc {
	struct ug		*gadget;
	struct mutex		connect_lock;
};

/* Called with the UDC's connect_lock held. */
static int ug_connect_locked(struct ug *g, int on)
{
	return g->ops->pullup(g, on);
}

static int ug_soft_connect_store(struct ug_udc *udc, const char *buf)
{
	int ret;

	mutex_lock(&udc->connect_lock);
	ret = ug_connect_locked(udc->gadget, buf[0] == '1');
	mutex_unlock(&udc->connect_lock);
	return ret;
}

static int ug_vbus_store(struct ug_udc *udc, const char *buf)
{
	int ret;

	mutex_lock(&udc->connect_lock);
	ret = udc->gadget->ops->vbus_session(udc->gadget, buf[0] == '1');
	if (!ret)
		ret = ug_connect_locked(udc->gadget, buf[0] == '1');
	mutex_unlock(&udc->connect_lock);
	return ret;
}

struct ug_attr_ops {
	int (*store)(struct ug_udc *udc, const char *buf);
	int (*write)(struct ug_udc *udc, const char *buf);
};

const struct ug_attr_ops ug_soft_connect_attr = {
	.store	= ug_soft_connect_store,
	.write	= ug_vbus_store,
};
EXPORT_SYMBOL_GPL(ug_soft_connect_attr);
