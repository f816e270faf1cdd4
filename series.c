// SPDX-License-Identifier: GPL-2.0
#include "series.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out_manifest.h"
#include "plan.h"
#include "remedy.h"
#include "verify.h"
#include "writer_words.h"
#include "run_command.h"
#include "util.h"

#define WRAP 72

struct ctx {
	struct series_opts *o;
	const char *tree;
	char *work;		/* OUT/.series: scratch objects, index, fix output */
	char *prefix;		/* the tree's path inside its repository */
	const char *env[4];	/* scratch object directory and index */
	char *name, *email;
	struct out_manifest written;	/* the patches in OUT */
	bool verified;		/* --verify passed: the sizes are pahole's */
};

/* One patch: the structs declared in one header. */
struct group {
	const char *file;
	const struct fix_job **jobs;
	int nr, alloc;
};

/* The remedy the rule (or --fix) gives a job, planned as fix planned it. */
static int job_plan(struct ctx *c, const struct fix_job *job, struct plan *p)
{
	struct remedy_choice rc;
	int ret = remedy_choose(&c->o->fix, job, &rc) ? -1 :
		  remedy_plan(&c->o->fix, job, rc.chosen, p);

	remedy_choice_release(&rc);
	return ret;
}

/* The remedy of a group: its first struct's (a header's structs rarely differ). */
static enum remedy group_remedy(struct ctx *c, const struct group *g)
{
	struct remedy_choice rc;
	enum remedy r = REMEDY_SPLIT;

	if (!remedy_choose(&c->o->fix, g->jobs[0], &rc))
		r = rc.chosen;
	remedy_choice_release(&rc);
	return r;
}

/*
 * Run git in the tree with the scratch environment; its stdout without
 * the trailing newline, or NULL when it fails.
 */
static char *git(struct ctx *c, ...)
{
	const char *argv[32] = { "git" };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct child ch = { .argv = argv, .dir = c->tree, .out = &out, .err = &err };
	va_list ap;
	int n = 1, rc;

	va_start(ap, c);
	while (n < (int)ARRAY_SIZE(argv) - 1 && (argv[n] = va_arg(ap, const char *)))
		n++;
	va_end(ap);
	/* run_command() passes our environment on; only git gets the scratch one */
	for (int i = 0; c->env[i]; i++)
		putenv((char *)c->env[i]);
	rc = run_command(&ch);
	unsetenv("GIT_OBJECT_DIRECTORY");
	unsetenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");
	unsetenv("GIT_INDEX_FILE");
	strbuf_release(&err);
	if (rc) {
		strbuf_release(&out);
		return NULL;
	}
	strbuf_addstr(&out, "");
	while (out.len && out.buf[out.len - 1] == '\n')
		out.buf[--out.len] = '\0';
	return strbuf_detach(&out);
}

static char *git_or_die(struct ctx *c, const char *what, ...)
{
	const char *argv[16] = { NULL };
	va_list ap;
	int n = 0;
	char *out;

	va_start(ap, what);
	while (n < (int)ARRAY_SIZE(argv) - 1 && (argv[n] = va_arg(ap, const char *)))
		n++;
	va_end(ap);
	argv[n] = NULL;
	out = git(c, argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6],
		  argv[7], argv[8], argv[9], argv[10], NULL);
	if (!out)
		die("%s: git %s failed in %s", what, argv[0], c->tree);
	return out;
}

/* Append text wrapped at WRAP columns, continuation lines indented by indent. */
static void add_wrapped(struct strbuf *sb, const char *first, const char *text, int indent)
{
	size_t col = strlen(first);

	strbuf_addstr(sb, first);
	for (const char *p = text; *p; ) {
		size_t n = strcspn(p, " ");

		if (col > (size_t)indent && col + 1 + n > WRAP) {
			strbuf_addf(sb, "\n%*s", indent, "");
			col = (size_t)indent;
		} else if (col && (p != text || *first)) {
			strbuf_addch(sb, ' ');
			col++;
		}
		strbuf_add(sb, p, n);
		col += n;
		p += n;
		while (*p == ' ')
			p++;
	}
	strbuf_addch(sb, '\n');
}

/*
 * Subsystem prefixes are lower case ("vfio/pci: ") or an acronym
 * ("ALSA: hda: "); a capitalised word ("Skeleton: ", "Revert: ") is the
 * start of a sentence, not a subsystem.
 */
static bool subsystem_like(const char *s)
{
	return !(isupper((unsigned char)s[0]) && islower((unsigned char)s[1]));
}

/*
 * The subsystem's own subject prefix: the most common "prefix: " of the
 * recent subjects touching the file ("vfio/pci: "), else its directory.
 */
