// SPDX-License-Identifier: GPL-2.0
#include "struct_edit.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct line {
	const char *p;
	size_t len;		/* without the newline */
};

struct lines {
	struct line *v;
	int nr, alloc;
};

enum entry_kind { ENTRY_BLANK, ENTRY_COMMENT, ENTRY_DECL };

struct entry {
	enum entry_kind kind;
	int first;		/* first line, its leading comments included */
	int decl;		/* first line of the declaration itself */
	int last;
	char *trailing;		/* what follows the ';' on the last line */
	int first_declarator, nr_declarators;
	bool emitted;
};

struct declarator {
	int entry;
	char *type;		/* the type as written, shared by a multi-declarator line */
	char *stars, *name, *dims, *width;	/* "" when absent */
	char *attrs;		/* " __guarded_by(&lock)" after it, or NULL */
	int member;		/* bs_struct member index, -1 unmatched */
};

struct body {
	struct lines l;
	int open, close;	/* the "struct NAME {" and "};" lines */
	struct entry *e;
	int nr_e, alloc_e;
	struct declarator *d;
	int nr_d, alloc_d;
	int name_col;		/* where member names start, 0: unknown */
	char *why;		/* why the text cannot be edited */
};

/* "file:line: expected ..." as a compiler says it; line is 0-based, -1: none. */
static int __attribute__((format(printf, 4, 5)))
text_error(struct body *b, const char *file, int line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	strbuf_addstr(&sb, file);
	if (line >= 0)
		strbuf_addf(&sb, ":%d", line + 1);
	strbuf_addstr(&sb, ": ");
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(b->why);
	b->why = strbuf_detach(&sb);
	return -1;
}

static void split_lines(const char *text, struct lines *l)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		ALLOC_GROW(l->v, l->nr + 1, l->alloc);
		l->v[l->nr].p = p;
		l->v[l->nr].len = len;
		l->nr++;
		p += len + (nl ? 1 : 0);
	}
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p;
}

static bool line_opens(const struct line *ln, const char *name)
{
	const char *p = skip_space(ln->p, ln->p + ln->len), *end = ln->p + ln->len;
	size_t n = strlen(name);

	if ((size_t)(end - p) > 8 && !strncmp(p, "typedef ", 8))
		p = skip_space(p + 8, end);
	if ((size_t)(end - p) < 7 + n || strncmp(p, "struct ", 7))
		return false;
	p = skip_space(p + 7, end);
	if ((size_t)(end - p) < n || strncmp(p, name, n) || (p + n < end && is_ident_char(p[n])))
		return false;
	/* not "struct NAME *arg) {}", the last parameter of a function */
	for (p += n; p < end && !strchr(";*(),=", *p); p++)
		if (*p == '{')
			return true;
	return false;
}

unsigned int struct_find(const char *text, const char *name)
{
	struct lines l = { 0 };
	unsigned int found = 0;

	split_lines(text, &l);
	for (int i = 0; i < l.nr && !found; i++)
		if (line_opens(&l.v[i], name))
			found = (unsigned int)i + 1;
	free(l.v);
	return found;
}

/*
 * Scan a line for braces and the end of a declaration, outside comments;
 * *in_comment carries a block comment over to the next line.  Returns the
 * offset just past a ';' at depth 0, or -1.
 */
static long scan_line(const struct line *ln, int *depth, bool *in_comment)
{
	long semi = -1;

	for (size_t i = 0; i < ln->len; i++) {
		char c = ln->p[i];

		if (*in_comment) {
			if (c == '*' && i + 1 < ln->len && ln->p[i + 1] == '/') {
				*in_comment = false;
				i++;
			}
			continue;
		}
		if (c == '/' && i + 1 < ln->len && ln->p[i + 1] == '*') {
			*in_comment = true;
			i++;
		} else if (c == '/' && i + 1 < ln->len && ln->p[i + 1] == '/') {
			break;
		} else if (c == '{') {
			(*depth)++;
		} else if (c == '}') {
			(*depth)--;
		} else if (c == ';' && !*depth && semi < 0) {
			semi = (long)i + 1;
		}
	}
	return semi;
}

