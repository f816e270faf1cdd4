// SPDX-License-Identifier: GPL-2.0
#include "hazard.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "struct_edit.h"

static bool is_bool(const char *t)
{
	return !strcmp(t, "_Bool") || !strcmp(t, "bool");
}

static bool is_unsigned(const char *t)
{
	return strstr(t, "unsigned") || is_bool(t) || t[0] == 'u' ||
	       starts_with(t, "__u") || starts_with(t, "enum ");
}

/* A constant the parser can read: 12, 0x8, 1U, BIT(3), true, false. */
static bool constant_value(const char *v, unsigned long long *val)
{
	char *end;

	while (isspace((unsigned char)*v))
		v++;
	if (!strcmp(v, "true") || !strcmp(v, "false")) {
		*val = !strcmp(v, "true");
		return true;
	}
	if (starts_with(v, "BIT(")) {
		unsigned long n = strtoul(v + 4, &end, 0);

		if (*end != ')' || end[1] || n > 63)
			return false;
		*val = 1ULL << n;
		return true;
	}
	if (!isdigit((unsigned char)*v))
		return false;
	*val = strtoull(v, &end, 0);
	while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
		end++;
	return !*end;
}

/* Is the value 0 or 1 whatever its operands: !x, a == b, a && b? */
static bool boolean_valued(const char *v)
{
	static const char *const ops[] = { "==", "!=", "<", ">", "&&", "||" };
	size_t n = strlen(v);
	int depth = 0;

	while (n && isspace((unsigned char)v[n - 1]))
		n--;
	while (isspace((unsigned char)*v))
		v++, n--;
	/* "(ret == 0)": look inside parentheses that wrap it all */
	while (n >= 2 && v[0] == '(' && v[n - 1] == ')') {
		size_t k = 1;

		for (depth = 1; k < n && depth; k++)
			depth += v[k] == '(' ? 1 : v[k] == ')' ? -1 : 0;
		if (k != n)
			break;
		v++;
		n -= 2;
		depth = 0;
	}
	if (*v == '!' && v[1] != '=')
		return true;
	for (size_t i = 0; i < n; i++) {
		if (v[i] == '(')
			depth++;
		else if (v[i] == ')')
			depth--;
		else if (!depth && v[i] == '?')
			return false;
		else if (!depth)
			for (size_t k = 0; k < ARRAY_SIZE(ops); k++)
				if (!strncmp(v + i, ops[k], strlen(ops[k])) &&
				    strncmp(v + i, "<<", 2) && strncmp(v + i, ">>", 2) &&
				    (i == 0 || (v[i - 1] != '<' && v[i - 1] != '>')))
					return true;
	}
	return false;
}

/* "X & C" with a constant C whose bit 0 is clear: always 0 in one bit. */
static bool masks_out_bit0(const char *v)
{
	const char *amp = strrchr(v, '&');
	unsigned long long c;

	return amp && amp > v && amp[-1] != '&' && amp[1] != '&' &&
	       constant_value(amp + 1, &c) && !(c & 1);
}

