// SPDX-License-Identifier: GPL-2.0
/*
 * The choice of remedy.  Every remedy is planned (its cost is the
 * planned size), then the rule of README "Remedies" picks one:
 *
 *   regroup  every moving field has what serializes its writers (a lock
 *            every run-time writer holds, or the owning task alone) and a
 *            location of fields serialized the same way, existing or new
 *            behind a ":0", holds it at no cost;
 *   bitops   the moving fields' run-time writers run in three or more
 *            contexts and hold no lock in common, or the struct is one of
 *            many instances and the split grows it by a cacheline where
 *            the bitops do not;
 *   split    otherwise.
 */
#include "remedy.h"

#include <stdlib.h>
#include <string.h>


#define CONTEXTS_FOR_BITOPS 3

static const char *const node_types[] = {
	"struct list_head", "struct hlist_node", "struct hlist_bl_node",
	"struct rb_node", "struct llist_node",
};

/*
 * What serializes the run-time writers of fv: the lock they all hold
 * (the verdict's, as the patch's comment names it), else the context
 * they all run in when it runs on one CPU at a time (the verdict's root
 * pseudo-lock, "irq rg_irq"), else "current" when each writes through
 * current (the owning task); NULL when nothing does.
 */
static const char *field_key(const struct field_verdict *fv)
{
	const struct field_writer *first = NULL;
	bool current = false;

	if (!fv)
		return NULL;
	if (fix_field_lock(fv))
		return fix_field_lock(fv);
	for (int w = 0; w < fv->nr_writers && !first; w++)
		if (fv->writers[w].phase == PHASE_RUNTIME)
			first = &fv->writers[w];
	for (int l = 0; first && l < first->nr_locks; l++) {
		const struct fact_lock *cand = &first->locks[l];

		if (cand->how && !strcmp(cand->how, "root") && runtime_writers_hold(fv, cand->id))
			return cand->id;
	}
	for (int w = 0; w < fv->nr_writers; w++) {
		const struct fact *f = fv->writers[w].write;

		if (fv->writers[w].phase != PHASE_RUNTIME)
			continue;
		if (!f->base || strcmp(f->base, "current"))
			return NULL;
		current = true;
	}
	return current ? "current" : NULL;
}