static bool comment_only(const struct line *ln, bool in_comment)
{
	const char *p = skip_space(ln->p, ln->p + ln->len), *end = ln->p + ln->len;

	if (in_comment)
		return true;
	return end - p >= 2 && p[0] == '/' && (p[1] == '*' || p[1] == '/');
}

static char *trim(const char *p, const char *end)
{
	p = skip_space(p, end);
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	return xstrndup(p, (size_t)(end - p));
}

/* Parse "TYPE *name[dims]:width" (type empty after a comma). */
static void parse_declarator(struct declarator *d, const char *p, const char *end,
			     bool with_type)
{
	const char *colon = memchr(p, ':', (size_t)(end - p));
	const char *bracket, *name_end, *name_start, *star;

	d->width = colon ? trim(colon + 1, end) : xstrdup("");
	end = colon ? colon : end;
	bracket = memchr(p, '[', (size_t)(end - p));
	d->dims = bracket ? trim(bracket, end) : xstrdup("");
	name_end = bracket ? bracket : end;
	while (name_end > p && isspace((unsigned char)name_end[-1]))
		name_end--;
	name_start = name_end;
	while (name_start > p && is_ident_char(name_start[-1]))
		name_start--;
	/* a zero-width bitfield has no name (C11 6.7.2.1p4): "unsigned int :0" */
	if (!strcmp(d->width, "0"))
		name_start = name_end;
	d->name = xstrndup(name_start, (size_t)(name_end - name_start));
	star = name_start;
	while (star > p && (star[-1] == '*' || isspace((unsigned char)star[-1])))
		star--;
	{
		struct strbuf sb = STRBUF_INIT;

		for (const char *q = star; q < name_start; q++)
			if (*q == '*')
				strbuf_addch(&sb, '*');
		d->stars = strbuf_detach(&sb);
	}
	d->type = with_type ? trim(p, star) : NULL;
}

static void add_declarator(struct body *b, int entry)
{
	ALLOC_GROW(b->d, b->nr_d + 1, b->alloc_d);
	memset(&b->d[b->nr_d], 0, sizeof(b->d[0]));
	b->d[b->nr_d].entry = entry;
	b->d[b->nr_d].member = -1;
	b->nr_d++;
}

/*
 * Where annotations after the last declarator begin ("x:1 __guarded_by(&l)",
 * "y __aligned(8)"): the trailing NAME(...) groups.  end when none.
 */
static const char *trailing_attrs(const char *text, const char *end)
{
	const char *cut = end;

	for (;;) {
		const char *q = cut;
		int depth = 0;

		while (q > text && isspace((unsigned char)q[-1]))
			q--;
		if (q == text || q[-1] != ')')
			return cut;
		do {
			q--;
			depth += *q == ')' ? 1 : *q == '(' ? -1 : 0;
		} while (q > text && depth);
		while (q > text && isspace((unsigned char)q[-1]))
			q--;
		while (q > text && is_ident_char(q[-1]))
			q--;
		if (q == text || !is_ident_char(*q))
			return cut;
		cut = q;
	}
}

/* Split the declaration of entry ei into its declarators. */
static void parse_decl(struct body *b, int ei, const char *text)
{
	struct entry *e = &b->e[ei];
	const char *end = text + strlen(text), *p = text, *seg;
	const char *attrs = end;
	int depth = 0;
	char *type;

	e->first_declarator = b->nr_d;
	if (!strchr(text, '{') && !strstr(text, "(*"))
		attrs = trailing_attrs(text, end);
	if (strchr(text, '{') || strstr(text, "(*") || memchr(text, '(', (size_t)(attrs - text))) {
		/* a nested aggregate or a function pointer: one member */
		const char *close = strrchr(text, strchr(text, '{') ? '}' : '(');
		const char *n = close ? close + 1 : text;

		add_declarator(b, ei);
		if (!strchr(text, '{')) {
			n = strstr(text, "(*");
			n = n ? n + 2 : text;
		}
		n = skip_space(n, end);
		seg = n;
		while (seg < end && is_ident_char(*seg))
			seg++;
		b->d[b->nr_d - 1].name = xstrndup(n, (size_t)(seg - n));
		b->d[b->nr_d - 1].type = xstrdup(text);
		e->nr_declarators = 1;
		return;
	}
	type = NULL;
	for (seg = p; p <= attrs; p++) {
		if (p < attrs && *p == '[')
			depth++;
		else if (p < attrs && *p == ']')
			depth--;
		if (p < attrs && (*p != ',' || depth))
			continue;
		add_declarator(b, ei);
		parse_declarator(&b->d[b->nr_d - 1], seg, p, !type);
		if (!type)
			type = b->d[b->nr_d - 1].type;
		else
			b->d[b->nr_d - 1].type = xstrdup(type);
		e->nr_declarators++;
		seg = p + 1;
	}
	if (attrs < end)
		b->d[b->nr_d - 1].attrs = xstrndup(attrs, (size_t)(end - attrs));
}

