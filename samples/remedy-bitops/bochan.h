/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A channel, one of many on a list, whose event flags are set and
 * cleared by an ioctl, the interrupt handler and a timer that share
 * no lock: the flags become bits of one word changed with atomic bitops,
 * as mbcache's e_flags and pci_dev's priv_flags are.
 */
#ifndef BOCHAN_H
#define BOCHAN_H

#include "../include/kshim.h"
#include "bitops.h"

struct timer_list { unsigned long expires; };
void timer_setup(struct timer_list *timer, void (*fn)(struct timer_list *),
		 unsigned int flags);

struct bo_chan {
	struct list_head	node;
	spinlock_t		lock;
	unsigned int		id;
	bool			active:1;
	bool			tx_pending:1;
	bool			rx_pending:1;
	bool			stalled:1;
	u16			budget;
	struct work_struct	rx_work;
	struct timer_list	watchdog;
};

#endif
