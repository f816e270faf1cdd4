// SPDX-License-Identifier: GPL-2.0
/*
 * The sweep's cheap tier on one file, from its text alone: each store to a
 * candidate field, the function it is in, the struct its base has where
 * the file declares the base, and the phase the file gives the function.
 *
 * The phase is check's rule seen through one file: the roots are those of
 * the roots vocabulary (ops fields, attributes, initcalls, functions handed
 * to a call), found in the text as facts.cocci finds them in the parse; a
 * function runs at setup or teardown when only setup or teardown roots
 * reach it over the file's calls, and at run time otherwise (no root in
 * the file reaches it: its callers are elsewhere, as check says of code no
 * root reaches in the kernel).
 */
#include "sweep.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "code_text.h"
#include "decl_scan.h"
#include "roots_vocab.h"

struct func {
	const char *name;	/* points into the code */
	size_t name_len;
	size_t head;		/* where its declaration starts */
	size_t open, close;	/* its braces */
	unsigned int reach;	/* 1 << phase of the roots that reach it */
	unsigned int own;	/* 1 << phase of its own roots */
	bool stored;		/* has a run-time write record */
	int index;		/* in by_name: its own in fn */
};

struct edge {
	int from, to;
};

struct scan {
	const struct sweep_scan_ctx *c;
	const char *s;		/* the code: comments, strings, directives blanked */
	size_t len;
	struct func *fn;	/* by offset */
	int nr_fn, alloc_fn;
	struct func *by_name;	/* copies of fn sorted by name, index naming the original */
	struct edge *edges;
	int nr_edges, alloc_edges;
	size_t *lines;		/* offsets of line starts */
	int nr_lines, alloc_lines;
};

/* The function definitions at file scope. */
static void find_functions(struct scan *sc)
{
	struct text_func *tf;
	int nr = text_functions(sc->s, sc->len, &tf);

	sc->fn = xcalloc((size_t)nr + 1, sizeof(*sc->fn));
	sc->nr_fn = sc->alloc_fn = nr;
	for (int i = 0; i < nr; i++)
		sc->fn[i] = (struct func){ .name = tf[i].name, .name_len = tf[i].name_len,
					   .head = tf[i].head, .open = tf[i].open,
					   .close = tf[i].close };
	free(tf);
}

static int cmp_name(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c ? c : (an > bn) - (an < bn);
}

static int cmp_func_name(const void *a, const void *b)
{
	const struct func *x = a, *y = b;

	return cmp_name(x->name, x->name_len, y->name, y->name_len);
}

/* A function named s[0, n), or -1. */
static int find_fn(const struct scan *sc, const char *s, size_t n)
{
	struct func key = { .name = s, .name_len = n };
	const struct func *hit = bsearch(&key, sc->by_name, (size_t)sc->nr_fn,
					 sizeof(*sc->by_name), cmp_func_name);

	return hit ? hit->index : -1;
}

