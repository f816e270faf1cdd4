// SPDX-License-Identifier: GPL-2.0
/*
 * A layout model from declarations, for a sweep with no build: each
 * scanned struct becomes a bs_struct whose members are placed so that
 * layout_compute() draws the memory locations by its own rule.  Bitfields
 * follow one another in 64-bit units, a ":0" starts a new unit, and any
 * other member takes a unit of its own.  The offsets are not the ABI's:
 * only which fields share a location is meant, so sizes, holes and
 * alignment of such a model are not to be printed or planned on.
 */
#include <stdlib.h>
#include <string.h>

#include "decl_scan.h"
#include "layout.h"
#include "util.h"

#define UNIT 64ULL

static void place(struct bs_layout *l, struct bs_member *m, const struct decl_member *d,
		  unsigned long long *bit)
{
	memset(m, 0, sizeof(*m));
	m->name = d->name ? layout_strdup(l, d->name) : NULL;
	/*
	 * A struct member keeps its tag, pointer or not (the facts follow
	 * both alike), so that facts.cocci can follow a lock reached
	 * through it (&migf->mvdev->state_mutex) to the struct it is in.
	 */
	if (!d->width && d->tagged) {
		char *t = xstrfmt("struct %s", d->type);

		m->type = layout_strdup(l, t);
		free(t);
	} else {
		m->type = layout_strdup(l, d->width ? "unsigned long" : "long");
	}
	m->parent = -1;
	m->dump_line = d->line;
	m->size = 8;
	if (d->width < 0 || !d->width) {
		/* a ":0" or a plain member: the run before it ends */
		*bit = (*bit + UNIT) / UNIT * UNIT;
		m->is_zero_width = d->width < 0;
	}
	m->bit_offset = *bit;
	m->offset = (unsigned int)(*bit / UNIT * 8);
	if (d->width > 0) {
		m->bit_size = (unsigned int)d->width;
		m->unit_bit = (unsigned int)(*bit % UNIT);
		*bit += (unsigned long long)d->width;
	} else if (!d->width) {
		*bit += UNIT;
	}
}

void layout_from_decls(struct bs_layout *l, const struct decl_scan *d)
{
	for (int i = 0; i < d->nr; i++) {
		const struct decl_struct *ds = &d->v[i];
		unsigned long long bit = 0;
		struct bs_struct *s;

		ALLOC_GROW(l->structs, l->nr_structs + 1, l->alloc_structs);
		s = &l->structs[l->nr_structs++];
		memset(s, 0, sizeof(*s));
		s->name = layout_strdup(l, ds->name);
		s->decl_file = layout_strdup(l, ds->file);
		s->source = s->decl_file;
		s->decl_line = ds->line;
		s->members = layout_alloc(l, sizeof(*s->members) * (size_t)(ds->nr_members + 1));
		s->nr_members = ds->nr_members;
		for (int k = 0; k < ds->nr_members; k++)
			place(l, &s->members[k], &ds->members[k], &bit);
		s->size = (unsigned int)((bit + UNIT - 1) / UNIT * 8);
		layout_compute(s);
	}
}
