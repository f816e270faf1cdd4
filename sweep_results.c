// SPDX-License-Identifier: GPL-2.0
/* The results of a sweep: their TSV form, and the ranked summary. */
#include "sweep.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 9

static int split_tab(char *line, char **col)
{
	int n = 0;

	col[n++] = line;
	for (char *p = line; *p; p++)
		if (*p == '\t') {
			*p = '\0';
			if (n == MAX_COLS)
				return n + 1;
			col[n++] = p + 1;
		}
	return n;
}

static bool parse_uint(const char *s, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(s, &end, 10);
	return *s && !*end && !errno && *v >= 0 && *v <= INT_MAX;
}

static int shard_line(struct sweep_results *r, char **col, const char *name, int ln)
{
	long i, n;

	if (!parse_uint(col[1], &i) || !parse_uint(col[2], &n) || !n || !i || i > n)
		return error("%s:%d: expected 'shard I N' with 1 <= I <= N", name, ln);
	if (r->nr_shards && r->nr_shards != n)
		return error("%s:%d: expected a shard of %d, got one of %ld", name, ln,
			     r->nr_shards, n);
	if (!r->nr_shards) {
		r->nr_shards = (int)n;
		r->have_shard = xcalloc((size_t)n, sizeof(*r->have_shard));
	}
	if (r->have_shard[i - 1])
		return error("%s:%d: shard %ld/%ld is given twice", name, ln, i, n);
	r->have_shard[i - 1] = true;
	return 0;
}

static bool same_loc(const struct sweep_loc *l, const char *file, long line, const char *s)
{
	return l->line == (unsigned int)line && !strcmp(l->file, file) &&
	       !strcmp(l->struct_name, s);
}

static int loc_line(struct sweep_results *r, char **col, const char *name, int ln)
{
	struct sweep_loc *l;
	long line;
	char *f, *comma;

	if (!parse_uint(col[2], &line) || !*col[3] || !strchr(col[4], ','))
		return error("%s:%d: expected 'loc FILE LINE STRUCT FIELD,FIELD...'", name, ln);
	for (int i = 0; i < r->nr_locs; i++)
		if (same_loc(&r->locs[i], col[1], line, col[3]))
			return 0;	/* every shard lists every location */
	ALLOC_GROW(r->locs, r->nr_locs + 1, r->alloc_locs);
	l = &r->locs[r->nr_locs++];
	memset(l, 0, sizeof(*l));
	l->file = xstrdup(col[1]);
	l->line = (unsigned int)line;
	l->struct_name = xstrdup(col[3]);
	for (f = col[4]; f; f = comma ? comma + 1 : NULL) {
		comma = strchr(f, ',');
		l->fields = xrealloc(l->fields, sizeof(*l->fields) * (size_t)(l->nr_fields + 1));
		l->fields[l->nr_fields++] = comma ? xstrndup(f, (size_t)(comma - f)) : xstrdup(f);
	}
	return 0;
}

static int write_line(struct sweep_results *r, char **col, const char *name, int ln)
{
	struct sweep_write *w;
	long line, c;

	if (!parse_uint(col[2], &line) || !parse_uint(col[3], &c) || !*col[4] ||
	    !*col[5] || !*col[6] || (strcmp(col[7], "setup") && strcmp(col[7], "runtime")))
		return error("%s:%d: expected 'write FILE LINE COL FUNC STRUCT FIELD "
			     "setup|runtime'", name, ln);
	ALLOC_GROW(r->writes, r->nr_writes + 1, r->alloc_writes);
	w = &r->writes[r->nr_writes++];
	w->file = xstrdup(col[1]);
	w->line = (unsigned int)line;
	w->col = (unsigned int)c;
	w->func = xstrdup(col[4]);
	w->struct_name = xstrdup(col[5]);
	w->field = xstrdup(col[6]);
	w->runtime = !strcmp(col[7], "runtime");
	return 0;
}

