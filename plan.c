// SPDX-License-Identifier: GPL-2.0
/*
 * The planner.  The layout is recomputed here with the x86-64 System V
 * rules rather than asked of pahole --reorganize, which has not moved a
 * bitfield since 2019 and prints stale offsets when it tries.  Before any
 * member moves, the original order is laid out again and must reproduce
 * every offset pahole printed: an alignment guessed wrong shows up there,
 * not in the patch.
 */
#include "plan.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long round_up(unsigned long long v, unsigned long long a)
{
	return a ? (v + a - 1) / a * a : v;
}

static unsigned int pow2_divisor(unsigned long long v, unsigned int cap)
{
	unsigned int a = 1;

	if (!v)
		return cap;
	while (a < cap && !(v % (a * 2)))
		a *= 2;
	return a;
}

static const struct {
	const char *name;
	unsigned int align;
} base_types[] = {
	{ "_Bool", 1 }, { "bool", 1 }, { "char", 1 }, { "signed char", 1 },
	{ "unsigned char", 1 }, { "u8", 1 }, { "s8", 1 }, { "__u8", 1 }, { "__s8", 1 },
	{ "short int", 2 }, { "short unsigned int", 2 }, { "u16", 2 }, { "s16", 2 },
	{ "__u16", 2 }, { "__s16", 2 }, { "__le16", 2 }, { "__be16", 2 },
	{ "int", 4 }, { "unsigned int", 4 }, { "u32", 4 }, { "s32", 4 }, { "__u32", 4 },
	{ "__s32", 4 }, { "__le32", 4 }, { "__be32", 4 }, { "float", 4 },
	{ "long int", 8 }, { "long unsigned int", 8 }, { "long long int", 8 },
	{ "long long unsigned int", 8 }, { "u64", 8 }, { "s64", 8 }, { "__u64", 8 },
	{ "__s64", 8 }, { "__le64", 8 }, { "__be64", 8 }, { "double", 8 },
	{ "size_t", 8 }, { "ssize_t", 8 }, { "long double", 16 }, { "__int128", 16 },
	{ "__int128 unsigned", 16 },
};

static const char *skip_qualifiers(const char *t)
{
	for (;;) {
		if (starts_with(t, "const "))
			t += 6;
		else if (starts_with(t, "volatile "))
			t += 9;
		else
			return t;
	}
}

static unsigned int array_count(const char *dims)
{
	unsigned int n = 1;

	for (const char *p = dims; p && (p = strchr(p, '[')); p++)
		n *= (unsigned int)strtoul(p + 1, NULL, 10);
	return n;
}

/*
 * The alignment of a member's type: pointers and known base types by
 * name, structs from the layout when it holds them, else the largest
 * power of two dividing the element size.  The original offset bounds it
 * from above, since the compiler placed the member there.
 */
static unsigned int member_align(const struct bs_member *m, const struct bs_layout *l)
{
	const char *t = skip_qualifiers(m->type ? m->type : "");
	unsigned int n = array_count(m->dims), elem = n ? m->size / n : 0;
	unsigned int a = 0;

	if (strchr(t, '*') || strchr(t, '('))
		a = 8;
	for (size_t i = 0; !a && i < ARRAY_SIZE(base_types); i++)
		if (!strcmp(t, base_types[i].name))
			a = base_types[i].align;
	if (!a && starts_with(t, "enum "))
		a = elem ? pow2_divisor(elem, 8) : 4;
	if (!a && l && (starts_with(t, "struct ") || starts_with(t, "union "))) {
		struct bs_struct *ts = layout_find((struct bs_layout *)l, strchr(t, ' ') + 1);

		if (ts && ts->align)
			a = ts->align;
	}
	if (!a)
		a = elem ? pow2_divisor(elem, 8) : 1;
	if (!m->bit_size && m->offset)
		a = a < pow2_divisor(m->offset, 16) ? a : pow2_divisor(m->offset, 16);
	return a;
}

static bool is_bool_type(const char *t)
{
	t = skip_qualifiers(t);
	return !strcmp(t, "_Bool") || !strcmp(t, "bool");
}

static bool is_signed_type(const char *t)
{
	static const char *const unsigned_prefix[] = {
		"unsigned", "u8", "u16", "u32", "u64", "__u", "_Bool", "bool", "uint",
		"__le", "__be", "size_t", "enum ",
	};

	t = skip_qualifiers(t);
	if (strstr(t, "unsigned"))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(unsigned_prefix); i++)
		if (starts_with(t, unsigned_prefix[i]))
			return false;
	return true;
}

