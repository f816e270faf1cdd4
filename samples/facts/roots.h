/* SPDX-License-Identifier: GPL-2.0 */
/* A device whose entry points hide behind macros: see roots.c. */
#ifndef FACTS_ROOTS_H
#define FACTS_ROOTS_H

#include "../include/kshim.h"
#include "../facts-pm/pm.h"

struct fr_dev {
	struct mutex		lock;
	int			count;
	unsigned int		pm_off:1;	/* runtime PM callbacks */
	unsigned int		pm_on:1;
	unsigned int		sleeping:1;	/* system sleep callbacks */
	unsigned int		shown:1;	/* sysfs show, via FR_ATTR_RO */
	unsigned int		frobbed:1;	/* an ops field nobody lists */
	unsigned int		cb_seen:1;	/* a callback handed to the core */
	unsigned int		walked:1;	/* a synchronous bus walk, under lock */
	unsigned int		visited:1;	/* our own iterator, under lock */
	unsigned int		picked:1;	/* a local function pointer */
	unsigned int		helped:1;	/* a call inside a field write */
	unsigned int		exported:1;	/* an exported helper */
};

struct fr_attr {
	const char *name;
	int (*show)(struct fr_dev *d, char *buf);
};

struct fr_ops {
	int (*probe)(struct fr_dev *d);
	int (*frob)(struct fr_dev *d);
};

struct bus;
int pci_walk_bus(struct bus *bus, int (*cb)(struct fr_dev *d, void *data), void *data);
void fr_core_register(int (*cb)(struct fr_dev *d));

#endif
