// SPDX-License-Identifier: GPL-2.0
#include "spatch_tree.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "facts_files.h"
#include "util.h"

/* An entry linked under another name: both relative to the mirror/tree. */
struct alias {
	char *safe, *real;
};

struct spatch_tree {
	char *root;		/* the scratch directory */
	char *mirror;		/* root/tree: spatch's working directory */
	char *tmp;		/* root/tmp */
	char *tree;		/* the real tree, absolute */
	struct alias *v;
	int nr, alloc;
	struct opt_list expanded; /* real directories made in the mirror */
	pid_t owner;		/* the process that removes it */
	struct spatch_tree *next;
};

/* Open mirrors, removed at exit too: die() must not leave one behind. */
static struct spatch_tree *open_trees;

static void remove_open_trees(void)
{
	for (struct spatch_tree *t = open_trees; t; t = t->next)
		if (t->owner == getpid())
			remove_tree(t->root);
}

static bool safe_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '+' ||
	       c == '-' || c == '/';
}

bool shell_safe(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (const char *p = s; *p; p++)
		if (!safe_char((unsigned char)*p))
			return false;
	return true;
}

static bool safe_component(const char *name)
{
	return !strchr(name, '/') && shell_safe(name);
}

static const char *mirror_of(const struct spatch_tree *t, const char *real)
{
	for (int i = 0; i < t->nr; i++)
		if (!strcmp(t->v[i].real, real))
			return t->v[i].safe;
	return NULL;
}

static char *join(const char *dir, const char *name)
{
	return *dir ? xstrfmt("%s/%s", dir, name) : xstrdup(name);
}

/* "bitsplit-N" plus the name's extension when that is plain (".c", ".h"). */
static char *alias_name(const char *name, int n)
{
	const char *dot = strrchr(name, '.');
	bool plain = dot && dot[1] && strlen(dot) <= 8;

	for (const char *p = dot ? dot + 1 : ""; plain && *p; p++)
		plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9');
	return xstrfmt("bitsplit-%d%s", n, plain ? dot : "");
}

/*
 * Make the mirror of the tree's directory real (relative, "" for the top)
 * a directory of links at safe (relative to the mirror).  Safe names are
 * linked first so an alias never takes a name the directory has.
 */
static int expand(struct spatch_tree *t, const char *real, const char *safe)
{
	char *from = *real ? xstrfmt("%s/%s", t->tree, real) : xstrdup(t->tree);
	char *to = *safe ? xstrfmt("%s/%s", t->mirror, safe) : xstrdup(t->mirror);
	struct opt_list later = { 0 };
	struct dirent *de;
	DIR *d = opendir(from);
	int ret = 0, n = 1;

	if (!d || (unlink(to) && errno != ENOENT) || mkdir(to, 0700)) {
		ret = error("%s: cannot mirror for spatch: %s", from, strerror(errno));
		goto out;
	}
	while ((de = readdir(d))) {
		char *target, *link;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (!safe_component(de->d_name)) {
			opt_list_append(&later, xstrdup(de->d_name));
			continue;
		}
		target = xstrfmt("%s/%s", from, de->d_name);
		link = xstrfmt("%s/%s", to, de->d_name);
		if (symlink(target, link))
			ret = error("%s: cannot link: %s", link, strerror(errno));
		free(target);
		free(link);
	}
	/* sorted: the same tree gets the same aliases in every run */
	if (later.nr)
		qsort(later.v, (size_t)later.nr, sizeof(*later.v), cmp_strp);
	for (int i = 0; i < later.nr && !ret; i++) {
		char *target = xstrfmt("%s/%s", from, later.v[i]), *name, *link;
		struct alias *a;
		int rc;

		for (;;) {
			name = alias_name(later.v[i], n++);
			link = xstrfmt("%s/%s", to, name);
			rc = symlink(target, link);
			if (!rc || errno != EEXIST)
				break;
			free(name);
			free(link);
		}
		if (rc) {
			ret = error("%s: cannot link: %s", link, strerror(errno));
		} else {
			ALLOC_GROW(t->v, t->nr + 1, t->alloc);
			a = &t->v[t->nr++];
			a->safe = join(safe, name);
			a->real = join(real, later.v[i]);
		}
		free(name);
		free(link);
		free(target);
	}
	opt_list_append(&t->expanded, xstrdup(real));
out:
	if (d)
		closedir(d);
	for (int i = 0; i < later.nr; i++)
		free((char *)later.v[i]);
	free(later.v);
	free(from);
	free(to);
	return ret;
}

static bool is_expanded(const struct spatch_tree *t, const char *real)
{
	for (int i = 0; i < t->expanded.nr; i++)
		if (!strcmp(t->expanded.v[i], real))
			return true;
	return false;
}

struct spatch_tree *spatch_tree_open(const char *tree)
{
	static bool registered;
	struct spatch_tree *t = xcalloc(1, sizeof(*t));
	const char *tmp = shell_safe(tmp_dir()) ? tmp_dir() : "/tmp";
	char abs[PATH_MAX];

	if (!realpath(tree, abs))
		die("%s: %s", tree, strerror(errno));
	t->tree = xstrdup(abs);
	t->root = xstrfmt("%s/bitsplit-spatch.XXXXXX", tmp);
	if (!mkdtemp(t->root))
		die("cannot create a temporary directory %s: %s", t->root, strerror(errno));
	t->mirror = xstrfmt("%s/tree", t->root);
	t->tmp = xstrfmt("%s/tmp", t->root);
	if (!registered)
		registered = !atexit(remove_open_trees);
	t->owner = getpid();
	t->next = open_trees;
	open_trees = t;
	if (mkdir(t->tmp, 0700) || expand(t, "", ""))
		die("cannot prepare the files for spatch in %s", t->root);
	return t;
}

