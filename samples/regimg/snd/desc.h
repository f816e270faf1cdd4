/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RG_DESC_H
#define RG_DESC_H

#include "../../include/kshim.h"

/* An x86 segment descriptor: its type and p bitfields share a name with
 * members of the sound structs of dma.h. */
struct rg_desc {
	u16 limit0;
	u16 base1: 8, type: 4, s: 1, dpl: 2, p: 1;
};

void rg_load_desc(struct rg_desc *d);

#endif
