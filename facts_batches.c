// SPDX-License-Identifier: GPL-2.0
#include "facts_batches.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "facts_files.h"
#include "include_graph.h"

struct file_need {
	int file;		/* index in the scanned files */
	char *need;		/* '1' for each header it needs, else '0' */
	long long size;
	const char *name;
};

static int cmp_path(const void *a, const void *b)
{
	return strcmp(**(char *const *const *)a, **(char *const *const *)b);
}

/* Same headers together, the largest batch first; in one, the largest file first. */
static int cmp_need(const void *a, const void *b)
{
	const struct file_need *x = a, *y = b;
	int c = strcmp(x->need, y->need);

	if (c)
		return c;
	if (x->size != y->size)
		return x->size < y->size ? 1 : -1;
	return strcmp(x->name, y->name);
}

static int cmp_batch(const void *a, const void *b)
{
	const struct facts_batch *x = a, *y = b;

	if (x->size != y->size)
		return x->size < y->size ? 1 : -1;
	return x->files[0] - y->files[0];
}

int facts_batches(const char *tree, const struct opt_list *scanned,
		  const struct opt_list *headers, const struct opt_list *structs,
		  struct facts_batch **out)
{
	int nr = scanned->nr, nh = headers->nr, nb = 0;
	char *const **sorted = xcalloc((size_t)nr + 1, sizeof(*sorted));
	char **paths = xcalloc((size_t)nr + 1, sizeof(*paths));
	int *at = xcalloc((size_t)nh + 1, sizeof(*at));
	bool *seen = xcalloc((size_t)nr + 1, sizeof(*seen));
	char **reach = xcalloc((size_t)nh + 1, sizeof(*reach));
	struct file_need *fn = xcalloc((size_t)nr + 1, sizeof(*fn));
	struct strbuf text = STRBUF_INIT;
	struct include_graph g = { 0 };
	struct facts_batch *b = xcalloc((size_t)nr + 1, sizeof(*b));
	struct opt_list words = { 0 };
	bool *named;

	/* the structs' names, sorted, to read each file once */
	for (int j = 0; j < nh; j++)
		for (int k = 0; k < structs[j].nr; k++)
			opt_list_append(&words, structs[j].v[k]);
	if (words.nr)
		qsort(words.v, words.nr, sizeof(*words.v), cmp_strp);
	named = xcalloc((size_t)words.nr + 1, sizeof(*named));

	for (int i = 0; i < nr; i++)
		sorted[i] = (char *const *)&scanned->v[i];
	qsort(sorted, (size_t)nr, sizeof(*sorted), cmp_path);
	for (int i = 0; i < nr; i++)
		paths[i] = *sorted[i];
	include_graph_build(&g, tree, paths, nr);
	/* what each header reaches, itself included, as a need string */
	for (int j = 0; j < nh; j++) {
		char **hit = nr ? bsearch(&headers->v[j], paths, (size_t)nr, sizeof(*paths),
					  cmp_strp) : NULL;

		at[j] = hit ? (int)(hit - paths) : -1;
	}
	for (int j = 0; j < nh; j++) {
		reach[j] = xcalloc((size_t)nh + 1, 1);
		memset(seen, 0, (size_t)nr);
		if (at[j] >= 0)
			include_graph_reach(&g, at[j], seen);
		for (int k = 0; k < nh; k++)
			reach[j][k] = k == j || (at[k] >= 0 && seen[at[k]]) ? '1' : '0';
	}
	for (int s = 0; s < nr; s++) {
		int i = (int)(sorted[s] - (char *const *)scanned->v);
		char *path = xstrfmt("%s/%s", tree, scanned->v[i]);
		struct stat st;

		fn[s] = (struct file_need){ i, xcalloc((size_t)nh + 1, 1),
					    stat(path, &st) ? 0 : st.st_size, scanned->v[i] };
		memset(seen, 0, (size_t)nr);
		include_graph_reach(&g, s, seen);
		strbuf_reset(&text);
		if (strbuf_read_file(&text, path) < 0)
			die("%s: cannot read: %s", path, strerror(errno));
		memset(named, 0, (size_t)words.nr + 1);
		if (text.buf)
			names_words(text.buf, &words, named);
		for (int j = 0; j < nh; j++)
			fn[s].need[j] = at[j] >= 0 && seen[at[j]] ? '1' : '0';
		for (int w = 0; w < words.nr; w++)
			if (named[w])
				for (int j = 0; j < nh; j++)
					for (int k = 0; k < structs[j].nr; k++)
						if (!strcmp(structs[j].v[k], words.v[w]))
							fn[s].need[j] = '1';
		for (int j = 0; j < nh; j++)
			for (int k = 0; fn[s].need[j] == '1' && k < nh; k++)
				if (reach[j][k] == '1')
					fn[s].need[k] = '1';
		free(path);
	}
	qsort(fn, (size_t)nr, sizeof(*fn), cmp_need);
	for (int s = 0; s < nr; s++) {
		struct facts_batch *cur;

		if (!s || strcmp(fn[s].need, fn[s - 1].need)) {
			cur = &b[nb++];
			cur->files = xcalloc((size_t)nr, sizeof(*cur->files));
			cur->headers = xcalloc((size_t)nh + 1, sizeof(*cur->headers));
			for (int j = 0; j < nh; j++)
				if (fn[s].need[j] == '1')
					cur->headers[cur->nr_headers++] = j;
		}
		cur = &b[nb - 1];
		cur->files[cur->nr_files++] = fn[s].file;
		cur->size += fn[s].size;
	}
	if (nb)
		qsort(b, (size_t)nb, sizeof(*b), cmp_batch);
	for (int s = 0; s < nr; s++)
		free(fn[s].need);
	for (int j = 0; j < nh; j++)
		free(reach[j]);
	include_graph_release(&g);
	strbuf_release(&text);
	free(fn);
	free(named);
	free(words.v);
	free(reach);
	free(seen);
	free(at);
	free(paths);
	free(sorted);
	*out = b;
	return nb;
}

void facts_batches_release(struct facts_batch *b, int nr)
{
	for (int i = 0; i < nr; i++) {
		free(b[i].files);
		free(b[i].headers);
	}
	free(b);
}
