// SPDX-License-Identifier: GPL-2.0
#include "fix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_files.h"
#include "hazard.h"
#include "lockset.h"
#include "preset.h"
#include "tree_files.h"
#include "util.h"
#include "writer_words.h"

static struct fix_job *add_job(struct fix_jobs *jobs, const struct bs_struct *s)
{
	for (int i = 0; i < jobs->nr; i++)
		if (jobs->v[i].s == s)
			return &jobs->v[i];
	ALLOC_GROW(jobs->v, jobs->nr + 1, jobs->alloc);
	memset(&jobs->v[jobs->nr], 0, sizeof(jobs->v[0]));
	jobs->v[jobs->nr].s = s;
	jobs->v[jobs->nr].split = xcalloc((size_t)s->nr_members + 1, sizeof(bool));
	return &jobs->v[jobs->nr++];
}

/*
 * The struct --split names: the one fix names its files after
 * ("state@scan.c" for a struct its .c file keeps apart, else "state"),
 * else the one struct of that name.  NULL, with *nr > 1, when the name is
 * that of several structs and the files of none.
 */
static struct bs_struct *split_struct(const struct bs_layout *l, const char *name, int *nr)
{
	struct bs_struct *found = NULL;

	*nr = 0;
	for (int i = 0; i < l->nr_structs; i++) {
		struct bs_struct *s = &l->structs[i];
		char *out = fix_out_name(s);
		bool exact = !strcmp(out, name);

		free(out);
		if (exact)
			return s;
		if (!strcmp(s->name, name)) {
			found = s;
			++*nr;
		}
	}
	return *nr == 1 ? found : NULL;
}

static int jobs_from_split(struct fix_opts *o, struct fix_jobs *jobs)
{
	for (int i = 0; i < o->split.nr; i++) {
		/* a field has no '.', an OUT name may: state@scan.c.busy */
		const char *arg = o->split.v[i], *dot = strrchr(arg, '.');
		char *name = dot ? xstrndup(arg, (size_t)(dot - arg)) : NULL;
		int nr = 0;
		struct bs_struct *s = name ? split_struct(o->layout, name, &nr) : NULL;
		struct fix_job *job;
		int m = -1;

		if (!dot) {
			free(name);
			return error("--split %s: expected STRUCT.FIELD", arg);
		}
		if (!s) {
			if (nr > 1)
				error("--split %s: %d files define a struct %s of their own: name "
				      "one as fix names its files, %s@FILE.c%s", arg, nr, name, name,
				      dot);
			else
				error("--split %s: no struct %s in the layout", arg, name);
			free(name);
			return -1;
		}
		free(name);
		for (int k = 0; k < s->nr_members && m < 0; k++)
			if (s->members[k].name && !strcmp(s->members[k].name, dot + 1))
				m = k;
		if (m < 0)
			return error("--split %s: struct %s has no member %s", arg, s->name, dot + 1);
		if (!s->members[m].bit_size)
			return error("--split %s: %s is not a bitfield", arg, dot + 1);
		job = add_job(jobs, s);
		job->split[m] = true;
	}
	return 0;
}

int fix_jobs_collect(struct fix_opts *o, struct fix_jobs *jobs)
{
	/* --split with --facts: the facts still show the hazards */
	if (o->facts_file && facts_load_file(&o->facts, o->facts_file))
		return -1;
	if (o->split.nr)
		return jobs_from_split(o, jobs);
	if (!o->facts_file &&
	    facts_run(&o->src, o->layout, &o->run, &o->facts))
		return -1;
	o->verdict.userspace = preset_unreached_unknown(preset_resolve(o->run.preset,
								       o->src.tree, &o->src.paths));
	verdict_compute(&o->verdict, (struct bs_layout *)o->layout, &o->facts);
	for (int i = 0; i < o->verdict.nr; i++) {
		const struct struct_verdict *sv = &o->verdict.v[i];

		for (int l = 0; l < sv->nr_locs; l++)
			for (int f = 0; f < sv->locs[l].nr_fields; f++) {
				const struct field_verdict *fv = &sv->locs[l].fields[f];
				struct fix_job *job;

				if (!fv->moves[o->policy])
					continue;
				job = add_job(jobs, sv->s);
				job->sv = sv;
				job->file = sv->file;
				job->split[fv->member] = true;
			}
	}
	return 0;
}

