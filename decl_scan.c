// SPDX-License-Identifier: GPL-2.0
#include "decl_scan.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

char *strip_code(const char *buf, size_t len)
{
	char *s = xstrndup(buf, len);
	bool line_start = true;

	for (size_t i = 0; i < len; i++) {
		size_t j = i;

		if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
			for (j = i + 2; j + 1 < len && !(s[j] == '*' && s[j + 1] == '/'); j++)
				;
			j = j + 2 < len ? j + 2 : len;
		} else if (s[i] == '/' && i + 1 < len && s[i + 1] == '/') {
			for (j = i; j < len && s[j] != '\n'; j++)
				;
		} else if (s[i] == '"' || s[i] == '\'') {
			for (j = i + 1; j < len && s[j] != s[i] && s[j] != '\n'; j++)
				if (s[j] == '\\')
					j++;
			j = j < len ? j + 1 : len;
		} else if (s[i] == '#' && line_start) {
			for (j = i; j < len && s[j] != '\n'; j++)
				if (s[j] == '\\' && j + 1 < len && s[j + 1] == '\n')
					j++;
		}
		if (j != i) {
			for (size_t k = i; k < j && k < len; k++)
				if (s[k] != '\n')
					s[k] = ' ';
			i = j - 1;
			continue;
		}
		if (s[i] == '\n')
			line_start = true;
		else if (!isspace((unsigned char)s[i]))
			line_start = false;
	}
	return s;
}

/* Offset one past the bracket that closes the one at open, or end. */
static size_t match_close(const char *s, size_t open, size_t end)
{
	int depth = 0;

	for (size_t i = open; i < end; i++) {
		if (s[i] == '{' || s[i] == '(' || s[i] == '[')
			depth++;
		else if ((s[i] == '}' || s[i] == ')' || s[i] == ']') && !--depth)
			return i + 1;
	}
	return end;
}

static unsigned int line_of(const char *s, size_t off)
{
	unsigned int line = 1;

	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

struct run {
	const char *s;
	struct decl_struct cur;
	char *type;		/* of the member being read */
	bool tagged;		/* type is a struct or union tag */
};

static void add_member(struct run *r, char *name, unsigned int line, int width)
{
	struct decl_member *m;

	ALLOC_GROW(r->cur.members, r->cur.nr_members + 1, r->cur.alloc_members);
	m = &r->cur.members[r->cur.nr_members++];
	m->name = name;
	m->type = name && r->type ? xstrdup(r->type) : NULL;
	m->tagged = m->type && r->tagged;
	m->line = line;
	m->width = width;
}

static const char *const type_words[] = {
	"int", "char", "short", "long", "signed", "unsigned", "bool", "_Bool",
	"u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64",
	"__u8", "__u16", "__u32", "__u64", "__s8", "__s16", "__s32", "__s64",
	"uint8_t", "uint16_t", "uint32_t", "uint64_t", "int8_t", "int16_t",
	"int32_t", "int64_t", "__le16", "__le32", "__be16", "__be32",
};

static bool is_type_word(const char *w, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(type_words); i++)
		if (strlen(type_words[i]) == n && !memcmp(type_words[i], w, n))
			return true;
	return false;
}

/* A width that is a literal zero: "0", "0U", "(0)". */
static bool is_zero(const char *s, size_t b, size_t e)
{
	bool digit = false;

	for (size_t i = b; i < e; i++) {
		if (s[i] == '0')
			digit = true;
		else if (isdigit((unsigned char)s[i]) || (isalpha((unsigned char)s[i]) &&
							   !strchr("uUlL", s[i])))
			return false;
	}
	return digit;
}

/*
 * The width s[b, e) as written: a literal, or 1 for a macro or an
 * expression (non-zero is all the layout model needs to know of it).
 */
static int width_of(const char *s, size_t b, size_t e)
{
	bool digit = false, other = false;
	unsigned long v = 0;

	for (size_t i = b; i < e; i++) {
		if (isdigit((unsigned char)s[i]) && !other) {
			digit = true;
			v = v * 10 + (unsigned long)(s[i] - '0');
		} else if (isalpha((unsigned char)s[i]) && !(digit && strchr("uUlL", s[i]))) {
			other = true;
		}
	}
	if (other || !digit)
		return 1;
	return v > 64 ? 64 : (int)v;
}

/* One declarator s[b, e) of a member; first says it carries the type. */
static void declarator(struct run *r, size_t b, size_t e, bool first)
{
	const char *s = r->s;
	size_t colon = e, nwords = 0, lw_b = 0, lw_e = 0;

	for (size_t i = b; i < e; i++)
		if (s[i] == ':') {
			colon = i;
			break;
		}
	for (size_t i = b; i < colon; i++) {
		if (s[i] == '(' || s[i] == '[') {
			add_member(r, NULL, 0, 0);	/* an array or function pointer */
			return;
		}
		if (is_ident_char((unsigned char)s[i]) && (i == b || !is_ident_char((unsigned char)s[i - 1]))) {
			lw_b = i;
			for (lw_e = i; lw_e < colon && is_ident_char((unsigned char)s[lw_e]); lw_e++)
				;
			nwords++;
		}
	}
	if (colon == e) {
		add_member(r, nwords ? xstrndup(s + lw_b, lw_e - lw_b) : NULL,
			   line_of(s, lw_b), 0);
		return;
	}
	if (!nwords || (first && (nwords < 2 || is_type_word(s + lw_b, lw_e - lw_b)))) {
		/* unnamed padding (":0" or ":N"): in the layout, never written */
		add_member(r, NULL, line_of(s, colon),
			   is_zero(s, colon + 1, e) ? -1 : width_of(s, colon + 1, e));
		return;
	}
	add_member(r, xstrndup(s + lw_b, lw_e - lw_b), line_of(s, lw_b),
		   is_zero(s, colon + 1, e) ? -1 : width_of(s, colon + 1, e));
}

