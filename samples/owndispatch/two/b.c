// SPDX-License-Identifier: GPL-2.0
/* The other driver: its done callback is stored in an od_b_evt. */
#include "two.h"

static void od_b_finish(struct od_b_evt *evt)
{
	evt->st->b_done = 1;
}

void od_b_submit(struct od_b_evt *evt)
{
	evt->done = od_b_finish;
}

static void od_b_tasklet(struct od_b_evt *evt)
{
	evt->done(evt);
}

const struct od_ops od_b_ops = { .tasklet = od_b_tasklet };