void fix_jobs_release(struct fix_opts *o, struct fix_jobs *jobs)
{
	for (int i = 0; i < jobs->nr; i++)
		free(jobs->v[i].split);
	free(jobs->v);
	verdict_release(&o->verdict);
	facts_release(&o->facts);
}

const struct field_verdict *fix_field_verdict(const struct struct_verdict *sv, int m)
{
	for (int l = 0; sv && l < sv->nr_locs; l++)
		for (int f = 0; f < sv->locs[l].nr_fields; f++)
			if (sv->locs[l].fields[f].member == m)
				return &sv->locs[l].fields[f];
	return NULL;
}

/*
 * Split fields that landed side by side with the same size take each
 * other's place freely: order them so that equal comments are adjacent
 * and print once, keeping the offsets where they were.
 */
static void group_comments(struct plan *p)
{
	for (int i = 0; i < p->nr; i++) {
		int end = i;

		while (end + 1 < p->nr && p->m[end + 1].role == ROLE_SPLIT &&
		       p->m[i].role == ROLE_SPLIT && p->m[end + 1].size == p->m[i].size &&
		       p->m[end + 1].align == p->m[i].align)
			end++;
		/* a stable insertion sort on the first place each comment appears */
		for (int a = i + 1; a <= end; a++)
			for (int b = a; b > i; b--) {
				const char *cb = p->m[b].comment, *cp = p->m[b - 1].comment;
				int first_b = b, first_p = b - 1;
				struct plan_member t;
				unsigned long long off;

				for (int k = i; k < b; k++)
					if (cb && p->m[k].comment && !strcmp(p->m[k].comment, cb)) {
						first_b = k;
						break;
					}
				for (int k = i; k < b - 1; k++)
					if (cp && p->m[k].comment && !strcmp(p->m[k].comment, cp)) {
						first_p = k;
						break;
					}
				if (first_b >= first_p)
					break;
				off = p->m[b].bit_offset;
				t = p->m[b];
				p->m[b] = p->m[b - 1];
				p->m[b - 1] = t;
				p->m[b].bit_offset = off;
				p->m[b - 1].bit_offset = off - (unsigned long long)t.size * 8;
			}
		i = end;
	}
}

#define UNLOCKED "no common lock"

/*
 * A lock every run-time writer holds exclusively, its type unknown
 * ("?vdev->vdev.dev_set->lock", matched by its text): the verdict does
 * not vouch for it, but the message names it, so the comment must not
 * say there is none.
 */
static const char *text_lock(const struct field_verdict *fv)
{
	const struct field_writer *first = NULL;

	for (int i = 0; i < fv->nr_writers && !first; i++)
		if (fv->writers[i].phase == PHASE_RUNTIME)
			first = &fv->writers[i];
	for (int l = 0; first && l < first->nr_locks; l++) {
		const struct fact_lock *cand = &first->locks[l];
		bool all = cand->id[0] == '?' && cand->mode == LOCK_EXCLUSIVE &&
			   runtime_writers_hold(fv, cand->id);

		if (all)
			return lock_short_name(cand->id + 1);
	}
	return NULL;
}

const char *fix_field_lock(const struct field_verdict *fv)
{
	return fv->serialized_by ? fv->serialized_by : text_lock(fv);
}

/* The group comment of a split field: what serializes its run-time writers. */
static char *split_comment(const struct field_verdict *fv)
{
	const char *lock = fix_field_lock(fv);

	if (lock && !strcmp(lock, "runtime PM"))
		return xstrdup("runtime PM callbacks only");
	if (lock)
		return xstrfmt("written under %s", lock);
	return xstrdup(UNLOCKED);
}

