/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_TEST_MODEL_H
#define BITSPLIT_TEST_MODEL_H

/* Hand-built layouts for the planner and editor tests, as pahole prints them. */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "util.h"

struct m {
	const char *type, *name, *dims;
	unsigned int offset, unit_bit, bit_size, size;
};

static inline void build(struct bs_struct *s, const char *name, unsigned int size,
		  const struct m *ms, int n)
{
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->size = size;
	for (int i = 0; i < n; i++) {
		struct bs_member *bm;

		ALLOC_GROW(s->members, s->nr_members + 1, s->alloc_members);
		bm = &s->members[s->nr_members++];
		memset(bm, 0, sizeof(*bm));
		bm->type = xstrdup(ms[i].type);
		bm->name = xstrdup(ms[i].name);
		bm->dims = ms[i].dims ? xstrdup(ms[i].dims) : NULL;
		bm->offset = ms[i].offset;
		bm->unit_bit = ms[i].unit_bit;
		bm->bit_size = ms[i].bit_size;
		bm->size = ms[i].size;
		bm->bit_offset = ms[i].offset * 8ULL + ms[i].unit_bit;
		bm->parent = -1;
	}
}

static inline void release(struct bs_struct *s)
{
	for (int i = 0; i < s->nr_members; i++) {
		free(s->members[i].type);
		free(s->members[i].name);
		free(s->members[i].dims);
	}
	free(s->members);
	free(s->name);
}

#endif
