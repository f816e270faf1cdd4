// SPDX-License-Identifier: GPL-2.0
/*
 * The options every analysis command shares (source.h): where the tree
 * is, and where its layouts come from: --layout inputs, or the objects a
 * build left in --build for the PATHs being analysed (BUILD/<path>.o for
 * a .c file, every .o below BUILD/<dir> for a directory), else those that
 * BUILD/compile_commands.json says the PATHs' sources were compiled to
 * (CMake, meson and bear put objects elsewhere), else the objects whose
 * kbuild records say they read a .c file that is no compile of its own.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile_db.h"
#include "facts_files.h"
#include "layout.h"
#include "source.h"
#include "tree_files.h"
#include "util.h"

void source_setup(struct source_opts *o)
{
	char tree_real[PATH_MAX];
	size_t n;

	if (!o->tree)
		o->tree = ".";
	if (!realpath(o->tree, tree_real) || !is_dir(tree_real))
		die("%s: not a directory (--tree)", o->tree);
	n = strlen(tree_real);
	for (int i = 0; i < o->paths.nr; i++) {
		char *full = xstrfmt("%s/%s", o->tree, o->paths.v[i]);
		char real[PATH_MAX];

		if (o->paths.v[i][0] == '/')
			die("%s: give PATHs relative to the tree (%s)", o->paths.v[i], o->tree);
		if (o->paths_in_build) {
			free(full);
			continue;
		}
		if (!realpath(full, real))
			die("%s: %s (under %s)", o->paths.v[i], strerror(errno), o->tree);
		if (strncmp(real, tree_real, n) || (real[n] && real[n] != '/' && n > 1))
			die("%s: not under the tree %s", o->paths.v[i], o->tree);
		free(full);
	}
	if (!o->layouts.nr && !o->build)
		die("no layout: give --build DIR (where the objects are) or --layout INPUT");
	if (o->build && !is_dir(o->build))
		die("%s: not a directory (--build)", o->build);
}

struct objects {
	const char *build;
	struct opt_list *objs;
};

static void add_object(const char *rel, void *data)
{
	struct objects *ob = data;

	if (ends_with(rel, ".o"))
		opt_list_append(ob->objs, xstrfmt("%s/%s", ob->build, rel));
}

static bool in_c_file(const struct bs_struct *s)
{
	return s->decl_file && ends_with(s->decl_file, ".c");
}

/* Copies of one definition: a header's, or one .c file's built twice. */
static bool same_type(const struct bs_struct *a, const struct bs_struct *b)
{
	if (!in_c_file(a) && !in_c_file(b))
		return true;
	return a->decl_file && b->decl_file && !strcmp(a->decl_file, b->decl_file);
}

/*
 * A header's structs appear in every object that includes it: keep the
 * first copy of each name, and say so when another copy differs.  A
 * struct defined in a .c file is that file's own type, though: it is no
 * copy of another file's definition of the name, not even of one with
 * the same members (scope_file_structs() sorts them out).
 */
static void drop_duplicates(struct bs_layout *l, int first)
{
	int kept = first;

	for (int i = first; i < l->nr_structs; i++) {
		struct bs_struct *s = &l->structs[i], *old = NULL;

		for (int j = 0; j < kept && !old; j++)
			if (!strcmp(l->structs[j].name, s->name) && same_type(&l->structs[j], s))
				old = &l->structs[j];
		if (!old) {
			l->structs[kept++] = *s;
			continue;
		}
		if (old->size != s->size || old->nr_members != s->nr_members)
			warning("struct %s differs between %s and %s; using the first",
				s->name, old->source, s->source);
		layout_release_struct(s);
	}
	l->nr_structs = kept;
}

static int cmp_struct_name(const void *va, const void *vb)
{
	const struct bs_struct *a = *(const struct bs_struct *const *)va;
	const struct bs_struct *b = *(const struct bs_struct *const *)vb;
	int c = strcmp(a->name, b->name);

	return c ? c : (a > b) - (a < b);
}

/*
 * Where two files define a struct of one name, each definition in a .c
 * file is tied to its file (its scope, relative to the tree as the facts
 * name files): the writes in that file are judged against its layout,
 * and no other file's are (layout_find_in()).  A name defined once stays
 * one struct, whoever writes it.
 */
