/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Why the sweep ranks races between two entry points first.  sr_ioctl's
 * and sr_read's roots are the .ioctl and .read members of sr_ops.
 *
 *   sr_opts.a, .b, .c, .d: all written from .ioctl alone (a and b through
 *      two helpers), no lock: six races, twelve typed writes, but each
 *      needs ioctl to run twice at once, as options parsed or a
 *      descriptor filled per operation do.  Ranked second.
 *   sr_state.x by sr_ioctl (ioctl), .y by sr_read (read), no lock: one
 *      race, two roots.  Ranked first.
 */
#ifndef ROOTS_H
#define ROOTS_H

#include "../include/kshim.h"

struct sr_opts {
	unsigned int a:1;
	unsigned int b:1;
	unsigned int c:1;
	unsigned int d:1;
	int count;
};

struct sr_state {
	unsigned int x:1;
	unsigned int y:1;
	int count;
};

struct sr_dev {
	struct sr_opts *opts;
	struct sr_state *st;
};

#endif
