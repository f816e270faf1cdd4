// SPDX-License-Identifier: GPL-2.0
/*
 * Lock wrappers the analysed code defines (the vfio-pci and mlx5 shapes),
 * learned by the lock summaries.  All flags of struct lw_dev share one
 * memory location.
 *
 * Wrappers:
 *   lw_zap_and_down_write_memory_lock()  takes memory_lock and returns
 *                                        holding it
 *   lw_lock_all()                        a wrapper of that wrapper
 *   lw_memory_lock_and_enable()          takes memory_lock
 *   lw_memory_unlock_and_restore()       releases memory_lock
 *   lw_state_unlock()                    releases state_mutex, after a
 *                                        deferred-reset loop under reset_lock
 *   lw_state_trylock()                   mutex_trylock(state_mutex)
 * Not a wrapper: lw_reset(), which takes memory_lock through a wrapper and
 *   releases it itself (balanced).
 *
 * Run time (all .ioctl-style ops of lw_ops):
 *   engaged = 1   lw_pm_entry, memory_lock via lw_zap_and_down_write_memory_lock()
 *   engaged = 0   lw_pm_exit, memory_lock via lw_lock_all()
 *   armed = 1     lw_enable_msi, memory_lock via lw_memory_lock_and_enable()
 *   restored = 1  lw_enable_msi after lw_memory_unlock_and_restore(): no lock
 *   tracking = 1  lw_track, state_mutex via lw_state_trylock() (success path)
 *   tracking = 0  lw_untrack, state_mutex (taken here)
 *   deferred = 0  lw_state_unlock, reset_lock (taken here); its callers hold
 *                 state_mutex
 *   deferred = 1  lw_reset_done, reset_lock (taken here)
 *   zapped = 1    lw_reset, memory_lock via lw_zap_and_down_write_memory_lock();
 *   zapped = 0    lw_reset after up_write(): no lock
 */
#include "locks.h"

void lw_zap_bars(struct lw_dev *d);
void lw_disable_fds(struct lw_dev *d);

void lw_zap_and_down_write_memory_lock(struct lw_dev *d)
{
	down_write(&d->memory_lock);
	lw_zap_bars(d);
}

static void lw_lock_all(struct lw_dev *d)
{
	lw_zap_and_down_write_memory_lock(d);
}

u16 lw_memory_lock_and_enable(struct lw_dev *d)
{
	down_write(&d->memory_lock);
	return d->cmd;
}

void lw_memory_unlock_and_restore(struct lw_dev *d, u16 cmd)
{
	d->cmd = cmd;
	up_write(&d->memory_lock);
}

static void lw_state_unlock(struct lw_dev *d)
{
again:
	spin_lock(&d->reset_lock);
	if (d->deferred) {
		d->deferred = false;
		spin_unlock(&d->reset_lock);
		lw_disable_fds(d);
		goto again;
	}
	mutex_unlock(&d->state_mutex);
	spin_unlock(&d->reset_lock);
}

static bool lw_state_trylock(struct lw_dev *d)
{
	return mutex_trylock(&d->state_mutex);
}

static int lw_pm_entry(struct lw_dev *d)
{
	lw_zap_and_down_write_memory_lock(d);
	if (d->engaged) {
		up_write(&d->memory_lock);
		return -1;
	}
	d->engaged = true;
	up_write(&d->memory_lock);
	return 0;
}

static int lw_pm_exit(struct lw_dev *d)
{
	lw_lock_all(d);
	d->engaged = false;
	up_write(&d->memory_lock);
	return 0;
}

static int lw_enable_msi(struct lw_dev *d)
{
	u16 cmd = lw_memory_lock_and_enable(d);

	d->armed = true;
	lw_memory_unlock_and_restore(d, cmd);
	d->restored = true;
	return 0;
}

static int lw_track(struct lw_dev *d)
{
	if (!lw_state_trylock(d))
		return -1;
	d->tracking = true;
	lw_state_unlock(d);
	return 0;
}

static int lw_untrack(struct lw_dev *d)
{
	mutex_lock(&d->state_mutex);
	d->tracking = false;
	lw_state_unlock(d);
	return 0;
}

static int lw_reset_done(struct lw_dev *d)
{
	spin_lock(&d->reset_lock);
	d->deferred = true;
	spin_unlock(&d->reset_lock);
	return 0;
}

static int lw_reset(struct lw_dev *d)
{
	lw_zap_and_down_write_memory_lock(d);
	d->zapped = true;
	up_write(&d->memory_lock);
	d->zapped = false;
	return 0;
}

struct lw_ops {
	int (*ioctl)(struct lw_dev *d);
	int (*unlocked_ioctl)(struct lw_dev *d);
	int (*compat_ioctl)(struct lw_dev *d);
	int (*read)(struct lw_dev *d);
	int (*write)(struct lw_dev *d);
	int (*poll)(struct lw_dev *d);
	int (*reset_done)(struct lw_dev *d);
	int (*mmap)(struct lw_dev *d);
};

const struct lw_ops lw_ops = {
	.ioctl		= lw_pm_entry,
	.unlocked_ioctl	= lw_pm_exit,
	.compat_ioctl	= lw_enable_msi,
	.read		= lw_track,
	.write		= lw_untrack,
	.reset_done	= lw_reset_done,
	.mmap		= lw_reset,
};
