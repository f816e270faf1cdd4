// SPDX-License-Identifier: GPL-2.0
/*
 * Two run-time stores to fields named vector and type, of the struct
 * hv_target in a struct hv_params (hv/hv.h, found through -I only).  This
 * file is not built (as a driver of a config that is off), so no layout
 * says what p->target is, and bitsplit can match the stores by name
 * alone: nothing here writes struct irq_ss (ss.c), whose bitfields have
 * those names, so it is no race of irq_ss.
 */
#include <hv.h>
#include "irq.h"

static long irq_set_vector(struct hv_params *p)
{
	p->target.vector = 1;
	return 0;
}

static long irq_set_type(struct hv_params *p)
{
	p->target.type = 2;
	return 0;
}

const struct irq_ops irq_ops = {
	.ioctl = irq_set_vector,
	.write = irq_set_type,
};
