/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HB_BRIDGE_H
#define HB_BRIDGE_H

#include "../../include/kshim.h"

void *kzalloc(size_t size, int flags);

struct hb_bridge {
	int busnr;
	unsigned int native_aer:1;
	unsigned int native_pme:1;
	unsigned int native_ltr:1;
};

struct hb_bridge *hb_alloc_bridge(void);
struct hb_bridge *hb_devm_alloc_bridge(void);

#endif
