// SPDX-License-Identifier: GPL-2.0
#include "refuse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "struct_edit.h"
#include "tree_files.h"
#include "util.h"

static const char *const integer_words[] = {
	"u8", "u16", "u32", "u64", "__u8", "__u16", "__u32", "__u64", "__le16",
	"__le32", "__le64", "__be16", "__be32", "__be64", "unsigned int",
	"unsigned char", "short unsigned int", "long unsigned int",
	"long long unsigned int", "int", "long int", "uint32_t", "uint64_t",
	"uint16_t", "uint8_t",
};

static bool is_integer_word(const struct bs_member *m)
{
	if (m->bit_size || m->dims)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(integer_words); i++)
		if (!strcmp(m->type, integer_words[i]))
			return true;
	return false;
}

/* Does a union hold both a struct NAME (or a bitfield struct) and a word? */
static char *overlay(const struct bs_struct *s, const struct bs_layout *l)
{
	char *type = xstrfmt("struct %s", s->name);
	char *why = NULL;

	for (int i = 0; l && i < l->nr_structs && !why; i++) {
		const struct bs_struct *u = &l->structs[i];
		bool has_struct = false, has_word = false;

		if (!u->is_union)
			continue;
		for (int k = 0; k < u->nr_members; k++) {
			if (u->members[k].depth)
				continue;
			has_struct |= !strcmp(u->members[k].type, type);
			has_word |= is_integer_word(&u->members[k]);
		}
		if (has_struct && has_word)
			why = xstrfmt("union %s overlays it with an integer word: a "
				      "hardware register layout", u->name);
	}
	/* inside s: a union of a bitfield struct and a word */
	for (int k = 0; !why && k < s->nr_members; k++) {
		const struct bs_member *u = &s->members[k];
		bool has_bits = false, has_word = false;

		if (!u->is_nested || !u->is_union)
			continue;
		for (int j = k + 1; j < s->nr_members && s->members[j].depth > u->depth; j++) {
			const struct bs_member *m = &s->members[j];

			has_word |= m->parent == k && is_integer_word(m);
			has_bits |= m->bit_size && m->parent != k;
		}
		if (has_bits && has_word)
			why = xstrfmt("its union at offset %u overlays bitfields with an "
				      "integer word: a hardware register layout", u->offset);
	}
	free(type);
	return why;
}

/* Is s __packed, by its layout or by decl, the text of its declaration? */
static bool is_packed(const struct bs_struct *s, const char *decl)
{
	return s->packed || (decl && (strstr(decl, "__packed") || strstr(decl, "packed__") ||
				      strstr(decl, "(packed")));
}

/*
 * Is s a member, by value, of a __packed struct?  Then its layout is part
 * of one that is deliberate (imx-sdma's sdma_mode_count inside the packed
 * buffer descriptor the engine reads).  text is the header declaring s,
 * which a declaration layout's container is read from.
 */
static char *packed_container(const struct bs_struct *s, const struct bs_layout *l,
			      const char *text)
{
	char *type = xstrfmt("struct %s", s->name), *why = NULL;

	for (int i = 0; l && i < l->nr_structs && !why; i++) {
		const struct bs_struct *c = &l->structs[i];
		const char *m = NULL;
		char *decl;

		for (int k = 0; k < c->nr_members && !m; k++)
			if (!c->members[k].depth && c->members[k].type &&
			    !strcmp(c->members[k].type, type))
				m = c->members[k].name;
		if (!m || !c->name || c == s)
			continue;
		decl = c->packed ? NULL : struct_decl_text(text, c->name);
		if (is_packed(c, decl))
			why = xstrfmt("struct %s, which is __packed, holds it as %s: the layout "
				      "is deliberate", c->name, m);
		free(decl);
	}
	free(type);
	return why;
}

/* "struct NAME" as whole words at p? */
static bool names_struct(const char *p, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(p, "struct", 6) || is_ident_char(p[6]))
		return false;
	p += 6;
	while (*p == ' ' || *p == '\t')
		p++;
	return !strncmp(p, name, n) && !is_ident_char(p[n]);
}