/* The type a split field gets; NULL keeps the declared type. */
static char *split_type(const struct bs_member *m, enum plan_type type,
			unsigned int *size)
{
	static const char *const names[2][4] = {
		{ "u8", "u16", "u32", "u64" }, { "s8", "s16", "s32", "s64" },
	};
	int k;

	*size = m->size;
	if (m->bit_size == 1 && (is_bool_type(m->type) || type == PLAN_TYPE_BOOL)) {
		*size = 1;
		return xstrdup("bool");
	}
	if (type != PLAN_TYPE_SMALLEST || starts_with(skip_qualifiers(m->type), "enum "))
		return NULL;
	k = m->bit_size <= 8 ? 0 : m->bit_size <= 16 ? 1 : m->bit_size <= 32 ? 2 : 3;
	*size = 1u << k;
	return xstrdup(names[is_signed_type(m->type)][k]);
}

/*
 * Lay the members out in order: a bitfield starts a new unit of its type
 * when it would straddle one, anything else goes to its alignment.
 * Returns the size; offsets land in m[].bit_offset.
 */
static unsigned int lay_out(struct plan_member *m, int nr, unsigned int attr_align,
			    unsigned int *alignp)
{
	unsigned long long bit = 0;
	unsigned int align = attr_align ? attr_align : 1;

	for (int i = 0; i < nr; i++) {
		unsigned long long unit = (unsigned long long)m[i].align * 8;

		if (m[i].zero_width) {
			bit = round_up(bit, unit);
			m[i].bit_offset = bit;
			continue;
		}
		if (m[i].bit_size) {
			if (bit / unit != (bit + m[i].bit_size - 1) / unit)
				bit = round_up(bit, unit);
			m[i].bit_offset = bit;
			bit += m[i].bit_size;
		} else {
			bit = round_up(bit, unit);
			m[i].bit_offset = bit;
			bit += (unsigned long long)m[i].size * 8;
		}
		if (m[i].align > align)
			align = m[i].align;
	}
	if (alignp)
		*alignp = align;
	return (unsigned int)round_up(round_up(bit, 8) / 8, align);
}

static unsigned long long end_bit(const struct plan_member *m)
{
	return m->bit_offset + (m->bit_size ? m->bit_size : (unsigned long long)m->size * 8);
}

static void add_hole(struct plan_shape *sh, unsigned long long from,
		     unsigned long long to, int before)
{
	while (from < to) {
		/* a partial byte first, then whole bytes, as pahole prints them */
		unsigned long long stop = from % 8 ? round_up(from, 8) : to / 8 * 8;

		if (stop > to || stop <= from)
			stop = to;
		ALLOC_GROW(sh->holes, sh->nr_holes + 1, sh->alloc_holes);
		sh->holes[sh->nr_holes].bit_offset = from;
		sh->holes[sh->nr_holes].bits = (unsigned int)(stop - from);
		sh->holes[sh->nr_holes].before = before;
		sh->nr_holes++;
		if (!(from % 8) && !((stop - from) % 8))
			sh->hole_bytes += (unsigned int)((stop - from) / 8);
		from = stop;
	}
}

static void shape(struct plan_member *m, int nr, unsigned int attr_align,
		  struct plan_shape *sh)
{
	unsigned long long bit = 0;

	free(sh->holes);
	memset(sh, 0, sizeof(*sh));
	sh->size = lay_out(m, nr, attr_align, &sh->align);
	for (int i = 0; i < nr; i++) {
		add_hole(sh, bit, m[i].bit_offset, i);
		if (end_bit(&m[i]) > bit)
			bit = end_bit(&m[i]);
	}
	add_hole(sh, bit, (unsigned long long)sh->size * 8, -1);
	sh->cachelines = (sh->size + 63) / 64;
}

static void insert_at(struct plan *p, int pos, const struct plan_member *pm)
{
	ALLOC_GROW(p->m, p->nr + 1, p->alloc);
	memmove(p->m + pos + 1, p->m + pos, sizeof(*p->m) * (size_t)(p->nr - pos));
	p->m[pos] = *pm;
	p->nr++;
}

static struct plan_member remove_at(struct plan *p, int pos)
{
	struct plan_member pm = p->m[pos];

	memmove(p->m + pos, p->m + pos + 1, sizeof(*p->m) * (size_t)(p->nr - pos - 1));
	p->nr--;
	return pm;
}

/* Flexible arrays end the struct: nothing may be placed after one. */
static int last_position(const struct plan *p)
{
	return p->nr && p->m[p->nr - 1].flexible ? p->nr - 1 : p->nr;
}

static unsigned int size_of(const struct plan *p)
{
	struct plan_member *tmp = xmalloc(sizeof(*tmp) * (size_t)(p->nr + 1));
	unsigned int size;

	memcpy(tmp, p->m, sizeof(*tmp) * (size_t)p->nr);
	size = lay_out(tmp, p->nr, p->s->aligned_attr, NULL);
	free(tmp);
	return size;
}

