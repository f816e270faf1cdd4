/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RG_DMA_H
#define RG_DMA_H

#include "../../include/kshim.h"

struct rg_dma_device {
	int type;
	void *dev;
};

struct rg_dma_buffer {
	struct rg_dma_device dev;
	union {
		const unsigned int *p;
		void *c;
	} tlv;
	size_t bytes;
};

#endif