/*
 * An initializer "{ a, b }" of struct NAME: a variable "struct NAME x =
 * {" or "struct NAME x[] = {", or a compound literal "(struct NAME){".
 * "{ 0 }" and "{}" only zero it and designated ones name their members.
 */
static bool positional_at(const char *p, const char *name)
{
	const char *q = p + 6;

	while (*q == ' ' || *q == '\t')
		q++;
	q += strlen(name);
	while (isspace((unsigned char)*q))
		q++;
	if (*q == ')') {
		q++;
	} else {
		/* a declarator: "x", "*x", "x[4]", then '=' */
		while (is_ident_char(*q) || *q == '*' || *q == '[' || *q == ']' ||
		       *q == ' ' || *q == '\t')
			q++;
		if (*q != '=' || q[1] == '=')
			return false;
		q++;
	}
	while (isspace((unsigned char)*q))
		q++;
	if (*q != '{')
		return false;
	q++;
	while (isspace((unsigned char)*q) || *q == '{')
		q++;
	if (*q == '.' || *q == '}' || *q == '[')
		return false;
	if (*q == '0') {
		q++;
		while (isspace((unsigned char)*q))
			q++;
		return *q != '}';
	}
	return true;
}

static char *scan_file(const char *tree, const char *rel, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = xstrfmt("%s/%s", tree, rel), *why = NULL;
	unsigned int line = 1;

	if (strbuf_read_file(&sb, path) < 0) {
		free(path);
		strbuf_release(&sb);
		return NULL;
	}
	/* what lies past a NUL would not be scanned */
	if (memchr(sb.buf, '\0', sb.len)) {
		free(path);
		strbuf_release(&sb);
		return xstrfmt("%s holds a NUL byte", rel);
	}
	for (const char *p = sb.buf, *bol = sb.buf; *p && !why; p++) {
		if (*p == '\n') {
			line++;
			bol = p + 1;
			continue;
		}
		if ((p > sb.buf && is_ident_char(p[-1])) || !names_struct(p, name))
			continue;
		{
			const char *eol = strchrnul(bol, '\n');
			char *text = xstrndup(bol, (size_t)(eol - bol));

			if (strstr(text, "static_assert") || strstr(text, "BUILD_BUG_ON"))
				why = xstrfmt("%s:%u pins its layout: %s", rel, line, text);
			else if (positional_at(p, name))
				why = xstrfmt("%s:%u initializes it by position: moving members "
					      "would reorder the values", rel, line);
			free(text);
		}
	}
	free(path);
	strbuf_release(&sb);
	return why;
}

char *refuse_struct(const char *tree, const char *header, const char *text,
		    const struct bs_struct *s, const struct bs_layout *l,
		    const struct opt_list *paths)
{
	char *decl = struct_decl_text(text, s->name), *why = NULL;
	struct opt_list files = { 0 };

	if (strstr(header, "uapi/"))
		why = xstrfmt("%s is a uapi header: the layout is ABI", header);
	else if (starts_with(header, "tools/"))
		why = xstrfmt("%s is under tools/: a userspace copy, patch the kernel's "
			      "own header", header);
	else if (is_packed(s, decl))
		why = xstrdup("it is __packed: the layout is deliberate");
	else if (decl && (strstr(decl, "__randomize_layout") ||
			  strstr(decl, "randomized_struct_fields")))
		why = xstrdup("it is __randomize_layout: no fixed order to plan");
	if (!why)
		why = overlay(s, l);
	if (!why)
		why = packed_container(s, l, text);
	if (!why) {
		opt_list_append(&files, xstrdup(header));
		for (int i = 0; i < paths->nr; i++)
			tree_files(tree, paths->v[i], &files);
		for (int i = 0; i < files.nr && !why; i++)
			why = scan_file(tree, files.v[i], s->name);
	}
	for (int i = 0; i < files.nr; i++)
		free((char *)files.v[i]);
	free(files.v);
	free(decl);
	return why;
}
