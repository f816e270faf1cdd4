// SPDX-License-Identifier: GPL-2.0
/*
 * Read pahole's text output (dwarves 1.24, tolerant of 1.25..1.31) into the
 * layout model.  One pass, no regex, and no copy of a line: a line is a
 * [p, e) slice of the input, and strings and members go to the layout's
 * pool, so a 6 MB vmlinux dump costs no malloc per line or per member.
 * A NUL byte is an error: a name holding one would print cut short.
 *
 * Nesting is tracked by braces, not by tabs: pahole's indentation is
 * cosmetic and 1.24 -E even prints "}in;" without a space.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "util.h"

#define MAX_NEST 64
/* Keeps offset * 8 + bit and every byte range inside unsigned int. */
#define MAX_NUMBER 0x0fffffffu

struct parser {
	struct bs_layout *l;
	const char *name;
	unsigned int lineno;
	struct bs_struct *s;		/* being read; NULL between structs */
	int open[MAX_NEST];		/* member index of each open struct/union */
	int depth;
	int in_enum;			/* member index of an open enum body, or -1 */
	bool force_padding;		/* inside a "Force padding:" block */
	bool size_seen;
	char *decl_file;		/* from -I, for the next struct */
	unsigned int decl_line;
	/*
	 * Members are read into one array reused for every struct, then
	 * copied at the exact size: growing 9,700 arrays by doubling cost a
	 * third of the parse in malloc and page faults.
	 */
	struct bs_member *scratch;
	int scratch_alloc;
	struct strbuf tmp;		/* for the few type names pahole splits */
};

