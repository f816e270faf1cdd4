// SPDX-License-Identifier: GPL-2.0
/*
 * The pci_alloc_host_bridge() shape: the exported allocators (no root of
 * the file reaches them: host drivers call them) kzalloc() a bridge and
 * hand it to hb_init_bridge() before anyone else can see it.  Every call
 * of hb_init_bridge() passes a fresh object, so its stores are
 * thread-private even though no root reaches it: struct hb_bridge is left
 * out of the verdict.
 */
#include "hbridge.h"

static void hb_init_bridge(struct hb_bridge *bridge)
{
	bridge->native_aer = 1;
	bridge->native_pme = 1;
	bridge->native_ltr = 1;
}

struct hb_bridge *hb_alloc_bridge(void)
{
	struct hb_bridge *bridge = kzalloc(sizeof(*bridge), 0);

	if (!bridge)
		return NULL;
	hb_init_bridge(bridge);
	return bridge;
}

struct hb_bridge *hb_devm_alloc_bridge(void)
{
	struct hb_bridge *bridge;

	bridge = kzalloc(sizeof(*bridge), 0);
	if (!bridge)
		return NULL;
	hb_init_bridge(bridge);
	bridge->busnr = -1;
	return bridge;
}
