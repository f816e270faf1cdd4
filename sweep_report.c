// SPDX-License-Identifier: GPL-2.0
/*
 * The sweep's summary in its three formats.  Each carries the same
 * results: the counts, the ranked proven races with check's reason and the
 * fix and series commands, the structs that cannot be patched, and the
 * files spatch failed on.  JSON and SARIF are written with the check
 * report's own pieces (report_json_location(), sarif_begin()...).
 */
#include "sweep.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "report.h"

char *sweep_command(const struct sweep_summary *s, const struct sweep_rank *k,
		    const char *cmd)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "bitsplit %s --tree %s --build %s -C %s%s", cmd, s->o->tree,
		    s->o->build ? s->o->build : "O", k->sv->s->name,
		    strcmp(cmd, "series") ? "" : " --out series");
	for (int i = 0; i < k->files.nr; i++)
		strbuf_addf(&sb, " %s", k->files.v[i]);
	return strbuf_detach(&sb);
}

/* Is field f of the ranked location in one of its races? */
static bool races(const struct sweep_rank *k, int f)
{
	for (int j = 0; j < k->lv->nr_races; j++)
		if (k->lv->races[j].a == f || k->lv->races[j].b == f)
			return true;
	return false;
}

static const char *member_name(const struct sweep_rank *k, int f)
{
	return k->sv->s->members[k->lv->fields[f].member].name;
}

/* "a, b" */
static void racing_fields(struct strbuf *out, const struct sweep_rank *k)
{
	for (int f = 0, first = 1; f < k->lv->nr_fields; f++) {
		if (!races(k, f))
			continue;
		strbuf_addf(out, "%s%s", first ? "" : ", ", member_name(k, f));
		first = 0;
	}
}

static const char *layout_source(const struct sweep_summary *s)
{
	return s->r->from_build ? "the build's objects" : "declarations";
}

void sweep_print_text(struct strbuf *out, const struct sweep_summary *s)
{
	const struct sweep_results *r = s->r;

	strbuf_addf(out, "sweep: %ld files, %ld can write a field of a shared location: "
		    "%ld parsed, %ld from cache, %ld failed\n",
		    r->files, r->candidates, r->parsed, r->cached, r->failed);
	strbuf_addf(out, "memory locations: %d with two or more fields, from %s\n",
		    r->nr_locs, layout_source(s));
	if (s->ambiguous)
		strbuf_addf(out, "left out: %d untyped writes to a field name that several "
			    "locations have\n", s->ambiguous);
	strbuf_addf(out, "candidates: %d locations stored at run time by two functions; "
		    "facts and verdict on %d files\n", s->nr_cands, s->nr_files);
	if (s->unjudged)
		strbuf_addf(out, "not judged: %d candidates with weaker cheap evidence, beyond "
			    "the budget of %d files (--budget)\n", s->unjudged, s->o->budget);
	strbuf_addf(out, "not ranked: %d thread-private, %d setup-only, %d serialized, "
		    "%d with no shared write, %d cannot be patched\n",
		    s->private, s->setup, s->serialized, s->unwritten, s->nr_apart);
	strbuf_addf(out, "proven races: %d memory locations, strongest evidence first\n",
		    s->nr_rk);
	if (s->nr_rk && !s->o->build)
		strbuf_addstr(out, "(no --build: in the commands below, O stands for the "
			      "build directory that fix and series take layouts from)\n");
	for (int i = 0; i < s->nr_rk; i++) {
		const struct sweep_rank *k = &s->rk[i];
		char *fix = sweep_command(s, k, "fix"), *series = sweep_command(s, k, "series");

		strbuf_addf(out, "\n%d. struct %s (%s:%u): ", i + 1, k->sv->s->name, k->header,
			    k->sv->s->decl_line);
		racing_fields(out, k);
		strbuf_addf(out, ": %d races, %d from two roots, %d roots, %d with no lock at all, "
			    "%d typed writes\n", k->lv->nr_races, k->cross, k->roots, k->unlocked,
			    k->typed);
		strbuf_addf(out, "\t%s\n\t%s\n\t%s\n", k->lv->races[0].why, fix, series);
		free(fix);
		free(series);
	}
	for (int i = 0; i < s->nr_apart; i++)
		strbuf_addf(out, "%s\tstruct %s (%s:%u): %s\n",
			    i ? "" : "\ncannot be patched (not ranked):\n", s->apart[i].sv->s->name,
			    s->apart[i].header, s->apart[i].sv->s->decl_line, s->apart[i].why);
	for (int i = 0; i < r->nr_skips; i++)
		strbuf_addf(out, "%s\t%s\n", i ? "" : "\nnot analysed (spatch failed):\n",
			    r->skips[i]);
}

