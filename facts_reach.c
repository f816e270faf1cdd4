// SPDX-License-Identifier: GPL-2.0
/*
 * Which callees are worth the lock analysis at their call sites.  The
 * locks held at a call matter only on a path to a write of a candidate
 * field: facts.cocci's lock rules cost one model check per site of a
 * function that takes a lock, and most of those sites are calls of
 * functions that never lead to such a write (fs/nfs/pnfs.c: 31 s of
 * facts, 13 s with the calls pruned).  This reads the text of the analysed
 * files, before the parse, and keeps a superset of what the facts will
 * show: the functions and macros that store to a candidate field's name
 * after "." or "->", then, to a fixed point, those whose bodies name one
 * of them at all (a call, a macro use, a function handed on) and those
 * calling through an ops field one of them is stored in (".F = fn",
 * "->F = fn", an initializer macro of the macros file), and last the
 * callees that are handed one of them as an argument.  Names are not
 * keyed by file, so two static functions of one name count as one.
 */
#include "facts_reach.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "code_text.h"
#include "decl_scan.h"
#include "util.h"

struct span {
	const char *s;
	size_t n;
};

struct edge {
	int from, to;	/* definitions */
};

struct named {
	int def;
	struct span name;	/* an ops field, a callee */
};

/* An initializer macro stores an argument in field. */
struct macro_store {
	struct span name, field;
};

struct reach {
	struct span *defs;	/* functions and macros, sorted, unique after the first pass */
	int nr_defs, alloc_defs;
	bool *writes, *in;
	struct edge *mentions;	/* from names to */
	struct named *icalls;	/* def calls through the field name */
	struct named *hands;	/* def is handed to the callee name */
	struct named *stores;	/* def is stored in the field name */
	int nr_mentions, alloc_mentions, nr_icalls, alloc_icalls;
	int nr_hands, alloc_hands, nr_stores, alloc_stores;
	struct span *fields;	/* the candidate fields, sorted */
	int nr_fields;
	struct macro_store *macros;	/* the macros file's initializer macros, by name */
	int nr_macros, alloc_macros;
};

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	int c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);

	return c ? c : (x->n > y->n) - (x->n < y->n);
}

static int find_def(const struct reach *r, const char *s, size_t n)
{
	struct span key = { s, n };
	const struct span *hit = !r->nr_defs ? NULL :
		bsearch(&key, r->defs, (size_t)r->nr_defs, sizeof(*r->defs), cmp_span);

	return hit ? (int)(hit - r->defs) : -1;
}

static bool is_field(const struct reach *r, const char *s, size_t n)
{
	struct span key = { s, n };

	return r->nr_fields && bsearch(&key, r->fields, (size_t)r->nr_fields, sizeof(*r->fields),
				       cmp_span);
}

static void add_def(struct reach *r, const char *s, size_t n)
{
	ALLOC_GROW(r->defs, r->nr_defs + 1, r->alloc_defs);
	r->defs[r->nr_defs++] = (struct span){ s, n };
}

static void add_named(struct named **v, int *nr, int *alloc, int def, const char *s, size_t n)
{
	ALLOC_GROW(*v, *nr + 1, *alloc);
	(*v)[(*nr)++] = (struct named){ def, { s, n } };
}

/* "#define NAME" at the start of line l: the name's span, or n = 0. */
static struct span define_name(const char *l, const char *end)
{
	const char *p = l;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p++ != '#')
		return (struct span){ NULL, 0 };
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (end - p < 7 || memcmp(p, "define", 6) || (p[6] != ' ' && p[6] != '\t'))
		return (struct span){ NULL, 0 };
	p += 7;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	l = p;
	while (p < end && is_ident_char((unsigned char)*p))
		p++;
	return (struct span){ l, (size_t)(p - l) };
}