static char *subject_prefix(struct ctx *c, const char *file)
{
	char *log = git(c, "log", "-n", "50", "--no-merges", "--format=%s", "--", file, NULL);
	char *best = NULL, *dir;
	int best_n = 0;

	for (char *l = log; l && *l; ) {
		char *nl = strchrnul(l, '\n'), *colon = NULL;
		int n = 0;

		for (char *p = l; p + 1 < nl; p++)
			if (p[0] == ':' && p[1] == ' ')
				colon = p;
		if (colon && subsystem_like(l)) {
			size_t len = (size_t)(colon - l) + 2;

			for (char *m = log; m && *m; ) {
				char *mnl = strchrnul(m, '\n');

				n += !strncmp(m, l, len) && (size_t)(mnl - m) > len &&
				     !memchr(m + len, ':', (size_t)(mnl - m) - len);
				m = *mnl ? mnl + 1 : mnl;
			}
			if (n > best_n && !memchr(colon + 2, ':', (size_t)(nl - colon - 2))) {
				free(best);
				best = xstrndup(l, len);
				best_n = n;
			}
		}
		l = *nl ? nl + 1 : nl;
	}
	free(log);
	if (best)
		return best;
	dir = xstrdup(file);
	if (strrchr(dir, '/'))
		*strrchr(dir, '/') = '\0';
	best = xstrfmt("%s: ", strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir);
	free(dir);
	return best;
}

/* The line of field's declaration inside struct name in text, or 0. */
static unsigned int decl_line(const char *text, const char *name, const char *field)
{
	char *head = xstrfmt("struct %s {", name);
	const char *s = strstr(text, head), *end;
	size_t flen = strlen(field);
	unsigned int line;

	free(head);
	if (!s)
		return 0;
	end = strstr(s, "\n};");
	line = 1;
	for (const char *p = text; p < s; p++)
		line += *p == '\n';
	for (const char *p = s; *p && (!end || p < end); p++) {
		if (*p == '\n')
			line++;
		else if (!strncmp(p, field, flen) && (p == s || p[-1] == '\t' || p[-1] == ' ' ||
							p[-1] == ',') &&
			 (p[flen] == ':' || p[flen] == ' ' || p[flen] == ','))
			return line;
	}
	return 0;
}

struct blamed {
	char sha[41];
	long time;
};

/* The newest commit among the declaration lines of the racing fields. */
static void blame_line(struct ctx *c, const char *file, unsigned int line, struct blamed *b)
{
	char *range = xstrfmt("%u,%u", line, line), *out, *t;

	out = git(c, "blame", "--porcelain", "-L", range, "--", file, NULL);
	free(range);
	if (out && strlen(out) >= 40 && strncmp(out, "0000000000", 10)) {
		t = strstr(out, "\ncommitter-time ");
		if (t && atol(t + 16) > b->time) {
			memcpy(b->sha, out, 40);
			b->sha[40] = '\0';
			b->time = atol(t + 16);
		}
	}
	free(out);
}

static bool is_racing(const struct location_verdict *lv, int f, enum policy pol)
{
	if (lv->fields[f].moves[pol])
		return true;
	for (int r = 0; r < lv->nr_races; r++) {
		int a = lv->races[r].a, b = lv->races[r].b;

		if ((a == f && lv->fields[b].moves[pol]) || (b == f && lv->fields[a].moves[pol]))
			return true;
	}
	return false;
}

static char *fixes_tag(struct ctx *c, const struct group *g)
{
	struct strbuf text = STRBUF_INIT;
	char *path = xstrfmt("%s/%s", c->tree, g->file), *tag = NULL;
	struct blamed b = { "", 0 };
	enum policy pol = c->o->fix.policy;

	if (strbuf_read_file(&text, path) < 0)
		die("%s: cannot read: %s", path, strerror(errno));
	for (int j = 0; j < g->nr; j++) {
		const struct struct_verdict *sv = g->jobs[j]->sv;

		for (int l = 0; sv && l < sv->nr_locs; l++)
			for (int f = 0; f < sv->locs[l].nr_fields; f++) {
				const struct location_verdict *lv = &sv->locs[l];
				const char *name = sv->s->members[lv->fields[f].member].name;
				unsigned int line;

				if (!is_racing(lv, f, pol))
					continue;
				line = decl_line(text.buf, sv->s->name, name);
				if (line)
					blame_line(c, g->file, line, &b);
			}
	}
	if (b.time)
		tag = git(c, "log", "-1", "--abbrev=12", "--format=Fixes: %h (\"%s\")", b.sha, NULL);
	if (!tag)
		warning("%s: no commit found for the racing fields' declarations: no Fixes: tag",
			g->file);
	strbuf_release(&text);
	free(path);
	return tag;
}