static int stat_line(struct sweep_results *r, char **col, const char *name, int ln)
{
	long v[5];

	for (int i = 0; i < 5; i++)
		if (!parse_uint(col[i + 1], &v[i]))
			return error("%s:%d: expected 'stat FILES CANDIDATES PARSED CACHED "
				     "FAILED LAYOUT'", name, ln);
	if (strcmp(col[6], "declarations") && strcmp(col[6], "build"))
		return error("%s:%d: expected LAYOUT declarations or build", name, ln);
	r->files += v[0];
	r->candidates += v[1];
	r->parsed += v[2];
	r->cached += v[3];
	r->failed += v[4];
	r->from_build = !strcmp(col[6], "build");
	return 0;
}

int sweep_results_parse(struct sweep_results *r, const char *buf, size_t len,
			const char *name)
{
	static const struct {
		const char *kind;
		int cols;
		int (*fn)(struct sweep_results *, char **, const char *, int);
	} kinds[] = {
		{ "shard", 3, shard_line },
		{ "stat", 7, stat_line },
		{ "loc", 5, loc_line },
		{ "write", 8, write_line },
	};
	char *copy, *line, *next;
	int ln = 0, ret = 0;

	if (check_text(buf, len, name))
		return -1;
	copy = xstrndup(buf, len);
	for (line = copy; *line && !ret; line = next) {
		char *col[MAX_COLS];
		int n, k;

		next = strchrnul(line, '\n');
		if (*next)
			*next++ = '\0';
		ln++;
		if (!*line || *line == '#')
			continue;
		n = split_tab(line, col);
		if (!strcmp(col[0], "skip")) {
			if (n != 3 || !*col[1]) {
				ret = error("%s:%d: expected 'skip FILE REASON'", name, ln);
				continue;
			}
			ALLOC_GROW(r->skips, r->nr_skips + 1, r->alloc_skips);
			r->skips[r->nr_skips++] = xstrfmt("%s\t%s", col[1], col[2]);
			continue;
		}
		for (k = 0; k < (int)ARRAY_SIZE(kinds); k++)
			if (!strcmp(col[0], kinds[k].kind))
				break;
		if (k == (int)ARRAY_SIZE(kinds))
			ret = error("%s:%d: expected shard, stat, loc, write or skip, got '%s'",
				    name, ln, col[0]);
		else if (n != kinds[k].cols)
			ret = error("%s:%d: expected %d fields in a %s record, got %d", name, ln,
				    kinds[k].cols, kinds[k].kind, n);
		else
			ret = kinds[k].fn(r, col, name, ln);
	}
	free(copy);
	return ret;
}

void sweep_results_print(const struct sweep_results *r, int shard, struct strbuf *out)
{
	strbuf_addf(out, "# bitsplit sweep results\nshard\t%d\t%d\n", shard, r->nr_shards);
	strbuf_addf(out, "stat\t%ld\t%ld\t%ld\t%ld\t%ld\t%s\n", r->files, r->candidates,
		    r->parsed, r->cached, r->failed, r->from_build ? "build" : "declarations");
	for (int i = 0; i < r->nr_locs; i++) {
		const struct sweep_loc *l = &r->locs[i];

		strbuf_addf(out, "loc\t%s\t%u\t%s\t", l->file, l->line, l->struct_name);
		for (int k = 0; k < l->nr_fields; k++)
			strbuf_addf(out, "%s%s", k ? "," : "", l->fields[k]);
		strbuf_addch(out, '\n');
	}
	for (int i = 0; i < r->nr_writes; i++) {
		const struct sweep_write *w = &r->writes[i];

		strbuf_addf(out, "write\t%s\t%u\t%u\t%s\t%s\t%s\t%s\n", w->file, w->line,
			    w->col, w->func, w->struct_name, w->field,
			    w->runtime ? "runtime" : "setup");
	}
	for (int i = 0; i < r->nr_skips; i++)
		strbuf_addf(out, "skip\t%s\n", r->skips[i]);
}

