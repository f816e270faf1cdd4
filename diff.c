// SPDX-License-Identifier: GPL-2.0
/*
 * A line diff: common head and tail trimmed, the longest common
 * subsequence of the rest.  The texts are a header before and after one
 * struct was rewritten, so the middle is a few dozen lines.
 */
#include "diff.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_options.h"

#define CONTEXT 3

struct text {
	const char **line;	/* start of each line */
	size_t *len;		/* with its newline, if any */
	int nr;
};

enum op { OP_SAME, OP_DEL, OP_ADD };

struct edit {
	enum op op;
	int a, b;		/* line in old, line in new */
};

static void split(const char *s, struct text *t)
{
	int alloc = 0;

	memset(t, 0, sizeof(*t));
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) + 1 : strlen(s);

		ALLOC_GROW(t->line, t->nr + 1, alloc);
		t->len = xrealloc(t->len, sizeof(*t->len) * (size_t)alloc);
		t->line[t->nr] = s;
		t->len[t->nr] = n;
		t->nr++;
		s += n;
	}
}

static bool same(const struct text *a, int i, const struct text *b, int j)
{
	return a->len[i] == b->len[j] && !memcmp(a->line[i], b->line[j], a->len[i]);
}

/* The edit script: common head and tail, then the LCS of the middle. */
static struct edit *script(const struct text *a, const struct text *b, int *nr)
{
	int pre = 0, suf = 0, n, m, k = 0;
	struct edit *e;
	int *lcs;

	while (pre < a->nr && pre < b->nr && same(a, pre, b, pre))
		pre++;
	while (suf < a->nr - pre && suf < b->nr - pre &&
	       same(a, a->nr - 1 - suf, b, b->nr - 1 - suf))
		suf++;
	n = a->nr - pre - suf;
	m = b->nr - pre - suf;
	lcs = xcalloc((size_t)(n + 1) * (size_t)(m + 1), sizeof(*lcs));
	for (int i = n - 1; i >= 0; i--)
		for (int j = m - 1; j >= 0; j--)
			lcs[i * (m + 1) + j] = same(a, pre + i, b, pre + j) ?
				lcs[(i + 1) * (m + 1) + j + 1] + 1 :
				lcs[(i + 1) * (m + 1) + j] > lcs[i * (m + 1) + j + 1] ?
				lcs[(i + 1) * (m + 1) + j] : lcs[i * (m + 1) + j + 1];
	e = xmalloc(sizeof(*e) * (size_t)(a->nr + b->nr + 1));
	for (int i = 0; i < pre; i++)
		e[k++] = (struct edit){ OP_SAME, i, i };
	for (int i = 0, j = 0; i < n || j < m;) {
		if (i < n && j < m && same(a, pre + i, b, pre + j)) {
			e[k++] = (struct edit){ OP_SAME, pre + i, pre + j };
			i++;
			j++;
		} else if (i < n && (j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])) {
			/* deletions first, as diff and git print them */
			e[k++] = (struct edit){ OP_DEL, pre + i, pre + j };
			i++;
		} else {
			e[k++] = (struct edit){ OP_ADD, pre + i, pre + j };
			j++;
		}
	}
	for (int i = 0; i < suf; i++)
		e[k++] = (struct edit){ OP_SAME, a->nr - suf + i, b->nr - suf + i };
	free(lcs);
	*nr = k;
	return e;
}

static void add_line(struct strbuf *out, char mark, const char *s, size_t n)
{
	strbuf_addch(out, mark);
	strbuf_add(out, s, n);
	if (!n || s[n - 1] != '\n')
		strbuf_addstr(out, "\n\\ No newline at end of file\n");
}

/* "@@ -a,n +b,m @@": a line number and count, git's way for empty sides. */
static void add_range(struct strbuf *out, char sign, int start, int count)
{
	strbuf_addf(out, "%c%d", sign, count ? start + 1 : start);
	if (count != 1)
		strbuf_addf(out, ",%d", count);
}

/*
 * What git prints after "@@": the last line before the hunk that starts
 * with a letter, '_' or '$' (a function or struct opening), so a reader
 * sees which struct the hunk is in.
 */
static void add_funcname(struct strbuf *out, const struct text *a, int before)
{
	for (int i = before - 1; i >= 0; i--) {
		const char *l = a->line[i];
		size_t n = a->len[i];

		if (!(isalpha((unsigned char)l[0]) || l[0] == '_' || l[0] == '$'))
			continue;
		while (n && isspace((unsigned char)l[n - 1]))
			n--;
		strbuf_addch(out, ' ');
		strbuf_add(out, l, n > 80 ? 80 : n);
		return;
	}
}