static void scope_file_structs(const struct source_opts *o, struct bs_layout *l)
{
	struct bs_struct **v = xmalloc(sizeof(*v) * (size_t)(l->nr_structs + 1));
	struct opt_list none = { 0 };

	for (int i = 0; i < l->nr_structs; i++)
		v[i] = &l->structs[i];
	qsort(v, (size_t)l->nr_structs, sizeof(*v), cmp_struct_name);
	for (int i = 0, end; i < l->nr_structs; i = end) {
		for (end = i + 1; end < l->nr_structs && !strcmp(v[end]->name, v[i]->name); end++)
			;
		for (int k = i; end - i > 1 && k < end; k++) {
			char *file;

			if (!in_c_file(v[k]))
				continue;
			file = find_struct_header(o, v[k], &none);
			if (!file)
				file = path_normalize(v[k]->decl_file);
			v[k]->scope = layout_strdup(l, file);
			free(file);
		}
	}
	free(v);
}

/* The object an entry writes: its -o, relative to its directory. */
static char *entry_object(const struct compile_entry *e)
{
	for (int i = 0; i < e->argv.nr; i++) {
		const char *a = e->argv.v[i], *obj = NULL;

		if (!strcmp(a, "-o") && i + 1 < e->argv.nr)
			obj = e->argv.v[i + 1];
		else if (starts_with(a, "-o") && a[2])
			obj = a + 2;
		if (obj)
			return obj[0] == '/' || !e->directory ? xstrdup(obj) :
			       xstrfmt("%s/%s", e->directory, obj);
	}
	return NULL;
}

/*
 * Append the objects BUILD/compile_commands.json records for the sources
 * at tree/path (a file) or below it (a directory); how many were added,
 * -1 when the database is absent or bad.
 */
struct build_db {
	struct compile_db db;
	int loaded;		/* 0 not yet, 1 loaded, -1 absent or bad */
	struct compile_db kbuild;	/* the kbuild records of kbuild_dir */
	char *kbuild_dir;
};

static int db_objects(const struct source_opts *o, struct build_db *bd, const char *path,
		      struct opt_list *objs)
{
	const struct compile_db *db = &bd->db;
	char want[PATH_MAX], *full, *db_path;
	size_t n;
	int added = 0;

	if (!bd->loaded) {
		db_path = xstrfmt("%s/compile_commands.json", o->build);
		bd->loaded = !access(db_path, R_OK) && !compile_db_load(&bd->db, db_path) ? 1 : -1;
		free(db_path);
	}
	if (bd->loaded < 0)
		return -1;
	full = xstrfmt("%s/%s", o->tree, path);
	if (!realpath(full, want)) {
		free(full);
		return 0;
	}
	free(full);
	n = strlen(want);
	for (int i = 0; i < db->nr; i++) {
		const struct compile_entry *e = &db->v[i];
		char real[PATH_MAX], *src, *obj;

		if (!e->file)
			continue;
		src = e->file[0] == '/' || !e->directory ? xstrdup(e->file) :
		      xstrfmt("%s/%s", e->directory, e->file);
		if (realpath(src, real) && !strncmp(real, want, n) &&
		    (!real[n] || real[n] == '/') && (obj = entry_object(e))) {
			if (access(obj, R_OK)) {
				free(obj);
			} else {
				opt_list_append(objs, obj);
				added++;
			}
		}
		free(src);
	}
	return added;
}

/*
 * Append the objects whose kbuild record (.NAME.o.cmd, below path's
 * directory in BUILD) lists tree/path among the files it read: a .c file
 * that is no compile of its own but #included by one that is, as
 * kernel/sched/build_policy.c includes rt.c and syscalls.c.  How many
 * read it (an object already in objs counts, and is not added twice).
 */
