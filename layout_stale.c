// SPDX-License-Identifier: GPL-2.0
/*
 * A build older than its sources: the objects describe structs that are
 * no longer declared that way, so a verdict on them names fields that
 * have moved and fix fails on the header ("expected member X, found Y").
 * Checked for the structs that matter, those with a memory location of
 * two or more bitfields, against their declaration in the tree:
 *
 *  - the layout's bitfields, in order, must be bitfields of the
 *    declaration, in that order (every #ifdef branch is in the text, so
 *    the layout may have fewer, never others): else the build is stale,
 *    an error naming the struct, the header and the object;
 *  - a header newer than the object is a warning only: touching a file
 *    need not change a layout, and a copied tree has new times.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "facts_files.h"
#include "layout.h"
#include "source.h"
#include "struct_edit.h"
#include "util.h"

/*
 * The names declared with a ':' width in the declaration text, in order;
 * comments, strings and array sizes are skipped.  Parentheses are not:
 * members may be declared inside a macro's (struct_group(headers, ...)).
 */
static void source_bitfields(const char *text, struct opt_list *names)
{
	int depth = 0;
	const char *last = NULL;
	size_t last_len = 0;

	for (const char *p = text; *p; p++) {
		if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");

			if (!e)
				break;
			p = e + 1;
		} else if (p[0] == '/' && p[1] == '/') {
			while (p[1] && p[1] != '\n')
				p++;
		} else if (*p == '"' || *p == '\'') {
			char q = *p;

			while (p[1] && p[1] != q)
				p += p[1] == '\\' && p[2] ? 2 : 1;
			if (p[1])
				p++;
		} else if (*p == '[') {
			depth++;
		} else if (*p == ']' && depth) {
			depth--;
		} else if (!depth && is_ident_char((unsigned char)*p)) {
			last = p;
			while (is_ident_char((unsigned char)p[1]))
				p++;
			last_len = (size_t)(p + 1 - last);
		} else if (!depth && *p == ':' && p[1] != ':' && last) {
			opt_list_append(names, xstrndup(last, last_len));
			last = NULL;
		} else if (*p == ';' || *p == '{' || *p == '}' || *p == ',') {
			last = NULL;
		}
	}
}

static bool has_shared_location(const struct bs_struct *s)
{
	for (int k = 0; k < s->nr_locations; k++)
		if (s->locations[k].nr_fields >= 2)
			return true;
	return false;
}

/*
 * The first bitfield of the layout the declaration does not hold in
 * order, or NULL; *after is the one before it that it does.
 */
static const char *mismatch(const struct bs_struct *s, const char *decl,
			    const char **after)
{
	struct opt_list names = { 0 };
	const char *bad = NULL;
	int at = 0;

	*after = NULL;
	source_bitfields(decl, &names);
	for (int i = 0; i < s->nr_members && !bad; i++) {
		const struct bs_member *m = &s->members[i];

		bool again = false;

		if (!m->bit_size || !m->name || m->is_zero_width)
			continue;
		/* struct_group() declares its members twice: in order once */
		for (int k = 0; k < i && !again; k++)
			again = s->members[k].bit_size && s->members[k].name &&
				!strcmp(s->members[k].name, m->name);
		if (again)
			continue;
		while (at < names.nr && strcmp(names.v[at], m->name))
			at++;
		if (at == names.nr) {
			bad = m->name;
		} else {
			*after = m->name;
			at++;
		}
	}
	for (int i = 0; i < names.nr; i++)
		free((char *)names.v[i]);
	free(names.v);
	return bad;
}

int layout_check_sources(const struct source_opts *o, const struct bs_layout *l)
{
	struct opt_list none = { 0 }, warned = { 0 };
	int ret = 0;

	for (int i = 0; i < l->nr_structs; i++) {
		const struct bs_struct *s = &l->structs[i];
		char *header, *path, *decl;
		struct strbuf text = STRBUF_INIT;
		const char *bad, *after;
		struct stat hst, ost;
		bool seen = false;

		if (!has_shared_location(s) || !s->decl_file ||
		    !(header = find_struct_header(o, s, &none)))
			continue;
		path = xstrfmt("%s/%s", o->tree, header);
		decl = strbuf_read_file(&text, path) < 0 ? NULL :
		       struct_decl_text(text.buf, s->name);
		if (decl && (bad = mismatch(s, decl, &after)))
			ret = error("struct %s: %s does not match %s: it has bitfield %s%s%s "
				    "where the declaration has none; the objects are older "
				    "than the sources: rebuild", s->name, s->source, header,
				    bad, after ? " after " : "", after ? after : "");
		for (int k = 0; k < warned.nr && !seen; k++)
			seen = !strcmp(warned.v[k], header);
		if (!ret && !seen && !stat(path, &hst) && !stat(s->source, &ost) &&
		    (hst.st_mtim.tv_sec > ost.st_mtim.tv_sec ||
		     (hst.st_mtim.tv_sec == ost.st_mtim.tv_sec &&
		      hst.st_mtim.tv_nsec > ost.st_mtim.tv_nsec))) {
			warning("%s is newer than %s (struct %s): if it changed, rebuild",
				header, s->source, s->name);
			opt_list_append(&warned, xstrdup(header));
		}
		free(decl);
		free(path);
		free(header);
		strbuf_release(&text);
	}
	for (int i = 0; i < warned.nr; i++)
		free((char *)warned.v[i]);
	free(warned.v);
	return ret;
}