static void cc_lines(struct ctx *c, const char *file, struct strbuf *msg)
{
	char *script = xstrfmt("%s/scripts/get_maintainer.pl", c->tree);
	const char *argv[] = { "perl", "scripts/get_maintainer.pl", "--no-rolestats",
			       "--no-git", "--no-git-fallback", "-f", file, NULL };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct child ch = { .argv = argv, .dir = c->tree, .out = &out, .err = &err };

	if (access(script, R_OK)) {
		warning("%s: absent, no Cc: lines", script);
	} else if (run_command(&ch)) {
		warning("scripts/get_maintainer.pl failed for %s: no Cc: lines", file);
	} else {
		strbuf_addstr(&out, "");
		for (char *l = out.buf; *l; ) {
			char *nl = strchrnul(l, '\n');

			if (nl > l)
				strbuf_addf(msg, "Cc: %.*s\n", (int)(nl - l), l);
			l = *nl ? nl + 1 : nl;
		}
	}
	strbuf_release(&out);
	strbuf_release(&err);
	free(script);
}

/* "a", "a and b", "a, b and c" */
static void add_names(struct strbuf *sb, const char **names, int nr)
{
	for (int i = 0; i < nr; i++)
		strbuf_addf(sb, "%s%s", i == 0 ? "" : i == nr - 1 ? " and " : ", ", names[i]);
}

static void add_unique(const char ***v, int *nr, int *alloc, const char *s)
{
	for (int i = 0; i < *nr; i++)
		if (!strcmp((*v)[i], s))
			return;
	ALLOC_GROW(*v, *nr + 1, *alloc);
	(*v)[(*nr)++] = s;
}

/* What groups a writer in a field's entry: its phase class and what it holds. */
static char *writer_key(const struct field_writer *w)
{
	struct strbuf sb = STRBUF_INIT;

	if (w->phase != PHASE_RUNTIME)
		return xstrdup("S");
	strbuf_addch(&sb, 'R');
	writer_locks(w, &sb);
	return strbuf_detach(&sb);
}

/*
 * A field's writers, each function and context once: "vfpci_pm_entry()
 * and __vfpci_pm_exit() (ioctls), under memory_lock"; writers holding
 * different locks are separated by "; ".
 */
static void writers_entry(const struct field_verdict *fv, bool runtime_only, struct strbuf *out)
{
	char **keys = xcalloc((size_t)fv->nr_writers + 1, sizeof(*keys));
	char **ctxs = xcalloc((size_t)fv->nr_writers + 1, sizeof(*ctxs));
	bool *done = xcalloc((size_t)fv->nr_writers + 1, sizeof(*done));
	int groups = 0;

	for (int w = 0; w < fv->nr_writers; w++) {
		keys[w] = writer_key(&fv->writers[w]);
		ctxs[w] = writer_context(&fv->writers[w], false);
		done[w] = runtime_only && fv->writers[w].phase != PHASE_RUNTIME;
	}
	for (int w = 0; w < fv->nr_writers; w++) {
		int nr_ctx = 0;

		if (done[w])
			continue;
		if (groups++)
			strbuf_addstr(out, "; ");
		/* the writers with w's key, by context */
		for (int k = w; k < fv->nr_writers; k++) {
			const char **fns = NULL;
			int nr_fns = 0, alloc = 0;
			char *ctx;

			if (done[k] || strcmp(keys[k], keys[w]))
				continue;
			for (int j = k; j < fv->nr_writers; j++)
				if (!done[j] && !strcmp(keys[j], keys[w]) && !strcmp(ctxs[j], ctxs[k])) {
					add_unique(&fns, &nr_fns, &alloc, writer_func(&fv->writers[j]));
					if (j > k)
						done[j] = true;
				}
			if (nr_ctx++)
				strbuf_addstr(out, " and ");
			for (int i = 0; i < nr_fns; i++)
				strbuf_addf(out, "%s%s()", i == 0 ? "" : i == nr_fns - 1 ? " and " : ", ",
					    fns[i]);
			ctx = writer_context(&fv->writers[k], nr_fns > 1);
			strbuf_addf(out, " (%s)", ctx);
			free(ctx);
			free(fns);
			done[k] = k != w;
		}
		done[w] = true;
		if (keys[w][1])
			strbuf_addf(out, ", %s", keys[w] + 1);
	}
	for (int w = 0; w < fv->nr_writers; w++) {
		free(keys[w]);
		free(ctxs[w]);
	}
	free(keys);
	free(ctxs);
	free(done);
}

struct entry {
	char *fields;			/* "has_dyn_msix, extended_caps" */
	char *text;
};

/*
 * The "Bitfield justifications:" (moved false) or "Dedicated storage
 * units:" (moved true) list: one bullet per distinct entry, naming every
 * field it covers, in declaration order.
 */
static void field_list(struct strbuf *msg, const char *head, const struct group *g,
		       enum policy pol, bool moved)
{
	struct entry *v = NULL;
	int nr = 0, alloc = 0;