static unsigned long long distance(unsigned long long a, unsigned long long b)
{
	return a > b ? a - b : b - a;
}

/*
 * Does f fit the gap before position pos of the laid-out p (the tail
 * padding for pos == nr) without moving anything else?  *gap is its size.
 */
static bool fits_gap(const struct plan *p, unsigned int size, int pos,
		     const struct plan_member *f, unsigned long long *gap)
{
	unsigned long long from = pos ? round_up(end_bit(&p->m[pos - 1]), 8) : 0;
	unsigned long long to = pos < p->nr ? p->m[pos].bit_offset :
			       (unsigned long long)size * 8;
	unsigned long long at = round_up(from, (unsigned long long)f->align * 8);

	if (pos > last_position(p) || to < from ||
	    at + (unsigned long long)f->size * 8 > to)
		return false;
	/* never between two bitfields of one run */
	if (pos && pos < p->nr && p->m[pos].bit_size && p->m[pos - 1].bit_size)
		return false;
	*gap = to - from;
	return true;
}

/*
 * Put a split field into the hole it fills best (the smallest that holds
 * it), nearest its old place on a tie, so that nothing else moves and the
 * struct does not grow.  Returns false when no hole holds it.
 */
static bool place_in_hole(struct plan *p, struct plan_member *f,
			  unsigned long long old_bit)
{
	unsigned int size = lay_out(p->m, p->nr, p->s->aligned_attr, NULL);
	unsigned long long best_gap = ~0ULL, best_dist = ~0ULL, gap;
	int best = -1;

	for (int pos = 0; pos <= p->nr; pos++) {
		unsigned long long at;

		if (!fits_gap(p, size, pos, f, &gap))
			continue;
		at = round_up(pos ? end_bit(&p->m[pos - 1]) : 0,
			      (unsigned long long)f->align * 8);
		if (gap < best_gap || (gap == best_gap && distance(at, old_bit) < best_dist)) {
			best_gap = gap;
			best_dist = distance(at, old_bit);
			best = pos;
		}
	}
	if (best < 0)
		return false;
	insert_at(p, best, f);
	return true;
}

/* Where a split field that fits no hole goes: right after its old run. */
static int in_place_position(const struct plan *p, const int *run, int member)
{
	int pos = 0;

	for (int i = 0; i < p->nr; i++) {
		int mi = p->m[i].member;

		if (mi < member || (run[mi] == run[member] && p->m[i].role != ROLE_STAY))
			pos = i + 1;
	}
	return pos;
}

/*
 * Tighten: move one untouched member earlier, into a hole, when that
 * shrinks the struct; the smallest result first, the shortest move on a
 * tie; repeat while it helps.
 */
static void tighten(struct plan *p)
{
	for (;;) {
		unsigned int best_size = size_of(p), size;
		unsigned long long best_dist = ~0ULL;
		int best_from = -1, best_to = -1;

		for (int from = 0; from < p->nr; from++) {
			struct plan_member pm = p->m[from];

			if (pm.role != ROLE_STAY || pm.bit_size || pm.flexible || pm.zero_width)
				continue;
			remove_at(p, from);
			size = lay_out(p->m, p->nr, p->s->aligned_attr, NULL);
			for (int to = 0; to < from; to++) {
				unsigned long long d, gap;
				unsigned int s;

				if (!fits_gap(p, size, to, &pm, &gap))
					continue;
				insert_at(p, to, &pm);
				s = size_of(p);
				lay_out(p->m, p->nr, p->s->aligned_attr, NULL);
				d = distance(p->m[to].bit_offset, pm.bit_offset);
				if (s < best_size || (s == best_size && best_from >= 0 &&
						      d < best_dist)) {
					best_size = s;
					best_dist = d;
					best_from = from;
					best_to = to;
				}
				remove_at(p, to);
			}
			insert_at(p, from, &pm);
			size = lay_out(p->m, p->nr, p->s->aligned_attr, NULL);
		}
		if (best_from < 0)
			return;
		{
			struct plan_member pm = remove_at(p, best_from);

			pm.role = ROLE_TIGHTEN;
			insert_at(p, best_to, &pm);
			p->nr_tighten++;
		}
	}
}

static bool split_run_has(const bool *split, const int *run,
			  const struct bs_struct *s, int r)
{
	for (int i = 0; i < s->nr_members; i++)
		if (split[i] && run[i] == r)
			return true;
	return false;
}

