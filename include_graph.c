// SPDX-License-Identifier: GPL-2.0
#include "include_graph.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct base {
	const char *name;	/* the last path component */
	int file;
};

static int cmp_base(const void *a, const void *b)
{
	return strcmp(((const struct base *)a)->name, ((const struct base *)b)->name);
}

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Does path name the included file: the same path, or ending in "/inc"? */
static bool names_file(const char *path, const char *inc)
{
	size_t a = strlen(path), b;

	while (starts_with(inc, "../") || starts_with(inc, "./"))
		inc = strchr(inc, '/') + 1;
	b = strlen(inc);
	if (a == b)
		return !strcmp(path, inc);
	return a > b && path[a - b - 1] == '/' && !strcmp(path + a - b, inc);
}

static void add_edge(struct include_graph *g, int from, int to, int *alloc)
{
	for (int k = 0; k < g->nr_edges[from]; k++)
		if (g->edges[from][k] == to)
			return;
	ALLOC_GROW(g->edges[from], g->nr_edges[from] + 1, *alloc);
	g->edges[from][g->nr_edges[from]++] = to;
}

static void resolve(struct include_graph *g, const struct base *bases, int from,
		    const char *inc, int *alloc)
{
	struct base key = { basename_of(inc), -1 };
	const struct base *hit = bsearch(&key, bases, (size_t)g->nr, sizeof(*bases), cmp_base);

	if (!hit)
		return;
	while (hit > bases && !strcmp(hit[-1].name, key.name))
		hit--;
	for (; hit < bases + g->nr && !strcmp(hit->name, key.name); hit++)
		if (names_file(g->files[hit->file], inc))
			add_edge(g, from, hit->file, alloc);
}

static void parse_includes(struct include_graph *g, const struct base *bases, int from,
			   const char *buf)
{
	int alloc = 0;

	for (const char *p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *q = p, *end;
		char close;

		while (*q == ' ' || *q == '\t')
			q++;
		if (*q++ != '#')
			continue;
		while (*q == ' ' || *q == '\t')
			q++;
		if (!starts_with(q, "include"))
			continue;
		q += 7;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q != '"' && *q != '<')
			continue;
		close = *q == '"' ? '"' : '>';
		end = strchr(++q, close);
		if (end && !memchr(q, '\n', (size_t)(end - q))) {
			char *inc = xstrndup(q, (size_t)(end - q));

			resolve(g, bases, from, inc, &alloc);
			free(inc);
		}
	}
}

void include_graph_build(struct include_graph *g, const char *tree, char *const *files, int nr)
{
	struct base *bases = xcalloc((size_t)nr + 1, sizeof(*bases));
	struct strbuf sb = STRBUF_INIT;

	g->files = files;
	g->nr = nr;
	g->edges = xcalloc((size_t)nr + 1, sizeof(*g->edges));
	g->nr_edges = xcalloc((size_t)nr + 1, sizeof(*g->nr_edges));
	for (int i = 0; i < nr; i++)
		bases[i] = (struct base){ basename_of(files[i]), i };
	qsort(bases, (size_t)nr, sizeof(*bases), cmp_base);
	for (int i = 0; i < nr; i++) {
		char *path = xstrfmt("%s/%s", tree, files[i]);

		strbuf_reset(&sb);
		if (strbuf_read_file(&sb, path) < 0)
			die("%s: cannot read: %s", path, strerror(errno));
		if (check_text(sb.buf, sb.len, path))
			exit(2);
		if (sb.len)
			parse_includes(g, bases, i, sb.buf);
		free(path);
	}
	strbuf_release(&sb);
	free(bases);
}

void include_graph_reach(const struct include_graph *g, int i, bool *seen)
{
	int *stack = xmalloc(sizeof(*stack) * ((size_t)g->nr + 1)), top = 0;

	if (!seen[i])
		stack[top++] = i;
	seen[i] = true;
	while (top) {
		int f = stack[--top];

		for (int k = 0; k < g->nr_edges[f]; k++)
			if (!seen[g->edges[f][k]]) {
				seen[g->edges[f][k]] = true;
				stack[top++] = g->edges[f][k];
			}
	}
	free(stack);
}

void include_graph_release(struct include_graph *g)
{
	for (int i = 0; i < g->nr; i++)
		free(g->edges[i]);
	free(g->edges);
	free(g->nr_edges);
	memset(g, 0, sizeof(*g));
}
