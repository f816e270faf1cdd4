// SPDX-License-Identifier: GPL-2.0
/*
 * Which calls get a lock analysis: those on a way to a write of a
 * candidate field.  rg_poll() holds rg->lock around three calls.
 * rg_count_stats() writes no bitfield, so the facts do not analyse the
 * lock at its call ("-").  rg_kick_all() reaches rg_kick() only through
 * the ops field .kick that an initializer macro fills, and RG_NOTE() is a
 * macro calling rg_note_set(): both calls keep the lock, so kicked and
 * noted, written under it on every path, race with nothing.  armed is
 * written by rg_arm() under no lock and races with both.
 */
#include "ring.h"

static void rg_count_stats(struct ring *rg)
{
	rg->nr_polls++;
}

static void rg_kick(struct ring *rg)
{
	rg->kicked = 1;
}

static const struct ring_ops rg_ops = RING_OPS(rg_kick);

static void rg_kick_all(struct ring *rg)
{
	rg->ops->kick(rg);
}

static void rg_note_set(struct ring *rg)
{
	rg->noted = 1;
}

#define RG_NOTE(rg) rg_note_set(rg)

void rg_poll(struct ring *rg)
{
	spin_lock(&rg->lock);
	rg_count_stats(rg);
	rg_kick_all(rg);
	RG_NOTE(rg);
	spin_unlock(&rg->lock);
}

void rg_arm(struct ring *rg)
{
	rg->ops = &rg_ops;
	rg->armed = 1;
}