/* A skip record is "FILE\tREASON". */
static void split_skip(const char *skip, char **file, const char **why)
{
	const char *tab = strchr(skip, '\t');

	*file = xstrndup(skip, tab ? (size_t)(tab - skip) : strlen(skip));
	*why = tab ? tab + 1 : "";
}

void sweep_print_json(struct strbuf *out, const struct sweep_summary *s)
{
	const struct sweep_results *r = s->r;
	struct json j;

	json_init(&j, out);
	json_begin_object(&j, NULL);
	json_int(&j, "files", r->files);
	json_int(&j, "candidate_files", r->candidates);
	json_int(&j, "parsed", r->parsed);
	json_int(&j, "cached", r->cached);
	json_int(&j, "failed", r->failed);
	json_string(&j, "layout", r->from_build ? "build" : "declarations");
	json_int(&j, "memory_locations", r->nr_locs);
	json_int(&j, "ambiguous_writes", s->ambiguous);
	json_int(&j, "candidates", s->nr_cands);
	json_int(&j, "facts_files", s->nr_files);
	json_int(&j, "unjudged", s->unjudged);
	json_begin_object(&j, "not_ranked");
	json_int(&j, "thread_private", s->private);
	json_int(&j, "setup_only", s->setup);
	json_int(&j, "serialized", s->serialized);
	json_int(&j, "no_shared_write", s->unwritten);
	json_int(&j, "cannot_be_patched", s->nr_apart);
	json_end(&j);
	json_begin_array(&j, "ranked");
	for (int i = 0; i < s->nr_rk; i++) {
		const struct sweep_rank *k = &s->rk[i];
		char *fix = sweep_command(s, k, "fix"), *series = sweep_command(s, k, "series");

		json_begin_object(&j, NULL);
		json_int(&j, "rank", i + 1);
		json_string(&j, "struct", k->sv->s->name);
		json_string(&j, "file", k->header);
		json_int(&j, "line", k->sv->s->decl_line);
		json_begin_array(&j, "fields");
		for (int f = 0; f < k->lv->nr_fields; f++)
			if (races(k, f))
				json_string(&j, NULL, member_name(k, f));
		json_end(&j);
		json_int(&j, "races", k->lv->nr_races);
		json_int(&j, "cross_root", k->cross);
		json_int(&j, "unlocked", k->unlocked);
		json_int(&j, "roots", k->roots);
		json_int(&j, "typed", k->typed);
		json_string(&j, "why", k->lv->races[0].why);
		json_string(&j, "fix", fix);
		json_string(&j, "series", series);
		json_begin_array(&j, "files");
		for (int f = 0; f < k->files.nr; f++)
			json_string(&j, NULL, k->files.v[f]);
		json_end(&j);
		json_begin_array(&j, "locations");
		report_json_location(&j, k->sv, k->lv);
		json_end(&j);
		json_end(&j);
		free(fix);
		free(series);
	}
	json_end(&j);
	json_begin_array(&j, "cannot_be_patched");
	for (int i = 0; i < s->nr_apart; i++) {
		json_begin_object(&j, NULL);
		json_string(&j, "struct", s->apart[i].sv->s->name);
		json_string(&j, "file", s->apart[i].header);
		json_int(&j, "line", s->apart[i].sv->s->decl_line);
		json_string(&j, "why", s->apart[i].why);
		json_end(&j);
	}
	json_end(&j);
	json_begin_array(&j, "not_analysed");
	for (int i = 0; i < r->nr_skips; i++) {
		const char *why;
		char *file;

		split_skip(r->skips[i], &file, &why);
		json_begin_object(&j, NULL);
		json_string(&j, "file", file);
		json_string(&j, "why", why);
		json_end(&j);
		free(file);
	}
	json_end(&j);
	json_end(&j);
}

/* The race's writer on side b (or a) of the ranked location's first race. */
static const struct field_writer *race_writer(const struct sweep_rank *k, bool b)
{
	const struct race *rc = &k->lv->races[0];

	return b ? &k->lv->fields[rc->b].writers[rc->wb] :
		   &k->lv->fields[rc->a].writers[rc->wa];
}

