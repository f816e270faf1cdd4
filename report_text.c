// SPDX-License-Identifier: GPL-2.0
/*
 * The report for people: per struct, per memory location, what moves under
 * each policy, then per field its writers and one sentence of why, then
 * what the tool assumed or could not see.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static const char *member_name(const struct struct_verdict *sv,
			       const struct location_verdict *lv, int i)
{
	return sv->s->members[lv->fields[i].member].name;
}

/* text as lines of at most 96 columns: the first indented by first, the rest by indent */
static void wrap(struct strbuf *out, int first, int indent, const char *text)
{
	const int width = 96;
	int col = 0;

	while (*text) {
		size_t len = strcspn(text, " ");

		if (col && col + 1 + (int)len > width) {
			strbuf_addch(out, '\n');
			col = 0;
		}
		if (!col) {
			col = first >= 0 ? first : indent;
			first = -1;
			strbuf_addf(out, "%*s", col, "");
		} else {
			strbuf_addch(out, ' ');
			col++;
		}
		strbuf_add(out, text, len);
		col += (int)len;
		text += len;
		text += strspn(text, " ");
	}
	strbuf_addch(out, '\n');
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
	strbuf_addf(out, "      %-9s%s:%u  %s%s\n", phase_name(w->phase), w->write->file,
		    w->write->line, writer_func(w),
		    w->write->typed ? "" : "  [matched by field name only]");
	strbuf_addf(out, "               %s\n               holds ", w->phase_why);
	if (!w->nr_locks)
		strbuf_addstr(out, "no lock");
	for (int i = 0; i < w->nr_locks; i++) {
		if (i)
			strbuf_addstr(out, ", ");
		lock_words(&w->locks[i], out);
	}
	strbuf_addch(out, '\n');
	if (w->own && w->root)
		strbuf_addf(out, "               on its thread's own work item: each %s thread "
			    "gets an argument\n               of its own (%s:%u), and no other "
			    "thread is assumed to write\n               what it reaches from it\n",
			    w->root->func, w->root->file, w->root->line);
}

/* The fields field i races with whose proven-race move equals moved, "a, b and c". */
static int race_partners(struct strbuf *out, const struct struct_verdict *sv,
			 const struct location_verdict *lv, int i, bool moved)
{
	int n = 0, total = 0;

	for (int r = 0; r < lv->nr_races; r++) {
		int o = lv->races[r].a == i ? lv->races[r].b :
			lv->races[r].b == i ? lv->races[r].a : -1;

		if (o >= 0 && lv->fields[o].moves[POLICY_PROVEN_RACE] == moved)
			total++;
	}
	for (int r = 0; r < lv->nr_races; r++) {
		int o = lv->races[r].a == i ? lv->races[r].b :
			lv->races[r].b == i ? lv->races[r].a : -1;

		if (o < 0 || lv->fields[o].moves[POLICY_PROVEN_RACE] != moved)
			continue;
		if (n)
			strbuf_addstr(out, n == total - 1 ? " and " : ", ");
		strbuf_addstr(out, member_name(sv, lv, o));
		n++;
	}
	return total;
}

/*
 * "virq_disabled: moves under both policies; races with needs_reset, ...,
 * which stay, and with bardirty, which moves too": the pairs with fields
 * that stay are the ones that force the move.
 */
static void field_header(struct strbuf *report, const struct struct_verdict *sv,
			 const struct location_verdict *lv, int i)
{
	const struct field_verdict *fv = &lv->fields[i];
	bool pr = fv->moves[POLICY_PROVEN_RACE], so = fv->moves[POLICY_SETUP_ONLY];
	struct strbuf stay = STRBUF_INIT, move = STRBUF_INIT, line = STRBUF_INIT;
	struct strbuf *out = &line;
	int nr_stay, nr_move;

	strbuf_addf(out, "%s: ", member_name(sv, lv, i));
	if (pr && so)
		strbuf_addstr(out, "moves under both policies");
	else if (so)
		strbuf_addstr(out, "moves under setup-only, stays under proven-race");
	else if (pr)
		strbuf_addstr(out, "moves under proven-race");
	else
		strbuf_addstr(out, "stays");
	if (pr) {
		nr_stay = race_partners(&stay, sv, lv, i, false);
		nr_move = race_partners(&move, sv, lv, i, true);
		if (nr_stay)
			strbuf_addf(out, "; races with %s, which stay%s", stay.buf,
				    nr_stay == 1 ? "s" : "");
		if (nr_move)
			strbuf_addf(out, "%s %s, which move%s too", nr_stay ? ", and with" :
				    "; races with", move.buf, nr_move == 1 ? "s" : "");
	}
	wrap(report, 4, 8, line.buf);
	strbuf_release(&line);
	strbuf_release(&stay);
	strbuf_release(&move);
}