	for (int j = 0; j < g->nr; j++) {
		const struct struct_verdict *sv = g->jobs[j]->sv;

		for (int l = 0; sv && l < sv->nr_locs; l++)
			for (int f = 0; f < sv->locs[l].nr_fields; f++) {
				const struct field_verdict *fv = &sv->locs[l].fields[f];
				const char *name = sv->s->members[fv->member].name;
				struct strbuf text = STRBUF_INIT;
				struct entry *e = NULL;

				if (fv->moves[pol] != moved)
					continue;
				if (fv->nr_writers)
					writers_entry(fv, moved, &text);
				else
					strbuf_addstr(&text, fv->local_only ?
						      "written only on local copies" :
						      "no writer in the analysed code");
				for (int i = 0; i < nr && !e; i++)
					if (!strcmp(v[i].text, text.buf))
						e = &v[i];
				if (e) {
					char *more = g->nr > 1 ?
						xstrfmt("%s, %s.%s", e->fields, sv->s->name, name) :
						xstrfmt("%s, %s", e->fields, name);

					free(e->fields);
					e->fields = more;
					strbuf_release(&text);
					continue;
				}
				ALLOC_GROW(v, nr + 1, alloc);
				v[nr].fields = g->nr > 1 ? xstrfmt("%s.%s", sv->s->name, name) :
							   xstrdup(name);
				v[nr++].text = strbuf_detach(&text);
			}
	}
	if (nr)
		strbuf_addf(msg, "\n%s\n", head);
	for (int i = 0; i < nr; i++) {
		char *line = xstrfmt("%s: %s", v[i].fields, v[i].text);

		add_wrapped(msg, "-", line, 2);
		free(line);
		free(v[i].fields);
		free(v[i].text);
	}
	free(v);
}

/* "bar_mmap_supported[]": the member the hole at index h of s follows. */
static char *hole_after(const struct bs_struct *s, const struct bs_hole *h)
{
	int end = h->before < 0 ? s->nr_members : h->before;

	for (int k = end - 1; k >= 0; k--)
		if (s->members[k].depth == 0 && s->members[k].name)
			return xstrfmt("%s%s", s->members[k].name, s->members[k].dims ? "[]" : "");
	return xstrdup("the start");
}

/* Does moved member pm lie in hole h of the original layout (a byte hole of the struct itself)? */
static bool fills(const struct bs_hole *h, const struct plan_member *pm)
{
	return (pm->role == ROLE_SPLIT || pm->role == ROLE_TIGHTEN || pm->role == ROLE_BITOPS) &&
	       h->parent < 0 &&
	       h->bits >= 8 && pm->bit_offset >= h->bit_offset &&
	       pm->bit_offset + pm->size * 8ULL <= h->bit_offset + h->bits;
}

/*
 * One sentence on the layout: which moved members fill which of the old
 * holes, then the size, verified by a rebuild or only planned.
 */
static void layout_sentence(struct ctx *c, const struct fix_job *job, struct strbuf *msg)
{
	const struct bs_struct *s = job->s;
	struct plan p = { 0 };
	struct strbuf sb = STRBUF_INIT;
	struct strbuf *clauses = NULL;
	int nr_clauses = 0, alloc_clauses = 0;

	if (job_plan(c, job, &p)) {
		plan_release(&p);
		return;
	}
	fix_comment(&c->o->fix, job, &p);	/* the order of the patch: groups together */
	for (int h = 0; h < s->nr_holes; h++) {
		const struct bs_hole *hole = &s->holes[h];
		const char **names = NULL;
		int nr = 0, alloc = 0;
		bool all_tighten = true;
		char *after;

		for (int i = 0; i < p.nr; i++) {
			const struct plan_member *pm = &p.m[i];

			if (!fills(hole, pm))
				continue;
			all_tighten &= pm->role == ROLE_TIGHTEN;
			ALLOC_GROW(names, nr + 1, alloc);
			names[nr++] = s->members[pm->member].name;
		}
		if (!nr)
			continue;
		ALLOC_GROW(clauses, nr_clauses + 1, alloc_clauses);
		clauses[nr_clauses] = (struct strbuf)STRBUF_INIT;
		add_names(&clauses[nr_clauses], names, nr);
		after = hole_after(s, hole);
		strbuf_addf(&clauses[nr_clauses++], " %s the %u-byte hole after %s",
			    all_tighten ? (nr > 1 ? "move up into" : "moves up into") :
			    (nr > 1 ? "fill" : "fills"), hole->bits / 8, after);
		free(after);
		free(names);
	}
	/* "A fill X, B fill Y, and C fills Z: " */
	for (int i = 0; i < nr_clauses; i++) {
		if (i)
			strbuf_addstr(&sb, i == nr_clauses - 1 ? ", and " : ", ");
		strbuf_addstr(&sb, clauses[i].buf);
		strbuf_release(&clauses[i]);
	}
	free(clauses);
	if (nr_clauses)
		strbuf_addstr(&sb, ": ");
	if (p.after.size < p.before.size)
		strbuf_addf(&sb, "struct %s shrinks from %u to %u bytes", s->name,
			    p.before.size, p.after.size);
	else if (p.after.size > p.before.size)
		strbuf_addf(&sb, "struct %s grows from %u to %u bytes", s->name,
			    p.before.size, p.after.size);
	else
		strbuf_addf(&sb, "struct %s stays %u bytes", s->name, p.before.size);
	strbuf_addstr(&sb, c->verified ? " (verified with pahole on a rebuild)." :
				     " (planned layout, not rebuilt).");
	strbuf_addch(msg, '\n');
	add_wrapped(msg, "", sb.buf, 0);
	strbuf_release(&sb);
	plan_release(&p);
}