/* The end of the macro defined on the line at l: past its continuations. */
static const char *define_end(const char *l, const char *end)
{
	for (;;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		const char *last;

		if (!nl)
			return end;
		last = nl;
		while (last > l && (last[-1] == ' ' || last[-1] == '\t' || last[-1] == '\r'))
			last--;
		if (last == l || last[-1] != '\\')
			return nl;
		l = nl + 1;
	}
}

/*
 * What the body s[b, e) of def names: definitions (edges), stores to a
 * candidate field after "." or "->", ops fields called, and definitions
 * handed to a call.
 */
static void read_body(struct reach *r, int def, const char *s, size_t b, size_t e,
		      bool stripped)
{
	/* the callee of each open '(', innermost last: whom an argument is handed */
	struct span *calls = NULL;
	int nr_calls = 0, alloc_calls = 0;

	for (size_t i = b; i < e; i++) {
		size_t j, k, q;
		bool member;
		int d;

		if (s[i] == '(' && stripped) {
			q = skip_space_back(s, i);
			j = ident_back(s, q);
			ALLOC_GROW(calls, nr_calls + 1, alloc_calls);
			calls[nr_calls++] = (struct span){ s + j, q - j };
			continue;
		}
		if (s[i] == ')') {
			nr_calls -= nr_calls > 0;
			continue;
		}
		if (!is_ident_start((unsigned char)s[i]) ||
		    (i > b && is_ident_char((unsigned char)s[i - 1])))
			continue;
		for (j = i; j < e && is_ident_char((unsigned char)s[j]); j++)
			;
		q = skip_space_back(s, i);
		member = q > b && (s[q - 1] == '.' || (q > b + 1 && s[q - 1] == '>' && s[q - 2] == '-'));
		k = skip_space(s, j, e);
		if (member && is_field(r, s + i, j - i)) {
			if (member_store(s, s[q - 1] == '.' ? q - 1 : q - 2, j, e) != (size_t)-1)
				r->writes[def] = true;
		}
		else if (member && k < e && s[k] == '(')
			add_named(&r->icalls, &r->nr_icalls, &r->alloc_icalls, def, s + i, j - i);
		else if (!member && (d = find_def(r, s + i, j - i)) >= 0) {
			ALLOC_GROW(r->mentions, r->nr_mentions + 1, r->alloc_mentions);
			r->mentions[r->nr_mentions++] = (struct edge){ def, d };
			if (nr_calls && (k >= e || s[k] != '(') && calls[nr_calls - 1].n)
				add_named(&r->hands, &r->nr_hands, &r->alloc_hands, d,
					  calls[nr_calls - 1].s, calls[nr_calls - 1].n);
		}
		i = j - 1;
	}
	free(calls);
}

/* The fields an initializer macro stores its argument in (any argument: a superset). */
static void macro_stores(struct reach *r, int d, struct span m)
{
	const struct macro_store key = { m, { NULL, 0 } }, *hit;
	int lo;

	hit = !r->nr_macros ? NULL :
	      bsearch(&key, r->macros, (size_t)r->nr_macros, sizeof(*r->macros), cmp_span);
	if (!hit)
		return;
	for (lo = (int)(hit - r->macros); lo > 0 && !cmp_span(&r->macros[lo - 1], &key); lo--)
		;
	for (; lo < r->nr_macros && !cmp_span(&r->macros[lo], &key); lo++)
		add_named(&r->stores, &r->nr_stores, &r->alloc_stores, d,
			  r->macros[lo].field.s, r->macros[lo].field.n);
}

/*
 * Where a function may be stored, as facts.cocci finds its ops: ".F = X"
 * and "->F = X" anywhere (an ops table, an assignment) store X in F, and
 * an initializer macro of the macros file (SET_RUNTIME_PM_OPS(s, r, i))
 * in the fields it names.
 */
