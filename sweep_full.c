// SPDX-License-Identifier: GPL-2.0
/*
 * The sweep's full tier and its summary.  The cheap tier's write records
 * pick the candidate locations: two of their fields stored at run time by
 * two different functions.  On those only, the facts pass runs over the
 * files that store them and verdict_compute() decides, as "bitsplit check"
 * would: what it proves a race is ranked, a struct refuse_struct() will
 * not patch is listed apart, and the rest is counted.
 */
#include "sweep.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decl_scan.h"
#include "facts.h"
#include "layout.h"
#include "refuse.h"
#include "source.h"
#include "verdict.h"

/* A candidate location and what the cheap tier saw stored to it. */
struct cand {
	const struct sweep_loc *loc;
	const struct sweep_write **w;	/* run-time writes attributed to it */
	int nr_w, alloc_w;
	/* its cheap evidence, for the budget */
	int funcs;		/* distinct run-time writer functions */
	int typed_funcs;	/* those of them with a typed write */
	int typed;		/* typed writes */
	int files;		/* .c files that store it: what judging it costs */
	int roots;		/* distinct run-time roots of the files reaching its writers */
	bool locked_apart;	/* two fields' writers take locks, not the same: locked_apart() */
	bool apart;		/* declared under uapi/ or tools/: never patched */
	bool judged;		/* its files are in the full tier's budget */
};

static int field_index(const struct sweep_loc *l, const char *f)
{
	for (int k = 0; k < l->nr_fields; k++)
		if (!strcmp(l->fields[k], f))
			return k;
	return -1;
}

static void add_write(struct cand *c, const struct sweep_write *w)
{
	ALLOC_GROW(c->w, c->nr_w + 1, c->alloc_w);
	c->w[c->nr_w++] = w;
}

/*
 * Attribute each run-time write: a typed one to every location of its
 * struct holding the field, an untyped one only when a single location
 * has a field of that name.  Returns how many were ambiguous.
 */
static int attribute(const struct sweep_results *r, struct cand *c)
{
	int ambiguous = 0;

	for (int i = 0; i < r->nr_writes; i++) {
		const struct sweep_write *w = &r->writes[i];
		bool by_name = !strcmp(w->struct_name, "-");
		int owner = -1, owners = 0;

		if (!w->runtime)
			continue;
		for (int l = 0; l < r->nr_locs; l++) {
			if (field_index(&r->locs[l], w->field) < 0)
				continue;
			if (!by_name && !strcmp(r->locs[l].struct_name, w->struct_name))
				add_write(&c[l], w);
			if (by_name && !owners++)
				owner = l;
		}
		if (by_name && owners == 1)
			add_write(&c[owner], w);
		ambiguous += by_name && owners > 1;
	}
	return ambiguous;
}

/* Two fields stored by two different functions: worth the full tier. */
static bool is_candidate(const struct cand *c)
{
	for (int i = 0; i < c->nr_w; i++)
		for (int j = i + 1; j < c->nr_w; j++)
			if (strcmp(c->w[i]->field, c->w[j]->field) &&
			    (strcmp(c->w[i]->func, c->w[j]->func) ||
			     strcmp(c->w[i]->file, c->w[j]->file)))
				return true;
	return false;
}

static void add_unique(struct opt_list *l, const char *s)
{
	for (int i = 0; i < l->nr; i++)
		if (!strcmp(l->v[i], s))
			return;
	opt_list_append(l, xstrdup(s));
}

