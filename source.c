// SPDX-License-Identifier: GPL-2.0
/*
 * The options every analysis command shares (source.h): where the tree
 * is, and where its layouts come from: --layout inputs, or the objects a
 * build left in --build for the PATHs being analysed (BUILD/<path>.o for
 * a .c file, every .o below BUILD/<dir> for a directory).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout.h"
#include "source.h"
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

/* Every *.o below dir, depth first, in name order so runs are repeatable. */
static void find_objects(const char *dir, struct opt_list *objs)
{
	struct opt_list names = { 0 };
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d) {
		error("%s: %s", dir, strerror(errno));
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			opt_list_append(&names, xstrdup(de->d_name));
	closedir(d);
	if (names.nr)
		qsort(names.v, (size_t)names.nr, sizeof(*names.v), cmp_strp);
	for (int i = 0; i < names.nr; i++) {
		char *path = xstrfmt("%s/%s", dir, names.v[i]);

		if (is_dir(path)) {
			find_objects(path, objs);
			free(path);
		} else if (ends_with(path, ".o")) {
			opt_list_append(objs, path);
		} else {
			free(path);
		}
		free((char *)names.v[i]);
	}
	free(names.v);
}

/*
 * A header's structs appear in every object that includes it: keep the
 * first copy of each name, and say so when another copy differs.
 */
static void drop_duplicates(struct bs_layout *l, int first)
{
	int kept = first;

	for (int i = first; i < l->nr_structs; i++) {
		struct bs_struct *s = &l->structs[i], *old = NULL;

		for (int j = 0; j < kept && !old; j++)
			if (!strcmp(l->structs[j].name, s->name))
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

int source_load_layout(struct source_opts *o, struct bs_layout *l)
{
	struct opt_list objs = { 0 };
	int ret = 0;

	for (int i = 0; i < o->layouts.nr; i++) {
		int first = l->nr_structs;

		if (layout_load(l, o->layouts.v[i], NULL) < 0)
			return -1;
		drop_duplicates(l, first);
	}
	if (o->layouts.nr)
		return 0;

	for (int i = 0; i < o->paths.nr || (!i && !o->paths.nr); i++) {
		const char *path = o->paths.nr ? o->paths.v[i] : ".";
		char *src = xstrfmt("%s/%s", o->paths_in_build ? o->build : o->tree, path);

		if (ends_with(path, ".c")) {
			char *obj = xstrfmt("%s/%.*s.o", o->build, (int)strlen(path) - 2, path);

			if (access(obj, R_OK)) {
				ret = error("%s: no object for %s (build it first)", obj, path);
				free(obj);
			} else {
				opt_list_append(&objs, obj);
			}
		} else if (is_dir(src)) {
			char *dir = xstrfmt("%s/%s", o->build, path);
			int before = objs.nr;

			if (is_dir(dir))
				find_objects(dir, &objs);
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
	if (!ret && objs.nr && !l->nr_structs)
		warning("%s: none of the %d objects for the PATHs has a struct in its "
			"debug information: built without -g (CONFIG_DEBUG_INFO)?",
			o->build, objs.nr);
	for (int i = 0; i < objs.nr; i++)
		free((char *)objs.v[i]);
	free(objs.v);
	return ret;
}
