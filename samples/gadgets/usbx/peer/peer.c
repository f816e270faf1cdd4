// SPDX-License-Identifier: GPL-2.0
/*
 * Another controller driver (net2272.c beside dwc3): it fills gadget ops
 * of its own and calls ->wakeup() of its gadget, which the core never
 * calls.  It exports nothing, so it is no core, and the search does not
 * take it for the wakeup field.
 */
#include "../udc/ucore.h"

static struct ug *pe_gadget;

static int pe_pullup(struct ug *g, int on)
{
	return 0;
}

static int pe_ioctl(unsigned int cmd)
{
	return pe_gadget->ops->wakeup(pe_gadget);
}

const struct ug_ops pe_gadget_ops = {
	.pullup		= pe_pullup,
};

struct pe_fops {
	int (*ioctl)(unsigned int cmd);
};

const struct pe_fops pe_fops = {
	.ioctl	= pe_ioctl,
};
