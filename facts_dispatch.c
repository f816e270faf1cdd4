// SPDX-License-Identifier: GPL-2.0
/*
 * Find where a subsystem core outside the PATHs calls the ops the PATHs
 * fill: "struct T NAME = { .FIELD = fn, ... }" in a PATH file makes
 * "->FIELD(" in a .c file near the PATH that names struct T a dispatch
 * site of FIELD (vfio-pci fills struct vfio_device_ops,
 * drivers/vfio/vfio_main.c calls device->ops->ioctl()).  Those files are
 * analysed too, so that what the core holds around the call counts.
 *
 * Near, nearest first: the directory of a PATH file (udc/core.c beside
 * udc/pch_udc.c), the parent directory and the grandparent's own files
 * (vfio_pci_core.c and vfio_main.c for drivers/vfio/pci/mlx5).  Then,
 * for the fields none of those dispatches, the whole subtree of a parent
 * that is not a top-level directory (drivers/usb/gadget/udc/core.c for
 * drivers/usb/dwc3), the files that dispatch the most such fields first:
 * a core calls many of its ops, another driver that happens to call one
 * is a weaker guess.  Bounded: only fields the PATH stores functions in,
 * at most MAX_DISPATCH_FILES files for each PATH.
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

/*
 * The text of the headers a candidate file includes, read when a call in
 * it first needs a declaration: most files of a subtree call none of the
 * fields.
 */
struct includes {
	const char *tree, *file, *text;
	struct strbuf sb;
	bool read;
};

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

static const char *includes_text(struct includes *inc)
{
	if (!inc->read) {
		read_includes(inc->tree, inc->file, inc->text, &inc->sb);
		inc->read = true;
	}
	return inc->sb.buf ? inc->sb.buf : "";
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
static bool member_of_base(const char *text, struct includes *inc, const char *m,
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
				body = struct_body(includes_text(inc), y);
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
	return declares(text, type, name) || declares(includes_text(inc), type, name);
}

/*
 * Does text call "M->FIELD(" (or "M.FIELD(") where a declaration
 * "struct T *M" in text or the headers it includes says M points to a
 * struct T?  So that
 * "device->ops->read(" dispatches vfio_device_ops.read and not the
 * file_operations.read the same file initializes.
 */
static bool calls_member(const char *text, struct includes *inc, const char *type,
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
		ok = member_of_base(text, inc, m, type, want);
		free(want);
		if (ok)
			return true;
	}
	return false;
}

static bool under_path(const char *path, const char *file)
{
	char *p = path_normalize(path);
	size_t n = strlen(p);
	bool in = !strcmp(p, ".") || (!strncmp(file, p, n) && (file[n] == '/' || !file[n]));

	free(p);
	return in;
}

static bool under_paths(const struct source_opts *src, const char *file)
{
	for (int i = 0; i < src->paths.nr; i++)
		if (under_path(src->paths.v[i], file))
			return true;
	return false;
}

