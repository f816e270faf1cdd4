/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A port and a queue whose flags are serialized by two locks each: one
 * lock per group of flags, as core kernel structs keep them.  A flag that
 * sits in the wrong group races with its neighbours; it can move to the
 * group its own lock serializes, behind a ":0", at no cost in size.
 */
#ifndef RGPORT_H
#define RGPORT_H

#include "../include/kshim.h"

struct rg_port;

struct rg_port_ops {
	long (*ioctl)(struct rg_port *port, unsigned int cmd, unsigned long arg);
};

struct rg_port {
	spinlock_t		lock;		/* protects the state word */
	struct mutex		cfg_lock;	/* protects the config word */
	int			id;
	unsigned int		tx_busy:1;
	unsigned int		rx_busy:1;
	unsigned int		cfg_dirty:1;
	/* Force alignment to the next boundary: */
	unsigned int		:0;
	unsigned int		cfg_valid:1;
	unsigned int		cfg_pending:1;
	struct work_struct	cfg_work;
};

struct rg_queue {
	spinlock_t		lock;
	struct mutex		ctl_lock;
	u8			running:1;
	u8			stopped:1;
	u8			kicked:1;
	u8			paused:1;
	u8			draining:1;
	u16			depth;
	u32			head;
};

#endif