void diff_unified(struct strbuf *out, const char *path, const char *old_text,
		  const char *new_text)
{
	struct text a, b;
	struct edit *e;
	int nr;

	if (!strcmp(old_text, new_text))
		return;
	split(old_text, &a);
	split(new_text, &b);
	e = script(&a, &b, &nr);
	strbuf_addf(out, "diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n", path, path, path, path);
	for (int i = 0; i < nr;) {
		int start, end, na = 0, nb = 0;

		while (i < nr && e[i].op == OP_SAME)
			i++;
		if (i == nr)
			break;
		start = i - CONTEXT < 0 ? 0 : i - CONTEXT;
		/* extend while the next change is within two contexts */
		for (end = i; end < nr; end++) {
			int run = 0;

			while (end + run < nr && e[end + run].op == OP_SAME)
				run++;
			if (end + run == nr || run > 2 * CONTEXT) {
				end += run < CONTEXT ? run : CONTEXT;
				break;
			}
			end += run;
		}
		for (int k = start; k < end; k++) {
			na += e[k].op != OP_ADD;
			nb += e[k].op != OP_DEL;
		}
		strbuf_addstr(out, "@@ ");
		add_range(out, '-', e[start].a, na);
		strbuf_addch(out, ' ');
		add_range(out, '+', e[start].b, nb);
		strbuf_addstr(out, " @@");
		add_funcname(out, &a, e[start].a);
		strbuf_addch(out, '\n');
		for (int k = start; k < end; k++) {
			if (e[k].op == OP_ADD)
				add_line(out, '+', b.line[e[k].b], b.len[e[k].b]);
			else
				add_line(out, e[k].op == OP_DEL ? '-' : ' ',
					 a.line[e[k].a], a.len[e[k].a]);
		}
		i = end;
	}
	free(e);
	free(a.line);
	free(a.len);
	free(b.line);
	free(b.len);
}

/* Relative, and no component that is empty, "." or "..": inside the tree. */
static bool tree_path(const char *p, size_t n)
{
	size_t start = 0;

	if (!n || p[0] == '/')
		return false;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && p[i] != '/')
			continue;
		if (i == start || (i - start == 1 && p[start] == '.') ||
		    (i - start == 2 && p[start] == '.' && p[start + 1] == '.'))
			return false;
		start = i + 1;
	}
	return !memchr(p, '\0', n);
}

static int bad_path(const char *name, unsigned int line, const char *p, size_t n)
{
	fprintf(stderr, "%s:%u: error: expected a path inside the tree, got '%.*s'\n",
		name, line, (int)n, p);
	return -1;
}

/* "PREFIX" then a/PATH or b/PATH (or /dev/null), to the end of the line. */
static int header_path(const char *l, size_t len, const char *prefix, const char *name,
		       unsigned int line)
{
	const char *p = l + strlen(prefix);
	size_t n = len - strlen(prefix);

	/* git ends a name holding a space with a TAB */
	if (memchr(p, '\t', n))
		n = (size_t)((const char *)memchr(p, '\t', n) - p);
	if (n == 9 && !strncmp(p, "/dev/null", 9))
		return 0;
	if (n < 2 || (strncmp(p, "a/", 2) && strncmp(p, "b/", 2)) || !tree_path(p + 2, n - 2))
		return bad_path(name, line, p, n);
	return 0;
}

int diff_paths(const char *diff, const char *name, struct opt_list *out)
{
	static const char *const header[] = { "--- ", "+++ " };
	static const char *const moves[] = { "rename from ", "rename to ", "copy from ",
					     "copy to " };
	bool in_header = false;
	unsigned int line = 0;
	int ret = 0;

	for (const char *l = diff; *l && !ret; ) {
		const char *nl = strchrnul(l, '\n');
		size_t len = (size_t)(nl - l);

		line++;
		if (starts_with(l, "diff --git ")) {
			const char *a = l + 11;
			size_t n = len - 11, k = n > 5 ? (n - 5) / 2 : 0;

			in_header = true;
			/* "a/P b/P": the same P twice, whatever spaces it holds */
			if (!k || n % 2 == 0 || strncmp(a, "a/", 2) ||
			    strncmp(a + 2 + k, " b/", 3) || strncmp(a + 2, a + 5 + k, k)) {
				fprintf(stderr, "%s:%u: error: expected 'diff --git a/PATH b/PATH' "
					"with one PATH\n", name, line);
				ret = -1;
			} else if (!tree_path(a + 2, k)) {
				ret = bad_path(name, line, a + 2, k);
			} else {
				opt_list_append(out, xstrndup(a + 2, k));
			}
		} else if (starts_with(l, "@@")) {
			in_header = false;
		} else if (in_header) {
			for (size_t i = 0; i < ARRAY_SIZE(header) && !ret; i++)
				if (starts_with(l, header[i]))
					ret = header_path(l, len, header[i], name, line);
			for (size_t i = 0; i < ARRAY_SIZE(moves) && !ret; i++)
				if (starts_with(l, moves[i]) &&
				    !tree_path(l + strlen(moves[i]), len - strlen(moves[i])))
					ret = bad_path(name, line, l + strlen(moves[i]),
						       len - strlen(moves[i]));
		}
		l = *nl ? nl + 1 : nl;
	}
	return ret;
}