static int perr(struct parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int vperr(struct parser *ps, unsigned int line, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s:%u: error: ", ps->name, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	return -1;
}

static int perr(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vperr(ps, ps->lineno, fmt, ap);
	va_end(ap);
	return ret;
}

/* An error about an earlier line: a member judged once its struct ends. */
static int perr_at(struct parser *ps, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int perr_at(struct parser *ps, unsigned int line, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vperr(ps, line, fmt, ap);
	va_end(ap);
	return ret;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static const char *skip_ws(const char *p, const char *e)
{
	while (p < e && is_space(*p))
		p++;
	return p;
}

static const char *rtrim(const char *p, const char *e)
{
	while (e > p && is_space(e[-1]))
		e--;
	return e;
}

/* The helpers below take string literals: LIT() passes their length. */
#define LIT(s) s, sizeof(s) - 1

static bool eat(const char **p, const char *e, const char *lit, size_t n)
{
	if ((size_t)(e - *p) < n || memcmp(*p, lit, n))
		return false;
	*p += n;
	return true;
}

static bool has_prefix(const char *p, const char *e, const char *lit, size_t n)
{
	return (size_t)(e - p) >= n && !memcmp(p, lit, n);
}

static bool has_suffix(const char *p, const char *e, const char *lit, size_t n)
{
	return (size_t)(e - p) >= n && !memcmp(e - n, lit, n);
}

static const char *find(const char *p, const char *e, const char *lit, size_t n)
{
	for (; (size_t)(e - p) >= n; p++) {
		p = memchr(p, lit[0], (size_t)(e - p) - n + 1);
		if (!p)
			return NULL;
		if (!memcmp(p, lit, n))
			return p;
	}
	return NULL;
}

static const char *rfind(const char *p, const char *e, const char *lit, size_t n)
{
	if ((size_t)(e - p) < n)
		return NULL;
	for (const char *q = e - n; q >= p; q--)
		if (*q == *lit && !memcmp(q, lit, n))
			return q;
	return NULL;
}

/* A number as pahole prints it: decimal, or %#x with --hex ("0" stays "0"). */
static bool parse_number(const char **pp, const char *e, unsigned int *out)
{
	const char *p = *pp;
	unsigned long long v = 0;
	bool hex = false, any = false;

	if (e - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		hex = true;
		p += 2;
	}
	for (; p < e; p++) {
		int d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (hex && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (hex && *p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			break;
		v = v * (hex ? 16 : 10) + (unsigned int)d;
		if (v > MAX_NUMBER)
			return false;
		any = true;
	}
	if (!any)
		return false;
	*pp = p;
	*out = (unsigned int)v;
	return true;
}

static char *dup_range(struct parser *ps, const char *p, const char *e)
{
	return layout_strndup(ps->l, p, (size_t)(e - p));
}

/*
 * Strip trailing " __attribute__((...))" groups from [p, *e), noting
 * __packed__ and __aligned__(N).  Attributes in the middle (btf_type_tag
 * in a pointer type) stay part of the type text.
 */
static void strip_attributes(const char *p, const char **e, bool *packed,
			     unsigned int *aligned)
{
	for (;;) {
		const char *end = rtrim(p, *e), *a, *q;
		int depth = 0;

		if (end == p || end[-1] != ')')
			return;
		a = rfind(p, end, LIT("__attribute__(("));
		if (!a)
			return;
		for (q = a + sizeof("__attribute__") - 1; q < end; q++) {
			if (*q == '(')
				depth++;
			else if (*q == ')' && --depth == 0)
				break;
		}
		if (q + 1 != end)
			return;
		if (packed && find(a, end, LIT("__packed__")))
			*packed = true;
		q = find(a, end, LIT("__aligned__("));
		if (aligned && q) {
			q += sizeof("__aligned__(") - 1;
			if (!parse_number(&q, end, aligned))
				*aligned = 0;
		}
		*e = rtrim(p, a);
	}
}

/* Trailing "[N][M]" or "[]": returns where the dimensions start. */
static const char *dims_start(const char *p, const char *e)
{
	const char *d = e;

	while (d > p && d[-1] == ']') {
		const char *q = d - 1;

		while (q > p && q[-1] != '[' && q[-1] != ']')
			q--;
		if (q == p || q[-1] != '[')
			break;
		d = q - 1;
	}
	return d;
}

/* Trailing ":N" of a bitfield; *e moves before the ':'.  false when absent. */
static bool strip_bits(const char *p, const char **e, unsigned int *bits)
{
	const char *q = *e, *n;

	while (q > p && is_ident_char(q[-1]))
		q--;
	if (q == *e || q == p || q[-1] != ':')
		return false;
	n = q;
	if (!parse_number(&n, *e, bits) || n != *e)
		return false;
	*e = q - 1;
	return true;
}

/* "/ *  off[:bit] size * /" at the end of a member or closing line. */
static int parse_offsets(struct parser *ps, const char *p, const char *e,
			 struct bs_member *m)
{
	p = skip_ws(p + 2, e - 2);
	if (!parse_number(&p, e, &m->offset))
		return perr(ps, "expected a byte offset in '/* offset size */'");
	if (p < e && *p == ':') {
		p = skip_ws(p + 1, e);
		if (!parse_number(&p, e, &m->unit_bit))
			return perr(ps, "expected a bit offset after ':'");
	}
	p = skip_ws(p, e);
	if (!parse_number(&p, e, &m->size))
		return perr(ps, "expected a size after the offset");
	p = skip_ws(p, e);
	if (e - p != 2)
		return perr(ps, "expected '*/' after the size");
	if (m->bit_size > m->size * 8)
		return perr(ps, "expected a bitfield of at most %u bits in its %u-byte type, "
			    "got %u", m->size * 8, m->size, m->bit_size);
	m->bit_offset = (unsigned long long)m->offset * 8 + m->unit_bit;
	return 0;
}

/* Split a trailing comment off a code line: [*ce, e) is "/ * ... * /". */
static const char *trailing_comment(const char *p, const char *e)
{
	const char *c;

	if (!has_suffix(p, e, LIT("*/")))
		return NULL;
	c = rfind(p, e - 2, LIT("/*"));
	return c && c > p ? c : NULL;
}

static struct bs_member *new_member(struct parser *ps)
{
	struct bs_struct *s = ps->s;
	struct bs_member *m;

	ALLOC_GROW(s->members, s->nr_members + 1, s->alloc_members);
	m = &s->members[s->nr_members++];
	memset(m, 0, sizeof(*m));
	m->depth = ps->depth;
	m->parent = ps->depth ? ps->open[ps->depth - 1] : -1;
	m->dump_line = ps->lineno;
	return m;
}

static bool word_is(const char *p, const char *e, const char *w, size_t n)
{
	return (size_t)(e - p) == n && !memcmp(p, w, n);
}

/* A name that can only be part of a type: the line lost its real name. */
static bool is_type_word(const char *p, const char *e)
{
	static const struct { const char *w; size_t n; } words[] = {
		{ LIT("struct") }, { LIT("union") }, { LIT("enum") }, { LIT("const") },
		{ LIT("volatile") }, { LIT("unsigned") }, { LIT("signed") }, { LIT("int") },
		{ LIT("char") }, { LIT("short") }, { LIT("long") }, { LIT("void") },
		{ LIT("_Bool") }, { LIT("float") }, { LIT("double") },
	};

	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (word_is(p, e, words[i].w, words[i].n))
			return true;
	return false;
}

/* "struct" with no tag: a type cut short */
static bool is_bare_tag(const char *p, const char *e)
{
	return word_is(p, e, LIT("struct")) || word_is(p, e, LIT("union")) ||
	       word_is(p, e, LIT("enum"));
}

/*
 *	type name[dims][:bits][ attrs];	/ * off[:bit] size * /
 *	ret (*name)(args)[dims];	(pahole prints an array's dims last)
 *	type :0;			(synthesized, no offset comment)
 *	type :N;			(a bit hole shown as an unnamed bitfield)
 */
static int parse_member(struct parser *ps, const char *p, const char *le)
{
	const char *c = trailing_comment(p, le);
	const char *e = c ? rtrim(p, c) : le;
	const char *d, *tdef = NULL, *tdef_end = NULL, *dims, *fnptr;
	const char *name, *ne, *type_end;
	unsigned int bits = 0;
	bool bitfield;
	struct bs_member *m;

	if (e == p || e[-1] != ';')
		return perr(ps, "expected ';' at the end of a member");
	d = rtrim(p, e - 1);
	strip_attributes(p, &d, NULL, NULL);
	if (eat(&p, d, LIT("/* typedef "))) {
		/* -E: "/ * typedef u8 * / unsigned char": keep what the source says */
		tdef = p;
		tdef_end = find(p, d, LIT(" */"));
		if (!tdef_end || tdef_end == tdef)
			return perr(ps, "expected 'typedef NAME */'");
		p = skip_ws(tdef_end + 3, d);
	}
	/* "Force padding:" lines ("long:64;") fill the tail; no member */
	if (ps->force_padding && !c)
		return 0;
	ps->force_padding = false;
	bitfield = strip_bits(p, &d, &bits);
	dims = dims_start(p, d);
	fnptr = find(p, dims, LIT("(*"));
	if (fnptr) {
		name = skip_ws(fnptr + 2, dims);
		for (ne = name; ne < dims && is_ident_char(*ne); ne++)
			;
		type_end = rtrim(p, fnptr);
	} else if (bitfield && dims == d && d > p && is_space(d[-1])) {
		/* "u8 :0": the space before ':' says there is no name */
		name = ne = d;
		type_end = rtrim(p, d);
	} else {
		ne = dims;
		for (name = ne; name > p && is_ident_char(name[-1]); name--)
			;
		type_end = rtrim(p, name);
	}
	if (name == ne && (fnptr || !bitfield))
		return perr(ps, "expected a member name");
	if (type_end == p || (name != ne && is_type_word(name, ne)) ||
	    (!fnptr && is_bare_tag(p, type_end)))
		return perr(ps, "expected a type and a member name");
	/* an unnamed ":N" is a bit hole pahole draws as a bitfield */
	if (name == ne && bits)
		return 0;
	if (!c && name != ne)
		return perr(ps, "expected '/* offset size */' after the member");

	m = new_member(ps);
	if (name != ne)
		m->name = dup_range(ps, name, ne);
	if (tdef) {
		m->type = dup_range(ps, tdef, tdef_end);
	} else if (fnptr) {
		/* "int (*)(struct dev *)": the declarator without its name */
		struct strbuf *sb = &ps->tmp;

		strbuf_reset(sb);
		strbuf_add(sb, p, (size_t)(type_end - p));
		strbuf_addstr(sb, " (*");
		strbuf_add(sb, ne, (size_t)(dims - ne));
		m->type = layout_strndup(ps->l, sb->buf, sb->len);
	} else {
		m->type = dup_range(ps, p, type_end);
	}
	if (dims != d)
		m->dims = dup_range(ps, dims, d);
	m->bit_size = bits;
	m->is_zero_width = bitfield && !bits;
	return c ? parse_offsets(ps, c, le, m) : 0;
}

/* "[const ][volatile ]struct|union|enum[ NAME] {" */
static int parse_open(struct parser *ps, const char *p, const char *e,
		      const char **kw, const char **tag, const char **tag_end)
{
	static const struct { const char *w; size_t n; } kinds[] = {
		{ LIT("struct") }, { LIT("union") }, { LIT("enum") },
	};
	const char *q;

	e = rtrim(p, e - 1);		/* drop '{' */
	while (eat(&p, e, LIT("const ")) || eat(&p, e, LIT("volatile ")))
		p = skip_ws(p, e);
	*kw = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		q = p;
		if (eat(&q, e, kinds[i].w, kinds[i].n) && (q == e || is_space(*q))) {
			*kw = kinds[i].w;
			p = skip_ws(q, e);
			break;
		}
	}
	if (!*kw)
		return perr(ps, "expected 'struct', 'union' or 'enum' before '{'");
	for (q = p; q < e && is_ident_char(*q); q++)
		;
	if (q != e)
		return perr(ps, "expected '%s NAME {'", *kw);
	*tag = p;
	*tag_end = q;
	return 0;
}

static int begin_struct(struct parser *ps, const char *p, const char *e)
{
	const char *kw, *tag, *tag_end;
	struct bs_layout *l = ps->l;
	struct bs_struct *s;

	if (parse_open(ps, p, e, &kw, &tag, &tag_end) < 0)
		return -1;
	if (!strcmp(kw, "enum") || tag == tag_end)
		return perr(ps, "expected 'struct NAME {' or 'union NAME {'");
	ALLOC_GROW(l->structs, l->nr_structs + 1, l->alloc_structs);
	s = &l->structs[l->nr_structs++];
	memset(s, 0, sizeof(*s));
	s->name = dup_range(ps, tag, tag_end);
	s->is_union = !strcmp(kw, "union");
	s->dump_line = ps->lineno;
	s->members = ps->scratch;
	s->alloc_members = ps->scratch_alloc;
	s->decl_file = ps->decl_file;
	s->decl_line = ps->decl_line;
	ps->decl_file = NULL;
	ps->s = s;
	ps->depth = 0;
	ps->in_enum = -1;
	ps->size_seen = false;
	return 0;
}

static int open_nested(struct parser *ps, const char *p, const char *e)
{
	const char *kw, *tag, *tag_end;
	struct strbuf *sb = &ps->tmp;
	struct bs_member *m;

	if (ps->in_enum >= 0)
		return perr(ps, "expected an enumerator or '}'");
	if (parse_open(ps, p, e, &kw, &tag, &tag_end) < 0)
		return -1;
	if (ps->depth == MAX_NEST)
		return perr(ps, "expected at most %d nested structs", MAX_NEST);
	m = new_member(ps);
	strbuf_reset(sb);
	strbuf_addstr(sb, kw);
	if (tag != tag_end) {
		strbuf_addch(sb, ' ');
		strbuf_add(sb, tag, (size_t)(tag_end - tag));
	}
	m->type = layout_strndup(ps->l, sb->buf, sb->len);
	if (!strcmp(kw, "enum")) {
		ps->in_enum = ps->s->nr_members - 1;
		return 0;
	}
	m->is_nested = true;
	m->is_union = !strcmp(kw, "union");
	ps->open[ps->depth++] = ps->s->nr_members - 1;
	return 0;
}

/*
 * With -r, members of a nested struct are printed relative to it: the
 * first one sits below the aggregate's own offset.  Shift the whole
 * subtree (everything after it so far) so every offset is absolute.
 */
static void make_absolute(struct bs_struct *s, int k)
{
	struct bs_member *agg = &s->members[k];

	if (k + 1 >= s->nr_members || !agg->offset ||
	    s->members[k + 1].offset >= agg->offset)
		return;
	for (int i = k + 1; i < s->nr_members; i++) {
		s->members[i].offset += agg->offset;
		s->members[i].bit_offset += (unsigned long long)agg->offset * 8;
	}
}

/*
 * "struct { ... } *parts;": pahole expands the anonymous type a pointer
 * member points to, with offsets inside the pointee.  Those members are
 * not part of this struct; the member is just a pointer.
 */
static void drop_pointee(struct parser *ps, int k, const char *p, const char *e)
{
	struct bs_member *m = &ps->s->members[k];
	struct strbuf *sb = &ps->tmp;

	ps->s->nr_members = k + 1;
	strbuf_reset(sb);
	strbuf_addf(sb, "%s {...} ", m->type);
	for (; p < e; p++)
		if (*p == '*')
			strbuf_addch(sb, '*');
	m->type = layout_strndup(ps->l, sb->buf, sb->len);
	m->is_nested = m->is_union = false;
}

static unsigned long long end_bit(const struct bs_member *m)
{
	return m->bit_offset + (m->bit_size ? m->bit_size : (unsigned long long)m->size * 8);
}

/*
 * Every member lies inside what holds it: the struct, or the nested
 * aggregate it belongs to.  A flexible array of structs ("} pairs[];",
 * size 0) is the exception: pahole prints its element past the end.
 */
static int check_bounds(struct parser *ps, const struct bs_struct *s)
{
	for (int i = 0; i < s->nr_members; i++) {
		const struct bs_member *m = &s->members[i];
		const struct bs_member *up = m->parent >= 0 ? &s->members[m->parent] : NULL;
		unsigned long long limit = up ? end_bit(up) : (unsigned long long)s->size * 8;

		if (up && !up->size)
			continue;
		if (end_bit(m) > limit)
			return perr_at(ps, m->dump_line, "expected member %s to end by bit "
				       "%llu (the end of %s), got bit %llu",
				       m->name ? m->name : "(anonymous)", limit,
				       up ? up->name ? up->name : "its anonymous aggregate" :
				       s->name, end_bit(m));
	}
	return 0;
}

static int finish_struct(struct parser *ps)
{
	struct bs_struct *s = ps->s;

	if (!ps->size_seen && !s->is_union)
		return perr(ps, "expected '/* size: N, ... */' before '};'");
	if (ps->size_seen && check_bounds(ps, s))
		return -1;
	ps->scratch = s->members;
	ps->scratch_alloc = s->alloc_members;
	s->members = layout_alloc(ps->l, sizeof(*s->members) * (size_t)s->nr_members);
	if (s->nr_members)
		memcpy(s->members, ps->scratch, sizeof(*s->members) * (size_t)s->nr_members);
	s->alloc_members = 0;	/* in the pool: not for ALLOC_GROW */
	layout_compute(s);
	ps->s = NULL;
	return 0;
}

/*
 *	};  or  } __attribute__((__packed__));		the struct itself
 *	} NAME[dims];	/ * off size * /		a nested struct or enum
 *	};		/ * off size * /		an anonymous one
 */
static int parse_close(struct parser *ps, const char *p, const char *le)
{
	const char *c = trailing_comment(p, le);
	const char *e = c ? rtrim(p, c) : le;
	const char *d, *dims, *name, *stars;
	struct bs_struct *s = ps->s;
	unsigned int bits = 0, aligned = 0;
	bool packed = false, pointer = false;
	struct bs_member *m;
	int k;

	p++;
	if (e == p || e[-1] != ';')
		return perr(ps, "expected ';' after '}'");
	d = rtrim(p, e - 1);
	strip_attributes(p, &d, &packed, &aligned);
	if (ps->depth == 0 && ps->in_enum < 0) {
		if (skip_ws(p, d) != d)
			return perr(ps, "expected '};' to end struct %s", s->name);
		s->packed = packed;
		s->aligned_attr = aligned;
		return finish_struct(ps);
	}
	/* "enum { ... } mode:2;" is a bitfield; a struct or union cannot be */
	if (strip_bits(p, &d, &bits) && ps->in_enum < 0)
		return perr(ps, "expected a struct member, not a bitfield, after '}'");
	dims = dims_start(p, d);
	for (name = dims; name > p && is_ident_char(name[-1]); name--)
		;
	stars = name;
	strip_attributes(p, &stars, NULL, NULL);
	for (const char *q = p; q < stars; q++) {
		if (*q == '*')
			pointer = true;
		else if (!is_space(*q))
			return perr(ps, "expected '} NAME;'");
	}
	if (ps->in_enum >= 0) {
		k = ps->in_enum;
		ps->in_enum = -1;
	} else {
		k = ps->open[--ps->depth];
	}
	m = &s->members[k];
	if (pointer)
		drop_pointee(ps, k, p, stars);
	if (name != dims)
		m->name = dup_range(ps, name, dims);
	else if (!m->is_nested)
		return perr(ps, "expected a member name after an enum body");
	if (dims != d)
		m->dims = dup_range(ps, dims, d);
	m->bit_size = bits;
	if (!c)
		return perr(ps, "expected '/* offset size */' after '}'");
	if (parse_offsets(ps, c, le, m) < 0)
		return -1;
	if (m->is_nested)
		make_absolute(s, k);
	return 0;
}

/* "/ * size: 24, cachelines: 1, members: 4 * /" */
static int parse_summary(struct parser *ps, const char *p, const char *e)
{
	struct bs_struct *s = ps->s;

	if (!eat(&p, e, LIT("size: ")) || !parse_number(&p, e, &s->size))
		return perr(ps, "expected a number after 'size:'");
	if (eat(&p, e, LIT(", cachelines: ")) && !parse_number(&p, e, &s->cachelines))
		return perr(ps, "expected a number after 'cachelines:'");
	ps->size_seen = true;
	return 0;
}

/* pahole -I: "/ * <1c7> src/t1.c:25 * /" before the struct */
static void parse_decl(struct parser *ps, const char *p, const char *e)
{
	const char *colon, *n;
	unsigned int line;

	p = find(p, e, LIT("> "));
	if (!p)
		return;
	p += 2;
	e = rtrim(p, e);
	colon = e;
	while (colon > p && colon[-1] != ':')
		colon--;
	n = colon;
	if (colon == p || !parse_number(&n, e, &line) || n != e)
		return;
	ps->decl_file = dup_range(ps, p, colon - 1);
	ps->decl_line = line;
}

static int parse_comment(struct parser *ps, const char *p, const char *e)
{
	const char *body = skip_ws(p + 2, e - 2), *be = rtrim(body, e - 2);

	if (!ps->s) {
		if (be > body && *body == '<')
			parse_decl(ps, body, be);
		return 0;
	}
	if (has_prefix(body, be, LIT("size: ")) && !ps->depth)
		return parse_summary(ps, body, be);
	ps->force_padding = word_is(body, be, LIT("Force padding:"));
	return 0;
}

static int parse_line(struct parser *ps, const char *p, const char *e)
{
	p = skip_ws(p, e);
	e = rtrim(p, e);
	if (p == e)
		return 0;
	if (e - p >= 4 && p[0] == '/' && p[1] == '*' && find(p, e, LIT("*/")) == e - 2)
		return parse_comment(ps, p, e);
	if (*p == '/' && e - p > 1 && p[1] == '*' && !find(p, e, LIT("*/")))
		return perr(ps, "expected '*/' to end the comment");
	if (!ps->s)
		return e[-1] == '{' ? begin_struct(ps, p, e) :
			perr(ps, "expected 'struct NAME {' or 'union NAME {'");
	if (*p == '}') {
		ps->force_padding = false;
		return parse_close(ps, p, e);
	}
	if (e[-1] == '{')
		return open_nested(ps, p, e);
	if (*p == '<')
		return perr(ps, "pahole could not print a member of %s: %.*s", ps->s->name,
			    (int)(e - p), p);
	if (ps->in_enum >= 0) {
		const char *q = p;

		while (q < e && is_ident_char(*q))
			q++;
		if (q == p || (*p >= '0' && *p <= '9') || e[-1] != ',')
			return perr(ps, "expected 'NAME = VALUE,' in an enum body");
		return 0;
	}
	return parse_member(ps, p, e);
}

int layout_parse_text(struct bs_layout *l, const char *buf, size_t len,
		      const char *name)
{
	struct parser ps = { .l = l, .name = name, .in_enum = -1, .tmp = STRBUF_INIT };
	const char *p = buf, *end = buf + len;
	int ret = check_text(buf, len, name);

	while (p < end && !ret) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		ps.lineno++;
		ret = parse_line(&ps, p, le);
		p = nl ? nl + 1 : end;
	}
	if (!ret && ps.s)
		ret = perr(&ps, "expected '};' before the end of the input");
	if (ret && ps.s) {
		/* keep the model consistent: drop the half-read struct */
		l->nr_structs--;
		ps.scratch = ps.s->members;
		layout_release_struct(ps.s);
	}
	free(ps.scratch);
	strbuf_release(&ps.tmp);
	return ret;
}
