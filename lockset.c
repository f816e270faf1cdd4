// SPDX-License-Identifier: GPL-2.0
/*
 * Sets of held locks: what a writer holds, what the callers on a path to a
 * function hold, and whether two holders exclude each other.
 */
#include "lockset.h"

#include <string.h>

#include "util.h"

struct fact_lock *lockset_find(const struct fact_lock *v, int nr, const char *id)
{
	for (int i = 0; i < nr; i++)
		if (!strcmp(v[i].id, id))
			return (struct fact_lock *)&v[i];
	return NULL;
}

/*
 * Add l to (v, nr); a lock already there keeps its first "how" (the writer's
 * own knowledge beats what a caller holds) but takes the stronger mode.
 */
void locks_add(struct fact_lock **v, int *nr, int *alloc,
	       const struct fact_lock *l, const char *how)
{
	struct fact_lock *old = lockset_find(*v, *nr, l->id);

	if (old) {
		if (l->mode == LOCK_EXCLUSIVE)
			old->mode = LOCK_EXCLUSIVE;
		return;
	}
	ALLOC_GROW(*v, *nr + 1, *alloc);
	(*v)[*nr] = *l;
	if (how)
		(*v)[*nr].how = (char *)how;
	(*nr)++;
}

void lockset_add(struct lockset *s, const struct fact_lock *l, const char *how)
{
	locks_add(&s->v, &s->nr, &s->alloc, l, how);
}

/* s = s ∩ t; a lock held shared on one path and exclusive on the other is shared. */
void lockset_intersect(struct lockset *s, const struct lockset *t)
{
	int n = 0;

	for (int i = 0; i < s->nr; i++) {
		const struct fact_lock *o = lockset_find(t->v, t->nr, s->v[i].id);

		if (!o)
			continue;
		s->v[n] = s->v[i];
		if (o->mode == LOCK_SHARED)
			s->v[n].mode = LOCK_SHARED;
		n++;
	}
	s->nr = n;
}

int lockset_lost(const struct lockset *s, const struct lockset *t)
{
	int lost = 0;

	for (int i = 0; i < s->nr; i++) {
		const struct fact_lock *o = lockset_find(t->v, t->nr, s->v[i].id);

		lost += !o || (o->mode == LOCK_SHARED && s->v[i].mode != LOCK_SHARED);
	}
	return lost;
}

bool locks_equal(const struct fact_lock *a, int na, const struct fact_lock *b, int nb)
{
	if (na != nb)
		return false;
	for (int i = 0; i < na; i++) {
		const struct fact_lock *o = lockset_find(b, nb, a[i].id);

		if (!o || o->mode != a[i].mode)
			return false;
	}
	return true;
}

bool lockset_equal(const struct lockset *a, const struct lockset *b)
{
	return locks_equal(a->v, a->nr, b->v, b->nr);
}

const struct fact_lock *locks_excluding(const struct fact_lock *a, int na,
					const struct fact_lock *b, int nb)
{
	for (int i = 0; i < na; i++) {
		const struct fact_lock *o = lockset_find(b, nb, a[i].id);

		if (o && (o->mode == LOCK_EXCLUSIVE || a[i].mode == LOCK_EXCLUSIVE))
			return &a[i];
	}
	return NULL;
}
