/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MC_SIZES_H
#define MC_SIZES_H

#include "../../include/kshim.h"

struct mc_entry {
	struct mutex lock;
	unsigned int sized:1;
	unsigned int dirty:1;
};

#endif
