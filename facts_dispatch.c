// SPDX-License-Identifier: GPL-2.0
/*
 * Find where a subsystem core outside the PATHs calls the ops the PATHs
 * fill: "struct T NAME = { .FIELD = fn, ... }" in a PATH file makes
 * "->FIELD(" in a .c file of the PATH's parent directory that names
 * struct T a dispatch site of FIELD (vfio-pci fills struct
 * vfio_device_ops, drivers/vfio/vfio_main.c calls device->ops->ioctl()).
 * Those files are analysed too, so that what the core holds around the
 * call counts.  Bounded: only fields the PATHs store functions in, only
 * the parent directories, at most MAX_DISPATCH_FILES files.
 */
#include "facts_files.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "util.h"

#define MAX_DISPATCH_FILES 8

struct ops_field {
	char *type, *field;
};

struct ops_fields {
	struct ops_field *v;
	int nr, alloc;
};

static const char *skip_blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return s;
}

static size_t ident(const char *s)
{
	size_t n = 0;

	while (is_ident_char((unsigned char)s[n]))
		n++;
	return n;
}

static void add_field(struct ops_fields *o, const char *t, size_t tn, const char *f, size_t fn)
{
	for (int i = 0; i < o->nr; i++)
		if (strlen(o->v[i].type) == tn && !strncmp(o->v[i].type, t, tn) &&
		    strlen(o->v[i].field) == fn && !strncmp(o->v[i].field, f, fn))
			return;
	ALLOC_GROW(o->v, o->nr + 1, o->alloc);
	o->v[o->nr].type = xstrndup(t, tn);
	o->v[o->nr++].field = xstrndup(f, fn);
}

/* The ".FIELD = fn" designators at the top level of the block at s. */
static void block_fields(const char *t, size_t tn, const char *s, struct ops_fields *o)
{
	int depth = 0;
	char prev = '{';

	for (; *s; s++) {
		if (*s == '{' && ++depth == 1) {
			prev = '{';
			continue;
		}
		if (*s == '}' && --depth == 0)
			return;
		if (depth == 1 && *s == '.' && strchr("{,", prev)) {
			const char *f = s + 1, *e;
			size_t fn = ident(f);

			e = skip_blank(f + fn);
			if (fn && *e == '=' && e[1] != '=') {
				e = skip_blank(e + 1);
				if (*e == '&')
					e = skip_blank(e + 1);
				if (ident(e) && !(*e >= '0' && *e <= '9'))
					add_field(o, t, tn, f, fn);
			}
		}
		if (!strchr(" \t\n", *s))
			prev = *s;
	}
}

/* "struct T NAME[...] = {" initializers in text. */
static void ops_initializers(const char *text, struct ops_fields *o)
{
	for (const char *s = text; (s = strstr(s, "struct ")); s += 7) {
		const char *t, *p;
		size_t tn, nn;

		if (s > text && is_ident_char((unsigned char)s[-1]))
			continue;
		t = skip_blank(s + 7);
		tn = ident(t);
		p = skip_blank(t + tn);
		nn = ident(p);
		if (!tn || !nn)
			continue;
		p = skip_blank(p + nn);
		while (*p == '[') {
			p = strchr(p, ']');
			if (!p)
				return;
			p = skip_blank(p + 1);
		}
		if (*p != '=')
			continue;
		p = skip_blank(p + 1);
		if (*p == '{')
			block_fields(t, tn, p, o);
	}
}

/* "struct TYPE [const] *NAME" in text. */
static bool declares(const char *text, const char *type, const char *name)
{
	char *st = xstrfmt("struct %s", type);
	size_t n = strlen(st), nn = strlen(name);
	bool found = false;

	for (const char *s = text; !found && (s = strstr(s, st)); s += n) {
		const char *p = skip_blank(s + n);

		if (s > text && is_ident_char((unsigned char)s[-1]))
			continue;
		if (is_ident_char((unsigned char)s[n]))
			continue;
		if (starts_with(p, "const"))
			p = skip_blank(p + 5);
		if (*p != '*')
			continue;
		p = skip_blank(p + 1);
		found = !strncmp(p, name, nn) && !is_ident_char((unsigned char)p[nn]);
	}
	free(st);
	return found;
}

