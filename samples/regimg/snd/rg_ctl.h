/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RG_CTL_H
#define RG_CTL_H

#include "../../include/kshim.h"

struct rg_kctl {
	unsigned int count;
	union {
		const unsigned int *p;
		void *c;
	} tlv;
};

#endif