static int included_objects(const struct source_opts *o, struct build_db *bd,
			    const char *path, struct opt_list *objs)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	char want[PATH_MAX], *full = xstrfmt("%s/%s", o->tree, path);
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	int found = 0;

	if (!realpath(full, want)) {
		free(dir);
		free(full);
		return 0;
	}
	/* the files a unity build includes share a directory: read it once */
	if (!bd->kbuild_dir || strcmp(bd->kbuild_dir, dir)) {
		const char *dirs[] = { dir, NULL };

		compile_db_release(&bd->kbuild);
		bd->kbuild = (struct compile_db){ 0 };
		compile_db_load_kbuild(&bd->kbuild, o->build, dirs);
		free(bd->kbuild_dir);
		bd->kbuild_dir = xstrdup(dir);
	}
	for (int i = 0; i < bd->kbuild.nr; i++) {
		const struct compile_entry *e = &bd->kbuild.v[i];
		char *obj = NULL;
		bool seen = false;

		for (int k = 0; k < e->deps.nr && !obj; k++) {
			const char *d = e->deps.v[k], *b = strrchr(d, '/') ? strrchr(d, '/') + 1 : d;
			char real[PATH_MAX], *dep;

			if (strcmp(b, base))
				continue;
			/* kbuild records run in BUILD: an in-tree build's are relative */
			dep = d[0] == '/' ? xstrdup(d) : xstrfmt("%s/%s", o->build, d);
			if (realpath(dep, real) && !strcmp(real, want))
				obj = entry_object(e);
			free(dep);
		}
		if (!obj || access(obj, R_OK)) {
			free(obj);
			continue;
		}
		found++;
		for (int k = 0; k < objs->nr && !seen; k++)
			seen = !strcmp(objs->v[k], obj);
		if (seen)
			free(obj);
		else
			opt_list_append(objs, obj);
	}
	free(dir);
	free(full);
	return found;
}

int source_load_layout(struct source_opts *o, struct bs_layout *l)
{
	struct build_db bd = { 0 };
	struct opt_list objs = { 0 };
	int ret = 0;

	for (int i = 0; i < o->layouts.nr; i++) {
		int first = l->nr_structs;

		if (layout_load(l, o->layouts.v[i], NULL) < 0)
			return -1;
		drop_duplicates(l, first);
	}
	if (o->layouts.nr) {
		scope_file_structs(o, l);
		return 0;
	}

	for (int i = 0; i < o->paths.nr || (!i && !o->paths.nr); i++) {
		const char *path = o->paths.nr ? o->paths.v[i] : ".";
		char *src = xstrfmt("%s/%s", o->paths_in_build ? o->build : o->tree, path);

		if (ends_with(path, ".c")) {
			char *obj = xstrfmt("%s/%.*s.o", o->build, (int)strlen(path) - 2, path);

			if (!access(obj, R_OK)) {
				opt_list_append(&objs, obj);
			} else {
				if (db_objects(o, &bd, path, &objs) <= 0 &&
				    !included_objects(o, &bd, path, &objs))
					ret = error("%s: no object for %s (build it first)", obj, path);
				free(obj);
			}
		} else if (is_dir(src)) {
			char *dir = xstrfmt("%s/%s", o->build, path);
			struct objects ob = { o->build, &objs };
			int before = objs.nr;

			/* depth first, in name order, so runs are repeatable */
			if (is_dir(dir))
				tree_walk(o->build, path, TREE_WALK_HIDDEN, add_object, &ob);
			if (objs.nr == before && !o->paths_in_build)
				db_objects(o, &bd, path, &objs);
			if (objs.nr == before)
				ret = error("%s: no objects below it for %s (build it first)",
					    dir, path);
			free(dir);
		} else {
			ret = error("%s: expected a .c file or a directory", path);
		}
		free(src);
	}
	for (int i = 0; !ret && i < objs.nr; i++) {
		int first = l->nr_structs;

		ret = layout_load_object(l, objs.v[i]);
		if (!ret)
			drop_duplicates(l, first);
	}
	if (!ret)
		scope_file_structs(o, l);
	if (!ret && objs.nr)
		ret = layout_check_sources(o, l);
	if (!ret && objs.nr && !l->nr_structs)
		warning("%s: none of the %d objects for the PATHs has a struct in its "
			"debug information: built without -g (CONFIG_DEBUG_INFO)?",
			o->build, objs.nr);
	for (int i = 0; i < objs.nr; i++)
		free((char *)objs.v[i]);
	free(objs.v);
	compile_db_release(&bd.db);
	compile_db_release(&bd.kbuild);
	free(bd.kbuild_dir);
	return ret;
}