/* Do the members (":0" aside) sit where pahole saw them? */
static bool matches_pahole(const struct plan *p)
{
	struct plan_member *tmp = xmalloc(sizeof(*tmp) * (size_t)(p->nr + 1));
	bool same = true;

	memcpy(tmp, p->m, sizeof(*tmp) * (size_t)p->nr);
	lay_out(tmp, p->nr, p->s->aligned_attr, NULL);
	for (int i = 0; i < p->nr && same; i++)
		same = tmp[i].zero_width ||
		       tmp[i].bit_offset == p->s->members[tmp[i].member].bit_offset;
	free(tmp);
	return same;
}

/*
 * pahole prints a ":0" wherever a run breaks, also where the ABI broke it
 * because the next field did not fit; only a break the rules alone do not
 * reproduce comes from the source, and only that one binds the plan.
 */
static void drop_abi_breaks(struct plan *p)
{
	for (int i = p->nr - 1; i >= 0; i--) {
		struct plan_member pm;

		if (!p->m[i].zero_width)
			continue;
		pm = remove_at(p, i);
		if (!matches_pahole(p))
			insert_at(p, i, &pm);
	}
}

static int refuse(struct plan *p, char *why)
{
	p->refused = why;
	return -1;
}

/*
 * The original order, laid out again: it must give pahole's offsets.
 * run[member] numbers the runs of adjacent bitfields (0: none); each of
 * moving[] must be a bitfield of the struct itself.
 */
static int plan_original(struct plan *p, const struct bs_struct *s, const bool *moving,
			 const struct plan_opts *o, int *run)
{
	int nr_run = 0;

	memset(p, 0, sizeof(*p));
	p->s = s;
	for (int i = 0; i < s->nr_members; i++) {
		const struct bs_member *m = &s->members[i];
		struct plan_member pm = { .member = i };

		if (m->depth)
			continue;
		if (m->is_zero_width) {
			pm.zero_width = true;
			pm.align = member_align(m, o->layout);
			insert_at(p, p->nr, &pm);
			continue;
		}
		if (moving[i] && !m->bit_size)
			return refuse(p, xstrfmt("%s is not a bitfield", m->name));
		pm.bit_size = m->bit_size;
		pm.size = m->size;
		pm.align = m->bit_size ? m->size : member_align(m, o->layout);
		/* a member is never more aligned than the struct around it */
		if (s->align && pm.align > s->align && !m->bit_size)
			pm.align = s->align;
		pm.flexible = m->dims && !m->size;
		if (m->bit_size && (!pm.align || pm.align & (pm.align - 1) || pm.align > 16))
			return refuse(p, xstrfmt("%s has a %u-byte unit", m->name, m->size));
		/* runs of adjacent bitfields: one memory location each */
		if (m->bit_size && !(p->nr && p->m[p->nr - 1].bit_size))
			nr_run++;
		run[i] = m->bit_size ? nr_run : 0;
		insert_at(p, p->nr, &pm);
	}
	drop_abi_breaks(p);
	for (int i = 0; i < s->nr_members; i++)
		if (moving[i] && s->members[i].depth)
			return refuse(p, xstrfmt("%s is in a nested struct or union",
						 s->members[i].name));
	shape(p->m, p->nr, s->aligned_attr, &p->before);
	for (int i = 0; i < p->nr; i++) {
		const struct bs_member *m = &s->members[p->m[i].member];

		if (!p->m[i].zero_width && p->m[i].bit_offset != m->bit_offset)
			return refuse(p, xstrfmt("cannot reproduce the layout: %s at bit %llu, computed %llu",
						 m->name ? m->name : "(anonymous)",
						 m->bit_offset, p->m[i].bit_offset));
	}
	if (p->before.size != s->size)
		return refuse(p, xstrfmt("cannot reproduce the layout: size %u, computed %u",
					 s->size, p->before.size));
	return 0;
}