static void read_stores(struct reach *r, const char *s, size_t len)
{
	struct span *calls = NULL;
	int nr_calls = 0, alloc_calls = 0;

	for (size_t i = 0; i < len; i++) {
		size_t j, q, fe, fb;
		int d;

		if (s[i] == '(') {
			q = skip_space_back(s, i);
			j = ident_back(s, q);
			ALLOC_GROW(calls, nr_calls + 1, alloc_calls);
			calls[nr_calls++] = (struct span){ s + j, q - j };
			continue;
		}
		if (s[i] == ')' || s[i] == ';' || s[i] == '{' || s[i] == '}') {
			nr_calls = s[i] == ')' && nr_calls ? nr_calls - 1 : 0;
			continue;
		}
		if (!is_ident_start((unsigned char)s[i]) || (i && is_ident_char((unsigned char)s[i - 1])))
			continue;
		for (j = i; j < len && is_ident_char((unsigned char)s[j]); j++)
			;
		d = find_def(r, s + i, j - i);
		if (d >= 0 && (q = assigned_by(s, i)) != (size_t)-1) {
			if (assigned_field(s, q, &fb, &fe))
				add_named(&r->stores, &r->nr_stores, &r->alloc_stores, d, s + fb, fe - fb);
		} else if (d >= 0 && nr_calls && s[skip_space(s, j, len)] != '(') {
			macro_stores(r, d, calls[nr_calls - 1]);
		}
		i = j - 1;
	}
	free(calls);
}

/* One text, stripped, and its functions: read twice, definitions first. */
struct text {
	const char *buf, *code;
	size_t len;
	struct text_func *fn;
	int nr_fn;
};

static void read_text(struct reach *r, const struct text *t, bool defs_only)
{
	const char *end = t->buf + t->len;

	for (const char *l = t->buf; l < end; ) {
		struct span m = define_name(l, end);
		const char *e = define_end(l, end);

		if (m.n && defs_only)
			add_def(r, m.s, m.n);
		else if (m.n)
			read_body(r, find_def(r, m.s, m.n), m.s + m.n, 0,
				  (size_t)(e - m.s - m.n), false);
		l = e < end ? e + 1 : end;
	}
	for (int i = 0; i < t->nr_fn; i++) {
		if (defs_only)
			add_def(r, t->fn[i].name, t->fn[i].name_len);
		else
			read_body(r, find_def(r, t->fn[i].name, t->fn[i].name_len), t->code,
				  t->fn[i].open, t->fn[i].close, true);
	}
	if (!defs_only)
		read_stores(r, t->code, t->len);
}

static bool stored_in_field(const struct reach *r, struct span f)
{
	for (int i = 0; i < r->nr_stores; i++)
		if (r->in[r->stores[i].def] && !cmp_span(&r->stores[i].name, &f))
			return true;
	return false;
}

/*
 * "macro\tNAME\tINDEX\tFIELD\t...": the macros file's lines facts.cocci
 * reads, sorted by NAME (the first member, so cmp_span() sorts them).
 */
static void read_macros(struct reach *r, const char *text)
{
	for (const char *l = text, *nl; l && *l; l = nl ? nl + 1 : NULL) {
		const char *c[4];
		int k = 0;

		nl = strchr(l, '\n');
		if (strncmp(l, "macro\t", 6))
			continue;
		c[k++] = l;
		for (const char *p = l; k < 4 && (p = strchr(p, '\t')) && (!nl || p < nl); )
			c[k++] = ++p;
		if (k < 4)
			continue;
		ALLOC_GROW(r->macros, r->nr_macros + 1, r->alloc_macros);
		r->macros[r->nr_macros++] = (struct macro_store){
			{ c[1], (size_t)(c[2] - c[1] - 1) }, { c[3], strcspn(c[3], "\t\n") } };
	}
	if (r->nr_macros)
		qsort(r->macros, (size_t)r->nr_macros, sizeof(*r->macros), cmp_span);
}