static unsigned int member_line(const char *text, const char *sname, const char *name)
{
	unsigned int line = struct_find(text, sname), at = 1;
	size_t n = strlen(name);

	for (const char *p = text; line && *p; p++) {
		if (*p == '\n') {
			at++;
			continue;
		}
		if (at < line || strncmp(p, name, n) || (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_')))
			continue;
		for (const char *q = p + n; *q == ' ' || *q == '\t' || *q == ':'; q++)
			if (*q == ':')
				return at;
	}
	return line;
}

int hazards_find(const struct plan *p, const struct facts *facts, const struct bs_layout *l,
		 const char *header, const char *text, struct strbuf *out)
{
	const struct bs_struct *s = p->s;
	int n = 0;

	for (int i = 0; i < p->nr; i++) {
		const struct plan_member *pm = &p->m[i];
		const struct bs_member *m = &s->members[pm->member];
		const char *to = pm->type ? pm->type : m->type;
		unsigned long long max = m->bit_size >= 64 ? ~0ULL : (1ULL << m->bit_size) - 1;

		if (pm->role != ROLE_SPLIT)
			continue;
		if (m->bit_size == 1 && !is_unsigned(m->type)) {
			strbuf_addf(out, "%s:%u: hazard: %s is a signed 1-bit field: it reads "
				    "0 or -1 today, 0 or 1 as %s\n", header,
				    member_line(text, s->name, m->name), m->name, to);
			n++;
		}
		/* bool to bool: a store converts the same way before and after */
		if (is_bool(m->type) && is_bool(to))
			continue;
		for (int k = 0; facts && k < facts->nr; k++) {
			const struct fact *f = &facts->v[k];
			unsigned long long c;

			if (f->kind != FACT_WRITE || strcmp(f->field, m->name) ||
			    !layout_sees(l, s, f->struct_name, f->file))
				continue;
			if (!strcmp(f->op, "=") || !strcmp(f->op, "|=") || !strcmp(f->op, "&=") ||
			    !strcmp(f->op, "^=")) {
				if (boolean_valued(f->value) ||
				    (constant_value(f->value, &c) && c <= max))
					continue;
				strbuf_addf(out, "%s:%u: hazard: %s->%s %s %s: ", f->file, f->line,
					    f->base, f->field, f->op, f->value);
				if (m->bit_size == 1 && masks_out_bit0(f->value))
					strbuf_addf(out, "the 1-bit field stores 0 today whatever "
						    "the flag, %s stores it: fix the store first "
						    "(!!(...), see the .cocci)\n", to);
				else
					strbuf_addf(out, "may store more than the %u bit%s %s "
						    "keeps today; as %s it keeps it\n", m->bit_size,
						    m->bit_size == 1 ? "" : "s", m->name, to);
			} else {
				strbuf_addf(out, "%s:%u: hazard: %s->%s%s wraps at %llu today, "
					    "not as %s\n", f->file, f->line, f->base, f->field,
					    f->op, max + 1, to);
			}
			n++;
		}
	}
	return n;
}

int hazards_find_bits(const struct plan *p, const struct facts *facts,
		      const struct bs_layout *l, const char *header, const char *text,
		      struct strbuf *out)
{
	const struct bs_struct *s = p->s;
	int n = 0;

	for (int b = 0; b < p->nr_bits; b++) {
		const struct bs_member *m = &s->members[p->bits[b]];
		unsigned long long c;

		if (!is_unsigned(m->type)) {
			strbuf_addf(out, "%s:%u: hazard: %s is a signed 1-bit field: it reads "
				    "0 or -1 today, test_bit() gives 0 or 1\n", header,
				    member_line(text, s->name, m->name), m->name);
			n++;
		}
		for (int k = 0; facts && k < facts->nr; k++) {
			const struct fact *f = &facts->v[k];

			if (f->kind != FACT_WRITE || strcmp(f->field, m->name) ||
			    !layout_sees(l, s, f->struct_name, f->file))
				continue;
			if (!strcmp(f->op, "=") && f->value) {
				if (is_bool(m->type) || boolean_valued(f->value) ||
				    (constant_value(f->value, &c) && c <= 1))
					continue;
				strbuf_addf(out, "%s:%u: hazard: %s->%s = %s: the 1-bit field keeps "
					    "the low bit, assign_bit() sets the bit for any non-zero "
					    "value\n", f->file, f->line, f->base, f->field, f->value);
			} else {
				strbuf_addf(out, "%s:%u: hazard: %s->%s%s%s: no atomic bitop is a "
					    "read-modify-write of one bit; rewrite it by hand\n",
					    f->file, f->line, f->base, f->field, f->op,
					    f->value && strcmp(f->value, "-") ? f->value : "");
			}
			n++;
		}
	}
	return n;
}