void spatch_tree_close(struct spatch_tree *t)
{
	if (!t)
		return;
	for (struct spatch_tree **p = &open_trees; *p; p = &(*p)->next)
		if (*p == t) {
			*p = t->next;
			break;
		}
	remove_tree(t->root);
	for (int i = 0; i < t->nr; i++) {
		free(t->v[i].safe);
		free(t->v[i].real);
	}
	for (int i = 0; i < t->expanded.nr; i++)
		free((char *)t->expanded.v[i]);
	free(t->expanded.v);
	free(t->v);
	free(t->root);
	free(t->mirror);
	free(t->tmp);
	free(t->tree);
	free(t);
}

char *spatch_tree_name(struct spatch_tree *t, const char *path)
{
	char *norm = path_normalize(path), *copy, *save = NULL;
	struct strbuf real = STRBUF_INIT, safe = STRBUF_INIT;
	size_t n = strlen(t->tree);
	int bad = 0;

	/* inside the tree, relative; anything else must be safe as it is */
	if (norm[0] == '/' && !strncmp(norm, t->tree, n) && norm[n] == '/')
		memmove(norm, norm + n + 1, strlen(norm + n + 1) + 1);
	if (norm[0] == '/' || !strcmp(norm, "..") || starts_with(norm, "../")) {
		char *abs = norm[0] == '/' ? xstrdup(norm) : xstrfmt("%s/%s", t->tree, norm);

		free(norm);
		norm = path_normalize(abs);
		free(abs);
		if (shell_safe(norm))
			return norm;
		error("%s: outside the tree and not a name spatch can be given safely", norm);
		free(norm);
		return NULL;
	}
	if (shell_safe(norm))
		return norm;

	copy = xstrdup(norm);
	for (char *c = strtok_r(copy, "/", &save); c && !bad; c = strtok_r(NULL, "/", &save)) {
		const char *alias;
		char *r = join(real.buf ? real.buf : "", c);

		/* a directory holding an unsafe name below it must be real */
		if (!is_expanded(t, real.buf ? real.buf : ""))
			bad = expand(t, real.buf ? real.buf : "", safe.buf ? safe.buf : "");
		if (safe_component(c)) {
			strbuf_addf(&safe, "%s%s", safe.len ? "/" : "", c);
		} else if ((alias = mirror_of(t, r))) {
			strbuf_reset(&safe);	/* an alias is its whole path */
			strbuf_addstr(&safe, alias);
		} else {
			bad = error("%s: not found while mirroring for spatch", r);
		}
		strbuf_reset(&real);
		strbuf_addstr(&real, r);
		free(r);
		if (*save && shell_safe(save))
			break;	/* the rest resolves through a link */
	}
	if (!bad && save && *save)
		strbuf_addf(&safe, "/%s", save);
	free(copy);
	free(norm);
	strbuf_release(&real);
	if (bad) {
		strbuf_release(&safe);
		return NULL;
	}
	return strbuf_detach(&safe);
}

/* name with its longest aliased prefix replaced by the real path, or NULL. */
static char *unalias(const struct spatch_tree *t, const char *name)
{
	const struct alias *best = NULL;

	for (int i = 0; i < t->nr; i++) {
		size_t k = strlen(t->v[i].safe);

		if (!strncmp(name, t->v[i].safe, k) && (!name[k] || name[k] == '/') &&
		    (!best || k > strlen(best->safe)))
			best = &t->v[i];
	}
	return best ? xstrfmt("%s%s", best->real, name + strlen(best->safe)) : NULL;
}

char *spatch_tree_real(const struct spatch_tree *t, const char *name)
{
	size_t n = strlen(t->mirror);
	char *real, *norm;

	if (!strncmp(name, t->mirror, n) && name[n] == '/')
		name += n + 1;
	/* "d/bitsplit-2/../x.h" as well as "d/bitsplit-2/in.c" */
	real = unalias(t, name);
	if (real) {
		norm = path_normalize(real);
		free(real);
		return norm;
	}
	norm = path_normalize(name);
	real = unalias(t, norm);
	free(norm);
	return real ? real : xstrdup(name);	/* as spatch printed it */
}

const char *spatch_tree_tmp(const struct spatch_tree *t)
{
	return t->tmp;
}

int spatch_tree_run_all(struct spatch_tree *t, struct child *cmds, int nr, int jobs,
			int *status)
{
	char *env = xstrfmt("TMPDIR=%s", t->tmp);
	/*
	 * spatch 1.1.1 looks for ~/.cocciconfig and dies with "exception
	 * Not_found" when HOME is unset (cron, "env -i"): give it the
	 * scratch directory, which holds none.
	 */
	char *home = getenv("HOME") ? NULL : xstrfmt("HOME=%s", t->tmp);
	const char *envv[] = { env, home, NULL };
	int rc;

	for (int i = 0; i < nr; i++) {
		cmds[i].dir = t->mirror;
		cmds[i].env = envv;
	}
	rc = run_commands(cmds, nr, jobs, status);
	for (int i = 0; i < nr; i++)
		cmds[i].env = NULL;
	free(env);
	free(home);
	return rc;
}

int spatch_tree_run(struct spatch_tree *t, struct child *cmd)
{
	int status;

	spatch_tree_run_all(t, cmd, 1, 1, &status);
	return status;
}