static void writer_location(struct json *j, const struct field_writer *w, const char *msg)
{
	sarif_location(j, w->write->file, w->write->line, w->write->col, msg);
}

/*
 * A ranked race is a warning at its first race's first write, the other
 * write related; a struct that cannot be patched is a note at its
 * declaration.  The counts are the run's properties.
 */
void sweep_print_sarif(struct strbuf *out, const struct sweep_summary *s)
{
	struct strbuf msg = STRBUF_INIT;
	struct json j;

	sarif_begin(&j, out);
	json_begin_array(&j, "results");
	for (int i = 0; i < s->nr_rk; i++) {
		const struct sweep_rank *k = &s->rk[i];
		const struct field_writer *a = race_writer(k, false), *b = race_writer(k, true);
		char *fix = sweep_command(s, k, "fix"), *series = sweep_command(s, k, "series");
		char *other = xstrfmt("%s is written here by %s",
				      member_name(k, k->lv->races[0].b), writer_func(b));

		strbuf_reset(&msg);
		strbuf_addf(&msg, "%d. struct %s: ", i + 1, k->sv->s->name);
		racing_fields(&msg, k);
		strbuf_addf(&msg, " share a memory location and race: %s", k->lv->races[0].why);
		sarif_begin_result(&j, SARIF_RACY_BITFIELD, "warning", msg.buf);
		json_begin_array(&j, "locations");
		writer_location(&j, a, NULL);
		json_end(&j);
		json_begin_array(&j, "relatedLocations");
		writer_location(&j, b, other);
		sarif_location(&j, k->header, k->sv->s->decl_line, 0, "the struct");
		json_end(&j);
		json_begin_object(&j, "properties");
		json_int(&j, "rank", i + 1);
		json_int(&j, "races", k->lv->nr_races);
		json_int(&j, "cross_root", k->cross);
		json_int(&j, "unlocked", k->unlocked);
		json_int(&j, "roots", k->roots);
		json_int(&j, "typed", k->typed);
		json_string(&j, "fix", fix);
		json_string(&j, "series", series);
		json_end(&j);
		json_end(&j);
		free(other);
		free(fix);
		free(series);
	}
	for (int i = 0; i < s->nr_apart; i++) {
		const struct sweep_apart *p = &s->apart[i];

		strbuf_reset(&msg);
		strbuf_addf(&msg, "struct %s races but cannot be patched: %s", p->sv->s->name,
			    p->why);
		sarif_begin_result(&j, SARIF_RACY_BITFIELD, "note", msg.buf);
		json_begin_array(&j, "locations");
		sarif_location(&j, p->header, p->sv->s->decl_line, 0, NULL);
		json_end(&j);
		json_begin_object(&j, "properties");
		json_bool(&j, "ranked", false);
		json_end(&j);
		json_end(&j);
	}
	json_end(&j);
	json_begin_object(&j, "properties");
	json_int(&j, "files", s->r->files);
	json_int(&j, "candidates", s->nr_cands);
	json_int(&j, "unjudged", s->unjudged);
	json_int(&j, "ranked", s->nr_rk);
	json_int(&j, "thread_private", s->private);
	json_int(&j, "setup_only", s->setup);
	json_int(&j, "serialized", s->serialized);
	json_int(&j, "no_shared_write", s->unwritten);
	json_int(&j, "cannot_be_patched", s->nr_apart);
	json_begin_array(&j, "not_analysed");
	for (int i = 0; i < s->r->nr_skips; i++)
		json_string(&j, NULL, s->r->skips[i]);
	json_end(&j);
	json_end(&j);
	sarif_end(&j);
	strbuf_release(&msg);
}

sweep_print_fn *sweep_format(const char *name, const char **ext)
{
	static const struct {
		const char *name, *ext;
		sweep_print_fn *print;
	} formats[] = {
		{ "text", "txt", sweep_print_text },
		{ "json", "json", sweep_print_json },
		{ "sarif", "sarif", sweep_print_sarif },
	};

	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		if (!strcmp(name, formats[i].name)) {
			*ext = formats[i].ext;
			return formats[i].print;
		}
	die("unknown format '%s': expected text, json or sarif", name);
}
