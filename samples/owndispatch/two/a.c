// SPDX-License-Identifier: GPL-2.0
/*
 * Two drivers of one sweep, each with a done callback of its own: a.c's
 * od_a_irq() calls cmd->done on an od_a_cmd, which only ever holds
 * od_a_finish(); b.c's od_b_finish() is stored in an od_b_evt and is no
 * callee here.
 */
#include "two.h"

static void od_a_finish(struct od_a_cmd *cmd)
{
	cmd->st->a_done = 1;
}

void od_a_submit(struct od_a_cmd *cmd)
{
	cmd->done = od_a_finish;
}

static void od_a_irq(struct od_a_cmd *cmd)
{
	cmd->done(cmd);
}

const struct od_ops od_a_ops = { .irq = od_a_irq };
