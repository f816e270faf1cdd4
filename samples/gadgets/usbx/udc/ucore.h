/* SPDX-License-Identifier: GPL-2.0 */
/* The gadget core's ops, as include/linux/usb/gadget.h declares them. */
#ifndef UCORE_H
#define UCORE_H

#include "../../../include/kshim.h"

#define EXPORT_SYMBOL_GPL(sym) extern int __export_##sym

struct ug;

struct ug_ops {
	int (*pullup)(struct ug *g, int on);
	int (*vbus_session)(struct ug *g, int active);
	int (*wakeup)(struct ug *g);
};

struct ug {
	const struct ug_ops	*ops;
	int			speed;
};

#endif
