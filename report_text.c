// SPDX-License-Identifier: GPL-2.0
/*
 * The report for people: per struct, per memory location, what moves under
 * each policy, then per field its writers and one sentence of why, then
 * what the tool assumed or could not see.
 */
#include "report.h"

#include <string.h>

static const char *member_name(const struct struct_verdict *sv,
			       const struct location_verdict *lv, int i)
{
	return sv->s->members[lv->fields[i].member].name;
}

static void moves_line(struct strbuf *out, const struct struct_verdict *sv,
		       const struct location_verdict *lv, enum policy p)
{
	int n = 0;

	strbuf_addf(out, "    %-12s", policy_name(p));
	for (int i = 0; i < lv->nr_fields; i++)
		if (lv->fields[i].moves[p])
			strbuf_addf(out, "%s%s", n++ ? ", " : "moves ", member_name(sv, lv, i));
	if (!n)
		strbuf_addstr(out, "moves nothing");
	strbuf_addch(out, '\n');
}

static void writer_lines(struct strbuf *out, const struct field_writer *w)
{
	strbuf_addf(out, "      %-9s%s:%u  %s  ", phase_name(w->phase), w->write->file,
		    w->write->line, writer_func(w));
	if (!w->nr_locks)
		strbuf_addstr(out, "no lock");
	for (int i = 0; i < w->nr_locks; i++)
		strbuf_addf(out, "%s%s%s (%s)", i ? ", " : "", lock_short_name(w->locks[i].id),
			    w->locks[i].mode == LOCK_SHARED ? ":r" : "",
			    lock_how_words(&w->locks[i]));
	if (!w->write->typed)
		strbuf_addstr(out, "  [matched by name only]");
	strbuf_addf(out, "\n               %s\n", w->phase_why);
}

/* "virq_disabled: moves under proven-race (races with ...) and setup-only" */
static void field_header(struct strbuf *out, const struct struct_verdict *sv,
			 const struct location_verdict *lv, int i)
{
	const struct field_verdict *fv = &lv->fields[i];
	bool pr = fv->moves[POLICY_PROVEN_RACE], so = fv->moves[POLICY_SETUP_ONLY];
	int n = 0;

	strbuf_addf(out, "    %s: ", member_name(sv, lv, i));
	if (!pr && !so) {
		strbuf_addstr(out, "stays\n");
		return;
	}
	strbuf_addstr(out, "moves under ");
	if (pr) {
		strbuf_addstr(out, "proven-race (races with ");
		for (int r = 0; r < lv->nr_races; r++) {
			int o = lv->races[r].a == i ? lv->races[r].b :
				lv->races[r].b == i ? lv->races[r].a : -1;

			if (o >= 0)
				strbuf_addf(out, "%s%s", n++ ? ", " : "", member_name(sv, lv, o));
		}
		strbuf_addstr(out, so ? ") and setup-only\n" : ")\n");
	} else {
		strbuf_addstr(out, "setup-only only\n");
	}
}

static void location_text(struct strbuf *out, const struct struct_verdict *sv,
			  const struct location_verdict *lv)
{
	strbuf_addf(out, "  memory location at bytes %u-%u: %d bitfields\n",
		    lv->loc->byte_begin, lv->loc->byte_end - 1, lv->nr_fields);
	moves_line(out, sv, lv, POLICY_PROVEN_RACE);
	moves_line(out, sv, lv, POLICY_SETUP_ONLY);
	for (int i = 0; i < lv->nr_fields; i++) {
		const struct field_verdict *fv = &lv->fields[i];

		strbuf_addch(out, '\n');
		field_header(out, sv, lv, i);
		strbuf_addf(out, "      %s.\n", fv->why);
		if (fv->data_race)
			strbuf_addf(out, "      Also: %s.\n", fv->data_race);
		for (int w = 0; w < fv->nr_writers; w++)
			writer_lines(out, &fv->writers[w]);
	}
}

void report_text(struct strbuf *out, const struct verdict *v, enum policy p)
{
	int moves[NR_POLICIES] = { 0 }, locs = 0;

	for (int i = 0; i < v->nr; i++) {
		const struct struct_verdict *sv = &v->v[i];

		if (i)
			strbuf_addch(out, '\n');
		strbuf_addf(out, "struct %s", sv->s->name);
		if (sv->file)
			strbuf_addf(out, " (%s:%u)", sv->file, sv->line);
		strbuf_addf(out, ", %u bytes\n", sv->s->size);
		for (int l = 0; l < sv->nr_locs; l++) {
			location_text(out, sv, &sv->locs[l]);
			locs++;
			for (int k = 0; k < sv->locs[l].nr_fields; k++)
				for (int q = 0; q < NR_POLICIES; q++)
					moves[q] += sv->locs[l].fields[k].moves[q];
		}
		for (int n = 0; n < sv->nr_notes; n++)
			strbuf_addf(out, "\n  note: %s.\n", sv->notes[n]);
	}
	if (v->nr)
		strbuf_addch(out, '\n');
	for (int n = 0; n < v->nr_notes; n++)
		strbuf_addf(out, "note: %s\n", v->notes[n]);
	strbuf_addf(out, "%d struct%s, %d shared location%s: proven-race moves %d field%s, "
		    "setup-only moves %d (policy %s: %s)\n", v->nr, v->nr == 1 ? "" : "s",
		    locs, locs == 1 ? "" : "s", moves[POLICY_PROVEN_RACE],
		    moves[POLICY_PROVEN_RACE] == 1 ? "" : "s", moves[POLICY_SETUP_ONLY],
		    policy_name(p), moves[p] ? "races found" : "clean");
}
