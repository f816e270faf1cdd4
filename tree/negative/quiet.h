/* SPDX-License-Identifier: GPL-2.0 */
/* Devices whose packed flags cannot race: see quiet.c. */
#ifndef QUIET_H
#define QUIET_H

#include "../include/kshim.h"

struct pci_dev;

struct quiet_dev {
	struct mutex		lock;
	unsigned int		has_msi:1;
	unsigned int		has_vga:1;
	unsigned int		is_virtfn:1;
	int			nr_queues;
};

struct quiet_cfg {
	unsigned int		verbose:1;
	unsigned int		strict:1;
	int			level;
};

struct quiet_driver {
	int (*probe)(struct pci_dev *pdev);
	long (*ioctl)(struct quiet_dev *qdev, unsigned int cmd);
};

#endif