/* A run-time write attributed to field k of a location. */
struct hit {
	const struct sweep_write *w;
	int field;
	bool by_name;
};

struct ranked {
	const struct sweep_loc *loc;
	struct hit *hits;
	int nr_hits, alloc_hits;
	bool *racy;		/* [loc->nr_fields] */
	int nr_racy, nr_funcs, nr_typed;
};

static int field_index(const struct sweep_loc *l, const char *f)
{
	for (int k = 0; k < l->nr_fields; k++)
		if (!strcmp(l->fields[k], f))
			return k;
	return -1;
}

static bool same_func(const struct sweep_write *a, const struct sweep_write *b)
{
	return !strcmp(a->func, b->func) && !strcmp(a->file, b->file);
}

/*
 * Field k races when it is written at run time and another field of its
 * location is written at run time by a different function: two writers
 * that nothing in the code orders.
 */
static void decide(struct ranked *rk)
{
	const struct sweep_loc *l = rk->loc;

	rk->racy = xcalloc((size_t)l->nr_fields, sizeof(*rk->racy));
	for (int i = 0; i < rk->nr_hits; i++)
		for (int j = 0; j < rk->nr_hits; j++)
			if (rk->hits[i].field != rk->hits[j].field &&
			    !same_func(rk->hits[i].w, rk->hits[j].w))
				rk->racy[rk->hits[i].field] = true;
	for (int k = 0; k < l->nr_fields; k++)
		rk->nr_racy += rk->racy[k];
	for (int i = 0; i < rk->nr_hits; i++) {
		bool seen = false;

		for (int j = 0; j < i && !seen; j++)
			seen = same_func(rk->hits[i].w, rk->hits[j].w);
		rk->nr_funcs += !seen;
		rk->nr_typed += !rk->hits[i].by_name;
	}
}

static int by_evidence(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	if (a->nr_racy != b->nr_racy)
		return b->nr_racy - a->nr_racy;
	if (a->nr_funcs != b->nr_funcs)
		return b->nr_funcs - a->nr_funcs;
	if (a->nr_typed != b->nr_typed)
		return b->nr_typed - a->nr_typed;
	if (strcmp(a->loc->struct_name, b->loc->struct_name))
		return strcmp(a->loc->struct_name, b->loc->struct_name);
	if (strcmp(a->loc->file, b->loc->file))
		return strcmp(a->loc->file, b->loc->file);
	return (int)a->loc->line - (int)b->loc->line;
}

static int by_place(const void *pa, const void *pb)
{
	const struct hit *a = pa, *b = pb;
	int c = strcmp(a->w->file, b->w->file);

	if (a->field != b->field)
		return a->field - b->field;
	if (c)
		return c;
	return a->w->line != b->w->line ? (int)a->w->line - (int)b->w->line :
					  (int)a->w->col - (int)b->w->col;
}

static void add_hit(struct ranked *rk, const struct sweep_write *w, int k, bool by_name)
{
	ALLOC_GROW(rk->hits, rk->nr_hits + 1, rk->alloc_hits);
	rk->hits[rk->nr_hits++] = (struct hit){ w, k, by_name };
}

/*
 * Attribute each run-time write: a typed one to every location of its
 * struct holding the field, an untyped one only when a single location
 * in the tree has a field of that name.  Returns the ambiguous count.
 */
static int attribute(const struct sweep_results *r, struct ranked *rk)
{
	int ambiguous = 0;

	for (int i = 0; i < r->nr_writes; i++) {
		const struct sweep_write *w = &r->writes[i];
		bool by_name = !strcmp(w->struct_name, "-");
		int owner = -1, owners = 0;

		if (!w->runtime)
			continue;
		for (int l = 0; l < r->nr_locs; l++) {
			int k = field_index(&r->locs[l], w->field);

			if (k < 0)
				continue;
			if (!by_name) {
				if (!strcmp(r->locs[l].struct_name, w->struct_name))
					add_hit(&rk[l], w, k, false);
				continue;
			}
			owner = owners++ ? owner : l;
		}
		if (by_name && owners == 1)
			add_hit(&rk[owner], w, field_index(&r->locs[owner], w->field), true);
		ambiguous += by_name && owners > 1;
	}
	return ambiguous;
}

