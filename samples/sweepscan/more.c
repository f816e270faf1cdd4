// SPDX-License-Identifier: GPL-2.0
/* A helper two ops call: both are the roots that reach it (tests/t0857). */
#include "scan.h"

struct sc_more_ops {
	long (*write)(struct sc_more *m);
	long (*poll)(struct sc_more *m);
};

static void sc_kick(struct sc_more *m)
{
	m->m = 1;
	m->n = 1;
}

static long sc_write(struct sc_more *m)
{
	sc_kick(m);
	return 0;
}

static long sc_poll(struct sc_more *m)
{
	sc_kick(m);
	return 0;
}

const struct sc_more_ops sc_more_ops = {
	.write = sc_write,
	.poll = sc_poll,
};