static void free_list(struct opt_list *l)
{
	for (int i = 0; i < l->nr; i++)
		free((char *)l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void scan_decl_file(const char *tree, const char *file, struct decl_scan *d,
			   struct strbuf *sb)
{
	char *path = xstrfmt("%s/%s", tree, file);

	strbuf_reset(sb);
	if (strbuf_read_file(sb, path) < 0)
		die("%s: cannot read: %s", path, strerror(errno));
	decl_scan_buf(d, sb->buf, sb->len, file);
	free(path);
}

/* The one file the shards saw declare struct name with bitfields, or NULL. */
static const char *only_decl(const struct sweep_results *r, const char *name)
{
	const char *file = NULL;

	for (int i = 0; i < r->nr_locs; i++) {
		if (strcmp(r->locs[i].struct_name, name))
			continue;
		if (file && strcmp(file, r->locs[i].file))
			return NULL;
		file = r->locs[i].file;
	}
	return file;
}

/*
 * The candidate structs' layouts from their declarations, and the other
 * structs of their headers, judged or not: their members' types name the
 * struct a lock is in when it is reached through them.  So do the structs
 * a judged struct holds or points to, from the one file that declares
 * each (dwc3's gadget, whose udc holds connect_lock; ipr's Scsi_Host).
 */
static void decl_layout(const char *tree, const struct sweep_results *r,
			const struct opt_list *headers, const struct opt_list *names,
			struct bs_layout *l)
{
	struct decl_scan d = { 0 };
	struct strbuf sb = STRBUF_INIT;
	struct opt_list files = { 0 };

	for (int i = 0; i < headers->nr; i++) {
		add_unique(&files, headers->v[i]);
		scan_decl_file(tree, headers->v[i], &d, &sb);
	}
	for (int i = 0, nr = d.nr; i < nr; i++) {
		bool judged = false;

		for (int k = 0; k < names->nr && !judged; k++)
			judged = !strcmp(d.v[i].name, names->v[k]);
		for (int m = 0; judged && m < d.v[i].nr_members; m++) {
			const struct decl_member *dm = &d.v[i].members[m];
			const char *file = dm->tagged && dm->type ? only_decl(r, dm->type) : NULL;
			int before = files.nr;

			if (!file)
				continue;
			add_unique(&files, file);
			if (files.nr > before)
				scan_decl_file(tree, file, &d, &sb);
		}
	}
	layout_from_decls(l, &d);
	if (names->nr && layout_filter_judged(l, names->v))
		exit(2);
	decl_scan_release(&d);
	free_list(&files);
	strbuf_release(&sb);
}

static void evidence(struct sweep_rank *rk)
{
	const struct location_verdict *lv = rk->lv;
	const struct fact **roots = NULL;
	int nr_roots = 0, alloc_roots = 0;

	for (int i = 0; i < lv->nr_races; i++) {
		const struct race *r = &lv->races[i];
		const struct field_writer *a = &lv->fields[r->a].writers[r->wa];
		const struct field_writer *b = &lv->fields[r->b].writers[r->wb];
		const struct field_writer *two[] = { a, b };

		rk->unlocked += !a->nr_locks && !b->nr_locks;
		rk->cross += a->root && b->root && a->root != b->root;
		for (int k = 0; k < 2; k++) {
			bool seen = false;

			rk->typed += two[k]->write->typed;
			for (int j = 0; j < nr_roots && !seen; j++)
				seen = roots[j] == two[k]->root;
			if (!seen && two[k]->root) {
				ALLOC_GROW(roots, nr_roots + 1, alloc_roots);
				roots[nr_roots++] = two[k]->root;
			}
		}
	}
	rk->roots = nr_roots;
	free(roots);
}

static int by_evidence(const void *pa, const void *pb)
{
	const struct sweep_rank *a = pa, *b = pb;
	int c;

	/*
	 * Two entry points first: a race within one root needs that root to
	 * run twice at once, and is what per-operation objects (options
	 * parsed, a descriptor filled) look like, with as many races as
	 * fields.  Then more entry points, then no lock at all, then counts.
	 */
	if (!a->cross != !b->cross)
		return !a->cross - !b->cross;
	if (a->roots != b->roots)
		return b->roots - a->roots;
	if (!a->unlocked != !b->unlocked)
		return !a->unlocked - !b->unlocked;
	if (a->typed != b->typed)
		return b->typed - a->typed;
	if (a->unlocked != b->unlocked)
		return b->unlocked - a->unlocked;
	if (a->lv->nr_races != b->lv->nr_races)
		return b->lv->nr_races - a->lv->nr_races;
	c = strcmp(a->sv->s->name, b->sv->s->name);
	if (!c)
		c = strcmp(a->header, b->header);
	if (!c)
		c = a->lv->loc->bit_begin < b->lv->loc->bit_begin ? -1 :
		    a->lv->loc->bit_begin > b->lv->loc->bit_begin;
	return c;
}

static const struct left_out *left_out(const struct verdict *v, const char *name)
{
	for (int i = 0; i < v->nr_left_out; i++)
		if (!strcmp(v->left_out[i].name, name))
			return &v->left_out[i];
	return NULL;
}

/* A location with no proven race: why, for the counts. */
static void count_quiet(const struct location_verdict *lv, struct sweep_summary *n)
{
	bool runtime = false, private = false;

	for (int i = 0; i < lv->nr_fields; i++) {
		runtime |= lv->fields[i].runtime;
		private |= lv->fields[i].nr_private > 0 || lv->fields[i].local_only;
	}
	if (runtime)
		n->serialized++;
	else if (private)
		n->private++;
	else
		n->setup++;
}

/* The .c files whose cheap-tier writes hit struct name's candidate locations. */
static void struct_files(const struct cand *c, int nr, const char *name, struct opt_list *out)
{
	for (int l = 0; l < nr; l++) {
		if (strcmp(c[l].loc->struct_name, name))
			continue;
		for (int i = 0; i < c[l].nr_w; i++)
			if (ends_with(c[l].w[i]->file, ".c"))
				add_unique(out, c[l].w[i]->file);
	}
	if (out->nr)
		qsort(out->v, (size_t)out->nr, sizeof(*out->v), cmp_strp);
}

/* Is w's function one of c's writers before index i? */
static bool seen_func(const struct cand *c, int i, bool typed_only)
{
	const struct sweep_write *w = c->w[i];

	for (int k = 0; k < i; k++)
		if ((!typed_only || strcmp(c->w[k]->struct_name, "-")) &&
		    !strcmp(c->w[k]->func, w->func) && !strcmp(c->w[k]->file, w->file))
			return true;
	return false;
}

static bool has(const struct opt_list *l, const char *s)
{
	for (int i = 0; i < l->nr; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

static int cmp_reach(const void *a, const void *b)
{
	const struct sweep_reach *x = *(const struct sweep_reach *const *)a;
	const struct sweep_reach *y = *(const struct sweep_reach *const *)b;
	int c = strcmp(x->file, y->file);

	return c ? c : strcmp(x->func, y->func);
}

/* The reach records sorted by file and function, for find_reach(). */
static const struct sweep_reach **sort_reach(const struct sweep_results *r)
{
	const struct sweep_reach **v = xcalloc((size_t)r->nr_reach + 1, sizeof(*v));

	for (int i = 0; i < r->nr_reach; i++)
		v[i] = &r->reach[i];
	if (r->nr_reach)
		qsort(v, (size_t)r->nr_reach, sizeof(*v), cmp_reach);
	return v;
}

static const struct sweep_reach *find_reach(const struct sweep_reach **v, int nr,
					    const struct sweep_write *w)
{
	struct sweep_reach key = { .file = w->file, .func = w->func }, *k = &key;
	const struct sweep_reach **hit = bsearch(&k, v, (size_t)nr, sizeof(*v), cmp_reach);

	return hit ? *hit : NULL;
}

/*
 * Distinct run-time roots reaching c's writers, each one a file's reach
 * record names.  A writer no root of its file reaches adds none: its
 * callers are elsewhere, and the full tier, on the same files, will not
 * see them either.
 */
static int count_roots(const struct cand *c, const struct sweep_reach *const *rw)
{
	struct opt_list seen = { 0 };
	int n;

	for (int i = 0; i < c->nr_w; i++) {
		const char *roots = rw[i] ? rw[i]->roots : NULL;

		if (!roots || !strcmp(roots, "-"))
			continue;
		for (const char *p = roots; p; p = strchr(p, ','), p = p ? p + 1 : NULL) {
			char *one = xstrfmt("%s\t%.*s", c->w[i]->file, (int)strcspn(p, ","), p);

			if (!has(&seen, one))
				opt_list_append(&seen, one);
			else
				free(one);
		}
	}
	n = seen.nr;
	free_list(&seen);
	return n;
}

/* Do the comma-separated lists a and b share a name? */
static bool share_name(const char *a, const char *b)
{
	for (const char *p = a; p; p = strchr(p, ','), p = p ? p + 1 : NULL)
		if (comma_list_has(b, p, strcspn(p, ",")))
			return true;
	return false;
}

/*
 * Two fields stored by typed writes in two functions that each take a
 * lock, and no lock of the same name: where the text shows every writer
 * locking, it shows the locking whole, and a pair that still shares no
 * lock is what the full tier proves.  A writer that takes no lock may run
 * under its caller's, which only the full tier sees.
 */
static bool locked_apart(const struct cand *c, const struct sweep_reach *const *rw)
{
	for (int i = 0; i < c->nr_w; i++) {
		const struct sweep_reach *a = rw[i];

		if (!a || !strcmp(a->locks, "-") || !strcmp(c->w[i]->struct_name, "-"))
			continue;
		for (int j = i + 1; j < c->nr_w; j++) {
			const struct sweep_reach *b = rw[j];

			if (b && b != a && strcmp(b->locks, "-") &&
			    strcmp(c->w[j]->struct_name, "-") &&
			    strcmp(c->w[i]->field, c->w[j]->field) && !share_name(a->locks, b->locks))
				return true;
		}
	}
	return false;
}

static void cheap_evidence(struct cand *c, const struct sweep_reach **v, int nr)
{
	const char *h = c->loc->file;
	const struct sweep_reach **rw = xcalloc((size_t)c->nr_w + 1, sizeof(*rw));

	/* each writer's reach record, looked up once */
	for (int i = 0; i < c->nr_w; i++)
		rw[i] = find_reach(v, nr, c->w[i]);
	c->roots = count_roots(c, rw);
	c->locked_apart = locked_apart(c, rw);
	free(rw);

	for (int i = 0; i < c->nr_w; i++) {
		bool typed = strcmp(c->w[i]->struct_name, "-") != 0;

		c->typed += typed;
		c->funcs += !seen_func(c, i, false);
		c->typed_funcs += typed && !seen_func(c, i, true);
		if (ends_with(c->w[i]->file, ".c")) {
			bool again = false;

			for (int k = 0; k < i && !again; k++)
				again = !strcmp(c->w[k]->file, c->w[i]->file);
			c->files += !again;
		}
	}
	c->apart = starts_with(h, "tools/") || starts_with(h, "include/uapi/") ||
		   strstr(h, "/uapi/") || starts_with(h, "uapi/");
}

/*
 * The strongest cheap evidence first: a struct that can be patched, then
 * one whose writers two run-time roots of their files reach (a race within
 * one root needs it to run twice at once, and is the shape of per-operation
 * objects; the full tier ranks such races last too), then one with two
 * fields whose writers lock apart (locked_apart()), then more run-time
 * writer functions with typed stores (an untyped store may
 * be another struct's field of the same name) for each file judging it
 * costs, then more of them, more writer functions, more typed writes; then
 * by name, so the order is the same every run.  Per file: writers that
 * share a file are one driver's entry points on one object, as the file
 * alone shows their phases; a struct stored from dozens of subsystems
 * (struct pci_dev) has writers whose phases the file-local rule cannot
 * see, and would take the budget of many drivers.
 */
static int by_cheap_evidence(const void *pa, const void *pb)
{
	const struct cand *a = *(const struct cand *const *)pa, *b = *(const struct cand *const *)pb;
	long da = (long)a->typed_funcs * (b->files ? b->files : 1);
	long db = (long)b->typed_funcs * (a->files ? a->files : 1);
	int c;

	if (a->apart != b->apart)
		return a->apart - b->apart;
	if ((a->roots < 2) != (b->roots < 2))
		return (a->roots < 2) - (b->roots < 2);
	if (a->locked_apart != b->locked_apart)
		return b->locked_apart - a->locked_apart;
	if (da != db)
		return da > db ? -1 : 1;
	if (a->typed_funcs != b->typed_funcs)
		return b->typed_funcs - a->typed_funcs;
	if (a->funcs != b->funcs)
		return b->funcs - a->funcs;
	if (a->typed != b->typed)
		return b->typed - a->typed;
	c = strcmp(a->loc->struct_name, b->loc->struct_name);
	return c ? c : strcmp(a->loc->fields[0], b->loc->fields[0]);
}

/*
 * Choose the candidates the full tier judges: strongest first, each with
 * the .c files that store it, while the files stay within the budget (a
 * candidate whose files are already chosen costs nothing; one that does
 * not fit is left unjudged and the next is tried).  budget <= 0: all.
 */
static void choose(const struct sweep_results *r, struct cand *c, int budget,
		   struct opt_list *files)
{
	struct cand **order = xcalloc((size_t)r->nr_locs + 1, sizeof(*order));
	const struct sweep_reach **reach = sort_reach(r);
	int n = 0;

	for (int l = 0; l < r->nr_locs; l++)
		if (is_candidate(&c[l])) {
			cheap_evidence(&c[l], reach, r->nr_reach);
			order[n++] = &c[l];
		}
	free(reach);
	if (n)
		qsort(order, (size_t)n, sizeof(*order), by_cheap_evidence);
	for (int i = 0; i < n; i++) {
		struct opt_list mine = { 0 };
		int fresh = 0;

		for (int k = 0; k < order[i]->nr_w; k++) {
			const char *f = order[i]->w[k]->file;

			if (ends_with(f, ".c") && !has(&mine, f)) {
				opt_list_append(&mine, f);
				fresh += !has(files, f);
			}
		}
		if (budget <= 0 || files->nr + fresh <= budget) {
			order[i]->judged = true;
			for (int k = 0; k < mine.nr; k++)
				add_unique(files, mine.v[k]);
		}
		free(mine.v);
	}
	free(order);
}

void sweep_judge(const struct sweep_results *r, const struct sweep_full_opts *o,
		 struct sweep_summary *s)
{
	struct cand *c = xcalloc((size_t)r->nr_locs + 1, sizeof(*c));
	struct opt_list names = { 0 }, headers = { 0 }, files = { 0 };
	struct source_opts src = { .tree = o->tree, .build = o->build };
	struct facts_run_opts ro = { .jobs = o->jobs, .quiet = true, .skips_in_report = true };
	struct strbuf text = STRBUF_INIT;
	struct verdict *v = &s->v;

	memset(s, 0, sizeof(*s));
	s->r = r;
	s->o = o;
	for (int l = 0; l < r->nr_locs; l++)
		c[l].loc = &r->locs[l];
	s->ambiguous = attribute(r, c);
	choose(r, c, o->budget, &files);
	for (int l = 0; l < r->nr_locs; l++) {
		if (!is_candidate(&c[l]))
			continue;
		s->nr_cands++;
		if (!c[l].judged) {
			s->unjudged++;
			continue;
		}
		add_unique(&names, r->locs[l].struct_name);
		add_unique(&headers, r->locs[l].file);
	}
	if (files.nr)
		qsort(files.v, (size_t)files.nr, sizeof(*files.v), cmp_strp);
	s->nr_files = files.nr;

	if (files.nr) {
		for (int i = 0; i < files.nr; i++)
			opt_list_append(&src.paths, files.v[i]);
		if (o->build) {
			source_setup(&src);
			if (source_load_layout(&src, &s->layout) ||
			    layout_filter_judged(&s->layout, names.v))
				exit(2);
		} else {
			decl_layout(o->tree, r, &headers, &names, &s->layout);
		}
		if (facts_run(&src, &s->layout, &ro, &s->facts))
			exit(2);
		verdict_compute(v, &s->layout, &s->facts);
	}

	for (int i = 0; i < v->nr; i++) {
		const struct struct_verdict *sv = &v->v[i];
		const char *header = sv->s->decl_file ? sv->s->decl_file : sv->file;
		char *path, *why = NULL;
		bool racy = false;

		for (int l = 0; l < sv->nr_locs; l++)
			racy |= sv->locs[l].nr_races > 0;
		if (racy && header) {
			path = xstrfmt("%s/%s", o->tree, header);
			strbuf_reset(&text);
			if (strbuf_read_file(&text, path) >= 0)
				why = refuse_struct(o->tree, header, text.buf, sv->s, &s->layout,
						    &src.paths);
			free(path);
		}
		if (why) {
			ALLOC_GROW(s->apart, s->nr_apart + 1, s->alloc_apart);
			s->apart[s->nr_apart++] = (struct sweep_apart){ .sv = sv, .header = header,
									.why = why };
			continue;
		}
		for (int l = 0; l < sv->nr_locs; l++) {
			struct sweep_rank *k;

			if (!sv->locs[l].nr_races) {
				count_quiet(&sv->locs[l], s);
				continue;
			}
			ALLOC_GROW(s->rk, s->nr_rk + 1, s->alloc_rk);
			k = &s->rk[s->nr_rk++];
			*k = (struct sweep_rank){ .sv = sv, .lv = &sv->locs[l],
						  .header = header ? header : "?" };
			evidence(k);
			struct_files(c, r->nr_locs, sv->s->name, &k->files);
		}
	}
	/* candidates the verdict left out or found no shared write to */
	for (int l = 0; l < r->nr_locs; l++) {
		const struct left_out *lo;
		bool found = false;

		if (!is_candidate(&c[l]) || !c[l].judged)
			continue;
		for (int i = 0; i < v->nr && !found; i++)
			found = !strcmp(v->v[i].s->name, r->locs[l].struct_name);
		if (found)
			continue;
		lo = left_out(v, r->locs[l].struct_name);
		if (lo && !lo->by_name)
			s->private++;
		else
			s->unwritten++;
	}
	if (s->nr_rk)
		qsort(s->rk, (size_t)s->nr_rk, sizeof(*s->rk), by_evidence);

	for (int l = 0; l < r->nr_locs; l++)
		free(c[l].w);
	free(c);
	free(src.paths.v);
	free_list(&names);
	free_list(&headers);
	free_list(&files);
	strbuf_release(&text);
}

void sweep_summary_release(struct sweep_summary *s)
{
	for (int i = 0; i < s->nr_rk; i++)
		free_list(&s->rk[i].files);
	for (int i = 0; i < s->nr_apart; i++)
		free(s->apart[i].why);
	free(s->rk);
	free(s->apart);
	verdict_release(&s->v);
	facts_release(&s->facts);
	layout_release(&s->layout);
	memset(s, 0, sizeof(*s));
}