void reaching_names(const struct strbuf *texts, int nr, const struct opt_list *fields,
		   const char *macros, struct strbuf *out)
{
	struct reach r = { 0 };
	struct opt_list names = { 0 };
	struct text *t = xcalloc((size_t)nr + 1, sizeof(*t));
	bool changed = true;
	int n = 0;

	r.fields = xcalloc((size_t)fields->nr + 1, sizeof(*r.fields));
	for (int i = 0; i < fields->nr; i++)
		r.fields[r.nr_fields++] = (struct span){ fields->v[i], strlen(fields->v[i]) };
	if (r.nr_fields)
		qsort(r.fields, (size_t)r.nr_fields, sizeof(*r.fields), cmp_span);
	read_macros(&r, macros);
	for (int i = 0; i < nr; i++) {
		t[i].buf = texts[i].buf ? texts[i].buf : "";
		t[i].len = texts[i].len;
		t[i].code = strip_code(t[i].buf, t[i].len);
		t[i].nr_fn = text_functions(t[i].code, t[i].len, &t[i].fn);
		read_text(&r, &t[i], true);
	}
	if (r.nr_defs)
		qsort(r.defs, (size_t)r.nr_defs, sizeof(*r.defs), cmp_span);
	for (int i = 0; i < r.nr_defs; i++)
		if (!n || cmp_span(&r.defs[n - 1], &r.defs[i]))
			r.defs[n++] = r.defs[i];
	r.nr_defs = n;
	r.writes = xcalloc((size_t)n + 1, sizeof(bool));
	r.in = xcalloc((size_t)n + 1, sizeof(bool));
	for (int i = 0; i < nr; i++)
		read_text(&r, &t[i], false);

	for (int i = 0; i < n; i++)
		r.in[i] = r.writes[i];
	while (changed) {
		changed = false;
		for (int i = 0; i < r.nr_mentions; i++)
			if (!r.in[r.mentions[i].from] && r.in[r.mentions[i].to])
				changed = r.in[r.mentions[i].from] = true;
		for (int i = 0; i < r.nr_icalls; i++)
			if (!r.in[r.icalls[i].def] && stored_in_field(&r, r.icalls[i].name))
				changed = r.in[r.icalls[i].def] = true;
	}
	for (int i = 0; i < n; i++)
		if (r.in[i])
			opt_list_append(&names, xstrndup(r.defs[i].s, r.defs[i].n));
	for (int i = 0; i < r.nr_hands; i++)
		if (r.in[r.hands[i].def])
			opt_list_append(&names, xstrndup(r.hands[i].name.s, r.hands[i].name.n));
	if (names.nr)
		qsort(names.v, (size_t)names.nr, sizeof(*names.v), cmp_strp);
	for (int i = 0; i < names.nr; i++)
		if (!i || strcmp(names.v[i], names.v[i - 1]))
			strbuf_addf(out, "%s\n", names.v[i]);
	for (int i = 0; i < names.nr; i++)
		free((char *)names.v[i]);
	free(names.v);
	for (int i = 0; i < nr; i++) {
		free((char *)t[i].code);
		free(t[i].fn);
	}
	free(t);
	free(r.defs);
	free(r.writes);
	free(r.in);
	free(r.macros);
	free(r.fields);
	free(r.mentions);
	free(r.icalls);
	free(r.hands);
	free(r.stores);
}

void reaching_callees(const char *tree, const struct opt_list *files,
		      const struct opt_list *fields, const char *macros, struct strbuf *out)
{
	struct strbuf *texts = xcalloc((size_t)files->nr + 1, sizeof(*texts));

	for (int i = 0; i < files->nr; i++) {
		char *path = xstrfmt("%s/%s", tree, files->v[i]);

		if (strbuf_read_file(&texts[i], path) < 0)
			die("cannot read %s: %s", path, strerror(errno));
		if (check_text(texts[i].buf ? texts[i].buf : "", texts[i].len, path))
			exit(2);
		free(path);
	}
	reaching_names(texts, files->nr, fields, macros, out);
	for (int i = 0; i < files->nr; i++)
		strbuf_release(&texts[i]);
	free(texts);
}
