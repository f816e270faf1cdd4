// SPDX-License-Identifier: GPL-2.0
/*
 * Scope-based cleanup (include/linux/cleanup.h): an ioctl builds a request
 * in an object it frees when the scope ends, "struct creq *r __free(kfree)
 * = kzalloc(...)", as sound/core's snd_pcm_hw_refine_user() does with the
 * parameters it copies in with memdup_user().
 *
 * struct creq packs four flags in one memory location:
 *   urgent = 1   creq_ioctl(), on its own request: private
 *   checked = 1  creq_ioctl() again, the next store to that request: private
 *                too (a rule that stops at the first store after the
 *                allocation sees only urgent)
 *   sized = 1    creq_fill(), called with that request: private
 *   done = 1     creq_complete(), on the device's current request, no lock
 * Only done is written on a shared object: nothing races, proven-race
 * moves nothing and setup-only moves done alone.
 */
#include <stdlib.h>

/* What cleanup.h's __free() does, for gcc; spatch reads it as an attribute. */
#define __free(f)	__attribute__((cleanup(kfree_p)))
#define kzalloc(n, g)	calloc(1, n)
#define GFP_KERNEL	0

struct creq {
	int		len;
	unsigned int	urgent:1;
	unsigned int	checked:1;
	unsigned int	sized:1;
	unsigned int	done:1;
};

struct cdev {
	struct creq	*cur;
};

struct cdev_ops {
	long (*ioctl)(struct cdev *d, unsigned int cmd);
	void (*complete)(struct cdev *d);
};

static void kfree_p(void *p)
{
	free(*(void **)p);
}

static void creq_fill(struct creq *r, unsigned int cmd)
{
	r->len = (int)cmd;
	r->sized = 1;
}

static long creq_ioctl(struct cdev *d, unsigned int cmd)
{
	struct creq *r __free(kfree) = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return -1;
	r->urgent = 1;
	r->checked = 1;
	creq_fill(r, cmd);
	return r->len;
}

static void creq_complete(struct cdev *d)
{
	d->cur->done = 1;
}

const struct cdev_ops creq_ops = {
	.ioctl		= creq_ioctl,
	.complete	= creq_complete,
};
