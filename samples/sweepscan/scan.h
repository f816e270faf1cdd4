/* SPDX-License-Identifier: GPL-2.0 */
/* The cheap tier's cases (tests/t0857); scan.c says who stores what. */
#ifndef SC_SCAN_H
#define SC_SCAN_H

#include "../include/kshim.h"

struct sc_pair {		/* a by an ioctl, b by a read: a candidate */
	unsigned int a:1;
	unsigned int b:1;
};

struct sc_setup {		/* stored at probe and boot only: none */
	unsigned int c:1;
	unsigned int d:1;
};

struct sc_req;

struct sc_dev {
	struct sc_pair *pair;
	struct sc_setup *setup;
	struct sc_req *req;
};

struct sc_pair *sc_pair_of(struct sc_dev *dev);

struct sc_more {		/* one writer that two ops call: no candidate */
	unsigned int m:1;
	unsigned int n:1;
};

#endif
