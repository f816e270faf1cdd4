// SPDX-License-Identifier: GPL-2.0
/*
 * Writers, their context and lock:
 *
 *   busy         vdrv_set_busy(), from probe (setup, no lock) and from
 *                ioctl (run time, dev->lock held by the caller)
 *   dirty        vdrv_write() (run time, dev->lock)
 *   needs_reset  vdrv_close() (teardown), and vdrv_try_reset() on every
 *                device of the set, after a test that no other device of
 *                the set is open (teardown, not run time)
 *   stale        vdrv_mark_stale() in vdrv.h, which nothing calls
 *   struct vdrv_req: urgent, retried, queued only on objects private to
 *                one call: kzalloc()ed in vdrv_ioctl() and filled by
 *                vdrv_fill_req() / vdrv_retry() before vdrv_submit(), or
 *                on vdrv_write()'s stack.
 *
 * So nothing races: busy's only run-time path holds dev->lock, as dirty's
 * writer does.  Intersected over all callers, busy "held no lock".
 */
#include "vdrv.h"

static void vdrv_set_busy(struct vdrv_dev *dev)
{
	dev->busy = 1;
}

static void vdrv_retry(struct vdrv_req *req, int again)
{
	req->retried = again;
}

static void vdrv_fill_req(struct vdrv_req *req, int len, int urgent)
{
	req->urgent = urgent;
	req->len = len;
	vdrv_retry(req, 0);
}

static bool vdrv_set_needs_reset(struct vdrv_set *set)
{
	/* No other device of the set may be open. */
	if (set->open_count > 1)
		return false;
	return true;
}

static void vdrv_try_reset(struct vdrv_set *set)
{
	struct vdrv_dev *cur;

	if (!vdrv_set_needs_reset(set))
		return;
	list_for_each_entry(cur, &set->devices, node)
		cur->needs_reset = 0;
}

static int vdrv_probe(struct vdrv_dev *dev)
{
	vdrv_set_busy(dev);
	return 0;
}

static void vdrv_close(struct vdrv_dev *dev)
{
	dev->needs_reset = 1;
	mutex_lock(&dev->set->lock);
	vdrv_try_reset(dev->set);
	mutex_unlock(&dev->set->lock);
}

static long vdrv_ioctl(struct vdrv_dev *dev, unsigned int cmd)
{
	struct vdrv_req *req;

	req = kzalloc(sizeof(*req), 0);
	if (!req)
		return -1;
	req->queued = 1;
	vdrv_fill_req(req, (int)cmd, 1);
	vdrv_submit(req);
	kfree(req);
	mutex_lock(&dev->lock);
	vdrv_set_busy(dev);
	mutex_unlock(&dev->lock);
	return 0;
}

static long vdrv_write(struct vdrv_dev *dev, int len)
{
	struct vdrv_req req;

	vdrv_fill_req(&req, len, 0);
	vdrv_submit(&req);
	mutex_lock(&dev->lock);
	dev->dirty = 1;
	mutex_unlock(&dev->lock);
	return len;
}

const struct vdrv_ops vdrv_ops = {
	.probe = vdrv_probe,
	.close_device = vdrv_close,
	.ioctl = vdrv_ioctl,
	.write = vdrv_write,
};