/* Fields written only at setup or teardown: one line per writer, no sentence each. */
static void lifecycle_fields(struct strbuf *out, const struct struct_verdict *sv,
			     const struct location_verdict *lv, bool userspace)
{
	bool any = false, unknown = false;

	for (int i = 0; i < lv->nr_fields; i++)
		for (int w = 0; !lv->fields[i].runtime && w < lv->fields[i].nr_writers; w++)
			unknown |= lv->fields[i].writers[w].phase == PHASE_UNKNOWN;
	for (int i = 0; i < lv->nr_fields; i++) {
		const struct field_verdict *fv = &lv->fields[i];

		if (fv->runtime || !fv->nr_writers)
			continue;
		if (!any && unknown)
			strbuf_addstr(out, "\n    written only at setup or teardown, or where no "
				      "root reaches (phase unknown,\n    not counted as run time), "
				      "so they stay under both policies:\n");
		else if (!any && userspace)
			strbuf_addstr(out, "\n    written only before the threads start or after "
				      "they are joined, so they stay\n    under both policies:\n");
		else if (!any)
			strbuf_addstr(out, "\n    written only at setup or teardown, which the "
				      "driver's lifecycle orders against\n    run time, so they "
				      "stay under both policies:\n");
		any = true;
		for (int w = 0; w < fv->nr_writers; w++) {
			const struct field_writer *fw = &fv->writers[w];

			strbuf_addf(out, "      %-18s %-9s%s:%u  %s, %s\n",
				    w ? "" : member_name(sv, lv, i), phase_name(fw->phase),
				    fw->write->file, fw->write->line, writer_func(fw),
				    fw->phase_why);
		}
	}
}

/* Why a field has no writer that counts. */
enum quiet { NO_WRITER, LOCAL_COPIES, PRIVATE_OBJECTS };

static enum quiet quiet_kind(const struct field_verdict *fv)
{
	if (!fv->local_only)
		return NO_WRITER;
	return fv->nr_private ? PRIVATE_OBJECTS : LOCAL_COPIES;
}

/* The fields with no writer that counts, for one reason, as one wrapped list. */
static void quiet_list(struct strbuf *out, const struct struct_verdict *sv,
		       const struct location_verdict *lv, enum quiet kind, const char *what)
{
	struct strbuf line = STRBUF_INIT;
	int n = 0;

	for (int i = 0; i < lv->nr_fields; i++) {
		const struct field_verdict *fv = &lv->fields[i];

		if (fv->nr_writers || quiet_kind(fv) != kind)
			continue;
		strbuf_addf(&line, "%s%s", n++ ? ", " : "", member_name(sv, lv, i));
	}
	if (n) {
		strbuf_addf(&line, ": %s, so %s under both policies.", what,
			    n == 1 ? "it stays" : "they stay");
		strbuf_addch(out, '\n');
		wrap(out, 4, 6, line.buf);
	}
	strbuf_release(&line);
}

