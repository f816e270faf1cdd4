/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A device whose run-time flags are written by two contexts that share
 * no lock: no location is serialized like them, two contexts are too few
 * for atomic bitops, so each racing flag gets its own storage.
 */
#ifndef SPDEV_H
#define SPDEV_H

#include "../include/kshim.h"

struct sp_dev {
	struct mutex		lock;
	int			users;
	bool			opened:1;
	bool			irq_armed:1;
	bool			link_up:1;
	u8			mode;
	u16			mtu;
	struct work_struct	link_work;
};

#endif
