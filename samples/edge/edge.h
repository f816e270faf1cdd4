/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A device whose writers exercise the constructs a facts pass must not
 * miss: see edge.c for who writes what under which lock.
 */
#ifndef EDGE_H
#define EDGE_H

#include "../include/kshim.h"

struct edge_dev {
	struct list_head	node;		/* on edge_devs, under edge_list_lock */
	spinlock_t		lock;		/* protects irq_pending and rx_armed */
	struct mutex		cfg_lock;
	struct work_struct	work;
	int			irq;
	unsigned int		opened:1;
	unsigned int		needs_reset:1;
	unsigned int		irq_pending:1;
	unsigned int		cfg_dirty:1 __guarded_by(&cfg_lock);
	unsigned int		macro_set:1;
	unsigned int		inline_set:1;
	int			mode;
	unsigned int		rx_armed:1;
	unsigned int		spare:7;
	unsigned int		tx_armed:1;
	int			users;
	unsigned int		stat_a:1;
	unsigned int		:0;
	unsigned int		stat_b:1;
};

/* A writer in a header: every includer gets a copy. */
static inline void edge_mark_inline(struct edge_dev *edev)
{
	spin_lock(&edev->lock);
	edev->inline_set = 1;
	spin_unlock(&edev->lock);
}

#endif
