// SPDX-License-Identifier: GPL-2.0
/*
 * Entry points behind initializer macros and address-taken functions.
 *
 *   writer              context                                  lock
 *   fr_runtime_suspend  runtime_suspend (SET_RUNTIME_PM_OPS,     -
 *                       fallback list)
 *   fr_runtime_resume   runtime_resume (same)                    -
 *   fr_suspend          suspend (SET_SYSTEM_SLEEP_PM_OPS)        -
 *   fr_state_show       show (FR_ATTR_RO, learned from roots.h)  -
 *   fr_frob             run time, KIND frob (an unlisted field)  -
 *   fr_cb               run time, address-taken (handed to       -
 *                       fr_core_register(), outside the files)
 *   fr_walk             called by pci_walk_bus() (sync) from     fr_dev.lock
 *                       fr_frob
 *   fr_visit            called by fr_for_each() (ours) from      fr_dev.lock
 *                       fr_frob
 *   fr_pick_a           called through a local pointer by        -
 *                       fr_frob
 *   fr_helper           called from the right-hand side of a     -
 *                       field write in fr_probe
 *   fr_exported         EXPORT_SYMBOL_GPL() alone: no root;      -
 *                       called by fr_probe (setup)
 * fr_probe is the setup root (.probe).
 */
#include "roots.h"
#include "roots-attr.h"

static int fr_runtime_suspend(void *dev)
{
	struct fr_dev *d = dev;

	d->pm_off = 1;
	return 0;
}

static int fr_runtime_resume(void *dev)
{
	struct fr_dev *d = dev;

	d->pm_on = 1;
	return 0;
}

static int fr_suspend(void *dev)
{
	struct fr_dev *d = dev;

	d->sleeping = 1;
	return 0;
}

const struct dev_pm_ops fr_pm_ops = {
	SET_SYSTEM_SLEEP_PM_OPS(fr_suspend, NULL)
	SET_RUNTIME_PM_OPS(fr_runtime_suspend,
			   fr_runtime_resume, NULL)
};

static int fr_state_show(struct fr_dev *d, char *buf)
{
	d->shown = 1;
	return 0;
}
static struct fr_attr fr_state_attr = { FR_ATTR_RO(fr_state) };

static int fr_cb(struct fr_dev *d)
{
	d->cb_seen = 1;
	return 0;
}

static int fr_walk(struct fr_dev *d, void *data)
{
	d->walked = 1;
	return 0;
}

static int fr_visit(struct fr_dev *d)
{
	d->visited = 1;
	return 0;
}

static void fr_for_each(struct fr_dev *d, int (*fn)(struct fr_dev *d))
{
	fn(d);
}

static int fr_pick_a(struct fr_dev *d)
{
	d->picked = 1;
	return 0;
}

static int fr_frob(struct fr_dev *d)
{
	int (*fn)(struct fr_dev *d);

	d->frobbed = 1;
	mutex_lock(&d->lock);
	pci_walk_bus(NULL, fr_walk, NULL);
	fr_for_each(d, fr_visit);
	mutex_unlock(&d->lock);
	fn = fr_pick_a;
	return fn(d);
}

static int fr_helper(struct fr_dev *d)
{
	return d->count > 0;
}

int fr_exported(struct fr_dev *d)
{
	d->exported = 1;
	return 0;
}
EXPORT_SYMBOL_GPL(fr_exported);

static int fr_probe(struct fr_dev *d)
{
	d->helped = fr_helper(d);
	fr_core_register(fr_cb);
	return fr_exported(d);
}

const struct fr_ops fr_ops = {
	.probe = fr_probe,
	.frob = fr_frob,
};
