/* SPDX-License-Identifier: GPL-2.0 */
/* Bitfields one level down: in a named struct member, in an anonymous one. */
#ifndef NEST_H
#define NEST_H

#include "../include/kshim.h"

struct pci_dev;

struct nest_stats {
	unsigned int		overflow:1;
	unsigned int		underflow:1;
};

struct nest_dev {
	struct mutex		lock;
	spinlock_t		stat_lock;
	struct nest_stats	stats;
	struct {
		unsigned int	link_up:1;
		unsigned int	autoneg:1;
	} phy;
	struct nest_dev		*peer;
	int			irq;
};

struct nest_ops {
	int (*probe)(struct pci_dev *pdev);
	long (*ioctl)(struct nest_dev *ndev, unsigned int cmd);
	int (*poll)(struct nest_dev *ndev);
};

#endif