/*
 * The type a member declaration s[b, e) starts with: the tag after
 * struct or union (*tagged), else the first word that is no qualifier.
 */
static char *member_type(const char *s, size_t b, size_t e, bool *tagged)
{
	static const char *const skip[] = { "const", "volatile", "struct", "union", "enum" };

	for (size_t i = b; i < e; ) {
		size_t w = i;
		bool skipped = false;

		if (!is_ident_char((unsigned char)s[i])) {
			if (!isspace((unsigned char)s[i]))
				return NULL;
			i++;
			continue;
		}
		while (i < e && is_ident_char((unsigned char)s[i]))
			i++;
		for (size_t k = 0; k < ARRAY_SIZE(skip); k++) {
			bool is = strlen(skip[k]) == i - w && !memcmp(skip[k], s + w, i - w);

			skipped |= is;
			if (is)
				*tagged = !strcmp(skip[k], "struct") || !strcmp(skip[k], "union");
		}
		if (!skipped)
			return xstrndup(s + w, i - w);
	}
	return NULL;
}

static void member(struct run *r, size_t b, size_t e)
{
	const char *s = r->s;
	size_t start = b;
	bool first = true;

	while (b < e && isspace((unsigned char)s[b]))
		b++;
	if (b == e)
		return;
	if (memchr(s + b, '{', e - b)) {
		add_member(r, NULL, 0, 0);	/* a nested aggregate: its own level */
		return;
	}
	r->tagged = false;
	r->type = member_type(s, b, e, &r->tagged);
	start = b;
	for (size_t i = b; i <= e; i++) {
		if (i < e && (s[i] == '(' || s[i] == '[')) {
			i = match_close(s, i, e) - 1;
			continue;
		}
		if (i == e || s[i] == ',') {
			declarator(r, start, i, first);
			first = false;
			start = i + 1;
		}
	}
	free(r->type);
	r->type = NULL;
}

static void body(struct decl_scan *d, const char *s, size_t open, size_t close,
		 const char *file, const char *name)
{
	struct run r = { .s = s };
	size_t start = open + 1;

	r.cur.name = xstrdup(name);
	r.cur.file = xstrdup(file);
	r.cur.line = line_of(s, open);

	for (size_t i = open + 1; i < close; i++) {
		if (s[i] == '{' || s[i] == '(' || s[i] == '[') {
			i = match_close(s, i, close) - 1;
			continue;
		}
		if (s[i] == ';') {
			member(&r, start, i);
			start = i + 1;
		}
	}
	ALLOC_GROW(d->v, d->nr + 1, d->alloc);
	d->v[d->nr++] = r.cur;
}

/* The identifier ending just before off (after spaces), or NULL. */
static char *word_before(const char *s, size_t off)
{
	size_t e = off, b;

	while (e && isspace((unsigned char)s[e - 1]))
		e--;
	for (b = e; b && is_ident_char((unsigned char)s[b - 1]); b--)
		;
	return b < e ? xstrndup(s + b, e - b) : NULL;
}

/* typedef struct { ... } NAME; gives NAME. */
static char *typedef_name(const char *s, size_t kw, size_t close, size_t len)
{
	char *prev = word_before(s, kw);
	size_t i = close;
	bool is_typedef = prev && !strcmp(prev, "typedef");

	free(prev);
	if (!is_typedef)
		return NULL;
	while (i < len && s[i] != ';' && s[i] != ',')
		i++;
	return word_before(s, i);
}

void decl_scan_buf(struct decl_scan *d, const char *buf, size_t len, const char *file)
{
	char *s = strip_code(buf, len);

	for (size_t i = 0; i + 6 < len; i++) {
		size_t j, tag_b, tag_e, close;
		char *name;

		if (memcmp(s + i, "struct", 6) || (i && is_ident_char((unsigned char)s[i - 1])) ||
		    is_ident_char((unsigned char)s[i + 6]))
			continue;
		for (j = i + 6; j < len && isspace((unsigned char)s[j]); j++)
			;
		tag_b = j;
		while (j < len && is_ident_char((unsigned char)s[j]))
			j++;
		tag_e = j;
		/* attributes between the tag and the brace: __packed, __attribute__((x)) */
		for (;;) {
			while (j < len && isspace((unsigned char)s[j]))
				j++;
			if (j < len && s[j] == '(') {
				j = match_close(s, j, len);
				continue;
			}
			if (j < len && tag_e > tag_b && is_ident_char((unsigned char)s[j]) &&
			    s[j] == '_' && j + 1 < len && s[j + 1] == '_') {
				while (j < len && is_ident_char((unsigned char)s[j]))
					j++;
				continue;
			}
			break;
		}
		if (j >= len || s[j] != '{')
			continue;
		close = match_close(s, j, len);
		if (tag_e > tag_b)
			name = xstrndup(s + tag_b, tag_e - tag_b);
		else
			name = typedef_name(s, i, close, len);
		if (name)
			body(d, s, j, close - 1, file, name);
		free(name);
		i = j;	/* nested struct definitions are declarations too */
	}
	free(s);
}

void decl_scan_release(struct decl_scan *d)
{
	for (int i = 0; i < d->nr; i++) {
		for (int k = 0; k < d->v[i].nr_members; k++) {
			free(d->v[i].members[k].name);
			free(d->v[i].members[k].type);
		}
		free(d->v[i].members);
		free(d->v[i].name);
		free(d->v[i].file);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}