int fix_contexts(const struct struct_verdict *sv, const int *members, int nr,
		 struct strbuf *out)
{
	char **v = NULL;
	int nr_v = 0, alloc = 0;

	for (int i = 0; i < nr; i++) {
		const struct field_verdict *fv = fix_field_verdict(sv, members[i]);

		for (int w = 0; fv && w < fv->nr_writers; w++) {
			char *ctx;
			bool seen = false;

			if (fv->writers[w].phase != PHASE_RUNTIME)
				continue;
			ctx = writer_context(&fv->writers[w], true);
			for (int k = 0; k < nr_v && !seen; k++)
				seen = !strcmp(v[k], ctx);
			if (seen) {
				free(ctx);
				continue;
			}
			ALLOC_GROW(v, nr_v + 1, alloc);
			v[nr_v++] = ctx;
		}
	}
	for (int k = 0; k < nr_v; k++) {
		strbuf_addf(out, "%s%s", k == 0 ? "" : k == nr_v - 1 ? " and " : ", ", v[k]);
		free(v[k]);
	}
	free(v);
	return nr_v;
}

/*
 * "no common lock: written by config-space writes and ioctls": the
 * run-time contexts of the unserialized fields in p->m[begin, end).
 */
static char *unlocked_comment(const struct fix_job *job, const struct plan *p, int begin, int end)
{
	int *members = xcalloc((size_t)(end - begin) + 1, sizeof(*members));
	struct strbuf sb = STRBUF_INIT, ctx = STRBUF_INIT;

	for (int i = begin; i < end; i++)
		members[i - begin] = p->m[i].member;
	strbuf_addstr(&sb, UNLOCKED);
	if (fix_contexts(job->sv, members, end - begin, &ctx))
		strbuf_addf(&sb, ": written by %s", ctx.buf);
	strbuf_release(&ctx);
	free(members);
	return strbuf_detach(&sb);
}

/*
 * The comment of a run that stays after a regroup: what serializes its
 * writers, when the same lock serializes them all; else NULL.
 */
static char *run_comment(const struct fix_job *job, const struct plan *p, int i)
{
	char *first = NULL;

	for (int k = i; k < p->nr && p->m[k].role == ROLE_PACKED; k++) {
		const struct field_verdict *fv = fix_field_verdict(job->sv, p->m[k].member);
		char *c = fv && fix_field_lock(fv) ? split_comment(fv) : NULL;

		if (!c || (first && strcmp(first, c))) {
			free(c);
			free(first);
			return NULL;
		}
		if (!first)
			first = c;
		else
			free(c);
	}
	return first;
}

void fix_comment(const struct fix_opts *o, const struct fix_job *job, struct plan *p)
{
	bool first_packed = true;

	for (int i = 0; i < p->nr; i++)
		if (p->m[i].role == ROLE_BITOPS)
			p->m[i].comment = xstrfmt("atomic bitops only: the bits of enum %s",
						  p->bit_enum);
	if (!job->sv)
		return;
	for (int i = 0; i < p->nr; i++) {
		struct plan_member *pm = &p->m[i];
		const struct field_verdict *fv = pm->added ? NULL :
			fix_field_verdict(job->sv, pm->member);

		if (pm->role == ROLE_REGROUP && fv && i && p->m[i - 1].added) {
			/* a new location says what lets its fields share it */
			pm->comment = split_comment(fv);
		} else if (pm->role == ROLE_PACKED && first_packed) {
			first_packed = false;
			pm->comment = p->remedy == REMEDY_REGROUP ? run_comment(job, p, i) : NULL;
			if (!pm->comment)
				pm->comment = xstrdup(o->policy == POLICY_SETUP_ONLY ?
					"Flags only modified on setup/release - bitfield ok" :
					"No two writers of these flags run concurrently - bitfield ok");
		} else if (pm->role == ROLE_SPLIT && fv) {
			pm->comment = split_comment(fv);
		}
		if (pm->role != ROLE_PACKED && i && p->m[i - 1].role == ROLE_PACKED)
			first_packed = true;	/* a second run gets its own */
	}
	group_comments(p);
	/* each group of unserialized fields names the contexts of its own writers */
	for (int i = 0; i < p->nr; ) {
		int end = i;

		while (end < p->nr && p->m[end].comment && !strcmp(p->m[end].comment, UNLOCKED))
			end++;
		if (end == i) {
			i++;
			continue;
		}
		for (int k = i; k < end; k++) {
			free(p->m[k].comment);
			p->m[k].comment = unlocked_comment(job, p, i, end);
		}
		i = end;
	}
}