int sweep_summary(const struct sweep_results *r, struct strbuf *out)
{
	struct ranked *rk = xcalloc((size_t)r->nr_locs + 1, sizeof(*rk));
	int ambiguous, racy = 0;

	for (int l = 0; l < r->nr_locs; l++)
		rk[l].loc = &r->locs[l];
	ambiguous = attribute(r, rk);
	for (int l = 0; l < r->nr_locs; l++) {
		decide(&rk[l]);
		racy += rk[l].nr_racy > 0;
	}
	qsort(rk, (size_t)r->nr_locs, sizeof(*rk), by_evidence);

	strbuf_addf(out, "sweep: %ld files, %ld can write a field of a shared location: "
		    "%ld parsed, %ld from cache, %ld failed\n",
		    r->files, r->candidates, r->parsed, r->cached, r->failed);
	strbuf_addf(out, "memory locations: %d with two or more fields, from %s\n",
		    r->nr_locs, r->from_build ? "the build's objects" :
		    "declarations (no --build: sizes and holes not computed, hole filling skipped)");
	if (ambiguous)
		strbuf_addf(out, "left out: %d untyped writes to a field name that several "
			    "locations have\n", ambiguous);
	strbuf_addf(out, "racy: %d memory locations written at run time by different "
		    "functions, most evidence first\n", racy);

	for (int l = 0; l < r->nr_locs && rk[l].nr_racy; l++) {
		const struct ranked *k = &rk[l];

		qsort(k->hits, (size_t)k->nr_hits, sizeof(*k->hits), by_place);
		strbuf_addf(out, "\n%d. struct %s (%s:%u): %d racy fields, %d run-time "
			    "functions, %d typed writes\n", l + 1, k->loc->struct_name,
			    k->loc->file, k->loc->line, k->nr_racy, k->nr_funcs, k->nr_typed);
		for (int i = 0; i < k->nr_hits; i++) {
			const struct hit *h = &k->hits[i];
			bool first = !i || k->hits[i - 1].field != h->field;

			if (!k->racy[h->field])
				continue;
			if (first)
				strbuf_addf(out, "\t%s:", k->loc->fields[h->field]);
			strbuf_addf(out, "%s %s() %s:%u%s", first ? "" : ",", h->w->func,
				    h->w->file, h->w->line, h->by_name ? " (by name)" : "");
			if (i + 1 == k->nr_hits || k->hits[i + 1].field != h->field)
				strbuf_addch(out, '\n');
		}
	}
	for (int i = 0; i < r->nr_skips; i++) {
		if (!i)
			strbuf_addstr(out, "\nnot analysed (spatch failed):\n");
		strbuf_addf(out, "\t%s\n", r->skips[i]);
	}
	for (int l = 0; l < r->nr_locs; l++) {
		free(rk[l].hits);
		free(rk[l].racy);
	}
	free(rk);
	return racy;
}

void sweep_results_release(struct sweep_results *r)
{
	for (int i = 0; i < r->nr_locs; i++) {
		for (int k = 0; k < r->locs[i].nr_fields; k++)
			free(r->locs[i].fields[k]);
		free(r->locs[i].fields);
		free(r->locs[i].file);
		free(r->locs[i].struct_name);
	}
	for (int i = 0; i < r->nr_writes; i++) {
		free(r->writes[i].file);
		free(r->writes[i].func);
		free(r->writes[i].struct_name);
		free(r->writes[i].field);
	}
	for (int i = 0; i < r->nr_skips; i++)
		free(r->skips[i]);
	free(r->locs);
	free(r->writes);
	free(r->skips);
	free(r->have_shard);
	memset(r, 0, sizeof(*r));
}
