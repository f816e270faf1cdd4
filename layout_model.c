// SPDX-License-Identifier: GPL-2.0
/*
 * The model derived from what pahole printed: alignment, holes and, above
 * all, C11 memory locations (C11 3.14): each maximal run of adjacent
 * non-zero-width bitfields at one nesting level is one location, even
 * when the ABI spreads it over several storage units.  A ":0", any
 * non-bitfield member or the edge of a nested struct ends a run.
 *
 * DWARF and BTF do not record ":0", so the boundaries between runs are
 * read from the offsets under the x86-64 SysV rules (a bitfield goes at
 * the next free bit unless it would straddle a unit of its declared type,
 * then at the start of the next unit):
 *   - next bitfield right after the previous one: same run;
 *   - a gap inside the next field's unit: an unnamed ":N" padding
 *     bitfield, same run (inferred if the gap ends on a byte, where a
 *     "u8 :0" would leave the same trace);
 *   - a gap to a later unit although the field would have fitted: a
 *     source ":0" (pahole prints one), new run;
 *   - the field did not fit and starts the very next unit: the ABI, not
 *     the source, moved it; pahole still prints a ":0" but the run goes on
 *     and the location is marked inferred for the facts stage to confirm.
 */
#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "layout.h"
#include "util.h"

#define MAX_LEVELS 66

struct level {
	int agg;			/* member index of the aggregate, -1: the struct */
	bool is_union;
	unsigned long long begin, end;	/* bits: start, end of the furthest member */
	unsigned int align;
	int loc;			/* location being extended, or -1 */
	int loc_alloc;
	int last_bf;			/* last bitfield of that location */
	int zero;			/* a ":0" just seen: holes go before it */
};

static unsigned int lowbit(unsigned long long n)
{
	return n ? (unsigned int)(n & -n) : 0;
}

static unsigned long long member_end(const struct bs_member *m)
{
	return m->bit_offset + (m->bit_size ? m->bit_size : (unsigned long long)m->size * 8);
}

/* Number of elements "[2][3]" describes; 0 for a flexible "[]". */
static unsigned long long nr_elements(const char *dims)
{
	unsigned long long n = 1;

	for (const char *p = dims; p && *p; p++) {
		if (*p != '[')
			continue;
		if (p[1] == ']')
			return 0;
		n *= strtoull(p + 1, NULL, 0);
	}
	return n;
}

/*
 * pahole does not print member alignment: infer it from the element size
 * (a power of two up to 8, or 16 for the 128-bit scalars: a struct or a
 * typedef of one says nothing by its size) and from where the member sits.
 */
static unsigned int member_align(const struct bs_member *m)
{
	unsigned long long n = m->dims ? nr_elements(m->dims) : 1;
	unsigned long long elem = n ? m->size / n : 0;
	bool wide = strstr(m->type, "128") || strstr(m->type, "long double");
	unsigned int a;

	if (strchr(m->type, '*') && !m->dims)
		return 8;
	a = lowbit(elem);
	if (!a)
		a = 1;
	if (a > (wide ? 16u : 8u))
		a = wide ? 16 : 8;
	if (m->offset && lowbit(m->offset) < a)
		a = lowbit(m->offset);
	return a;
}

static void add_hole(struct bs_struct *s, unsigned long long at,
		     unsigned long long bits, int before, int parent)
{
	struct bs_hole *h;

	ALLOC_GROW(s->holes, s->nr_holes + 1, s->alloc_holes);
	h = &s->holes[s->nr_holes++];
	h->bit_offset = at;
	h->bits = (unsigned int)bits;
	h->before = before;
	h->parent = parent;
}

/* Does bitfield next continue prev's memory location?  See the top. */
static bool same_run(const struct bs_member *prev, const struct bs_member *next,
		     bool *inferred)
{
	unsigned long long p = prev->bit_offset + prev->bit_size;
	unsigned long long n = next->bit_offset;
	unsigned long long unit = (unsigned long long)(next->size ? next->size : 1) * 8;

	if (n == p)
		return true;
	if (n < p)
		return false;
	if (p / unit == n / unit) {
		if (n % 8 == 0)
			*inferred = true;
		return true;
	}
	if (p / unit == (p + next->bit_size - 1) / unit)
		return false;
	if (n == (p + unit - 1) / unit * unit) {
		*inferred = true;
		return true;
	}
	return false;
}