static void location_text(struct strbuf *out, const struct struct_verdict *sv,
			  const struct location_verdict *lv, bool userspace)
{
	if (lv->loc->byte_end - lv->loc->byte_begin > 1)
		strbuf_addf(out, "  memory location at bytes %u-%u: %d bitfields\n",
			    lv->loc->byte_begin, lv->loc->byte_end - 1, lv->nr_fields);
	else
		strbuf_addf(out, "  memory location at byte %u: %d bitfields\n",
			    lv->loc->byte_begin, lv->nr_fields);
	moves_line(out, sv, lv, POLICY_PROVEN_RACE);
	moves_line(out, sv, lv, POLICY_SETUP_ONLY);
	for (int i = 0; i < lv->nr_fields; i++) {
		const struct field_verdict *fv = &lv->fields[i];
		char *sentence;

		if (!fv->runtime)
			continue;
		strbuf_addch(out, '\n');
		field_header(out, sv, lv, i);
		sentence = xstrfmt("%s.", fv->why);
		wrap(out, 6, 6, sentence);
		free(sentence);
		if (fv->data_race) {
			sentence = xstrfmt("Also: %s.", fv->data_race);
			wrap(out, 6, 6, sentence);
			free(sentence);
		}
		for (int w = 0; w < fv->nr_writers; w++)
			writer_lines(out, &fv->writers[w]);
	}
	lifecycle_fields(out, sv, lv, userspace);
	quiet_list(out, sv, lv, NO_WRITER, "no writer in the analysed code");
	quiet_list(out, sv, lv, LOCAL_COPIES,
		   "written only on local copies, which no other context sees");
	quiet_list(out, sv, lv, PRIVATE_OBJECTS,
		   "written only on objects private to the writer's call tree (a stack "
		   "object, or one allocated and not yet published), which no other "
		   "context sees");
}

void report_text(struct strbuf *out, const struct verdict *v, enum policy p)
{
	int moves[NR_POLICIES] = { 0 }, locs = 0, notes = v->nr_notes;

	for (int i = 0; i < v->nr; i++) {
		const struct struct_verdict *sv = &v->v[i];

		if (i)
			strbuf_addch(out, '\n');
		strbuf_addf(out, "struct %s", sv->s->name);
		/* another struct of the name is another file's: say this one is its file's own */
		if (sv->file)
			strbuf_addf(out, " (%s:%u%s)", sv->file, sv->line,
				    sv->s->scope ? ", file-local" : "");
		else if (sv->s->scope)
			strbuf_addf(out, " (%s, file-local)", sv->s->scope);
		strbuf_addf(out, ", %u bytes\n", sv->s->size);
		for (int l = 0; l < sv->nr_locs; l++) {
			if (l)
				strbuf_addch(out, '\n');
			location_text(out, sv, &sv->locs[l], v->userspace);
			locs++;
			for (int k = 0; k < sv->locs[l].nr_fields; k++)
				for (int q = 0; q < NR_POLICIES; q++)
					moves[q] += sv->locs[l].fields[k].moves[q];
		}
		for (int n = 0; n < sv->nr_notes; n++) {
			char *note = xstrfmt("note: %s.", sv->notes[n]);

			strbuf_addch(out, '\n');
			wrap(out, 2, 2, note);
			free(note);
		}
	}
	if (v->nr)
		strbuf_addch(out, '\n');
	for (int n = 0; n < v->nr_notes; n++)
		strbuf_addf(out, "note: %s\n", v->notes[n]);
	for (int i = 0; i < v->nr_left_out; i++)
		strbuf_addf(out, "struct %s left out: %s\n", v->left_out[i].name,
			    v->left_out[i].why);
	strbuf_addf(out, "%d struct%s, %d shared location%s: proven-race moves %d field%s, "
		    "setup-only moves %d (policy %s: %s)", v->nr, v->nr == 1 ? "" : "s",
		    locs, locs == 1 ? "" : "s", moves[POLICY_PROVEN_RACE],
		    moves[POLICY_PROVEN_RACE] == 1 ? "" : "s", moves[POLICY_SETUP_ONLY],
		    policy_name(p), moves[p] ? "races found" : "clean");
	if (notes)	/* the run-wide ones: evidence the tool could not get */
		strbuf_addf(out, "; %d note%s", notes, notes == 1 ? "" : "s");
	if (v->nr_not_analysed)
		strbuf_addf(out, ", %d line%s not analysed", v->nr_not_analysed,
			    v->nr_not_analysed == 1 ? "" : "s");
	strbuf_addch(out, '\n');
}
