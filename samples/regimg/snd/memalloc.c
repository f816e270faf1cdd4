// SPDX-License-Identifier: GPL-2.0
/*
 * Name matches: the stores to dmab->dev.type and dmab->tlv.p are to
 * struct rg_dma_device and to rg_dma_buffer's anonymous union (spatch
 * cannot type them: it does not read <rg_dma.h>), kctl->tlv.p to
 * rg_kctl's anonymous union (typed, but with no struct name), none to
 * struct rg_desc's bitfields of the same names.  The layout says which
 * struct each base has, so none is a write of rg_desc; the descriptor's
 * own writer (rg_set_desc, the only one) races with nothing.
 */
#include <rg_dma.h>	/* on the compiler's path, not spatch's: the bases go untyped */
#include "desc.h"
#include "rg_ctl.h"

struct rg_ops {
	long (*ioctl)(struct rg_dma_buffer *dmab, unsigned int cmd);
	long (*write)(struct rg_desc *d, unsigned int cmd);
	long (*put)(struct rg_kctl *kctl, unsigned int cmd);
};

static long rg_alloc(struct rg_dma_buffer *dmab, unsigned int cmd)
{
	dmab->dev.type = cmd;
	dmab->tlv.p = NULL;
	return 0;
}

static long rg_ctl_put(struct rg_kctl *kctl, unsigned int cmd)
{
	kctl->tlv.p = NULL;
	return 0;
}

static long rg_set_desc(struct rg_desc *d, unsigned int cmd)
{
	d->type = cmd;
	rg_load_desc(d);
	return 0;
}

const struct rg_ops rg_snd_ops = {
	.ioctl = rg_alloc,
	.write = rg_set_desc,
	.put = rg_ctl_put,
};