static void end_run(struct bs_struct *s, struct level *lv)
{
	struct bs_location *loc;

	if (lv->loc < 0)
		return;
	loc = &s->locations[lv->loc];
	loc->byte_begin = (unsigned int)(loc->bit_begin / 8);
	loc->byte_end = (unsigned int)((loc->bit_end + 7) / 8);
	loc->nr_units = 0;
	for (int i = 0; i < loc->nr_fields; i++) {
		const struct bs_member *m = &s->members[loc->fields[i]];
		bool seen = false;

		for (int j = 0; j < i && !seen; j++) {
			const struct bs_member *o = &s->members[loc->fields[j]];

			seen = o->offset == m->offset && o->size == m->size;
		}
		loc->nr_units += !seen;
	}
	lv->loc = -1;
}

static void add_to_run(struct bs_struct *s, struct level *lv, int i)
{
	const struct bs_member *m = &s->members[i];
	struct bs_location *loc;
	bool inferred = false;

	if (lv->loc >= 0 && (lv->is_union ||
			     !same_run(&s->members[lv->last_bf], m, &inferred)))
		end_run(s, lv);
	if (lv->loc < 0) {
		ALLOC_GROW(s->locations, s->nr_locations + 1, s->alloc_locations);
		lv->loc = s->nr_locations++;
		lv->loc_alloc = 0;
		loc = &s->locations[lv->loc];
		memset(loc, 0, sizeof(*loc));
		loc->bit_begin = m->bit_offset;
	}
	loc = &s->locations[lv->loc];
	ALLOC_GROW(loc->fields, loc->nr_fields + 1, lv->loc_alloc);
	loc->fields[loc->nr_fields++] = i;
	loc->inferred |= inferred;
	if (m->bit_offset + m->bit_size > loc->bit_end)
		loc->bit_end = m->bit_offset + m->bit_size;
	lv->last_bf = i;
}

/* A ":0" has no offset comment: it sits where the next sibling starts. */
static void place_zero_width(struct bs_struct *s, int i)
{
	struct bs_member *m = &s->members[i];

	for (int j = i + 1; j < s->nr_members && s->members[j].depth >= m->depth; j++) {
		if (s->members[j].depth != m->depth)
			continue;
		m->offset = (unsigned int)(s->members[j].bit_offset / 8);
		m->bit_offset = (unsigned long long)m->offset * 8;
		return;
	}
}

static void close_level(struct bs_struct *s, struct level *lvs, int *nr)
{
	struct level *lv = &lvs[--*nr];
	unsigned long long size;

	end_run(s, lv);
	if (lv->agg < 0) {
		if (lv->align < 1)
			lv->align = 1;
		if (s->packed)
			lv->align = 1;
		if (s->aligned_attr > lv->align)
			lv->align = s->aligned_attr;
		/* a top-level union prints no "size:" line */
		if (!s->size && lv->end)
			s->size = (unsigned int)((lv->end / 8 + (lv->end % 8 != 0) +
						 lv->align - 1) / lv->align * lv->align);
		if (s->size && lowbit(s->size) < lv->align)
			lv->align = lowbit(s->size);
		s->align = lv->align;
		if (!s->cachelines)
			s->cachelines = (s->size + 63) / 64;
		size = s->size;
	} else {
		const struct bs_member *agg = &s->members[lv->agg];
		unsigned long long n = agg->dims ? nr_elements(agg->dims) : 1;

		/* -E expands an array of structs once: the element's size */
		size = n ? agg->size / n : 0;
		if (*nr && lv->align > lvs[*nr - 1].align)
			lvs[*nr - 1].align = lv->align;
	}
	if (!lv->is_union && lv->begin + size * 8 > lv->end)
		add_hole(s, lv->end, lv->begin + size * 8 - lv->end, -1, lv->agg);
}