static const char *const hazard =
	"Bitfield updates are not atomic: a store to one bitfield is a read-modify-write "
	"of the storage unit it shares with its neighbours, so bitfields that can be "
	"updated concurrently must not share one.";

static const char *const policy_sentence[NR_POLICIES] = {
	[POLICY_SETUP_ONLY] =
	"Keep bitfields only for flags written during setup or release (probe, open, "
	"close), where nothing else runs; every flag written at run time gets its own "
	"storage.",
	[POLICY_PROVEN_RACE] =
	"Give their own storage only to the flags with a run-time writer that nothing "
	"serializes against a run-time writer of another flag in the same storage unit; "
	"the others keep sharing it.",
};

/* Why the remedy fixes the race, after the hazard (split: the policy's sentence). */
static const char *const remedy_rationale[NR_REMEDIES] = {
	[REMEDY_REGROUP] =
	"Move each racing flag into a storage unit whose other flags are written under "
	"the same lock (or in the same single context), behind a zero-width bitfield "
	"(:0) where it starts a new one: flags that one lock serializes may share a "
	"unit, so no flag needs storage of its own.",
	[REMEDY_BITOPS] =
	"Turn the racing flags into bits of one unsigned long, set and cleared with "
	"set_bit(), clear_bit() and assign_bit() and read with test_bit(): atomic bit "
	"operations need no common lock, which the writers of these flags do not have.",
};

static const char *const moved_head[NR_REMEDIES] = {
	[REMEDY_SPLIT] = "Dedicated storage units:",
	[REMEDY_REGROUP] = "Regrouped flags:",
	[REMEDY_BITOPS] = "Atomic bits:",
};

/*
 * "Tighten struct layout" when the plan used the holes: a moved member
 * fills one, or the struct ends up smaller than splitting in place.
 */
static bool tightens(const struct plan *p)
{
	if (p->after.size < p->naive_size)
		return true;
	for (int h = 0; h < p->s->nr_holes; h++)
		for (int i = 0; i < p->nr; i++)
			if (fills(&p->s->holes[h], &p->m[i]))
				return true;
	return false;
}

static bool group_tightens(struct ctx *c, const struct group *g)
{
	for (int j = 0; j < g->nr; j++) {
		struct plan p = { 0 };
		bool t = !job_plan(c, g->jobs[j], &p) && p.remedy == REMEDY_SPLIT &&
			 tightens(&p);

		plan_release(&p);
		if (!t)
			return false;
	}
	return true;
}

static char *subject(struct ctx *c, const struct group *g, const char *prefix)
{
	const char *base = strrchr(g->file, '/') ? strrchr(g->file, '/') + 1 : g->file;
	enum remedy r = group_remedy(c, g);

	if (r == REMEDY_REGROUP)
		return g->nr == 1 ? xstrfmt("%sRegroup racy bitfields in struct %s", prefix,
					    g->jobs[0]->s->name) :
		       xstrfmt("%sRegroup racy bitfields in %s", prefix, base);
	if (r == REMEDY_BITOPS)
		return g->nr == 1 ? xstrfmt("%sConvert racy bitfields in struct %s to atomic bitops",
					    prefix, g->jobs[0]->s->name) :
		       xstrfmt("%sConvert racy bitfields in %s to atomic bitops", prefix, base);
	if (group_tightens(c, g))
		return xstrfmt("%sFix racy bitfields and tighten struct layout", prefix);
	if (g->nr == 1)
		return xstrfmt("%sFix racy bitfields in struct %s", prefix, g->jobs[0]->s->name);
	return xstrfmt("%sFix racy bitfields in %s", prefix, base);
}

static void message(struct ctx *c, const struct group *g, const char *subj, struct strbuf *msg)
{
	enum policy pol = c->o->fix.policy;
	char *fixes = fixes_tag(c, g);

	enum remedy r = group_remedy(c, g);

	strbuf_addf(msg, "%s\n\n", subj);
	add_wrapped(msg, "", hazard, 0);
	strbuf_addch(msg, '\n');
	add_wrapped(msg, "", r == REMEDY_SPLIT ? policy_sentence[pol] : remedy_rationale[r], 0);
	field_list(msg, "Bitfield justifications:", g, pol, false);
	field_list(msg, moved_head[r], g, pol, true);
	for (int j = 0; j < g->nr; j++) {
		struct remedy_choice rc;
		struct strbuf sb = STRBUF_INIT;

		if (!remedy_choose(&c->o->fix, g->jobs[j], &rc)) {
			if (g->nr > 1)
				strbuf_addf(&sb, "struct %s: ", g->jobs[j]->s->name);
			remedy_sentence(&rc, &sb);
			strbuf_addch(msg, '\n');
			add_wrapped(msg, "", sb.buf, 0);
		}
		remedy_choice_release(&rc);
		strbuf_release(&sb);
		layout_sentence(c, g->jobs[j], msg);
	}
	strbuf_addch(msg, '\n');
	if (fixes)
		strbuf_addf(msg, "%s\nCc: stable@vger.kernel.org\n", fixes);
	if (c->o->cc)
		cc_lines(c, g->file, msg);
	strbuf_addf(msg, "Signed-off-by: %s <%s>\n", c->name, c->email);
	free(fixes);
}