/* The function whose body holds offset off, or -1. */
static int enclosing(const struct scan *sc, size_t off)
{
	int lo = 0, hi = sc->nr_fn;

	while (lo < hi) {	/* the first function opening after off */
		int mid = lo + (hi - lo) / 2;

		if (sc->fn[mid].open <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && off < sc->fn[lo - 1].close ? lo - 1 : -1;
}

static void add_edge(struct scan *sc, int from, int to)
{
	ALLOC_GROW(sc->edges, sc->nr_edges + 1, sc->alloc_edges);
	sc->edges[sc->nr_edges++] = (struct edge){ from, to };
}

static void root(struct func *f, int phase)
{
	if (phase >= 0)
		f->reach = f->own |= 1u << phase;
}

/*
 * The phase a reference to a function (not a call) at b makes it a
 * root of: ".OP = fn" by the op, argument N of a call by the call's arg,
 * initcall, macro, sync or ignore line; anything else takes its address.
 * Returns -1 for no root; *sync is set for a call that runs it at once.
 */
static int reference(const struct scan *sc, size_t b, bool *sync)
{
	const struct roots_vocab *rv = sc->c->roots;
	const struct root_entry *r;
	const char *s = sc->s;
	size_t p, q, fb, fe;
	int depth = 0, index = 0;

	*sync = false;
	if ((p = assigned_by(s, b)) != (size_t)-1) {
		if (assigned_field(s, p, &fb, &fe)) {
			r = roots_vocab_find(rv, ROOT_OP, s + fb, fe - fb, -1);
			return r ? (int)r->phase : rv->callbacks;
		}
		return rv->callbacks;
	}
	/* the call whose argument it is: the innermost '(' open before it */
	for (q = b; q-- > 0; ) {
		if (s[q] == ')' || s[q] == ']' || s[q] == '}')
			depth++;
		else if ((s[q] == '(' || s[q] == '[' || s[q] == '{') && depth)
			depth--;
		else if (s[q] == ',' && !depth)
			index++;
		else if (s[q] == ';' || s[q] == '{' || s[q] == '[')
			return rv->callbacks;
		else if (s[q] == '(')
			break;
	}
	if (q == (size_t)-1)
		return rv->callbacks;
	p = skip_space_back(s, q);
	q = ident_back(s, p);
	if (q == p)
		return rv->callbacks;
	if ((r = roots_vocab_find(rv, ROOT_ARG, s + q, p - q, index)) ||
	    (r = roots_vocab_find(rv, ROOT_INITCALL, s + q, p - q, -1)))
		return (int)r->phase;
	if (roots_vocab_find(rv, ROOT_IGNORE, s + q, p - q, -1))
		return -1;
	if (roots_vocab_find(rv, ROOT_SYNC, s + q, p - q, -1)) {
		*sync = true;
		return -1;
	}
	if ((r = roots_vocab_find(rv, ROOT_MACRO, s + q, p - q, index))) {
		const struct root_entry *op = roots_vocab_find(rv, ROOT_OP, r->field,
							       strlen(r->field), -1);

		return op ? (int)op->phase : rv->callbacks;
	}
	return rv->callbacks;
}

/* Roots and calls from every mention of a function defined in the file. */
static void find_roots(struct scan *sc)
{
	const struct roots_vocab *rv = sc->c->roots;
	const char *s = sc->s;

	for (int i = 0; i < sc->nr_fn; i++) {
		struct func *f = &sc->fn[i];
		const struct root_entry *r;

		/* attributes: a word of its declaration before the name */
		for (size_t k = f->head; k < (size_t)(f->name - s); ) {
			size_t e = k;

			if (!is_ident_start((unsigned char)s[k])) {
				k++;
				continue;
			}
			while (is_ident_char((unsigned char)s[e]))
				e++;
			if ((r = roots_vocab_find(rv, ROOT_ATTR, s + k, e - k, -1)))
				root(f, (int)r->phase);
			k = e;
		}
		if ((r = roots_vocab_find(rv, ROOT_FUNC, f->name, f->name_len, -1)))
			root(f, (int)r->phase);
	}
	for (size_t i = 0; i < sc->len; i++) {
		size_t e = i, n;
		int callee, caller;
		bool sync;

		if (!is_ident_start((unsigned char)s[i]) ||
		    (i && (is_ident_char((unsigned char)s[i - 1]) || s[i - 1] == '.' ||
			   (s[i - 1] == '>' && i > 1 && s[i - 2] == '-')))) {
			while (i < sc->len && is_ident_char((unsigned char)s[i]))
				i++;
			continue;
		}
		while (e < sc->len && is_ident_char((unsigned char)s[e]))
			e++;
		callee = find_fn(sc, s + i, e - i);
		if (callee < 0 || sc->fn[callee].name == s + i) {
			i = e - 1;
			continue;
		}
		caller = enclosing(sc, i);
		n = skip_space(s, e, sc->len);
		if (n < sc->len && s[n] == '(') {
			/* a call; one at file scope is a declaration */
			if (caller >= 0 && caller != callee)
				add_edge(sc, caller, callee);
		} else {
			int phase = reference(sc, i, &sync);

			if (sync && caller >= 0)
				add_edge(sc, caller, callee);
			else
				root(&sc->fn[callee], phase);
		}
		i = e - 1;
	}
}

/* Each function's reach is the union of its own roots and its callers'. */
static void propagate(struct scan *sc)
{
	bool changed = true;

	while (changed) {
		changed = false;
		for (int k = 0; k < sc->nr_edges; k++) {
			struct func *a = &sc->fn[sc->edges[k].from], *b = &sc->fn[sc->edges[k].to];

			if ((a->reach | b->reach) != b->reach) {
				b->reach |= a->reach;
				changed = true;
			}
		}
	}
}

static bool runtime(const struct func *f)
{
	return !f->reach || (f->reach & (1u << PHASE_RUNTIME));
}

static void line_col(const struct scan *sc, size_t off, unsigned int *line, unsigned int *col)
{
	int lo = 0, hi = sc->nr_lines;

	while (lo < hi) {	/* the first line starting after off */
		int mid = lo + (hi - lo) / 2;

		if (sc->lines[mid] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	*line = (unsigned int)lo;
	*col = (unsigned int)(off - sc->lines[lo - 1]);
}

int sweep_member_cmp(const void *a, const void *b)
{
	const struct sweep_member *x = a, *y = b;
	int c = strcmp(x->outer, y->outer);

	return c ? c : strcmp(x->member, y->member);
}

static bool known_struct(const struct scan *sc, const char *s, size_t n)
{
	char *key = xstrndup(s, n);
	bool found = bsearch(&key, sc->c->structs, (size_t)sc->c->nr_structs, sizeof(*sc->c->structs),
			     cmp_strp);

	free(key);
	return found;
}

/*
 * The last declaration of the variable s[b, e) in [from, to): "T x", "T *x",
 * "struct T *x" before one of ";=,)[".  Sets *type to T's offset (its length
 * in *tlen) and *stars to the pointer depth; false when there is none.
 */
static bool find_decl(const struct scan *sc, size_t from, size_t to, const char *v, size_t n,
		      size_t *type, size_t *tlen, int *stars)
{
	const char *s = sc->s;
	bool found = false;

	for (size_t i = from; i + n <= to; i++) {
		size_t p, q, t, after;
		int st = 0;

		if (memcmp(s + i, v, n) || (i && is_ident_char((unsigned char)s[i - 1])) ||
		    is_ident_char((unsigned char)s[i + n]))
			continue;
		after = skip_space(s, i + n, sc->len);
		if (after >= sc->len || !s[after] || !strchr(";=,)[", s[after]))
			continue;
		p = skip_space_back(s, i);
		while (p && (s[p - 1] == '*' || isspace((unsigned char)s[p - 1]))) {
			st += s[p - 1] == '*';
			p--;
		}
		/* "const" and "__iomem" qualify, the type is before them */
		for (;;) {
			q = ident_back(s, p);
			if (q < p && (word_is(s + q, p - q, "const") || word_is(s + q, p - q, "volatile") ||
				      word_is(s + q, p - q, "__iomem") || word_is(s + q, p - q, "__rcu"))) {
				p = skip_space_back(s, q);
				while (p && (s[p - 1] == '*' || isspace((unsigned char)s[p - 1]))) {
					st += s[p - 1] == '*';
					p--;
				}
				continue;
			}
			break;
		}
		t = ident_back(s, p);
		if (t == p || is_keyword(s + t, p - t))
			continue;
		*type = t;
		*tlen = p - t;
		*stars = st;
		found = true;
		i += n - 1;
	}
	return found;
}

/* The type of member m of struct outer, when it is a struct with a location; or NULL. */
static const char *member_type(const struct scan *sc, const char *outer, const char *m, size_t n)
{
	char *name;
	struct sweep_member key = { .outer = outer };
	const struct sweep_member *hit;

	/* bsearch() takes no NULL base, even for no elements */
	if (!sc->c->nr_members)
		return NULL;
	name = xstrndup(m, n);
	key.member = name;
	hit = bsearch(&key, sc->c->members, (size_t)sc->c->nr_members,
		      sizeof(*sc->c->members), sweep_member_cmp);
	free(name);
	return hit ? hit->inner : NULL;
}

/*
 * The struct of a store's base, where the file shows it: a variable
 * declared in the function (or at file scope) as a known struct or a
 * pointer to one, a member of such a variable's struct whose type is
 * one ("d->m.fld", "d->m->fld"), or a cast to one.  "-" when the text
 * does not say.  *local is set for "x.fld" or "x.a.fld" on a struct
 * object that is a local variable or by-value parameter: a copy no other
 * context sees.
 */
static char *base_struct(const struct scan *sc, int f, size_t base, size_t op, bool *local)
{
	const char *s = sc->s;
	size_t e = base, type, tlen, k;
	int stars, nr_members = 0;
	bool dots = true, in_fn;
	char *t;

	*local = false;
	if (s[base] == '(') {
		/* ((struct foo *)p)->fld */
		size_t p = base + 1;

		while (p < op && (s[p] == '(' || isspace((unsigned char)s[p])))
			p++;
		if (op - p > 7 && !memcmp(s + p, "struct", 6) && isspace((unsigned char)s[p + 6])) {
			p = skip_space(s, p + 6, op);
			for (e = p; e < op && is_ident_char((unsigned char)s[e]); e++)
				;
			if (e > p && known_struct(sc, s + p, e - p))
				return xstrndup(s + p, e - p);
		}
		return xstrdup("-");
	}
	while (e < op && is_ident_char((unsigned char)s[e]))
		e++;
	if (e == base)
		return xstrdup("-");
	/* the members after the variable: "->m" or ".m", nothing else */
	for (k = skip_space(s, e, op); k < op; k = skip_space(s, k, op)) {
		if (s[k] == '.')
			k++;
		else if (s[k] == '-' && s[k + 1] == '>')
			k += 2, dots = false;
		else
			return xstrdup("-");
		k = skip_space(s, k, op);
		if (k >= op || !is_ident_start((unsigned char)s[k]))
			return xstrdup("-");
		while (k < op && is_ident_char((unsigned char)s[k]))
			k++;
		nr_members++;
	}
	in_fn = find_decl(sc, sc->fn[f].head, base, s + base, e - base, &type, &tlen, &stars);
	if (!in_fn && !find_decl(sc, 0, sc->fn[f].head, s + base, e - base, &type, &tlen, &stars))
		return xstrdup("-");
	if (in_fn && !stars && dots && s[op] == '.' && !word_is(s + type, tlen, "extern") &&
	    !word_is(s + type, tlen, "static")) {
		*local = true;
		return NULL;
	}
	if (!nr_members) {
		/* the variable itself is the base: "x->fld" wants a pointer, "x.fld" none */
		bool arrow = s[op] == '-';

		if (stars == (arrow ? 1 : 0) && known_struct(sc, s + type, tlen))
			return xstrndup(s + type, tlen);
		return xstrdup("-");
	}
	t = xstrndup(s + type, tlen);
	for (k = skip_space(s, e, op); k < op && t; k = skip_space(s, k, op)) {
		const char *inner;
		size_t m;

		k = skip_space(s, k + (s[k] == '.' ? 1 : 2), op);
		for (m = k; m < op && is_ident_char((unsigned char)s[m]); m++)
			;
		inner = member_type(sc, t, s + k, m - k);
		free(t);
		t = inner ? xstrdup(inner) : NULL;
		k = m;
	}
	if (t && known_struct(sc, t, strlen(t)))
		return t;
	free(t);
	return xstrdup("-");
}

/* The last identifier of s[b, e), as out's next comma-separated name, once. */
static void add_lock_name(const char *s, size_t b, size_t e, struct strbuf *out, size_t before)
{
	size_t end = e, start, n;

	while (end > b && !is_ident_char((unsigned char)s[end - 1]))
		end--;
	for (start = end; start > b && is_ident_char((unsigned char)s[start - 1]); start--)
		;
	n = end - start;
	if (!n || !is_ident_start((unsigned char)s[start]) ||
	    comma_list_has(out->buf + before, s + start, n))
		return;
	strbuf_addf(out, "%s%.*s", out->len > before ? "," : "", (int)n, s + start);
}

/*
 * The locks fn n's own body takes exclusively, by the vocabulary's lock
 * calls: each named by the last identifier of its template or of its
 * first argument ("&vdev->memory_lock" is memory_lock), "-" for none.
 * Text only, and the function alone: what its callers hold is for the
 * full tier.
 */
static void print_takes(const struct scan *sc, int n, struct strbuf *out)
{
	const char *s = sc->s;
	size_t before = out->len, close = sc->fn[n].close;

	for (size_t i = sc->fn[n].open; i < close; i++) {
		const struct lock_take *t;
		size_t e, a;
		int depth = 0;

		if (!is_ident_start((unsigned char)s[i]) || (i && is_ident_char((unsigned char)s[i - 1])))
			continue;
		for (e = i; e < close && is_ident_char((unsigned char)s[e]); e++)
			;
		t = roots_vocab_take(sc->c->roots, s + i, e - i);
		a = skip_space(s, e, close);
		i = e - 1;
		if (!t || a >= close || s[a] != '(')
			continue;
		if (t->id) {
			add_lock_name(t->id, 0, strlen(t->id), out, before);
			continue;
		}
		for (e = ++a; e < close && (depth || (s[e] != ',' && s[e] != ')')); e++)
			depth += s[e] == '(' ? 1 : s[e] == ')' ? -1 : 0;
		add_lock_name(s, a, e, out, before);
	}
	if (out->len == before)
		strbuf_addch(out, '-');
}

/*
 * "reach FILE FUNC ROOTS LOCKS": the run-time roots of the file that reach
 * fn n, and the locks its body takes.
 */
static void print_reach(const struct scan *sc, int n, const char *file, struct strbuf *out)
{
	bool *seen = xcalloc((size_t)sc->nr_fn + 1, sizeof(*seen));
	int *queue = xcalloc((size_t)sc->nr_fn + 1, sizeof(*queue)), head = 0, tail = 0;
	size_t before;

	seen[n] = true;
	queue[tail++] = n;
	while (head < tail) {
		int x = queue[head++];

		for (int k = 0; k < sc->nr_edges; k++)
			if (sc->edges[k].to == x && !seen[sc->edges[k].from]) {
				seen[sc->edges[k].from] = true;
				queue[tail++] = sc->edges[k].from;
			}
	}
	strbuf_addf(out, "reach\t%s\t%.*s\t", file, (int)sc->fn[n].name_len, sc->fn[n].name);
	before = out->len;
	for (int i = 0; i < sc->nr_fn; i++)
		if (seen[i] && (sc->fn[i].own & (1u << PHASE_RUNTIME)))
			strbuf_addf(out, "%s%.*s", out->len > before ? "," : "",
				    (int)sc->fn[i].name_len, sc->fn[i].name);
	strbuf_addstr(out, out->len > before ? "\t" : "-\t");
	print_takes(sc, n, out);
	strbuf_addch(out, '\n');
	free(seen);
	free(queue);
}

static int cmp_off(const void *a, const void *b)
{
	const struct func *x = a, *y = b;

	return (x->open > y->open) - (x->open < y->open);
}

void sweep_scan(const struct sweep_scan_ctx *c, const char *buf, size_t len, const char *file,
		const char *fields, struct strbuf *out)
{
	struct scan sc = { .c = c, .len = len };
	const char *s;

	sc.s = s = strip_code(buf, len);
	ALLOC_GROW(sc.lines, 1, sc.alloc_lines);
	sc.lines[sc.nr_lines++] = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n') {
			ALLOC_GROW(sc.lines, sc.nr_lines + 1, sc.alloc_lines);
			sc.lines[sc.nr_lines++] = i + 1;
		}
	find_functions(&sc);
	if (sc.nr_fn)
		qsort(sc.fn, (size_t)sc.nr_fn, sizeof(*sc.fn), cmp_off);
	sc.by_name = xcalloc((size_t)sc.nr_fn + 1, sizeof(*sc.by_name));
	for (int i = 0; i < sc.nr_fn; i++) {
		sc.by_name[i] = sc.fn[i];
		sc.by_name[i].index = i;
	}
	if (sc.nr_fn)
		qsort(sc.by_name, (size_t)sc.nr_fn, sizeof(*sc.by_name), cmp_func_name);
	find_roots(&sc);
	propagate(&sc);

	for (size_t i = 0; i + 1 < len; i++) {
		size_t op = i, b, e, base;
		unsigned int line, col;
		bool local;
		char *st;
		int f;

		if (s[i] == '-' && s[i + 1] == '>')
			b = i + 2;
		else if (s[i] == '.' && !(i && isdigit((unsigned char)s[i - 1])))
			b = i + 1;
		else
			continue;
		b = skip_space(s, b, len);
		if (b >= len || !is_ident_start((unsigned char)s[b]))
			continue;
		for (e = b; e < len && is_ident_char((unsigned char)s[e]); e++)
			;
		i = e - 1;
		if (!comma_list_has(fields, s + b, e - b) || (f = enclosing(&sc, op)) < 0)
			continue;
		base = member_store(s, op, e, len);
		if (base == (size_t)-1)
			continue;
		st = base_struct(&sc, f, base, op, &local);
		if (local)
			continue;
		line_col(&sc, b, &line, &col);
		sc.fn[f].stored |= runtime(&sc.fn[f]);
		strbuf_addf(out, "write\t%s\t%u\t%u\t%.*s\t%s\t%.*s\t%s\n", file, line, col,
			    (int)sc.fn[f].name_len, sc.fn[f].name, st, (int)(e - b), s + b,
			    runtime(&sc.fn[f]) ? "runtime" : "setup");
		free(st);
	}
	for (int i = 0; i < sc.nr_fn; i++)
		if (sc.fn[i].stored)
			print_reach(&sc, i, file, out);
	free(sc.by_name);
	free(sc.fn);
	free(sc.edges);
	free(sc.lines);
	free((char *)s);
}