static int add_entry(struct body *b, enum entry_kind kind, int first, int decl, int last)
{
	ALLOC_GROW(b->e, b->nr_e + 1, b->alloc_e);
	memset(&b->e[b->nr_e], 0, sizeof(b->e[0]));
	b->e[b->nr_e].kind = kind;
	b->e[b->nr_e].first = first;
	b->e[b->nr_e].decl = decl;
	b->e[b->nr_e].last = last;
	return b->nr_e++;
}

static int display_col(const char *p, size_t n)
{
	int col = 0;

	for (size_t i = 0; i < n; i++)
		col = p[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
	return col;
}

/* The column most single-line members put their name at (tabs of 8). */
static void find_name_col(struct body *b)
{
	int count[256] = { 0 }, best = 0;

	for (int i = 0; i < b->nr_e; i++) {
		const struct entry *e = &b->e[i];
		const struct declarator *d = &b->d[e->first_declarator];
		const struct line *ln = &b->l.v[e->decl];
		const char *at;
		int col;

		if (e->kind != ENTRY_DECL || e->decl != e->last || strchr(d->type, '{') ||
		    strchr(d->type, '(') || !*d->name)
			continue;
		at = skip_space(ln->p, ln->p + ln->len);
		if ((size_t)(ln->p + ln->len - at) < strlen(d->type) ||
		    strncmp(at, d->type, strlen(d->type)))
			continue;
		at = skip_space(at + strlen(d->type), ln->p + ln->len);
		col = display_col(ln->p, (size_t)(at - ln->p));
		if (col < 256 && ++count[col] > count[best])
			best = col;
	}
	b->name_col = best;
}

static int parse_body(struct body *b, const char *file, const char *name)
{
	int pending = -1;
	bool in_comment = false;

	b->open = -1;
	for (int i = 0; i < b->l.nr && b->open < 0; i++)
		if (line_opens(&b->l.v[i], name))
			b->open = i;
	if (b->open < 0)
		return text_error(b, file, -1, "expected a declaration of struct %s", name);
	b->close = -1;
	for (int i = b->open + 1; i < b->l.nr; i++) {
		const struct line *ln = &b->l.v[i];
		const char *p = skip_space(ln->p, ln->p + ln->len);
		bool was_comment = in_comment;
		int start = i, d0 = 0;
		long semi;
		struct strbuf text = STRBUF_INIT;

		if (p == ln->p + ln->len && !in_comment) {
			if (pending >= 0)
				add_entry(b, ENTRY_COMMENT, pending, pending, i - 1);
			pending = -1;
			add_entry(b, ENTRY_BLANK, i, i, i);
			continue;
		}
		if (*p == '#' && !in_comment)
			return text_error(b, file, i, "expected a member, not a preprocessor "
					  "line, inside struct %s", name);
		if (comment_only(ln, was_comment)) {
			int dd = 0;

			scan_line(ln, &dd, &in_comment);
			if (pending < 0)
				pending = i;
			continue;
		}
		if (*p == '}') {
			b->close = i;
			break;
		}
		/* a declaration: up to its ';' at depth 0, maybe over lines */
		for (;;) {
			semi = scan_line(&b->l.v[i], &d0, &in_comment);
			if (semi >= 0 || i + 1 >= b->l.nr)
				break;
			strbuf_add(&text, b->l.v[i].p, b->l.v[i].len);
			strbuf_addch(&text, '\n');
			i++;
		}
		if (semi < 0) {
			strbuf_release(&text);
			return text_error(b, file, start, "expected ';' to end the member");
		}
		strbuf_add(&text, b->l.v[i].p, (size_t)semi - 1);
		{
			int ei = add_entry(b, ENTRY_DECL, pending >= 0 ? pending : start,
					   start, i);

			b->e[ei].trailing = xstrndup(b->l.v[i].p + semi,
						     b->l.v[i].len - (size_t)semi);
			parse_decl(b, ei, text.buf);
		}
		pending = -1;
		strbuf_release(&text);
	}
	if (b->close < 0)
		return text_error(b, file, b->open, "expected '}' to end struct %s", name);
	if (pending >= 0)
		add_entry(b, ENTRY_COMMENT, pending, pending, b->close - 1);
	find_name_col(b);
	return 0;
}

/* Pair each declarator with its depth-0 member, in declaration order. */
static int match_members(struct body *b, const struct bs_struct *s, const char *file)
{
	int di = 0;

	for (int i = 0; i < s->nr_members; i++) {
		const struct bs_member *m = &s->members[i];
		struct declarator *d;

		if (m->depth || m->is_zero_width)
			continue;
		while (di < b->nr_d && !*b->d[di].name && !strcmp(b->d[di].width, "0"))
			di++;
		if (di >= b->nr_d)
			return text_error(b, file, b->close, "expected member %s in struct %s",
					  m->name ? m->name : "(anonymous)", s->name);
		d = &b->d[di];
		if (strcmp(d->name, m->name ? m->name : "")) {
			return text_error(b, file, b->e[d->entry].decl,
					  "expected member %s, found '%s'",
					  m->name ? m->name : "(anonymous)", d->name);
		}
		d->member = i;
		di++;
	}
	return 0;
}

/*
 * Text that is no member of the plan stays where it was, before what
 * followed it: blank lines, loose comments and ":0" declarations.
 */
static bool loose(const struct body *b, const struct entry *e)
{
	if (e->kind != ENTRY_DECL)
		return true;
	for (int k = 0; k < e->nr_declarators; k++)
		if (b->d[e->first_declarator + k].member >= 0)
			return false;
	return true;
}

static const struct declarator *declarator_of(const struct body *b, int member)
{
	for (int i = 0; i < b->nr_d; i++)
		if (b->d[i].member == member)
			return &b->d[i];
	return NULL;
}

static bool unchanged(const struct plan_member *pm)
{
	return pm->role == ROLE_STAY || pm->role == ROLE_PACKED;
}

/* A member moved by tighten keeps its text: only its place changes. */
static bool same_text(const struct plan_member *pm)
{
	return pm->role != ROLE_SPLIT;
}

/* Do all of entry e's members stay, one after the other, from position i? */
static bool entry_intact(const struct body *b, const struct entry *e,
			 const struct plan *p, int i)
{
	for (int k = 0; k < e->nr_declarators; k++) {
		const struct declarator *d = &b->d[e->first_declarator + k];

		if (i + k >= p->nr || p->m[i + k].member != d->member ||
		    !same_text(&p->m[i + k]))
			return false;
	}
	return true;
}

static void add_lines(struct strbuf *out, const struct body *b, int from, int to)
{
	for (int i = from; i <= to; i++) {
		strbuf_add(out, b->l.v[i].p, b->l.v[i].len);
		strbuf_addch(out, '\n');
	}
}

static void pad_to(struct strbuf *out, size_t line_start, int col)
{
	int c = display_col(out->buf + line_start, out->len - line_start);

	if (!col || c >= col || col % 8) {
		strbuf_addch(out, ' ');
		while (col % 8 && c + 1 < col) {
			strbuf_addch(out, ' ');
			c++;
		}
		return;
	}
	while (c < col) {
		strbuf_addch(out, '\t');
		c = (c / 8 + 1) * 8;
	}
}

/* One declarator on its own line, with the new type when it changed. */
static void add_declarator_line(struct strbuf *out, const struct body *b,
				const struct declarator *d, const struct plan_member *pm,
				bool first_of_entry)
{
	const struct entry *e = &b->e[d->entry];
	const struct line *ln = &b->l.v[e->decl];
	size_t start = out->len;
	const char *indent_end = skip_space(ln->p, ln->p + ln->len);
	const char *type = pm->type ? pm->type : d->type;

	strbuf_add(out, ln->p, (size_t)(indent_end - ln->p));
	strbuf_addstr(out, type);
	pad_to(out, start, b->name_col);
	strbuf_addf(out, "%s%s%s", d->stars, d->name, d->dims);
	if (pm->bit_size)
		strbuf_addf(out, ":%s", d->width);
	if (d->attrs)
		strbuf_addf(out, " %s", d->attrs);
	strbuf_addch(out, ';');
	if (first_of_entry && e->trailing)
		strbuf_addstr(out, e->trailing);
	strbuf_addch(out, '\n');
}

/* The declaration line with only its ":N" taken out: alignment kept. */
static bool drop_width(struct strbuf *out, const struct body *b, const struct entry *e)
{
	const struct line *ln = &b->l.v[e->last];
	const char *semi = ln->p + ln->len - strlen(e->trailing) - 1;
	const char *q = semi;

	while (q > ln->p && isdigit((unsigned char)q[-1]))
		q--;
	while (q > ln->p && isspace((unsigned char)q[-1]))
		q--;
	if (q == ln->p || q[-1] != ':' || e->decl != e->last)
		return false;
	q--;
	while (q > ln->p && isspace((unsigned char)q[-1]))
		q--;
	add_lines(out, b, e->first, e->decl - 1);
	strbuf_add(out, ln->p, (size_t)(q - ln->p));
	strbuf_add(out, semi, (size_t)(ln->p + ln->len - semi));
	strbuf_addch(out, '\n');
	return true;
}

static void emit_member(struct strbuf *out, struct body *b, const struct plan *p, int i)
{
	const struct plan_member *pm = &p->m[i];
	const struct declarator *d = declarator_of(b, pm->member);
	struct entry *e = &b->e[d->entry];
	bool first = d == &b->d[e->first_declarator];

	if (first && entry_intact(b, e, p, i)) {
		add_lines(out, b, e->first, e->last);
		e->emitted = true;
		return;
	}
	if (e->emitted)
		return;
	if (e->nr_declarators == 1 && pm->role == ROLE_SPLIT &&
	    (!pm->type || !strcmp(pm->type, d->type)) && drop_width(out, b, e))
		return;
	if (first)
		add_lines(out, b, e->first, e->decl - 1);
	add_declarator_line(out, b, d, pm, first);
}

/* The indentation of the struct's first member, for the lines the plan adds. */
static struct line member_indent(const struct body *b)
{
	struct line ind = { "\t", 1 };

	for (int i = 0; i < b->nr_e; i++)
		if (b->e[i].kind == ENTRY_DECL) {
			const struct line *ln = &b->l.v[b->e[i].decl];

			ind.p = ln->p;
			ind.len = (size_t)(skip_space(ln->p, ln->p + ln->len) - ln->p);
			break;
		}
	return ind;
}

/* A line the plan adds: a new ":0" or the bitops word, aligned like the rest. */
static void add_new_member(struct strbuf *out, const struct body *b, const struct plan_member *pm,
			   const char *type)
{
	struct line ind = member_indent(b);
	size_t start;

	if (pm->comment)
		strbuf_addf(out, "%.*s/* %s */\n", (int)ind.len, ind.p, pm->comment);
	start = out->len;
	strbuf_addf(out, "%.*s%s", (int)ind.len, ind.p, type);
	pad_to(out, start, b->name_col);
	strbuf_addf(out, "%s;\n", pm->zero_width ? ":0" : pm->name);
}

/*
 * Where the bitops enum goes: above the struct and the comment block that
 * documents it, so that the comment stays with the struct.
 */
static int enum_line(const struct body *b)
{
	int at = b->open;
	const struct line *ln;

	if (at < 1)
		return at;
	ln = &b->l.v[at - 1];
	if (ln->len < 2 || strncmp(ln->p + ln->len - 2, "*/", 2))
		return at;
	while (--at >= 0) {
		ln = &b->l.v[at];
		if (memmem(ln->p, ln->len, "/*", 2))
			return at;
	}
	return b->open;
}

static void add_bit_enum(struct strbuf *out, const struct body *b, const struct plan *p)
{
	struct line ind = member_indent(b);

	strbuf_addf(out, "/* The bits of struct %s's", p->s->name);
	for (int i = 0; i < p->nr; i++)
		if (p->m[i].role == ROLE_BITOPS)
			strbuf_addf(out, " %s", p->m[i].name);
	strbuf_addf(out, ", for set_bit() and test_bit() */\nenum %s {\n", p->bit_enum);
	for (int i = 0; i < p->nr_bits; i++)
		strbuf_addf(out, "%.*s%s,\n", (int)ind.len, ind.p, p->bit_names[i]);
	strbuf_addstr(out, "};\n\n");
}

int struct_edit(const char *text, const char *file, const struct plan *p,
		struct strbuf *out, char **why)
{
	struct body b = { 0 };
	const char *prev_comment = NULL;
	int ret = -1;

	split_lines(text, &b.l);
	if (parse_body(&b, file, p->s->name) || match_members(&b, p->s, file))
		goto out;
	if (p->nr_bits) {
		int at = enum_line(&b);

		add_lines(out, &b, 0, at - 1);
		add_bit_enum(out, &b, p);
		add_lines(out, &b, at, b.open);
	} else {
		add_lines(out, &b, 0, b.open);
	}
	for (int i = 0; i < p->nr; i++) {
		const struct plan_member *pm = &p->m[i];
		const struct declarator *d = pm->added ? NULL : declarator_of(&b, pm->member);

		if (pm->added) {
			/* a new ":0" is of the type the source gives the field after it */
			const struct declarator *next = pm->zero_width && i + 1 < p->nr ?
				declarator_of(&b, p->m[i + 1].member) : NULL;

			add_new_member(out, &b, pm, next ? next->type : pm->type);
			prev_comment = pm->comment;
			continue;
		}
		if (pm->zero_width)
			continue;	/* its line is loose text, emitted in place */
		if (!d) {
			text_error(&b, file, b.open, "expected a declaration of %s",
				   p->s->members[pm->member].name);
			goto out;
		}
		/* blank lines and loose comments stay before what followed them */
		if (unchanged(pm))
			for (int k = 0; k < d->entry; k++)
				if (loose(&b, &b.e[k]) && !b.e[k].emitted) {
					add_lines(out, &b, b.e[k].first, b.e[k].last);
					b.e[k].emitted = true;
				}
		if (pm->comment && (!prev_comment || strcmp(prev_comment, pm->comment))) {
			const struct line *ln = &b.l.v[b.e[d->entry].decl];

			strbuf_add(out, ln->p, (size_t)(skip_space(ln->p, ln->p + ln->len) - ln->p));
			strbuf_addf(out, "/* %s */\n", pm->comment);
		}
		prev_comment = pm->comment;
		emit_member(out, &b, p, i);
	}
	for (int k = 0; k < b.nr_e; k++)
		if (loose(&b, &b.e[k]) && !b.e[k].emitted)
			add_lines(out, &b, b.e[k].first, b.e[k].last);
	add_lines(out, &b, b.close, b.l.nr - 1);
	if (b.l.nr && text[strlen(text) - 1] != '\n')
		out->buf[--out->len] = '\0';
	ret = 0;
out:
	for (int i = 0; i < b.nr_d; i++) {
		free(b.d[i].type);
		free(b.d[i].stars);
		free(b.d[i].name);
		free(b.d[i].dims);
		free(b.d[i].width);
		free(b.d[i].attrs);
	}
	for (int i = 0; i < b.nr_e; i++)
		free(b.e[i].trailing);
	free(b.d);
	free(b.e);
	free(b.l.v);
	*why = b.why;
	return ret;
}

char *struct_decl_text(const char *text, const char *name)
{
	struct body b = { 0 };
	struct strbuf sb = STRBUF_INIT;

	split_lines(text, &b.l);
	for (int i = 0; i < b.l.nr && !sb.len; i++) {
		int depth = 0;
		bool in_comment = false;

		if (!line_opens(&b.l.v[i], name))
			continue;
		for (int k = i; k < b.l.nr; k++) {
			add_lines(&sb, &b, k, k);
			scan_line(&b.l.v[k], &depth, &in_comment);
			if (depth <= 0)
				break;
		}
	}
	free(b.l.v);
	if (!sb.len)
		return NULL;
	return strbuf_detach(&sb);
}