/* Apply the group's diffs to the scratch index and commit on parent. */
static char *commit_group(struct ctx *c, const struct group *g, const char *parent,
			  const char *msg)
{
	char *dir = c->prefix[0] ? xstrfmt("--directory=%s", c->prefix) : xstrdup("--verbose");
	char *msgfile = xstrfmt("%s/message", c->work), *tree, *commit;

	for (int j = 0; j < g->nr; j++) {
		char *name = fix_out_name(g->jobs[j]->s);
		char *diff = xstrfmt("%s/fix/%s.diff", c->work, name);
		char *ok = git(c, "apply", "--cached", dir, diff, NULL);

		if (!ok)
			die("%s: does not apply to HEAD of %s", diff, c->tree);
		free(ok);
		free(diff);
		free(name);
	}
	if (write_file_atomic(msgfile, msg, strlen(msg)))
		exit(2);
	tree = git_or_die(c, "write-tree", "write-tree", NULL);
	commit = git_or_die(c, "commit-tree", "commit-tree", tree, "-p", parent, "-F", msgfile,
			    NULL);
	free(tree);
	free(msgfile);
	free(dir);
	return commit;
}

static void add_to_group(struct group **gs, int *nr, int *alloc, const struct fix_job *job)
{
	struct group *g = NULL;

	for (int i = 0; i < *nr && !g; i++)
		if (!strcmp((*gs)[i].file, job->file))
			g = &(*gs)[i];
	if (!g) {
		ALLOC_GROW(*gs, *nr + 1, *alloc);
		g = &(*gs)[(*nr)++];
		memset(g, 0, sizeof(*g));
		g->file = job->file;
	}
	ALLOC_GROW(g->jobs, g->nr + 1, g->alloc);
	g->jobs[g->nr++] = job;
}

/*
 * Write each struct's patch into the work directory with the verdict
 * already computed.  Fix's account of a struct that got its patch is not
 * part of a series; of one that did not, it says why (on stderr).
 * Returns how many got none.
 */
static int write_patches(struct ctx *c, const struct fix_jobs *jobs)
{
	struct fix_opts *fo = &c->o->fix;
	struct opt_list diffs = { 0 };
	struct verify_opts vo = { c->tree, fo->src.build, false, fo->src.paths.v };
	char *fixdir = xstrfmt("%s/fix", c->work);
	int refused = 0;

	if (mkdir_p(fixdir))
		die("cannot create %s: %s", fixdir, strerror(errno));
	fo->out = fixdir;
	for (int i = 0; i < jobs->nr; i++) {
		char *account = NULL;
		size_t len = 0;
		int r;

		fo->report = open_memstream(&account, &len);
		if (!fo->report)
			die("cannot keep the account of struct %s: %s", jobs->v[i].s->name,
			    strerror(errno));
		r = fix_write_struct(fo, &jobs->v[i], &diffs);
		fclose(fo->report);
		if (r < 0)
			die("struct %s: cannot write its patch", jobs->v[i].s->name);
		if (r) {
			fputs(account, stderr);
			refused++;
		}
		free(account);
	}
	fo->report = NULL;
	fo->out = NULL;
	if (c->o->verify && diffs.nr) {
		if (verify_patches(&vo, diffs.v, diffs.nr))
			die("the patches did not verify: no series");
		c->verified = true;
	}
	for (int i = 0; i < diffs.nr; i++)
		free((char *)diffs.v[i]);
	free(diffs.v);
	free(fixdir);
	return refused;
}

/*
 * The cover letter's prefix: what the patches' prefixes share, by path
 * component ("vfio/pci: " and "vfio/mlx5: " give "vfio: "), else the
 * first patch's.
 */
static char *common_prefix(char **prefixes, int nr)
{
	size_t n = nr ? strcspn(prefixes[0], ":") : 0;

	for (int i = 1; i < nr; i++) {
		size_t k = 0;

		while (k < n && prefixes[i][k] == prefixes[0][k])
			k++;
		if (k < n || (prefixes[i][k] != ':' && prefixes[i][k] != '/')) {
			/* back to a whole component */
			while (k && prefixes[0][k] != '/')
				k--;
			n = k;
		}
	}
	if (!nr)
		return xstrdup("");
	if (!n)
		return xstrdup(prefixes[0]);
	return xstrfmt("%.*s: ", (int)n, prefixes[0]);
}

