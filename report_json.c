// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON report, a documented contract (README "JSON report"): structs[]
 * with their shared locations, each field's writers and verdict under both
 * policies, and the proven-race pairs with their reason.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"

/* The distinct ways the writer's locks were learned: "trylock,pm". */
static char *writer_how(const struct field_writer *w)
{
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < w->nr_locks; i++) {
		bool seen = false;

		for (int k = 0; k < i; k++)
			seen |= !strcmp(w->locks[k].how, w->locks[i].how);
		if (!seen)
			strbuf_addf(&sb, "%s%s", sb.len ? "," : "", w->locks[i].how);
	}
	if (!sb.len)
		strbuf_addstr(&sb, "none");
	return strbuf_detach(&sb);
}

static void writer_json(struct json *j, const struct field_writer *w)
{
	char *how = writer_how(w);

	json_begin_object(j, NULL);
	json_string(j, "function", writer_func(w));
	json_string(j, "file", w->write->file);
	json_int(j, "line", w->write->line);
	json_int(j, "col", w->write->col);
	json_string(j, "phase", phase_name(w->phase));
	json_string(j, "phase_why", w->phase_why);
	if (w->own && w->root) {
		char *at = xstrfmt("%s:%u", w->root->file, w->root->line);

		/* the create that gave its thread an argument of its own */
		json_string(j, "own_work_item_of", at);
		free(at);
	}
	json_begin_array(j, "locks");
	for (int i = 0; i < w->nr_locks; i++) {
		char *s = xstrfmt("%s:%c@%s", w->locks[i].id,
				  w->locks[i].mode == LOCK_SHARED ? 'r' : 'w', w->locks[i].how);

		json_string(j, NULL, s);
		free(s);
	}
	json_end(j);
	json_string(j, "how", how);
	json_bool(j, "typed", w->write->typed);
	json_end(j);
	free(how);
}

void report_json_location(struct json *j, const struct struct_verdict *sv,
			  const struct location_verdict *lv)
{
	json_begin_object(j, NULL);
	json_int(j, "byte_begin", lv->loc->byte_begin);
	json_int(j, "byte_end", lv->loc->byte_end);
	json_begin_array(j, "fields");
	for (int i = 0; i < lv->nr_fields; i++) {
		const struct field_verdict *fv = &lv->fields[i];

		json_begin_object(j, NULL);
		json_string(j, "name", sv->s->members[fv->member].name);
		json_begin_object(j, "moves");
		for (int p = 0; p < NR_POLICIES; p++)
			json_bool(j, policy_name(p), fv->moves[p]);
		json_end(j);
		json_bool(j, "runtime", fv->runtime);
		json_string(j, "why", fv->why);
		json_string(j, "serialized_by", fv->serialized_by);
		json_string(j, "data_race", fv->data_race);
		json_begin_array(j, "writers");
		for (int w = 0; w < fv->nr_writers; w++)
			writer_json(j, &fv->writers[w]);
		json_end(j);
		json_end(j);
	}
	json_end(j);
	json_begin_array(j, "races");
	for (int r = 0; r < lv->nr_races; r++) {
		json_begin_object(j, NULL);
		json_string(j, "a", sv->s->members[lv->fields[lv->races[r].a].member].name);
		json_string(j, "b", sv->s->members[lv->fields[lv->races[r].b].member].name);
		json_string(j, "why", lv->races[r].why);
		json_end(j);
	}
	json_end(j);
	json_end(j);
}

static void notes_json(struct json *j, char *const *notes, int nr)
{
	json_begin_array(j, "notes");
	for (int n = 0; n < nr; n++)
		json_string(j, NULL, notes[n]);
	json_end(j);
}

void report_json(struct strbuf *out, const struct verdict *v, enum policy p)
{
	struct json j;

	json_init(&j, out);
	json_begin_object(&j, NULL);
	json_string(&j, "policy", policy_name(p));
	json_bool(&j, "races", verdict_has_race(v, p));
	json_begin_array(&j, "structs");
	for (int i = 0; i < v->nr; i++) {
		const struct struct_verdict *sv = &v->v[i];

		json_begin_object(&j, NULL);
		json_string(&j, "name", sv->s->name);
		/* only for a struct its .c file keeps apart from another of the name */
		if (sv->s->scope)
			json_string(&j, "scope", sv->s->scope);
		json_string(&j, "file", sv->file);
		json_int(&j, "line", sv->line);
		json_int(&j, "size", sv->s->size);
		json_begin_array(&j, "locations");
		for (int l = 0; l < sv->nr_locs; l++)
			report_json_location(&j, sv, &sv->locs[l]);
		json_end(&j);
		notes_json(&j, sv->notes, sv->nr_notes);
		json_end(&j);
	}
	json_end(&j);
	json_begin_array(&j, "left_out");
	for (int i = 0; i < v->nr_left_out; i++) {
		json_begin_object(&j, NULL);
		json_string(&j, "name", v->left_out[i].name);
		json_string(&j, "why", v->left_out[i].why);
		json_end(&j);
	}
	json_end(&j);
	notes_json(&j, v->notes, v->nr_notes);
	json_end(&j);
}
