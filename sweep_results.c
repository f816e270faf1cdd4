// SPDX-License-Identifier: GPL-2.0
/* The results of a sweep in their TSV form (sweep_full.c judges them). */
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

/* A struct's locations share its line: the first field tells them apart. */
static bool same_loc(const struct sweep_loc *l, const char *file, long line, const char *s,
		     const char *fields)
{
	return l->line == (unsigned int)line && !strcmp(l->file, file) &&
	       !strcmp(l->struct_name, s) && !strncmp(l->fields[0], fields, strcspn(fields, ",")) &&
	       strlen(l->fields[0]) == strcspn(fields, ",");
}

static int loc_line(struct sweep_results *r, char **col, const char *name, int ln)
{
	struct sweep_loc *l;
	long line;
	char *f, *comma;

	if (!parse_uint(col[2], &line) || !*col[3] || !strchr(col[4], ','))
		return error("%s:%d: expected 'loc FILE LINE STRUCT FIELD,FIELD...'", name, ln);
	for (int i = 0; i < r->nr_locs; i++)
		if (same_loc(&r->locs[i], col[1], line, col[3], col[4]))
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

static int reach_line(struct sweep_results *r, char **col, const char *name, int ln)
{
	if (!*col[1] || !*col[2] || !*col[3] || !*col[4])
		return error("%s:%d: expected 'reach FILE FUNC ROOT,ROOT... LOCK,LOCK...'", name, ln);
	ALLOC_GROW(r->reach, r->nr_reach + 1, r->alloc_reach);
	r->reach[r->nr_reach++] = (struct sweep_reach){ xstrdup(col[1]), xstrdup(col[2]),
							xstrdup(col[3]), xstrdup(col[4]) };
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
		{ "reach", 5, reach_line },
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
			ret = error("%s:%d: expected shard, stat, loc, write, reach or skip, got '%s'",
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
	for (int i = 0; i < r->nr_reach; i++)
		strbuf_addf(out, "reach\t%s\t%s\t%s\t%s\n", r->reach[i].file, r->reach[i].func,
			    r->reach[i].roots, r->reach[i].locks);
	for (int i = 0; i < r->nr_skips; i++)
		strbuf_addf(out, "skip\t%s\n", r->skips[i]);
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
	for (int i = 0; i < r->nr_reach; i++) {
		free(r->reach[i].file);
		free(r->reach[i].func);
		free(r->reach[i].roots);
		free(r->reach[i].locks);
	}
	for (int i = 0; i < r->nr_skips; i++)
		free(r->skips[i]);
	free(r->reach);
	free(r->locs);
	free(r->writes);
	free(r->skips);
	free(r->have_shard);
	memset(r, 0, sizeof(*r));
}
