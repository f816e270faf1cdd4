/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OD_TWO_H
#define OD_TWO_H

struct od_state {
	unsigned int a_done:1;
	unsigned int b_done:1;
};

struct od_a_cmd {
	struct od_state *st;
	void (*done)(struct od_a_cmd *cmd);
};

struct od_b_evt {
	struct od_state *st;
	void (*done)(struct od_b_evt *evt);
};

struct od_ops {
	void (*irq)(struct od_a_cmd *cmd);
	void (*tasklet)(struct od_b_evt *evt);
};

#endif