/* The text of the headers file includes: <x.h> under include/, "x.h" beside it. */
static void read_includes(const char *tree, const char *file, const char *text,
			  struct strbuf *out)
{
	for (const char *s = text; (s = strstr(s, "#include")); s += 8) {
		const char *p = skip_blank(s + 8), *e;
		char *path, *dir;

		if (*p != '<' && *p != '"')
			continue;
		e = strchr(p + 1, *p == '<' ? '>' : '"');
		if (!e || memchr(p, '\n', e - p))
			continue;
		dir = xstrdup(file);
		if (strrchr(dir, '/'))
			*strrchr(dir, '/') = '\0';
		path = *p == '<' ? xstrfmt("%s/include/%.*s", tree, (int)(e - p - 1), p + 1) :
				   xstrfmt("%s/%s/%.*s", tree, dir, (int)(e - p - 1), p + 1);
		if (strbuf_read_file(out, path) < 0)
			strbuf_addch(out, '\n');
		free(path);
		free(dir);
	}
}

/* The body of "struct NAME {" in text, or NULL. */
static char *struct_body(const char *text, const char *name)
{
	char *st = xstrfmt("struct %s", name);
	size_t n = strlen(st);

	for (const char *s = text; (s = strstr(s, st)); s += n) {
		const char *p = skip_blank(s + n), *e;
		int depth = 0;

		if ((s > text && is_ident_char((unsigned char)s[-1])) || *p != '{')
			continue;
		for (e = p; *e; e++)
			if (*e == '{')
				depth++;
			else if (*e == '}' && --depth == 0)
				break;
		free(st);
		return xstrndup(p, e - p);
	}
	free(st);
	return NULL;
}

/*
 * Is M (at m, in "B->M->FIELD(") a "struct TYPE *M"?  Where B is declared
 * "struct Y *B" and struct Y is defined in text or decls, M must be a
 * member of Y: container.c's driver->ops is a vfio_iommu_driver_ops, not
 * the vfio_device_ops another struct's ops member is.  Else any
 * declaration of M will do.
 */
static bool member_of_base(const char *text, const char *decls, const char *m,
			   const char *type, const char *name)
{
	const char *b = m, *e;
	bool ok = false;

	if (b - text >= 2 && b[-1] == '>' && b[-2] == '-') {
		b -= 2;
		e = b;
		while (b > text && is_ident_char((unsigned char)b[-1]))
			b--;
		if (b < e) {
			char *base = xstrndup(b, e - b);

			for (const char *s = text; !ok && (s = strstr(s, "struct ")); s += 7) {
				const char *t = skip_blank(s + 7), *p;
				size_t tn = ident(t);
				char *y, *body;

				p = skip_blank(t + tn);
				if (!tn || *p != '*' || strncmp(skip_blank(p + 1), base, e - b) ||
				    is_ident_char((unsigned char)skip_blank(p + 1)[e - b]))
					continue;
				y = xstrndup(t, tn);
				body = struct_body(decls, y);
				if (!body)
					body = struct_body(text, y);
				free(y);
				if (body) {
					ok = declares(body, type, name);
					free(body);
					free(base);
					return ok;
				}
			}
			free(base);
		}
	}
	return declares(text, type, name) || declares(decls, type, name);
}

/*
 * Does text call "M->FIELD(" (or "M.FIELD(") where a declaration
 * "struct T *M" in text or decls says M points to a struct T?  So that
 * "device->ops->read(" dispatches vfio_device_ops.read and not the
 * file_operations.read the same file initializes.
 */
static bool calls_member(const char *text, const char *decls, const char *type,
			 const char *field)
{
	size_t n = strlen(field);

	for (const char *s = text; (s = strstr(s, field)); s += n) {
		const char *b = s, *m;
		char *want;
		bool ok;

		if (is_ident_char((unsigned char)s[n]) || *skip_blank(s + n) != '(' ||
		    (s > text && is_ident_char((unsigned char)s[-1])))
			continue;
		while (b > text && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b - text >= 2 && b[-1] == '>' && b[-2] == '-')
			b -= 2;
		else if (b > text && b[-1] == '.')
			b--;
		else
			continue;
		m = b;
		while (m > text && is_ident_char((unsigned char)m[-1]))
			m--;
		if (m == b)
			continue;
		want = xstrfmt("%.*s", (int)(b - m), m);
		ok = member_of_base(text, decls, m, type, want);
		free(want);
		if (ok)
			return true;
	}
	return false;
}