void layout_compute(struct bs_struct *s)
{
	struct level lvs[MAX_LEVELS];
	int nr = 1;

	for (int i = 0; i < s->nr_locations; i++)
		free(s->locations[i].fields);
	s->nr_holes = s->nr_locations = 0;
	memset(lvs, 0, sizeof(lvs[0]));
	lvs[0].agg = -1;
	lvs[0].is_union = s->is_union;
	lvs[0].loc = -1;
	lvs[0].zero = -1;

	for (int i = 0; i < s->nr_members; i++) {
		struct bs_member *m = &s->members[i];
		struct level *lv;
		unsigned long long end;

		while (nr > m->depth + 1)
			close_level(s, lvs, &nr);
		if (m->depth >= nr)	/* only a hand-built model can get here */
			continue;
		lv = &lvs[m->depth];
		if (m->is_zero_width) {
			place_zero_width(s, i);
			lv->zero = i;
			continue;
		}
		if (m->bit_size)
			add_to_run(s, lv, i);
		else
			end_run(s, lv);
		if (!lv->is_union && m->bit_offset > lv->end)
			add_hole(s, lv->end, m->bit_offset - lv->end,
				 lv->zero >= 0 ? lv->zero : i, lv->agg);
		lv->zero = -1;
		end = member_end(m);
		if (end > lv->end)
			lv->end = end;
		if (!m->is_nested) {
			unsigned int a = m->bit_size ? lowbit(m->size) : member_align(m);

			if (a > lv->align)
				lv->align = a;
			continue;
		}
		if (nr == MAX_LEVELS)
			continue;
		lv = &lvs[nr++];
		memset(lv, 0, sizeof(*lv));
		lv->agg = i;
		lv->is_union = m->is_union;
		lv->begin = lv->end = m->bit_offset;
		lv->loc = -1;
		lv->zero = -1;
	}
	while (nr)
		close_level(s, lvs, &nr);
}

struct bs_struct *layout_find(struct bs_layout *l, const char *name)
{
	for (int i = 0; i < l->nr_structs; i++)
		if (!strcmp(l->structs[i].name, name))
			return &l->structs[i];
	return NULL;
}

struct bs_struct *layout_find_in(struct bs_layout *l, const char *name, const char *file)
{
	struct bs_struct *shared = NULL;

	for (int i = 0; i < l->nr_structs; i++) {
		struct bs_struct *s = &l->structs[i];

		if (strcmp(s->name, name))
			continue;
		if (!s->scope && !shared)
			shared = s;
		else if (s->scope && file && !strcmp(s->scope, file))
			return s;
	}
	return shared;
}

bool layout_sees(const struct bs_layout *l, const struct bs_struct *s, const char *name,
		 const char *file)
{
	return !strcmp(s->name, name) &&
	       (!l || layout_find_in((struct bs_layout *)l, name, file) == s);
}

struct bs_location *layout_location_of(struct bs_struct *s, int m)
{
	for (int i = 0; i < s->nr_locations; i++)
		for (int j = 0; j < s->locations[i].nr_fields; j++)
			if (s->locations[i].fields[j] == m)
				return &s->locations[i];
	return NULL;
}

/*
 * The pool hands out memory in chunks mapped with MAP_POPULATE, so one
 * system call faults a chunk in instead of a page fault per page.  Chunks
 * double from 16 KB to 1 MB: one object's structs stay small, a vmlinux
 * dump (some 10 MB of model) takes a dozen chunks.
 */
#define POOL_FIRST (16u << 10)
#define POOL_LAST (1u << 20)

struct bs_pool {
	struct bs_pool *next;
	size_t used, size;
	char data[];
};

void *layout_alloc(struct bs_layout *l, size_t n)
{
	struct bs_pool *p = l->pool;
	size_t used = p ? (p->used + 7) & ~(size_t)7 : 0;
	void *r;

	if (!p || p->size - used < n) {
		size_t size = p && p->size + sizeof(*p) < POOL_LAST ?
			      2 * (p->size + sizeof(*p)) : p ? POOL_LAST : POOL_FIRST;

		if (n > size - sizeof(*p))
			size = n + sizeof(*p);

		p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (p == MAP_FAILED)
			die("out of memory allocating %zu bytes", size);
		p->next = l->pool;
		p->size = size - sizeof(*p);
		l->pool = p;
		used = 0;
	}
	r = p->data + used;
	p->used = used + n;
	return r;
}

char *layout_strndup(struct bs_layout *l, const char *s, size_t n)
{
	char *r = layout_alloc(l, n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *layout_strdup(struct bs_layout *l, const char *s)
{
	return s ? layout_strndup(l, s, strlen(s)) : NULL;
}

void layout_release_struct(struct bs_struct *s)
{
	for (int i = 0; i < s->nr_locations; i++)
		free(s->locations[i].fields);
	free(s->holes);
	free(s->locations);
	memset(s, 0, sizeof(*s));
}

void layout_release(struct bs_layout *l)
{
	for (int i = 0; i < l->nr_structs; i++)
		layout_release_struct(&l->structs[i]);
	free(l->structs);
	while (l->pool) {
		struct bs_pool *next = l->pool->next;

		munmap(l->pool, l->pool->size + sizeof(*l->pool));
		l->pool = next;
	}
	memset(l, 0, sizeof(*l));
}