static bool same_key(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static bool has_runtime_writer(const struct field_verdict *fv)
{
	for (int w = 0; fv && w < fv->nr_writers; w++)
		if (fv->writers[w].phase == PHASE_RUNTIME)
			return true;
	return false;
}

static void key_words(struct strbuf *sb, const char *key)
{
	if (!strcmp(key, "current"))
		strbuf_addstr(sb, "written only by the owning task (current)");
	else if (!strcmp(key, "runtime PM"))
		strbuf_addstr(sb, "written only by runtime PM callbacks");
	else if (!strcmp(key, "--split"))
		strbuf_addstr(sb, "named together by --split");
	else if (strchr(key, ' '))
		strbuf_addf(sb, "written only by the %s", key);	/* a root: "irq rg_irq" */
	else
		strbuf_addf(sb, "written under %s", key);
}

static void add_field_names(struct strbuf *sb, const struct bs_struct *s, const int *v, int nr)
{
	for (int i = 0; i < nr; i++)
		strbuf_addf(sb, "%s%s", i == 0 ? "" : i == nr - 1 ? " and " : ", ",
			    s->members[v[i]].name);
}

struct regroup {
	int *group, *after;
	bool *zero;
	int nr;
	struct strbuf how;
	int *unkeyed, nr_unkeyed;	/* fields nothing serializes: alone for lack of a key */
	int *lone, nr_lone;	/* fields alone behind a new ":0": a split in disguise */
};

/*
 * The groups: moving fields of one location with one key go together;
 * a field with no key goes alone.  Each group joins a location of the
 * verdict whose staying fields share its key, else a new location behind
 * a ":0" at the end of its own run.
 */
static void regroup_groups(const struct fix_opts *o, const struct fix_job *job,
			   struct regroup *rg)
{
	const struct bs_struct *s = job->s;
	int n = s->nr_members;
	const char **key = xcalloc((size_t)n + 1, sizeof(*key));
	const struct bs_location **loc = xcalloc((size_t)n + 1, sizeof(*loc));
	int *first = xcalloc((size_t)n + 1, sizeof(*first));

	rg->group = xcalloc((size_t)n + 1, sizeof(int));
	rg->after = xcalloc((size_t)n + 1, sizeof(int));
	rg->zero = xcalloc((size_t)n + 1, sizeof(bool));
	rg->unkeyed = xcalloc((size_t)n + 1, sizeof(int));
	rg->lone = xcalloc((size_t)n + 1, sizeof(int));
	rg->how = (struct strbuf)STRBUF_INIT;
	for (int m = 0; m < n; m++) {
		if (!job->split[m])
			continue;
		key[m] = job->sv ? field_key(fix_field_verdict(job->sv, m)) : "--split";
		loc[m] = layout_location_of((struct bs_struct *)s, m);
		if (!key[m])
			rg->unkeyed[rg->nr_unkeyed++] = m;
		for (int k = 0; k < m && !rg->group[m]; k++)
			if (rg->group[k] && loc[k] == loc[m] && same_key(key[k], key[m]))
				rg->group[m] = rg->group[k];
		if (!rg->group[m]) {
			rg->group[m] = ++rg->nr;
			first[rg->nr - 1] = m;
		}
	}
	for (int g = 0; g < rg->nr; g++) {
		int m0 = first[g], after = -1, nr_in = 0, prev = -1;
		int *in = xcalloc((size_t)n + 1, sizeof(int));
		const char *k = key[m0];

		for (int m = 0; m < n; m++)
			if (rg->group[m] == g + 1)
				in[nr_in++] = m;
		/* a location of the verdict whose staying fields share the key */
		for (int l = 0; job->sv && k && after < 0 && l < job->sv->nr_locs; l++) {
			const struct location_verdict *lv = &job->sv->locs[l];
			bool ok = lv->loc != loc[m0], shares = false;
			int last = -1;

			for (int f = 0; ok && f < lv->nr_fields; f++) {
				const struct field_verdict *fv = &lv->fields[f];

				if (job->split[fv->member])
					continue;
				if (same_key(field_key(fv), k))
					shares = true;
				else if (has_runtime_writer(fv))
					ok = false;
				if (fv->member > last)
					last = fv->member;
			}
			if (ok && shares && last >= 0) {
				int *at = xcalloc((size_t)lv->nr_fields + 1, sizeof(int)), nr_at = 0;

				for (int f = 0; f < lv->nr_fields; f++)
					if (!job->split[lv->fields[f].member])
						at[nr_at++] = lv->fields[f].member;
				after = last;
				add_field_names(&rg->how, s, in, nr_in);
				strbuf_addstr(&rg->how, ", ");
				key_words(&rg->how, k);
				strbuf_addf(&rg->how, " like ");
				add_field_names(&rg->how, s, at, nr_at);
				strbuf_addf(&rg->how, ", join%s their location", nr_in > 1 ? "" : "s");
				free(at);
			}
		}
		if (after < 0) {
			/* what stays: no group's, or an earlier group's that stays in place */
			for (int i = 0; loc[m0] && i < loc[m0]->nr_fields; i++)
				if (!rg->group[loc[m0]->fields[i]])
					after = loc[m0]->fields[i];
			for (int h = 0; h < g; h++)
				if (loc[first[h]] == loc[m0] && rg->zero[h])
					for (int m = 0; m < n; m++)
						if (rg->group[m] == h + 1)
							prev = m;
			if (prev >= 0)
				after = prev;
			if (after < 0) {
				/* the first group of a location that moves whole stays */
				for (int i = 0; i < nr_in; i++)
					rg->group[in[i]] = 0;
				free(in);
				rg->after[g] = -1;
				continue;
			}
			rg->zero[g] = true;
			if (nr_in == 1)
				rg->lone[rg->nr_lone++] = in[0];
			add_field_names(&rg->how, s, in, nr_in);
			strbuf_addstr(&rg->how, ", ");
			if (k)
				key_words(&rg->how, k);
			else
				strbuf_addstr(&rg->how, "with no common lock");
			strbuf_addf(&rg->how, ", go%s behind a new ':0'", nr_in > 1 ? "" : "es");
		}
		rg->after[g] = after;
		free(in);
		strbuf_addstr(&rg->how, "; ");
	}
	free(key);
	free(loc);
	free(first);
}

static void regroup_release(struct regroup *rg)
{
	free(rg->group);
	free(rg->after);
	free(rg->zero);
	strbuf_release(&rg->how);
	free(rg->unkeyed);
	free(rg->lone);
}

int remedy_plan(const struct fix_opts *o, const struct fix_job *job, enum remedy r,
		struct plan *p)
{
	struct regroup rg = { 0 };
	int ret;

	switch (r) {
	case REMEDY_REGROUP:
		regroup_groups(o, job, &rg);
		ret = plan_regroup(p, job->s, rg.group, rg.after, rg.zero, &o->plan);
		regroup_release(&rg);
		return ret;
	case REMEDY_BITOPS:
		return plan_bitops(p, job->s, job->split, NULL, &o->plan);
	default:
		return plan_struct(p, job->s, job->split, &o->plan);
	}
}

/* The distinct contexts of the moving fields' run-time writers. */
static int contexts(const struct fix_job *job, struct strbuf *names)
{
	int *members = xcalloc((size_t)job->s->nr_members + 1, sizeof(*members)), nr = 0, ret;

	for (int m = 0; job->sv && m < job->s->nr_members; m++)
		if (job->split[m])
			members[nr++] = m;
	ret = job->sv ? fix_contexts(job->sv, members, nr, names) : 0;
	free(members);
	return ret;
}

/* A lock every run-time writer of every moving field holds exclusively, or NULL. */
static const char *common_lock(const struct fix_job *job)
{
	const struct field_writer *first = NULL;

	for (int m = 0; job->sv && m < job->s->nr_members && !first; m++) {
		const struct field_verdict *fv = job->split[m] ? fix_field_verdict(job->sv, m) : NULL;

		for (int w = 0; fv && w < fv->nr_writers && !first; w++)
			if (fv->writers[w].phase == PHASE_RUNTIME)
				first = &fv->writers[w];
	}
	for (int l = 0; first && l < first->nr_locks; l++) {
		const char *id = first->locks[l].id;
		bool all = first->locks[l].mode == LOCK_EXCLUSIVE;

		for (int m = 0; all && m < job->s->nr_members; m++)
			if (job->split[m])
				all = runtime_writers_hold(fix_field_verdict(job->sv, m), id);
		if (all)
			return lock_short_name(id[0] == '?' ? id + 1 : id);
	}
	return NULL;
}

/* One of many: it sits on a list or tree, or is written through a loop's cursor. */
static const char *many_instances(const struct fix_opts *o, const struct bs_struct *s)
{
	for (int i = 0; i < s->nr_members; i++)
		for (size_t k = 0; !s->members[i].depth && k < ARRAY_SIZE(node_types); k++)
			if (s->members[i].type && !strcmp(s->members[i].type, node_types[k]))
				return node_types[k];
	for (int k = 0; k < o->facts.nr; k++) {
		const struct fact *f = &o->facts.v[k];

		if (f->kind == FACT_WRITE && layout_sees(o->layout, s, f->struct_name, f->file) &&
		    f->instance && !strcmp(f->instance, "iter"))
			return "a loop's cursor";
	}
	return NULL;
}

int remedy_choose(const struct fix_opts *o, const struct fix_job *job,
		  struct remedy_choice *c)
{
	const struct bs_struct *s = job->s;
	struct plan plans[NR_REMEDIES];
	struct regroup rg = { 0 };
	struct strbuf why = STRBUF_INIT, ctx = STRBUF_INIT;
	int nr_ctx;
	const char *lock, *many;

	memset(c, 0, sizeof(*c));
	for (int r = 0; r < NR_REMEDIES; r++) {
		c->applies[r] = !remedy_plan(o, job, (enum remedy)r, &plans[r]);
		if (c->applies[r])
			c->cost[r] = (int)plans[r].after.size - (int)plans[r].before.size;
		else
			c->na[r] = xstrdup(plans[r].refused);
	}
	regroup_groups(o, job, &rg);
	nr_ctx = contexts(job, &ctx);
	lock = common_lock(job);
	many = many_instances(o, s);

	if (o->remedy_forced) {
		c->chosen = o->remedy;
		strbuf_addf(&why, "--fix %s", remedy_name(o->remedy));
	} else if (!job->sv) {
		/* the rule reads the verdict; without it a store's hazards are unknown too */
		c->chosen = REMEDY_SPLIT;
		strbuf_addstr(&why, "no verdict says what serializes the fields");
	} else if (c->applies[REMEDY_REGROUP] && !rg.nr_unkeyed && !rg.nr_lone &&
		   !c->cost[REMEDY_REGROUP] && rg.how.len > 2) {
		c->chosen = REMEDY_REGROUP;
		strbuf_add(&why, rg.how.buf, rg.how.len - 2);
		strbuf_addstr(&why, ", at no cost in size");
	} else if (c->applies[REMEDY_BITOPS] && nr_ctx >= CONTEXTS_FOR_BITOPS && !lock) {
		c->chosen = REMEDY_BITOPS;
		strbuf_addf(&why, "%d contexts write the flags (%s) and hold no lock in common",
			    nr_ctx, ctx.buf);
	} else if (c->applies[REMEDY_BITOPS] && c->applies[REMEDY_SPLIT] && many &&
		   plans[REMEDY_SPLIT].after.cachelines > plans[REMEDY_SPLIT].before.cachelines &&
		   plans[REMEDY_BITOPS].after.cachelines <= plans[REMEDY_BITOPS].before.cachelines) {
		c->chosen = REMEDY_BITOPS;
		strbuf_addf(&why, "struct %s is one of many (%s) and the split would take it "
			    "from %u to %u cachelines", s->name, many,
			    plans[REMEDY_SPLIT].before.cachelines, plans[REMEDY_SPLIT].after.cachelines);
	} else {
		c->chosen = REMEDY_SPLIT;
		if (rg.nr_unkeyed) {
			strbuf_addstr(&why, "no lock or single context serializes ");
			add_field_names(&why, s, rg.unkeyed, rg.nr_unkeyed);
		} else if (rg.nr_lone) {
			strbuf_addstr(&why, "no location is serialized like ");
			add_field_names(&why, s, rg.lone, rg.nr_lone);
		}
		else if (c->applies[REMEDY_REGROUP])
			strbuf_addf(&why, "regrouping would cost %+d bytes", c->cost[REMEDY_REGROUP]);
		else
			strbuf_addstr(&why, "the fields cannot be regrouped");
		if (nr_ctx < CONTEXTS_FOR_BITOPS)
			strbuf_addf(&why, "; %d context%s write%s the flags, too few for atomic bitops",
				    nr_ctx, nr_ctx == 1 ? "" : "s", nr_ctx == 1 ? "s" : "");
		else if (lock)
			strbuf_addf(&why, "; every writer holds %s, so atomic bitops buy nothing", lock);
	}
	c->why = strbuf_detach(&why);
	for (int r = 0; r < NR_REMEDIES; r++)
		plan_release(&plans[r]);
	regroup_release(&rg);
	strbuf_release(&ctx);
	return c->applies[c->chosen] ? 0 : -1;
}

static void alternatives(const struct remedy_choice *c, struct strbuf *out, const char *sep)
{
	bool any = false;

	for (int r = 0; r < NR_REMEDIES; r++) {
		if ((enum remedy)r == c->chosen)
			continue;
		strbuf_addstr(out, any ? sep : "");
		any = true;
		if (c->applies[r])
			strbuf_addf(out, "%s %+d bytes", remedy_name((enum remedy)r), c->cost[r]);
		else
			strbuf_addf(out, "%s does not apply (%s)", remedy_name((enum remedy)r), c->na[r]);
	}
}

void remedy_describe(const struct remedy_choice *c, struct strbuf *out)
{
	strbuf_addf(out, "  remedy %s: %s\n  alternatives: ", remedy_name(c->chosen), c->why);
	alternatives(c, out, ", ");
	strbuf_addch(out, '\n');
}

void remedy_sentence(const struct remedy_choice *c, struct strbuf *out)
{
	static const char *const names[NR_REMEDIES] = {
		[REMEDY_SPLIT] = "Splitting", [REMEDY_REGROUP] = "Regrouping",
		[REMEDY_BITOPS] = "Atomic bitops",
	};

	if (starts_with(c->why, "--fix "))
		strbuf_addf(out, "%s was asked for (%s).", names[c->chosen], c->why);
	else
		strbuf_addf(out, "%s was chosen because %s.", names[c->chosen], c->why);
	strbuf_addstr(out, " The alternatives: ");
	alternatives(c, out, ", ");
	strbuf_addch(out, '.');
}

void remedy_choice_release(struct remedy_choice *c)
{
	free(c->why);
	for (int r = 0; r < NR_REMEDIES; r++)
		free(c->na[r]);
	memset(c, 0, sizeof(*c));
}