static void cover_letter(struct ctx *c, struct group *gs, int nr, char **prefixes)
{
	char *path = xstrfmt("%s/0000-cover-letter.patch", c->o->out);
	struct strbuf sb = STRBUF_INIT, blurb = STRBUF_INIT, text = STRBUF_INIT;
	char *prefix = common_prefix(prefixes, nr), *subj;
	const char *s, *b;
	int nstructs = 0;

	for (int g = 0; g < nr; g++)
		nstructs += gs[g].nr;
	if (c->o->fix.policy == POLICY_SETUP_ONLY)
		strbuf_addf(&sb, "%d struct%s %s bitfields written at run time in a storage "
			    "unit shared with other flags. Bitfields are kept only for flags "
			    "written during setup or release; each patch gives every flag "
			    "written at run time its own storage and lists the writer of each "
			    "flag that stays packed.", nstructs, nstructs == 1 ? "" : "s",
			    nstructs == 1 ? "packs" : "pack");
	else
		strbuf_addf(&sb, "%d struct%s %s bitfields into one storage unit whose "
			    "run-time writers nothing serializes against each other. Each "
			    "patch gives those flags their own storage and lists the writers "
			    "that let the others stay packed.", nstructs, nstructs == 1 ? "" : "s",
			    nstructs == 1 ? "packs" : "pack");
	add_wrapped(&blurb, "", sb.buf, 0);
	strbuf_addf(&blurb, "\n  %-24s %-28s %5s %6s  %s\n", "struct", "header", "moved",
		    "packed", "size");
	for (int g = 0; g < nr; g++)
		for (int j = 0; j < gs[g].nr; j++) {
			const struct fix_job *job = gs[g].jobs[j];
			struct plan p = { 0 };
			int moved = 0, packed = 0;

			for (int l = 0; job->sv && l < job->sv->nr_locs; l++)
				for (int f = 0; f < job->sv->locs[l].nr_fields; f++) {
					bool mv = job->sv->locs[l].fields[f].moves[c->o->fix.policy];

					moved += mv;
					packed += !mv;
				}
			strbuf_addf(&blurb, "  %-24s %-28s %5d %6d  ", job->s->name, gs[g].file,
				    moved, packed);
			if (!job_plan(c, job, &p))
				strbuf_addf(&blurb, "%u -> %u\n", p.before.size, p.after.size);
			else
				strbuf_addstr(&blurb, "-\n");
			plan_release(&p);
		}
	strbuf_addf(&blurb, "\nSizes are %s.\n", c->verified ?
		    "pahole's on objects rebuilt with the patches" :
		    "the planned layouts' (not rebuilt)");

	if (strbuf_read_file(&text, path) < 0)
		die("%s: cannot read: %s", path, strerror(errno));
	s = strstr(text.buf, "*** SUBJECT HERE ***");
	b = s ? strstr(s, "*** BLURB HERE ***\n") : NULL;
	if (!b)
		die("%s: not a git format-patch cover letter", path);
	subj = xstrfmt("%sFix racy bitfields", prefix);
	strbuf_reset(&sb);
	strbuf_add(&sb, text.buf, (size_t)(s - text.buf));
	strbuf_addstr(&sb, subj);
	s += strlen("*** SUBJECT HERE ***");
	strbuf_add(&sb, s, (size_t)(b - s));
	strbuf_addstr(&sb, blurb.buf);
	strbuf_addstr(&sb, b + strlen("*** BLURB HERE ***\n"));
	if (write_file_atomic(path, sb.buf, sb.len))
		exit(2);
	free(subj);
	free(prefix);
	free(path);
	strbuf_release(&sb);
	strbuf_release(&blurb);
	strbuf_release(&text);
}

static void setup(struct ctx *c)
{
	char *objects, *top;

	c->tree = c->o->fix.src.tree ? c->o->fix.src.tree : ".";
	top = git(c, "rev-parse", "--show-toplevel", NULL);
	if (!top)
		die("%s: not in a git repository: the series is built from its history", c->tree);
	free(top);
	c->prefix = git_or_die(c, "rev-parse", "rev-parse", "--show-prefix", NULL);
	if (c->prefix[0] && c->prefix[strlen(c->prefix) - 1] == '/')
		c->prefix[strlen(c->prefix) - 1] = '\0';
	c->name = git(c, "config", "user.name", NULL);
	c->email = git(c, "config", "user.email", NULL);
	if (!c->name || !c->email || !*c->name || !*c->email)
		die("%s: git config user.name and user.email are not set: a patch needs a "
		    "Signed-off-by", c->tree);
	objects = git_or_die(c, "rev-parse", "rev-parse", "--path-format=absolute",
			     "--git-path", "objects", NULL);
	out_manifest_open(&c->written, c->o->out);
	c->work = xstrfmt("%s/.series", c->o->out);
	if (mkdir(c->work, 0777) && errno != EEXIST)
		die("%s: cannot create: %s", c->work, strerror(errno));
	{
		char *abs = realpath(c->work, NULL);

		if (!abs)
			die("%s: %s", c->work, strerror(errno));
		free(c->work);
		c->work = abs;
	}
	c->env[0] = xstrfmt("GIT_OBJECT_DIRECTORY=%s/objects", c->work);
	if (mkdir(c->env[0] + strlen("GIT_OBJECT_DIRECTORY="), 0777) && errno != EEXIST)
		die("%s/objects: cannot create: %s", c->work, strerror(errno));
	c->env[1] = xstrfmt("GIT_ALTERNATE_OBJECT_DIRECTORIES=%s", objects);
	c->env[2] = xstrfmt("GIT_INDEX_FILE=%s/index", c->work);
	c->env[3] = NULL;
	free(objects);
}

