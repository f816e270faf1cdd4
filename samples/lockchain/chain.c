// SPDX-License-Identifier: GPL-2.0
/*
 * A lock reached through a pointer member (the mlx5 vfio shape): the
 * migration file's write takes &migf->dev->state_mutex, the event handler
 * &dev->state_mutex.  Both name struct lc_dev's state_mutex, so detached
 * and resumed, one memory location, are serialized by one lock.
 *
 * armed, of the same location, is set by lc_arm under arm_lock, a lock
 * of another struct reached the same way, and so races with both.
 */
#include "../include/kshim.h"

struct lc_dev {
	struct mutex		state_mutex;
	unsigned int		detached:1;
	unsigned int		resumed:1;
	unsigned int		armed:1;
};

struct lc_arm {
	struct mutex		state_mutex;
	struct lc_dev		*dev;
};

struct lc_file {
	struct lc_dev		*dev;
	struct lc_arm		*arm;
	int			fd;
};

static int lc_resume_write(struct lc_file *migf)
{
	mutex_lock(&migf->dev->state_mutex);
	migf->dev->resumed = 1;
	mutex_unlock(&migf->dev->state_mutex);
	return 0;
}

static int lc_event(struct lc_dev *dev)
{
	mutex_lock(&dev->state_mutex);
	dev->detached = 1;
	mutex_unlock(&dev->state_mutex);
	return 0;
}

static int lc_arm(struct lc_file *migf)
{
	mutex_lock(&migf->arm->state_mutex);
	migf->arm->dev->armed = 1;
	mutex_unlock(&migf->arm->state_mutex);
	return 0;
}

struct lc_ops {
	int (*write)(struct lc_file *migf);
	int (*notifier_call)(struct lc_dev *dev);
	int (*ioctl)(struct lc_file *migf);
};

const struct lc_ops lc_ops = {
	.write		= lc_resume_write,
	.notifier_call	= lc_event,
	.ioctl		= lc_arm,
};
