/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A known ranking for "bitsplit sweep".  The writers are in rank.c; the
 * roots are ops members: .ioctl, .read and .write run at run time, .probe
 * at setup.  Expected, strongest evidence first:
 *
 *   1. rk_nolock.a, .b: a by rk_ioctl() (ioctl) and b by rk_read() (read),
 *      neither holding a lock: a race with no lock at all, two roots.
 *   2. rk_onelock.c, .d: c by rk_ioctl() under rk_dev.lock, d by
 *      rk_write() (write) holding nothing: a race, but one writer is
 *      locked, so it ranks below rk_nolock.
 *   not ranked, counted serialized: rk_locked.e, .f, both written under
 *      rk_dev.lock, by rk_ioctl() and rk_write().
 *   apart (uapi/rk_uapi.h is ABI): rk_uapi_req.done, .error, by rk_ioctl()
 *      and rk_read() with no lock: a race, but never ranked.
 */
#ifndef RANK_H
#define RANK_H

#include "../include/kshim.h"

struct rk_nolock {
	unsigned int a:1;
	unsigned int b:1;
	int count;
};

struct rk_onelock {
	unsigned int c:1;
	unsigned int d:1;
	int count;
};

struct rk_locked {
	unsigned int e:1;
	unsigned int f:1;
	int count;
};

struct rk_dev {
	struct mutex lock;
	struct rk_nolock *nl;
	struct rk_onelock *ol;
	struct rk_locked *lk;
	struct rk_uapi_req *req;
};

#endif
