// SPDX-License-Identifier: GPL-2.0
/*
 * A line diff: common head and tail trimmed, the longest common
 * subsequence of the rest.  The texts are a header before and after one
 * struct was rewritten, so the middle is a few dozen lines.
 */
#include "diff.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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