int plan_struct(struct plan *p, const struct bs_struct *s, const bool *split,
		const struct plan_opts *o)
{
	struct plan naive = { .s = s };
	int *run = xcalloc((size_t)s->nr_members + 1, sizeof(*run));
	int ret;

	ret = plan_original(p, s, split, o, run);
	if (ret)
		goto out;

	/* Naive: each split field becomes a member where it stands. */
	for (int i = 0; i < p->nr; i++) {
		struct plan_member pm = p->m[i];
		const struct bs_member *m = &s->members[pm.member];

		if (split[pm.member]) {
			pm.type = split_type(m, o->type, &pm.size);
			pm.align = pm.type ? pm.size : member_align(m, o->layout);
			pm.bit_size = 0;
			pm.role = ROLE_SPLIT;
		} else if (m->bit_size && split_run_has(split, run, s, run[pm.member])) {
			pm.role = ROLE_PACKED;
		}
		insert_at(&naive, naive.nr, &pm);
	}
	p->naive_size = size_of(&naive);

	/* The plan: the split fields out, the rest in place, then holes. */
	for (int i = p->nr - 1; i >= 0; i--) {
		p->m[i].role = naive.m[i].role;
		if (naive.m[i].role == ROLE_SPLIT)
			remove_at(p, i);
	}
	lay_out(p->m, p->nr, s->aligned_attr, NULL);
	for (int i = 0; i < naive.nr; i++) {
		struct plan_member f = naive.m[i];

		if (f.role != ROLE_SPLIT)
			continue;
		f.type = f.type ? xstrdup(f.type) : NULL;
		p->nr_split++;
		if (!place_in_hole(p, &f, s->members[f.member].bit_offset))
			insert_at(p, in_place_position(p, run, f.member), &f);
		lay_out(p->m, p->nr, s->aligned_attr, NULL);
	}
	if (!p->nr_split) {
		ret = refuse(p, xstrdup("no field to split"));
		goto out;
	}
	if (o->tighten)
		tighten(p);
	if (size_of(p) > p->naive_size) {
		/*
		 * Not seen on any sample; the promise is never to do worse
		 * than splitting in place, so fall back to that layout.
		 */
		for (int i = 0; i < p->nr; i++)
			free(p->m[i].type);
		free(p->m);
		p->m = naive.m;
		p->nr = naive.nr;
		p->alloc = naive.alloc;
		naive.m = NULL;
		naive.nr = 0;
		p->nr_tighten = 0;
	}
	shape(p->m, p->nr, s->aligned_attr, &p->after);
out:
	for (int i = 0; i < naive.nr; i++)
		free(naive.m[i].type);
	free(naive.m);
	free(run);
	return ret;
}

/* Mark the fields that stay in a run some of whose fields leave it. */
static void mark_packed(struct plan *p, const bool *moving, const int *run)
{
	const struct bs_struct *s = p->s;

	for (int i = 0; i < p->nr; i++) {
		int m = p->m[i].member;

		if (!p->m[i].zero_width && !moving[m] && s->members[m].bit_size &&
		    split_run_has(moving, run, s, run[m]))
			p->m[i].role = ROLE_PACKED;
	}
}

static int position_of(const struct plan *p, int member)
{
	for (int i = 0; i < p->nr; i++)
		if (!p->m[i].added && p->m[i].member == member)
			return i;
	return -1;
}

int plan_regroup(struct plan *p, const struct bs_struct *s, const int *group,
		 const int *after, const bool *zero, const struct plan_opts *o)
{
	bool *moving = xcalloc((size_t)s->nr_members + 1, sizeof(*moving));
	int *run = xcalloc((size_t)s->nr_members + 1, sizeof(*run));
	struct plan_member *gone = NULL;
	int nr_gone = 0, alloc_gone = 0, nr_groups = 0, ret;

	for (int i = 0; i < s->nr_members; i++) {
		moving[i] = group[i] > 0;
		if (group[i] > nr_groups)
			nr_groups = group[i];
	}
	ret = plan_original(p, s, moving, o, run);
	if (ret)
		goto out;
	p->remedy = REMEDY_REGROUP;
	mark_packed(p, moving, run);
	for (int i = p->nr - 1; i >= 0; i--)
		if (!p->m[i].zero_width && moving[p->m[i].member]) {
			ALLOC_GROW(gone, nr_gone + 1, alloc_gone);
			gone[nr_gone] = remove_at(p, i);
			gone[nr_gone++].role = ROLE_REGROUP;
		}
	for (int g = 1; g <= nr_groups; g++) {
		int pos = after[g - 1] < 0 ? -1 : position_of(p, after[g - 1]);
		bool first = true, any = false;

		for (int m = 0; m < s->nr_members; m++)
			any |= group[m] == g;
		if (!any)
			continue;
		if (pos < 0) {
			ret = refuse(p, xstrfmt("cannot regroup behind member %d: it moves itself",
						after[g - 1]));
			goto out;
		}
		/* gone[] is in reverse declaration order */
		for (int k = nr_gone - 1; k >= 0; k--) {
			const struct bs_member *m = &s->members[gone[k].member];

			if (group[gone[k].member] != g)
				continue;
			if (first && zero[g - 1]) {
				struct plan_member z = {
					.member = gone[k].member, .zero_width = true, .added = true,
					.align = m->size, .type = xstrdup(m->type),
				};

				insert_at(p, ++pos, &z);
			}
			first = false;
			insert_at(p, ++pos, &gone[k]);
			p->nr_regroup++;
		}
	}
	if (!p->nr_regroup) {
		ret = refuse(p, xstrdup("no field to regroup"));
		goto out;
	}
	shape(p->m, p->nr, s->aligned_attr, &p->after);
	p->naive_size = p->after.size;
out:
	free(gone);
	free(moving);
	free(run);
	return ret;
}