static bool listed(const struct opt_list *l, const char *s)
{
	for (int i = 0; l && i < l->nr; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

/*
 * Append to out the .c files directly in dir (deep: anywhere below it),
 * sorted, that are not the PATHs' and not in out or seen yet.
 */
static void dir_files(const struct source_opts *src, const char *dir, bool deep,
		      const struct opt_list *seen, struct opt_list *out)
{
	struct opt_list names = { 0 };
	char *full = xstrfmt("%s/%s", src->tree, dir);

	if (deep && is_dir(full)) {
		find_sources(src->tree, dir, ".c", &names);
	} else if (!deep) {
		DIR *d = opendir(full);
		struct dirent *de;

		while (d && (de = readdir(d)))
			if (ends_with(de->d_name, ".c"))
				opt_list_append(&names, xstrfmt("%s/%s", dir, de->d_name));
		if (d)
			closedir(d);
		if (names.nr)
			qsort(names.v, names.nr, sizeof(*names.v), cmp_strp);
	}
	for (int k = 0; k < names.nr; k++) {
		if (under_paths(src, names.v[k]) || listed(seen, names.v[k]) ||
		    listed(out, names.v[k]))
			free((char *)names.v[k]);
		else
			opt_list_append(out, names.v[k]);
	}
	free(names.v);
	free(full);
}

/* The near files of path, nearest first, and the subtree to search after them. */
static void near_files(const struct source_opts *src, const char *path,
		       struct opt_list *near, struct opt_list *deep)
{
	char *p = path_normalize(path), *slash;

	if (ends_with(p, ".c")) {
		slash = strrchr(p, '/');
		if (!slash)
			goto out;
		*slash = '\0';
		dir_files(src, p, false, NULL, near);
	}
	slash = strrchr(p, '/');
	if (!slash)
		goto out;
	*slash = '\0';
	dir_files(src, p, false, NULL, near);
	slash = strrchr(p, '/');
	if (!slash)
		goto out;
	*slash = '\0';
	dir_files(src, p, false, NULL, near);
	*slash = '/';
	dir_files(src, p, true, near, deep);
out:
	free(p);
}

static void ops_fields_release(struct ops_fields *o)
{
	for (int i = 0; i < o->nr; i++) {
		free(o->v[i].type);
		free(o->v[i].field);
	}
	free(o->v);
}

/*
 * Which of o's fields, not yet covered, does file dispatch?  Their count.
 * With covered (the subtree), only a file that exports symbols counts: a
 * core is a library the drivers call (udc/core.c, vfio_main.c), while a
 * file that exports nothing is another driver (e1000_main.c calling its
 * own ethtool ops beside e1000e, net2272.c beside dwc3).
 */
static int dispatched(const struct source_opts *src, const char *file,
		      const struct ops_fields *o, const bool *covered, bool *hit)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = xstrfmt("%s/%s", src->tree, file);
	int n = 0;

	memset(hit, 0, o->nr * sizeof(*hit));
	if (strbuf_read_file(&sb, path) >= 0 && sb.buf) {
		struct includes inc = { src->tree, file, sb.buf, STRBUF_INIT, false };
		bool library = !covered || strstr(sb.buf, "EXPORT_SYMBOL");

		for (int k = 0; library && k < o->nr; k++)
			if ((!covered || !covered[k]) &&
			    calls_member(sb.buf, &inc, o->v[k].type, o->v[k].field)) {
				hit[k] = true;
				n++;
			}
		strbuf_release(&inc.sb);
	}
	free(path);
	strbuf_release(&sb);
	return n;
}

static void take(const char *file, const struct ops_fields *o, const bool *hit,
		 bool *covered, struct opt_list *out, struct strbuf *tsv)
{
	for (int k = 0; k < o->nr; k++)
		if (hit[k]) {
			char *line = xstrfmt("%s\t%s\t%s\n", file, o->v[k].field, o->v[k].type);
			size_t n = strlen(line);
			bool dup = false;

			/* two PATHs of one core (dwc3's gadget.c and ep0.c) */
			for (const char *p = tsv->buf; p && !dup && (p = strstr(p, line)); p++)
				dup = p == tsv->buf || p[-1] == '\n';
			if (!dup)
				strbuf_add(tsv, line, n);
			free(line);
			covered[k] = true;
		}
	if (!listed(out, file))
		opt_list_append(out, xstrdup(file));
}

static void free_list(struct opt_list *l)
{
	for (int i = 0; i < l->nr; i++)
		free((char *)l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* The dispatch files of one PATH, whose own files among files fill o. */
static void path_dispatch(const struct source_opts *src, const char *path,
			  const struct ops_fields *o, struct opt_list *out, struct strbuf *tsv)
{
	struct opt_list near = { 0 }, deep = { 0 };
	bool *covered = xcalloc(o->nr, sizeof(*covered)), *hit = xcalloc(o->nr, sizeof(*hit));
	bool *hits, todo = false;
	int *score, taken = 0, nd;

	near_files(src, path, &near, &deep);
	for (int i = 0; i < near.nr && taken < MAX_DISPATCH_FILES; i++)
		if (dispatched(src, near.v[i], o, NULL, hit)) {
			take(near.v[i], o, hit, covered, out, tsv);
			taken++;
		}
	for (int k = 0; k < o->nr && !todo; k++)
		todo = !covered[k];
	/* nothing left to look for: do not read the subtree */
	nd = todo && taken < MAX_DISPATCH_FILES ? deep.nr : 0;
	hits = xcalloc((size_t)nd * o->nr + 1, sizeof(*hits));
	score = xcalloc((size_t)nd + 1, sizeof(*score));
	for (int i = 0; i < nd; i++)
		dispatched(src, deep.v[i], o, covered, hits + (size_t)i * o->nr);
	while (taken < MAX_DISPATCH_FILES) {
		int best = -1;

		for (int i = 0; i < nd; i++) {
			score[i] = 0;
			for (int k = 0; k < o->nr; k++) {
				hits[(size_t)i * o->nr + k] &= !covered[k];
				score[i] += hits[(size_t)i * o->nr + k];
			}
			if (score[i] && (best < 0 || score[i] > score[best]))
				best = i;
		}
		if (best < 0)
			break;
		take(deep.v[best], o, hits + (size_t)best * o->nr, covered, out, tsv);
		taken++;
	}
	free(hits);
	free(score);
	free(hit);
	free(covered);
	free_list(&near);
	free_list(&deep);
}

void find_dispatch_files(const struct source_opts *src, const struct opt_list *files,
			 struct opt_list *out, struct strbuf *tsv)
{
	for (int p = 0; p < src->paths.nr; p++) {
		struct ops_fields o = { 0 };

		for (int i = 0; i < files->nr; i++) {
			struct strbuf sb = STRBUF_INIT;
			char *path;

			if (!under_path(src->paths.v[p], files->v[i]))
				continue;
			path = xstrfmt("%s/%s", src->tree, files->v[i]);
			if (strbuf_read_file(&sb, path) >= 0 && sb.buf)
				ops_initializers(sb.buf, &o);
			free(path);
			strbuf_release(&sb);
		}
		if (o.nr)
			path_dispatch(src, src->paths.v[p], &o, out, tsv);
		ops_fields_release(&o);
	}
}

int dispatch_calls_in_text(const char *text, const char *decls)
{
	struct ops_fields o = { 0 };
	struct includes inc = { "", "", text, STRBUF_INIT, true };
	int n = 0;

	strbuf_addstr(&inc.sb, decls);
	ops_initializers(text, &o);
	for (int k = 0; k < o.nr; k++)
		n += calls_member(text, &inc, o.v[k].type, o.v[k].field);
	ops_fields_release(&o);
	strbuf_release(&inc.sb);
	return n;
}
