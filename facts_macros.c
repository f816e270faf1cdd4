// SPDX-License-Identifier: GPL-2.0
/*
 * Learn initializer macros from their #define lines: which argument of
 * SET_RUNTIME_PM_OPS(), DEFINE_SIMPLE_DEV_PM_OPS(), DEVICE_ATTR_RW(), ...
 * lands in which ops field, so that a function handed to one is a root of
 * that field even though Coccinelle never sees the ".field = fn" the macro
 * expands to.  A designator ".field = EXPR" in a body maps field to the
 * parameter EXPR names (pm_sleep_ptr(fn) names fn; name##_show names name
 * with the pattern "%_show"); a macro whose body uses a known macro
 * inherits its mappings through the arguments it passes, to a fixed point
 * (SET_RUNTIME_PM_OPS -> RUNTIME_PM_OPS, DEVICE_ATTR_RW -> __ATTR_RW ->
 * __ATTR).  The result is written as roots vocabulary "macro" lines.
 * Every definition counts, whatever #if it sits under: an empty
 * !CONFIG_PM variant adds nothing, and a root too many costs less than
 * one missed.
 */
#include "facts.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "parse_options.h"
#include "util.h"

#define MAX_PARAMS 16
#define MAX_ROUNDS 8

struct mapping {
	char *field;
	int index;		/* of the macro's parameter */
	char *pattern;		/* "%" replaced by that argument's text */
};

struct macro {
	char *name;
	char *params[MAX_PARAMS];
	int nr_params;
	char *body;
	struct mapping *maps;
	int nr_maps, alloc_maps;
};

struct macros {
	struct macro *v;
	int nr, alloc;
};

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static size_t ident_len(const char *s)
{
	size_t n = 0;

	if (isdigit((unsigned char)*s))
		return 0;
	while (is_ident_char((unsigned char)s[n]))
		n++;
	return n;
}