static bool under_paths(const struct source_opts *src, const char *file)
{
	for (int i = 0; i < src->paths.nr; i++) {
		char *p = path_normalize(src->paths.v[i]);
		size_t n = strlen(p);
		bool in = !strcmp(p, ".") || (!strncmp(file, p, n) &&
					     (file[n] == '/' || !file[n]));

		free(p);
		if (in)
			return true;
	}
	return false;
}

/* The .c files directly in the parent directory of each PATH, sorted, once. */
static void parent_files(const struct source_opts *src, struct opt_list *out)
{
	for (int i = 0; i < src->paths.nr; i++) {
		char *p = path_normalize(src->paths.v[i]), *slash, *full;
		DIR *d;
		struct dirent *de;
		struct opt_list names = { 0 };

		if (ends_with(p, ".c") && (slash = strrchr(p, '/')))
			*slash = '\0';
		slash = strrchr(p, '/');
		if (!slash) {
			free(p);
			continue;
		}
		*slash = '\0';
		full = xstrfmt("%s/%s", src->tree, p);
		d = opendir(full);
		while (d && (de = readdir(d)))
			if (ends_with(de->d_name, ".c"))
				opt_list_append(&names, xstrfmt("%s/%s", p, de->d_name));
		if (d)
			closedir(d);
		if (names.nr)
			qsort(names.v, names.nr, sizeof(*names.v), cmp_strp);
		for (int k = 0; k < names.nr; k++) {
			bool dup = under_paths(src, names.v[k]);

			for (int j = 0; j < out->nr && !dup; j++)
				dup = !strcmp(out->v[j], names.v[k]);
			if (dup)
				free((char *)names.v[k]);
			else
				opt_list_append(out, names.v[k]);
		}
		free(names.v);
		free(full);
		free(p);
	}
}

void find_dispatch_files(const struct source_opts *src, const struct opt_list *files,
			 struct opt_list *out, struct strbuf *tsv)
{
	struct ops_fields o = { 0 };
	struct opt_list cands = { 0 };

	for (int i = 0; i < files->nr; i++) {
		struct strbuf sb = STRBUF_INIT;
		char *path = xstrfmt("%s/%s", src->tree, files->v[i]);

		if (strbuf_read_file(&sb, path) >= 0 && sb.buf)
			ops_initializers(sb.buf, &o);
		free(path);
		strbuf_release(&sb);
	}
	if (o.nr)
		parent_files(src, &cands);
	for (int i = 0; i < cands.nr && out->nr < MAX_DISPATCH_FILES; i++) {
		struct strbuf sb = STRBUF_INIT;
		char *path = xstrfmt("%s/%s", src->tree, cands.v[i]);
		bool used = false;

		if (strbuf_read_file(&sb, path) >= 0 && sb.buf) {
			struct strbuf decls = STRBUF_INIT;

			read_includes(src->tree, cands.v[i], sb.buf, &decls);
			for (int k = 0; k < o.nr; k++)
				if (calls_member(sb.buf, decls.buf ? decls.buf : "",
						 o.v[k].type, o.v[k].field)) {
					strbuf_addf(tsv, "%s\t%s\t%s\n", cands.v[i],
						    o.v[k].field, o.v[k].type);
					used = true;
				}
			strbuf_release(&decls);
		}
		if (used)
			opt_list_append(out, xstrdup(cands.v[i]));
		free(path);
		strbuf_release(&sb);
	}
	for (int i = 0; i < o.nr; i++) {
		free(o.v[i].type);
		free(o.v[i].field);
	}
	free(o.v);
	for (int i = 0; i < cands.nr; i++)
		free((char *)cands.v[i]);
	free(cands.v);
}
