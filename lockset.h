/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_LOCKSET_H
#define BITSPLIT_LOCKSET_H

#include <stdbool.h>

#include "facts.h"

/*
 * A set of held locks, by id.  Members are copies of struct fact_lock whose
 * id and how point into the facts (or are string literals).
 */
struct lockset {
	struct fact_lock *v;
	int nr, alloc;
};

struct fact_lock *lockset_find(const struct fact_lock *v, int nr, const char *id);
/*
 * Add l to (v, nr), with how instead of l->how when how is not NULL; a lock
 * already there keeps its first how but takes the stronger mode.
 */
void locks_add(struct fact_lock **v, int *nr, int *alloc, const struct fact_lock *l,
	       const char *how);
void lockset_add(struct lockset *s, const struct fact_lock *l, const char *how);
/* s = s ∩ t; a lock shared on one side and exclusive on the other is shared. */
void lockset_intersect(struct lockset *s, const struct lockset *t);
/* How many of s's locks s ∩ t drops or weakens to shared. */
int lockset_lost(const struct lockset *s, const struct lockset *t);
/* The same lock ids, each in the same mode, in any order. */
bool locks_equal(const struct fact_lock *a, int na, const struct fact_lock *b, int nb);
bool lockset_equal(const struct lockset *a, const struct lockset *b);
/* The first lock of a's that b holds too and that excludes the other (not two readers). */
const struct fact_lock *locks_excluding(const struct fact_lock *a, int na,
					const struct fact_lock *b, int nb);

#endif