/* A logical line from s (continuations joined, comments blanked), allocated. */
static char *logical_line(const char **s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = *s;

	while (*p && *p != '\n') {
		if (p[0] == '\\' && p[1] == '\n') {
			strbuf_addch(&sb, ' ');
			p += 2;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");

			strbuf_addch(&sb, ' ');
			p = e ? e + 2 : p + strlen(p);
		} else if (p[0] == '/' && p[1] == '/') {
			while (*p && *p != '\n')
				p++;
		} else {
			strbuf_addch(&sb, *p++);
		}
	}
	*s = *p ? p + 1 : p;
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

/* "#define NAME(a, b) body": a function-like macro, or false. */
static bool parse_define(const char *l, struct macro *m)
{
	const char *p = skip_space(l);
	size_t n;

	if (*p != '#')
		return false;
	p = skip_space(p + 1);
	if (!starts_with(p, "define"))
		return false;
	p = skip_space(p + 6);
	n = ident_len(p);
	if (!n || p[n] != '(')
		return false;
	memset(m, 0, sizeof(*m));
	m->name = xstrndup(p, n);
	p += n + 1;
	for (;;) {
		p = skip_space(p);
		n = ident_len(p);
		if (!n && starts_with(p, "..."))
			n = 3;
		if (n && m->nr_params < MAX_PARAMS)
			m->params[m->nr_params++] = xstrndup(p, n);
		p = skip_space(p + n);
		if (*p == ',')
			p++;
		else
			break;
	}
	if (*p != ')' || !m->nr_params) {
		for (int i = 0; i < m->nr_params; i++)
			free(m->params[i]);
		free(m->name);
		return false;
	}
	m->body = xstrdup(p + 1);
	return true;
}

static int param_index(const struct macro *m, const char *s, size_t n)
{
	for (int i = 0; i < m->nr_params; i++)
		if (strlen(m->params[i]) == n && !strncmp(m->params[i], s, n))
			return i;
	return -1;
}

/*
 * Which parameter of m the expression e[0..len) hands on, and how: "fn"
 * and "pm_sleep_ptr(fn)" give "%", "name##_show" gives "%_show".
 */
static int expr_param(const struct macro *m, const char *e, size_t len, char **pattern)
{
	for (size_t i = 0; i < len;) {
		size_t n = ident_len(e + i);
		int k;

		if (!n) {
			i++;
			continue;
		}
		k = param_index(m, e + i, n);
		if (k >= 0) {
			struct strbuf sb = STRBUF_INIT;
			const char *b = e + i, *a = e + i + n;

			/* Take in a token pasted on either side. */
			while (b - e >= 2 && b[-1] == '#' && b[-2] == '#') {
				const char *q = b - 2;

				while (q > e && is_ident_char((unsigned char)q[-1]))
					q--;
				strbuf_add(&sb, q, b - 2 - q);
				b = q;
			}
			strbuf_addch(&sb, '%');
			while (a + 2 <= e + len && a[0] == '#' && a[1] == '#') {
				size_t t = 0;

				a += 2;
				while (a + t < e + len && is_ident_char((unsigned char)a[t]))
					t++;
				strbuf_add(&sb, a, t);
				a += t;
			}
			*pattern = strbuf_detach(&sb);
			return k;
		}
		i += n;
	}
	return -1;
}

/* The end of the expression at s: a ',' ')' '}' at depth 0, or the end. */
static const char *expr_end(const char *s)
{
	int depth = 0;

	for (; *s; s++) {
		if (strchr("([{", *s))
			depth++;
		else if (strchr(")]}", *s) && depth-- == 0)
			break;
		else if (*s == ',' && !depth)
			break;
	}
	return s;
}

static bool add_mapping(struct macro *m, const char *field, size_t flen, int index,
			char *pattern)
{
	for (int i = 0; i < m->nr_maps; i++)
		if (m->maps[i].index == index && strlen(m->maps[i].field) == flen &&
		    !strncmp(m->maps[i].field, field, flen) &&
		    !strcmp(m->maps[i].pattern, pattern)) {
			free(pattern);
			return false;
		}
	ALLOC_GROW(m->maps, m->nr_maps + 1, m->alloc_maps);
	m->maps[m->nr_maps++] = (struct mapping){ xstrndup(field, flen), index, pattern };
	return true;
}

/* ".field = EXPR" designators of the body (after '{', ',' or at its start). */
static void direct_mappings(struct macro *m)
{
	char prev = ',';

	for (const char *p = m->body; *p; p++) {
		if (*p == '.' && strchr(",{", prev)) {
			const char *f = skip_space(p + 1), *e;
			size_t n = ident_len(f);
			char *pattern;
			int k;

			e = skip_space(f + n);
			/* A nested aggregate's own designators speak for it. */
			if (n && e[0] == '=' && e[1] != '=' && *skip_space(e + 1) != '{') {
				e = skip_space(e + 1);
				k = expr_param(m, e, expr_end(e) - e, &pattern);
				if (k >= 0)
					add_mapping(m, f, n, k, pattern);
			}
		}
		if (*p != ' ' && *p != '\t')
			prev = *p;
	}
}

static int cmp_macro(const void *a, const void *b)
{
	return strcmp(((const struct macro *)a)->name, ((const struct macro *)b)->name);
}

/* The first of the definitions named s[0..n) (ms sorted by name), or -1. */
static int find_macro(const struct macros *ms, const char *s, size_t n)
{
	int lo = 0, hi = ms->nr;

	while (lo < hi) {
		int mid = (lo + hi) / 2, c = strncmp(ms->v[mid].name, s, n);

		if (!c && ms->v[mid].name[n])
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ms->nr && !strncmp(ms->v[lo].name, s, n) && !ms->v[lo].name[n] ? lo : -1;
}

/* What a use used(args) in m's body hands on of used's mappings. */
static bool inherit_use(struct macro *m, const struct macro *used,
			const char *const *args, int nr)
{
	bool grew = false;

	for (int i = 0; i < used->nr_maps; i++) {
		const struct mapping *u = &used->maps[i];
		char *pat, *full;
		const char *pct;
		int k;

		if (u->index >= nr)
			continue;
		k = expr_param(m, args[u->index], expr_end(args[u->index]) -
			       args[u->index], &pat);
		if (k < 0)
			continue;
		pct = strchr(u->pattern, '%');
		full = xstrfmt("%.*s%s%s", (int)(pct - u->pattern), u->pattern,
			       pat, pct + 1);
		free(pat);
		grew |= add_mapping(m, u->field, strlen(u->field), k, full);
	}
	return grew;
}

/* Mappings through the uses of known macros in m's body; true if any is new. */
static bool inherited_mappings(const struct macros *ms, struct macro *m)
{
	bool grew = false;

	for (const char *p = m->body; *p;) {
		size_t n = ident_len(p);
		const char *args[MAX_PARAMS], *q;
		int nr = 0, first;

		if (!n) {
			p++;
			continue;
		}
		q = skip_space(p + n);
		first = *q == '(' ? find_macro(ms, p, n) : -1;
		p += n;
		if (first < 0)
			continue;
		for (q++; nr < MAX_PARAMS; q++) {
			args[nr++] = q = skip_space(q);
			q = expr_end(q);
			if (*q != ',')
				break;
		}
		for (int i = first; i < ms->nr && !strcmp(ms->v[i].name, ms->v[first].name); i++)
			if (&ms->v[i] != m)
				grew |= inherit_use(m, &ms->v[i], args, nr);
	}
	return grew;
}

static void read_defines(const char *tree, const char *rel, struct macros *ms)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = xstrfmt("%s/%s", tree, rel);

	if (strbuf_read_file(&sb, path) >= 0 && sb.buf) {
		for (const char *s = sb.buf; *s;) {
			const char *t = skip_space(s);
			char *l;

			if (*t != '#') {	/* most lines: skip without copying */
				s = strchrnul(s, '\n');
				s += *s == '\n';
				continue;
			}
			l = logical_line(&s);
			ALLOC_GROW(ms->v, ms->nr + 1, ms->alloc);
			if (parse_define(l, &ms->v[ms->nr]))
				ms->nr++;
			free(l);
		}
	}
	free(path);
	strbuf_release(&sb);
}

static void release(struct macros *ms)
{
	for (int i = 0; i < ms->nr; i++) {
		struct macro *m = &ms->v[i];

		for (int k = 0; k < m->nr_params; k++)
			free(m->params[k]);
		for (int k = 0; k < m->nr_maps; k++) {
			free(m->maps[k].field);
			free(m->maps[k].pattern);
		}
		free(m->maps);
		free(m->name);
		free(m->body);
	}
	free(ms->v);
}

void facts_learn_macros(const char *tree, const struct opt_list *files, struct strbuf *out)
{
	struct macros ms = { 0 };
	bool grew = true;

	for (int i = 0; i < files->nr; i++)
		read_defines(tree, files->v[i], &ms);
	if (ms.nr)
		qsort(ms.v, ms.nr, sizeof(*ms.v), cmp_macro);
	for (int i = 0; i < ms.nr; i++)
		direct_mappings(&ms.v[i]);
	for (int round = 0; grew && round < MAX_ROUNDS; round++) {
		grew = false;
		for (int i = 0; i < ms.nr; i++)
			grew |= inherited_mappings(&ms, &ms.v[i]);
	}
	for (int i = 0; i < ms.nr; i++)
		for (int k = 0; k < ms.v[i].nr_maps; k++)
			strbuf_addf(out, "macro\t%s\t%d\t%s\t%s\n", ms.v[i].name,
				    ms.v[i].maps[k].index, ms.v[i].maps[k].field,
				    ms.v[i].maps[k].pattern);
	release(&ms);
}