/* "e_" when every field starts with it ("e_reusable", "e_referenced"), else "". */
static char *common_prefix(const struct bs_struct *s, const int *fields, int nr)
{
	const char *first = s->members[fields[0]].name;
	size_t n = 0;

	for (const char *u = strchr(first, '_'); u; u = strchr(u + 1, '_')) {
		size_t k = (size_t)(u - first) + 1;
		bool all = k < strlen(first);

		for (int i = 1; i < nr && all; i++)
			all = !strncmp(s->members[fields[i]].name, first, k) &&
			      strlen(s->members[fields[i]].name) > k;
		if (all)
			n = k;
	}
	return xstrndup(first, n);
}

static bool has_member(const struct bs_struct *s, const char *name)
{
	for (int i = 0; i < s->nr_members; i++)
		if (!s->members[i].depth && s->members[i].name && !strcmp(s->members[i].name, name))
			return true;
	return false;
}

static char *upper(const char *a, const char *b)
{
	char *u = xstrfmt("%s_%s", a, b);

	for (char *c = u; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	return u;
}

/*
 * Where a member that fits no hole grows the struct least: the smallest
 * size, the position nearest pos on a tie.
 */
static int best_position(struct plan *p, const struct plan_member *f, int pos)
{
	unsigned int best_size = ~0u;
	int best = pos;

	for (int at = 0; at <= last_position(p); at++) {
		unsigned int size;

		/* never between two bitfields of one run */
		if (at && at < p->nr && p->m[at].bit_size && p->m[at - 1].bit_size)
			continue;
		insert_at(p, at, f);
		size = size_of(p);
		remove_at(p, at);
		if (size < best_size ||
		    (size == best_size && abs(at - pos) < abs(best - pos))) {
			best_size = size;
			best = at;
		}
	}
	return best;
}

int plan_bitops(struct plan *p, const struct bs_struct *s, const bool *bits,
		const char *name, const struct plan_opts *o)
{
	int *run = xcalloc((size_t)s->nr_members + 1, sizeof(*run));
	char *prefix = NULL;
	int alloc_bits = 0, ret = plan_original(p, s, bits, o, run);

	if (ret)
		goto out;
	p->remedy = REMEDY_BITOPS;
	for (int i = 0; i < s->nr_members; i++) {
		if (!bits[i])
			continue;
		if (s->members[i].bit_size != 1) {
			ret = refuse(p, xstrfmt("%s is %u bits wide: a bit of a word holds one",
						s->members[i].name, s->members[i].bit_size));
			goto out;
		}
		ALLOC_GROW(p->bits, p->nr_bits + 1, alloc_bits);
		p->bits[p->nr_bits++] = i;
	}
	if (!p->nr_bits) {
		ret = refuse(p, xstrdup("no field to turn into a bit"));
		goto out;
	}
	mark_packed(p, bits, run);
	for (int i = p->nr - 1; i >= 0; i--)
		if (!p->m[i].zero_width && bits[p->m[i].member])
			remove_at(p, i);
	prefix = p->nr_bits > 1 ? common_prefix(s, p->bits, p->nr_bits) : xstrdup("");
	{
		char *word = name ? xstrdup(name) : xstrfmt("%sflags", prefix);
		struct plan_member f = {
			.member = p->bits[0], .added = true, .role = ROLE_BITOPS,
			.type = xstrdup("unsigned long"), .size = 8, .align = 8,
		};

		if (has_member(s, word)) {
			free(word);
			word = xstrfmt("%sbitops_flags", prefix);
		}
		f.name = word;
		lay_out(p->m, p->nr, s->aligned_attr, NULL);
		if (!place_in_hole(p, &f, s->members[p->bits[0]].bit_offset))
			insert_at(p, best_position(p, &f, in_place_position(p, run, p->bits[0])), &f);
	}
	p->bit_names = xcalloc((size_t)p->nr_bits + 1, sizeof(*p->bit_names));
	for (int i = 0; i < p->nr_bits; i++)
		p->bit_names[i] = upper(s->name, s->members[p->bits[i]].name + strlen(prefix));
	p->bit_enum = xstrfmt("%s_bits", s->name);
	shape(p->m, p->nr, s->aligned_attr, &p->after);
	p->naive_size = p->after.size;
out:
	free(prefix);
	free(run);
	return ret;
}

static void describe_offset(struct strbuf *out, unsigned long long bit, bool bitfield)
{
	if (bitfield)
		strbuf_addf(out, "%llu:%llu", bit / 8, bit % 8);
	else
		strbuf_addf(out, "%llu", bit / 8);
}

static void describe_holes(struct strbuf *out, const char *what,
			   const struct plan_shape *sh)
{
	strbuf_addf(out, "  %s size %u, cachelines %u, holes:", what, sh->size,
		    sh->cachelines);
	if (!sh->nr_holes)
		strbuf_addstr(out, " none");
	for (int i = 0; i < sh->nr_holes; i++) {
		const struct plan_hole *h = &sh->holes[i];

		strbuf_addstr(out, i ? ", " : " ");
		describe_offset(out, h->bit_offset, h->bit_offset % 8);
		if (h->bits % 8 || h->bit_offset % 8)
			strbuf_addf(out, " (%u bit%s", h->bits, h->bits == 1 ? "" : "s");
		else
			strbuf_addf(out, " (%u byte%s", h->bits / 8, h->bits == 8 ? "" : "s");
		strbuf_addstr(out, h->before < 0 ? " padding)" : ")");
	}
	strbuf_addch(out, '\n');
}

void plan_describe(const struct plan *p, struct strbuf *out)
{
	const struct bs_struct *s = p->s;

	if (p->remedy == REMEDY_SPLIT)
		strbuf_addf(out, "struct %s: size %u -> %u, naive split in place %u\n",
			    s->name, p->before.size, p->after.size, p->naive_size);
	else
		strbuf_addf(out, "struct %s: size %u -> %u, %s\n", s->name, p->before.size,
			    p->after.size, remedy_name(p->remedy));
	for (int i = 0; i < p->nr; i++) {
		const struct plan_member *pm = &p->m[i];
		const struct bs_member *m = &s->members[pm->member];
		struct strbuf ty = STRBUF_INIT;

		if (pm->role == ROLE_REGROUP) {
			strbuf_addf(&ty, "%s:%u", m->type, m->bit_size);
			strbuf_addf(out, "  %-8s %-24s %-24s ", "regroup", m->name, ty.buf);
			describe_offset(out, m->bit_offset, true);
			strbuf_addstr(out, " -> ");
			describe_offset(out, pm->bit_offset, true);
			strbuf_addch(out, '\n');
		}
		if (pm->role == ROLE_BITOPS) {
			for (int b = 0; b < p->nr_bits; b++) {
				const struct bs_member *f = &s->members[p->bits[b]];

				strbuf_reset(&ty);
				strbuf_addf(&ty, "%s:%u", f->type, f->bit_size);
				strbuf_addf(out, "  %-8s %-24s %-24s ", "bitops", f->name, ty.buf);
				describe_offset(out, f->bit_offset, true);
				strbuf_addf(out, " -> bit %d of %s (%s)\n", b, pm->name,
					    p->bit_names[b]);
			}
			strbuf_addf(out, "  %-8s %-24s %-24s -> ", "word", pm->name, pm->type);
			describe_offset(out, pm->bit_offset, false);
			strbuf_addch(out, '\n');
		}
		if (pm->role != ROLE_SPLIT && pm->role != ROLE_TIGHTEN) {
			strbuf_release(&ty);
			continue;
		}
		strbuf_addstr(&ty, m->type);
		if (m->bit_size)
			strbuf_addf(&ty, ":%u -> %s", m->bit_size, pm->type ? pm->type : m->type);
		strbuf_addf(out, "  %-8s %-24s %-24s ",
			    pm->role == ROLE_SPLIT ? "split" : "tighten", m->name, ty.buf);
		describe_offset(out, m->bit_offset, m->bit_size);
		strbuf_addstr(out, " -> ");
		describe_offset(out, pm->bit_offset, false);
		strbuf_addch(out, '\n');
		strbuf_release(&ty);
	}
	describe_holes(out, "before:", &p->before);
	describe_holes(out, "after: ", &p->after);
}

const char *plan_role_name(enum plan_role r)
{
	static const char *const names[] = {
		[ROLE_STAY] = "stay", [ROLE_PACKED] = "packed",
		[ROLE_SPLIT] = "split", [ROLE_TIGHTEN] = "tighten",
		[ROLE_REGROUP] = "regroup", [ROLE_BITOPS] = "bitops",
	};

	return names[r];
}

static const char *const remedy_names[NR_REMEDIES] = {
	[REMEDY_SPLIT] = "split", [REMEDY_REGROUP] = "regroup", [REMEDY_BITOPS] = "bitops",
};

const char *remedy_name(enum remedy r)
{
	return remedy_names[r];
}

int remedy_parse(const char *s, enum remedy *r)
{
	for (int i = 0; i < NR_REMEDIES; i++)
		if (!strcmp(s, remedy_names[i])) {
			*r = (enum remedy)i;
			return 0;
		}
	return -1;
}

void plan_write(const struct plan *p, const char *header, struct strbuf *out)
{
	int loc = 0;
	bool in_run = false;

	strbuf_addf(out, "struct\t%s\t%u\t%s\n", p->s->name, p->after.size, header);
	for (int i = 0; i < p->nr; i++) {
		const struct plan_member *pm = &p->m[i];
		const struct bs_member *m = &p->s->members[pm->member];
		const char *name = pm->name ? pm->name : m->name ? m->name : "-";

		/* C11 3.14: a ":0" or any other member ends a run of bitfields */
		if (!pm->bit_size || pm->zero_width)
			in_run = false;
		else if (!in_run) {
			in_run = true;
			loc++;
		}
		if (pm->zero_width)
			continue;	/* verify sees no member there either */
		strbuf_addf(out, "member\t%s\t%llu\t%u\t%s", name, pm->bit_offset, pm->bit_size,
			    plan_role_name(pm->role));
		if (p->remedy == REMEDY_REGROUP && pm->bit_size)
			strbuf_addf(out, "\t%d", loc);
		strbuf_addch(out, '\n');
	}
	for (int b = 0; b < p->nr_bits; b++)
		for (int i = 0; i < p->nr; i++)
			if (p->m[i].role == ROLE_BITOPS)
				strbuf_addf(out, "bit\t%s\t%s\t%d\n",
					    p->s->members[p->bits[b]].name, p->m[i].name, b);
}

int plan_read(struct plan_file *pf, const char *buf, size_t len, const char *name)
{
	unsigned int line = 0;
	char *copy;
	int ret = 0;

	if (check_text(buf, len, name))
		return -1;
	copy = xstrndup(buf, len);
	for (char *l = copy, *next; !ret && *l; l = next) {
		char m_name[256], role[16], header[PATH_MAX];
		unsigned long long off;
		unsigned int bits, size;

		next = strchrnul(l, '\n');
		if (*next)
			*next++ = '\0';
		line++;
		if (!*l)
			continue;
		if (!pf->struct_name && sscanf(l, "struct\t%255[^\t]\t%u\t%4095[^\t]",
					       m_name, &size, header) == 3) {
			pf->struct_name = xstrdup(m_name);
			pf->size = size;
			pf->header = xstrdup(header);
		} else if (pf->struct_name && sscanf(l, "member\t%255[^\t]\t%llu\t%u\t%15[^\t]",
						     m_name, &off, &bits, role) == 4) {
			int loc = -1;

			ALLOC_GROW(pf->m, pf->nr + 1, pf->alloc);
			pf->m[pf->nr].name = xstrdup(m_name);
			pf->m[pf->nr].bit_offset = off;
			pf->m[pf->nr].bit_size = bits;
			pf->m[pf->nr].role = xstrdup(role);
			sscanf(l, "member\t%*[^\t]\t%*u\t%*u\t%*[^\t]\t%d", &loc);
			pf->m[pf->nr].loc = loc;
			pf->nr++;
		} else if (pf->struct_name && sscanf(l, "bit\t%255[^\t]\t%*[^\t]\t%u",
						     m_name, &bits) == 2) {
			ALLOC_GROW(pf->gone, pf->nr_gone + 1, pf->alloc_gone);
			pf->gone[pf->nr_gone++] = xstrdup(m_name);
		} else {
			fprintf(stderr, "%s:%u: error: expected \"%s\" line\n", name, line,
				pf->struct_name ? "member NAME BIT_OFFSET BIT_SIZE ROLE\" or \"bit FIELD WORD N" :
				"struct NAME SIZE HEADER");
			ret = -1;
		}
	}
	free(copy);
	if (!ret && !pf->struct_name)
		ret = error("%s: expected a struct line", name);
	return ret;
}

void plan_file_release(struct plan_file *pf)
{
	for (int i = 0; i < pf->nr; i++) {
		free(pf->m[i].name);
		free(pf->m[i].role);
	}
	free(pf->m);
	for (int i = 0; i < pf->nr_gone; i++)
		free(pf->gone[i]);
	free(pf->gone);
	free(pf->struct_name);
	free(pf->header);
	memset(pf, 0, sizeof(*pf));
}

const struct plan_member *plan_find(const struct plan *p, int m)
{
	for (int i = 0; i < p->nr; i++)
		if (!p->m[i].added && p->m[i].member == m)
			return &p->m[i];
	return NULL;
}

void plan_release(struct plan *p)
{
	for (int i = 0; i < p->nr; i++) {
		free(p->m[i].type);
		free(p->m[i].comment);
		free(p->m[i].name);
	}
	free(p->m);
	for (int i = 0; i < p->nr_bits; i++)
		free(p->bit_names ? p->bit_names[i] : NULL);
	free(p->bit_names);
	free(p->bits);
	free(p->bit_enum);
	free(p->before.holes);
	free(p->after.holes);
	free(p->refused);
	memset(p, 0, sizeof(*p));
}