int fix_hazards(const struct fix_opts *o, const struct fix_job *job,
		const struct plan *p, const char *header, const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	int n = p->remedy == REMEDY_BITOPS ?
		hazards_find_bits(p, &o->facts, o->layout, header, text, &sb) :
		hazards_find(p, &o->facts, o->layout, header, text, &sb);

	fputs(sb.buf ? sb.buf : "", o->report);
	strbuf_release(&sb);
	return n;
}

char *fix_out_name(const struct bs_struct *s)
{
	const char *base = s->scope ? strrchr(s->scope, '/') : NULL;

	if (!s->scope)
		return xstrdup(s->name);
	return xstrfmt("%s@%s", s->name, base ? base + 1 : s->scope);
}

void fix_store_files(const struct fix_opts *o, const struct plan *p, struct opt_list *files)
{
	for (int k = 0; k < o->facts.nr; k++) {
		const struct fact *f = &o->facts.v[k];
		const struct plan_member *pm = NULL;
		bool seen = false;
		char *norm;

		if (f->kind != FACT_WRITE || !layout_sees(o->layout, p->s, f->struct_name, f->file))
			continue;
		for (int i = 0; i < p->nr && !pm; i++)
			if (p->m[i].role == ROLE_SPLIT &&
			    !strcmp(p->s->members[p->m[i].member].name, f->field))
				pm = &p->m[i];
		/* the diff names it: tree-relative and normalized, never outside */
		norm = path_normalize(f->file);
		seen = norm[0] == '/' || !strcmp(norm, "..") || starts_with(norm, "../");
		for (int i = 0; i < files->nr && !seen; i++)
			seen = !strcmp(files->v[i], norm);
		if (pm && !seen)
			opt_list_append(files, norm);
		else
			free(norm);
	}
}

void fix_access_files(const struct fix_opts *o, const struct plan *p, const char *header,
		      struct opt_list *files)
{
	struct opt_list all = { 0 };

	/* a struct its .c file keeps apart is that file's: the header itself */
	if (p->s->scope)
		return;
	for (int i = 0; i < o->src.paths.nr; i++)
		tree_files(o->src.tree, o->src.paths.v[i], &all);
	for (int i = 0; i < all.nr; i++) {
		char *path = xstrfmt("%s/%s", o->src.tree, all.v[i]);
		struct strbuf sb = STRBUF_INIT;
		bool hit = false, seen = !strcmp(all.v[i], header);

		for (int k = 0; k < files->nr && !seen; k++)
			seen = !strcmp(files->v[k], all.v[i]);
		if (!seen && strbuf_read_file(&sb, path) >= 0 && sb.len && !memchr(sb.buf, 0, sb.len))
			for (int b = 0; b < p->nr_bits && !hit; b++)
				hit = find_field_use(sb.buf, p->s->members[p->bits[b]].name);
		if (hit)
			opt_list_append(files, xstrdup(all.v[i]));
		free((char *)all.v[i]);
		strbuf_release(&sb);
		free(path);
	}
	free(all.v);
}