/* A re-run replaces the patches: an earlier run's extra ones go. */
static void cleanup(struct ctx *c)
{
	if (out_manifest_close(&c->written, true))
		exit(2);
	remove_tree(c->work);
	for (int i = 0; i < 3; i++)
		free((char *)c->env[i]);
	free(c->work);
	free(c->prefix);
	free(c->name);
	free(c->email);
}

static int cmp_group(const void *a, const void *b)
{
	return strcmp(((const struct group *)a)->file, ((const struct group *)b)->file);
}

int series_write(struct series_opts *o)
{
	struct ctx c = { .o = o };
	struct fix_jobs jobs = { 0 };
	struct group *gs = NULL;
	int nr = 0, alloc = 0, refused;
	char **prefixes, *base, *head, *range, *list, *out_abs;
	struct strbuf msg = STRBUF_INIT;

	setup(&c);
	if (fix_jobs_collect(&o->fix, &jobs))
		exit(2);
	if (!jobs.nr) {
		printf("nothing to split under policy %s: no series\n", o->fix.policy_name);
		cleanup(&c);
		return 0;
	}
	refused = write_patches(&c, &jobs);
	for (int i = 0; i < jobs.nr; i++) {
		char *name = fix_out_name(jobs.v[i].s);
		char *diff = xstrfmt("%s/fix/%s.diff", c.work, name);

		if (!jobs.v[i].file || access(diff, R_OK))
			warning("struct %s: bitsplit fix wrote no patch (refused or withheld): "
				"not in the series", jobs.v[i].s->name);
		else
			add_to_group(&gs, &nr, &alloc, &jobs.v[i]);
		free(diff);
		free(name);
	}
	if (!nr)
		die("no struct got a patch: see 'bitsplit fix' for why");
	if (nr > 1)
		qsort(gs, (size_t)nr, sizeof(*gs), cmp_group);

	base = git_or_die(&c, "rev-parse", "rev-parse", "--verify", "HEAD", NULL);
	free(git_or_die(&c, "read-tree", "read-tree", base, NULL));
	prefixes = xcalloc((size_t)nr + 1, sizeof(*prefixes));
	head = xstrdup(base);
	for (int g = 0; g < nr; g++) {
		char *subj, *commit;

		prefixes[g] = subject_prefix(&c, gs[g].file);
		subj = subject(&c, &gs[g], prefixes[g]);
		strbuf_reset(&msg);
		message(&c, &gs[g], subj, &msg);
		commit = commit_group(&c, &gs[g], head, msg.buf);
		free(head);
		head = commit;
		free(subj);
	}
	range = xstrfmt("%s..%s", base, head);
	/* git runs in the tree: give it the work directory's parent, OUT, as a full path */
	out_abs = xstrndup(c.work, strlen(c.work) - strlen("/.series"));
	list = git_or_die(&c, "format-patch", "format-patch", "--cover-letter", "--no-signature",
			  "-o", out_abs, range, NULL);
	for (char *p = list, *nl; p && *p; p = nl ? nl + 1 : NULL) {
		char *name;

		nl = strchr(p, '\n');
		name = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
		if (out_manifest_add(&c.written, strrchr(name, '/') ? strrchr(name, '/') + 1 : name))
			exit(2);
		free(name);
	}
	cover_letter(&c, gs, nr, prefixes);
	for (char *l = list; *l; ) {
		char *nl = strchrnul(l, '\n'), *name = l;

		for (char *p = l; p < nl; p++)
			if (*p == '/')
				name = p + 1;
		printf("%s/%.*s\n", o->out, (int)(nl - name), name);
		l = *nl ? nl + 1 : nl;
	}
	free(out_abs);

	for (int g = 0; g < nr; g++) {
		free(prefixes[g]);
		free(gs[g].jobs);
	}
	free(prefixes);
	free(gs);
	free(list);
	free(range);
	free(head);
	free(base);
	strbuf_release(&msg);
	fix_jobs_release(&o->fix, &jobs);
	cleanup(&c);
	return refused ? 1 : 0;
}
