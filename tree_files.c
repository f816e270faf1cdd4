// SPDX-License-Identifier: GPL-2.0
/*
 * The one directory walker.  A tree may hold symlink loops ("ln -s . l")
 * and links to anywhere else; a walk enters each directory once (by
 * device and inode) and follows a link only when it resolves inside the
 * root, so it ends and stays in the tree.  A name a TAB-separated line
 * cannot carry (a control character) is skipped with a warning.
 */
#include "tree_files.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

struct walk {
	const char *root;
	char root_real[PATH_MAX];
	unsigned int flags;
	void (*fn)(const char *rel, void *data);
	void *data;
	struct { dev_t dev; ino_t ino; } *seen;
	int nr_seen, alloc_seen;
};

static bool first_visit(struct walk *w, const struct stat *st)
{
	for (int i = 0; i < w->nr_seen; i++)
		if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino)
			return false;
	ALLOC_GROW(w->seen, w->nr_seen + 1, w->alloc_seen);
	w->seen[w->nr_seen].dev = st->st_dev;
	w->seen[w->nr_seen].ino = st->st_ino;
	w->nr_seen++;
	return true;
}

/* A symlink is followed only to a target inside the root. */
static bool inside(const struct walk *w, const char *full)
{
	char real[PATH_MAX];
	size_t n = strlen(w->root_real);

	if (!realpath(full, real))
		return false;
	return !strncmp(real, w->root_real, n) &&
	       (real[n] == '/' || !real[n] || (n == 1 && w->root_real[0] == '/'));
}

static bool odd_name(const char *name)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return true;
	return false;
}

static void walk_dir(struct walk *w, const char *rel)
{
	char *full = xstrfmt("%s/%s", w->root, rel);
	struct opt_list names = { 0 };
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (stat(full, &st) || !first_visit(w, &st) || !(d = opendir(full))) {
		free(full);
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    (de->d_name[0] != '.' || (w->flags & TREE_WALK_HIDDEN)))
			opt_list_append(&names, xstrdup(de->d_name));
	closedir(d);
	if (names.nr)
		qsort(names.v, (size_t)names.nr, sizeof(*names.v), cmp_strp);
	for (int i = 0; i < names.nr; i++) {
		char *sub = strcmp(rel, ".") ? xstrfmt("%s/%s", rel, names.v[i]) :
			    xstrdup(names.v[i]);
		char *subfull = xstrfmt("%s/%s", w->root, sub);
		struct stat lst;

		if (odd_name(names.v[i]))
			warning("%s: a control character in the name; skipped", sub);
		else if (lstat(subfull, &lst))
			;	/* gone since readdir */
		else if (S_ISLNK(lst.st_mode) && !inside(w, subfull))
			warning("%s: a link out of %s; not followed", sub, w->root);
		else if (!stat(subfull, &st) && S_ISDIR(st.st_mode))
			walk_dir(w, sub);
		else if (!stat(subfull, &st) && S_ISREG(st.st_mode))
			w->fn(sub, w->data);
		free(subfull);
		free(sub);
		free((char *)names.v[i]);
	}
	free(names.v);
	free(full);
}

void tree_walk(const char *root, const char *rel, unsigned int flags,
	       void (*fn)(const char *rel, void *data), void *data)
{
	struct walk w = { .root = root, .flags = flags, .fn = fn, .data = data };
	char *full = xstrfmt("%s/%s", root, rel);

	if (!realpath(root, w.root_real))
		die("%s: %s", root, strerror(errno));
	if (is_dir(full))
		walk_dir(&w, rel);
	else
		fn(rel, data);
	free(w.seen);
	free(full);
}

static void add_source(const char *rel, void *data)
{
	if (ends_with(rel, ".c") || ends_with(rel, ".h"))
		opt_list_append(data, xstrdup(rel));
}

void tree_files(const char *tree, const char *rel, struct opt_list *out)
{
	tree_walk(tree, rel, 0, add_source, out);
}
