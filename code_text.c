// SPDX-License-Identifier: GPL-2.0
/* Reading C from its stripped text (code_text.h). */
#include "code_text.h"

#include <ctype.h>
#include <string.h>

#include "util.h"

bool is_ident_start(int c)
{
	return isalpha(c) || c == '_';
}

bool word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !memcmp(s, w, n);
}

bool is_keyword(const char *s, size_t n)
{
	static const char *const kw[] = {
		"if", "for", "while", "switch", "return", "sizeof", "typeof", "__typeof__",
		"do", "else", "case", "goto", "_Alignof", "__attribute__", "defined",
	};

	for (size_t i = 0; i < ARRAY_SIZE(kw); i++)
		if (word_is(s, n, kw[i]))
			return true;
	return false;
}

size_t skip_space_back(const char *s, size_t i)
{
	while (i && isspace((unsigned char)s[i - 1]))
		i--;
	return i;
}

size_t skip_space(const char *s, size_t i, size_t len)
{
	while (i < len && isspace((unsigned char)s[i]))
		i++;
	return i;
}

size_t ident_back(const char *s, size_t end)
{
	size_t b = end;

	while (b && is_ident_char((unsigned char)s[b - 1]))
		b--;
	return b < end && is_ident_start((unsigned char)s[b]) ? b : end;
}

size_t open_back(const char *s, size_t close)
{
	int depth = 0;

	for (size_t i = close + 1; i-- > 0; ) {
		if (s[i] == ')' || s[i] == ']')
			depth++;
		else if ((s[i] == '(' || s[i] == '[') && !--depth)
			return i;
		else if (s[i] == ';' || s[i] == '{' || s[i] == '}')
			break;
	}
	return (size_t)-1;
}

size_t close_of(const char *s, size_t open, size_t len)
{
	int depth = 0;

	for (size_t i = open; i < len; i++) {
		if (s[i] == '{')
			depth++;
		else if (s[i] == '}' && !--depth)
			return i;
	}
	return len;
}

/* SYSCALL_DEFINEn or COMPAT_SYSCALL_DEFINEn */
static bool defines_syscall(const char *s, size_t n)
{
	static const char *const prefix[] = { "SYSCALL_DEFINE", "COMPAT_SYSCALL_DEFINE" };

	for (size_t k = 0; k < ARRAY_SIZE(prefix); k++) {
		size_t p = strlen(prefix[k]);

		if (n == p + 1 && !memcmp(s, prefix[k], p) && isdigit((unsigned char)s[p]))
			return true;
	}
	return false;
}

/*
 * The function definitions at file scope: "NAME(...) {", a keyword not
 * being a NAME; their declaration starts after the previous ';', '}' or
 * '{' at file scope.
 */
int text_functions(const char *s, size_t len, struct text_func **out)
{
	struct text_func *fn = NULL;
	int nr = 0, alloc = 0;
	size_t head = 0;

	for (size_t i = 0; i < len; i++) {
		size_t p, open, name;

		if (s[i] == ';' || s[i] == '}') {
			head = i + 1;
			continue;
		}
		if (s[i] != '{')
			continue;
		p = skip_space_back(s, i);
		open = p && s[p - 1] == ')' ? open_back(s, p - 1) : (size_t)-1;
		name = open == (size_t)-1 ? (size_t)-1 : ident_back(s, skip_space_back(s, open));
		/* "f(void) __releases(x) {": the name is before the attribute */
		while (name != (size_t)-1 && !strncmp(s + name, "__", 2) &&
		       (p = skip_space_back(s, name)) && s[p - 1] == ')') {
			open = open_back(s, p - 1);
			name = open == (size_t)-1 ? (size_t)-1 :
			       ident_back(s, skip_space_back(s, open));
		}
		if (name != (size_t)-1 && name < skip_space_back(s, open) &&
		    !is_keyword(s + name, skip_space_back(s, open) - name)) {
			size_t end = skip_space_back(s, open);

			/*
			 * SYSCALL_DEFINE3(open, ...) is one function per system
			 * call: its name is the macro's first argument
			 */
			if (defines_syscall(s + name, end - name)) {
				size_t b = skip_space(s, open + 1, i), e = b;

				while (e < i && is_ident_char((unsigned char)s[e]))
					e++;
				if (e > b && is_ident_start((unsigned char)s[b]))
					name = b, end = e;
			}

			ALLOC_GROW(fn, nr + 1, alloc);
			fn[nr++] = (struct text_func){ .name = s + name, .name_len = end - name,
						       .head = head, .open = i,
						       .close = close_of(s, i, len) };
		}
		/* an initializer or a struct body: skip it whole */
		i = close_of(s, i, len);
		head = i + 1;
	}
	*out = fn;
	return nr;
}

static bool stored_after(const char *s, size_t e, size_t len)
{
	size_t q = skip_space(s, e, len);

	if (q + 1 >= len)
		return false;
	if (s[q] == '=' && s[q + 1] != '=')
		return true;
	if ((s[q] == '+' && s[q + 1] == '+') || (s[q] == '-' && s[q + 1] == '-'))
		return true;
	if (s[q] && strchr("+-*/%&|^", s[q]) && s[q + 1] == '=')
		return true;
	return q + 2 < len && (s[q] == '<' || s[q] == '>') && s[q + 1] == s[q] && s[q + 2] == '=';
}

size_t base_start(const char *s, size_t op)
{
	size_t p = op;

	for (;;) {
		size_t q = skip_space_back(s, p), b;

		if (q && (s[q - 1] == ')' || s[q - 1] == ']')) {
			b = open_back(s, q - 1);
			if (b == (size_t)-1)
				return p;
			p = b;
			/* a call or an index: the name before it belongs to the base */
			q = skip_space_back(s, p);
			b = ident_back(s, q);
			if (b < q && !is_keyword(s + b, q - b))
				p = b;
		} else if ((b = ident_back(s, q)) < q) {
			p = b;
		} else {
			return p;
		}
		q = skip_space_back(s, p);
		if (q && s[q - 1] == '.')
			p = q - 1;
		else if (q > 1 && s[q - 1] == '>' && s[q - 2] == '-')
			p = q - 2;
		else
			return p;
	}
}

size_t member_store(const char *s, size_t op, size_t e, size_t len)
{
	size_t base = base_start(s, op), pre;

	if (base == op)
		return (size_t)-1;	/* ".fld = x" of an initializer */
	pre = skip_space_back(s, base);
	if (stored_after(s, e, len) ||
	    (pre > 1 && ((s[pre - 1] == '+' && s[pre - 2] == '+') ||
			 (s[pre - 1] == '-' && s[pre - 2] == '-'))))
		return base;
	return (size_t)-1;
}

size_t assigned_by(const char *s, size_t b)
{
	size_t p = skip_space_back(s, b);

	if (p && s[p - 1] == '&')
		p = skip_space_back(s, p - 1);
	if (p && s[p - 1] == '=' && (p < 2 || !s[p - 2] || !strchr("=!<>", s[p - 2])))
		return p - 1;
	return (size_t)-1;
}

bool assigned_field(const char *s, size_t eq, size_t *fb, size_t *fe)
{
	size_t q;

	*fe = skip_space_back(s, eq);
	*fb = ident_back(s, *fe);
	q = skip_space_back(s, *fb);
	return *fb < *fe && q && (s[q - 1] == '.' || (q > 1 && s[q - 1] == '>' && s[q - 2] == '-'));
}
