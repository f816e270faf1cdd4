// SPDX-License-Identifier: GPL-2.0
/* What the check report formats share: which writes to point at, and how to say it. */
#include "report.h"

#include <string.h>

void lock_words(const struct fact_lock *l, struct strbuf *out)
{
	if (l->how && !strcmp(l->how, "pm")) {
		strbuf_addstr(out, "runtime PM exclusively (a runtime PM callback)");
		return;
	}
	if (l->how && !strcmp(l->how, "root") && !strcmp(l->id, CREATOR_LOCK)) {
		strbuf_addstr(out, "the creating thread's program order (one thread "
			      "starts and joins the others)");
		return;
	}
	if (l->how && !strcmp(l->how, "root")) {
		strbuf_addf(out, "the %s, which runs on one CPU at a time", l->id);
		return;
	}
	if (!strcmp(l->id, RUNTIME_PM_LOCK))
		strbuf_addstr(out, "a runtime-PM reference (");
	else
		strbuf_addf(out, "%s%s (", lock_short_name(l->id),
			    l->mode == LOCK_SHARED ? " for reading" : "");
	lock_how_words(l, out);
	strbuf_addch(out, ')');
}

void lock_how_words(const struct fact_lock *l, struct strbuf *out)
{
	static const struct { const char *how, *words; } words[] = {
		{ "lexical", "taken here" },
		{ "trylock", "trylock succeeded" },
		{ "guard", "guard()" },
		{ "scoped_guard", "scoped_guard()" },
		{ "lockdep", "lockdep assertion" },
		{ "must_hold", "__must_hold" },
		{ "caller", "held by a caller on this path" },
		{ "annotation", "annotation" },
		{ "entry", "held around the callback by its caller: roots vocabulary" },
	};
	if (!l->how) {
		strbuf_addstr(out, "unknown");
		return;
	}
	if (fact_lock_learned(l)) {
		strbuf_addstr(out, "via ");
		fact_lock_learned_words(l, out);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcmp(l->how, words[i].how)) {
			strbuf_addstr(out, words[i].words);
			return;
		}
	strbuf_addstr(out, l->how);
}

const char *finding_field(const struct finding *f)
{
	return f->sv->s->members[f->lv->fields[f->field].member].name;
}

const struct field_writer *first_runtime_writer(const struct field_verdict *fv)
{
	for (int w = 0; w < fv->nr_writers; w++)
		if (fv->writers[w].phase == PHASE_RUNTIME)
			return &fv->writers[w];
	return NULL;
}

void for_each_finding(const struct verdict *v, enum policy p,
		      void (*fn)(const struct finding *f, void *data), void *data)
{
	for (int i = 0; i < v->nr; i++) {
		for (int l = 0; l < v->v[i].nr_locs; l++) {
			const struct location_verdict *lv = &v->v[i].locs[l];

			for (int k = 0; k < lv->nr_fields; k++) {
				struct finding f = { &v->v[i], lv, k, NULL, NULL, NULL };
				const struct race *rc;

				if (!lv->fields[k].moves[p])
					continue;
				f.at = first_runtime_writer(&lv->fields[k]);
				rc = p == POLICY_PROVEN_RACE ? field_race(lv, k) : NULL;
				if (rc) {
					int o = rc->a == k ? rc->b : rc->a;

					f.at = &lv->fields[k].writers[rc->a == k ? rc->wa : rc->wb];
					f.other = &lv->fields[o].writers[rc->a == k ? rc->wb : rc->wa];
					f.other_field = v->v[i].s->members[lv->fields[o].member].name;
				}
				fn(&f, data);
			}
		}
	}
}

char *finding_message(const struct finding *f, enum policy p)
{
	const struct field_verdict *fv = &f->lv->fields[f->field];

	if (p == POLICY_PROVEN_RACE)
		return xstrfmt("%s.%s must move out of its memory location: %s",
			       f->sv->s->name, finding_field(f), fv->why);
	return xstrfmt("%s.%s is written at run time by %s (%s) and must move out of "
		       "its memory location under the setup-only policy", f->sv->s->name,
		       finding_field(f), writer_func(f->at), f->at->phase_why);
}

/* 0 for a struct declared under one of the PATHs, 1 for one in a header they include. */
static int declared_outside(const struct struct_verdict *sv, const char **paths)
{
	if (!paths || !*paths)
		return 0;
	if (!sv->file)
		return 1;
	for (; *paths; paths++) {
		const char *p = *paths;
		size_t n;

		while (starts_with(p, "./"))
			p += 2;
		n = strlen(p);
		while (n && p[n - 1] == '/')
			n--;
		if (!n || (!strncmp(sv->file, p, n) && (!sv->file[n] || sv->file[n] == '/')))
			return 0;
	}
	return 1;
}

void report_order(struct verdict *v, const char **paths)
{
	/* stable: the layout's order within each rank */
	for (int i = 1; i < v->nr; i++)
		for (int j = i; j > 0 && declared_outside(&v->v[j - 1], paths) >
					 declared_outside(&v->v[j], paths); j--) {
			struct struct_verdict t = v->v[j];

			v->v[j] = v->v[j - 1];
			v->v[j - 1] = t;
		}
}
