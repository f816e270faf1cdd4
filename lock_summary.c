// SPDX-License-Identifier: GPL-2.0
/*
 * Lock summaries: which functions of the analysed files act as a lock
 * call where they are called (lock, release and trylock wrappers, claims,
 * assumed claims) or as an allocator, learned by semantic-patches/lock_summary.cocci and
 * written as a vocabulary file for the facts pass.  A wrapper of a wrapper
 * is seen once the inner one is known, and a round may also unlearn (a
 * function that releases what a newly learned wrapper took is balanced),
 * so lock_summary.cocci iterates to a fixed point over the files of a run.
 * A file that calls a wrapper learned elsewhere, without a lock name of its
 * own, is run in a later round, and a file is run again when an entry it
 * names changed since it ran, until nothing changes.
 */
#include "lock_summary.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "facts.h"
#include "facts_files.h"
#include "run_command.h"
#include "spatch_tree.h"
#include "util.h"

/* Enough for any chain of wrappers seen in practice; more is a bug to report. */
#define MAX_ROUNDS 8

/* A learned line: "FILE\tACTION\tNAME\t..." (the FILE is where it was learned). */
struct learned {
	struct opt_list lines;
};

static bool in_list(const struct opt_list *l, const char *s)
{
	for (int i = 0; i < l->nr; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

static const char *line_name(const char *l)
{
	const char *t = strchr(l, '\t');

	t = t ? strchr(t + 1, '\t') : NULL;
	return t ? t + 1 : l;
}

static size_t name_len(const char *l)
{
	const char *n = line_name(l);

	return strcspn(n, "\t");
}

static int run_round(struct spatch_tree *st, const struct facts_run_opts *o,
		     const char *data, const char *user, const char *funcs,
		     const char *dir, int round,
		     const struct opt_list *files, struct strbuf *out)
{
	struct opt_list argv = { 0 }, owned = { 0 };
	struct strbuf sout = STRBUF_INIT, err = STRBUF_INIT, groups = STRBUF_INIT;
	struct child cmd = { 0 };
	char *outfile = xstrfmt("%s/summary-%d.tsv", dir, round);
	int rc;

	opt_list_append(&argv, "spatch");
	opt_list_append(&argv, "--quiet");
	/* Types come from the signatures: no header need be parsed. */
	opt_list_append(&argv, "--no-includes");
	opt_list_append(&argv, "--macro-file");
	opt_list_append(&argv, o->spatch_macros);
	opt_list_append(&owned, xstrfmt("bitsplit_data=%s", data));
	opt_list_append(&owned, xstrfmt("bitsplit_user=%s", *user ? user : "-"));
	opt_list_append(&owned, xstrfmt("bitsplit_out=%s", outfile));
	opt_list_append(&owned, xstrfmt("bitsplit_lib=%s", bitsplit_datadir()));
	opt_list_append(&owned, xstrfmt("bitsplit_funcs=%s", funcs));
	for (int i = owned.nr - 5; i < owned.nr; i++) {
		opt_list_append(&argv, "-D");
		opt_list_append(&argv, owned.v[i]);
	}
	facts_spatch_jobs(o, &argv, &owned);
	opt_list_append(&argv, "--tmp-dir");
	opt_list_append(&owned, xstrfmt("%s/spatch-summary", spatch_tree_tmp(st)));
	opt_list_append(&argv, owned.v[owned.nr - 1]);
	opt_list_append(&argv, "--sp-file");
	opt_list_append(&owned, datadir_path("lock_summary.cocci"));
	opt_list_append(&argv, owned.v[owned.nr - 1]);
	/* A list file, as facts.cocci gets them: no path reaches argv. */
	opt_list_append(&argv, "--file-groups");
	opt_list_append(&owned, xstrfmt("%s/summary-%d.groups", dir, round));
	opt_list_append(&argv, owned.v[owned.nr - 1]);
	for (int i = 0; i < files->nr; i++) {
		char *name = spatch_tree_name(st, files->v[i]);

		if (name)
			strbuf_addf(&groups, "%s\n\n", name);
		free(name);
	}
	if (write_file_atomic(owned.v[owned.nr - 1], groups.buf ? groups.buf : "",
			      groups.len) < 0)
		die("cannot write %s: %s", owned.v[owned.nr - 1], strerror(errno));

	cmd.argv = argv.v;
	cmd.out = &sout;
	cmd.err = &err;
	rc = spatch_tree_run(st, &cmd);
	if (rc)
		rc = error("spatch failed on the lock summaries (exit %d):\n%s", rc,
			   err.buf ? err.buf : "");
	else if (strbuf_read_file(out, outfile) < 0)
		rc = error("spatch wrote no lock summaries (%s: %s):\n%s", outfile,
			   strerror(errno), err.buf ? err.buf : "");
	for (int i = 0; i < owned.nr; i++)
		free((char *)owned.v[i]);
	free(owned.v);
	free(argv.v);
	free(outfile);
	strbuf_release(&sout);
	strbuf_release(&err);
	strbuf_release(&groups);
	return rc;
}

/*
 * Replace the lines learned in the files of this round by what it learned,
 * the FILE of each back to the tree's name.
 */
static void merge_round(const struct spatch_tree *st, struct learned *all,
			const struct opt_list *files, char *buf)
{
	int n = 0;

	for (int i = 0; i < all->lines.nr; i++) {
		const char *l = all->lines.v[i];
		char *file = xstrndup(l, strcspn(l, "\t"));

		if (in_list(files, file))
			free((char *)l);
		else
			all->lines.v[n++] = l;
		free(file);
	}
	all->lines.nr = n;
	for (char *l = buf, *save = NULL, *line; (line = strtok_r(l, "\n", &save)); l = NULL) {
		char *tab = strchr(line, '\t'), *real;

		if (!tab)
			continue;
		*tab = '\0';
		real = spatch_tree_real(st, line);
		opt_list_append(&all->lines, xstrfmt("%s\t%s", real, tab + 1));
		free(real);
	}
	if (all->lines.nr)
		qsort(all->lines.v, all->lines.nr, sizeof(*all->lines.v), cmp_strp);
}

/* The vocabulary text of the learned lines: one line a name, the first wins. */
static void vocabulary_text(const struct learned *all, struct strbuf *sb)
{
	struct opt_list seen = { 0 };

	strbuf_reset(sb);
	for (int i = 0; i < all->lines.nr; i++) {
		const char *l = all->lines.v[i], *vocab = strchr(l, '\t') + 1;
		char *name = xstrndup(line_name(l), name_len(l));

		if (!in_list(&seen, name)) {
			opt_list_append(&seen, name);
			strbuf_addf(sb, "%s\n", vocab);
		} else {
			free(name);
		}
	}
	for (int i = 0; i < seen.nr; i++)
		free((char *)seen.v[i]);
	free(seen.v);
}

static void split_lines(const char *text, struct opt_list *out)
{
	for (const char *l = text; *l;) {
		size_t len = strcspn(l, "\n");

		opt_list_append(out, xstrndup(l, len));
		l += len + (l[len] == '\n');
	}
}

static void free_list(struct opt_list *l)
{
	for (int i = 0; i < l->nr; i++)
		free((char *)l->v[i]);
	l->nr = 0;
}

/*
 * Append the names whose vocabulary line is in one text and not in the
 * other; with an action, only of the lines of that action.
 */
static void changed_names(const char *a, const char *b, const char *action,
			  struct opt_list *names)
{
	struct opt_list la = { 0 }, lb = { 0 };

	split_lines(a, &la);
	split_lines(b, &lb);
	for (int side = 0; side < 2; side++) {
		const struct opt_list *x = side ? &lb : &la, *y = side ? &la : &lb;

		for (int i = 0; i < x->nr; i++) {
			const char *t = strchr(x->v[i], '\t');
			char *name;

			if (!t || in_list(y, x->v[i]) ||
			    (action && (strncmp(x->v[i], action, (size_t)(t - x->v[i])) ||
					strlen(action) != (size_t)(t - x->v[i]))))
				continue;
			name = xstrndup(t + 1, strcspn(t + 1, "\t"));
			if (in_list(names, name))
				free(name);
			else
				opt_list_append(names, name);
		}
	}
	free_list(&la);
	free_list(&lb);
	free(la.v);
	free(lb.v);
}

/* Index of s in l, or -1. */
static int list_index(const struct opt_list *l, const char *s)
{
	for (int i = 0; i < l->nr; i++)
		if (!strcmp(l->v[i], s))
			return i;
	return -1;
}

/*
 * The files to run next: those that name an entry that changed since they
 * last ran (texts[v] is what the files of version v saw, their own
 * wrappers included; version 0 never ran, and saw nothing learned).  An
 * allocator is the exception: the rules that use one match while the
 * files are read, so the files of the last round that name one it learned
 * run again.
 */
static void next_files(const char *tree, const struct opt_list *files,
		       const int *version, char **texts, int now, struct opt_list *todo)
{
	for (int v = 0; v <= now; v++) {
		struct opt_list these = { 0 }, words = { 0 }, named = { 0 };

		for (int i = 0; i < files->nr; i++)
			if (version[i] == v)
				opt_list_append(&these, files->v[i]);
		if (v < now)
			changed_names(texts[v], texts[now], NULL, &words);
		else
			changed_names(texts[now - 1], texts[now], "alloc", &words);
		if (these.nr && words.nr)
			prefilter_files(tree, &words, &these, todo, &named);
		free_list(&words);
		free_list(&named);
		free(words.v);
		free(named.v);
		free(these.v);
	}
}

int lock_summary(struct spatch_tree *st, const char *tree, const struct opt_list *files,
		 const char *presets, const char *user, const char *funcs,
		 const struct facts_run_opts *o, const char *dir, char **learned_path)
{
	struct opt_list words = { 0 }, todo = { 0 }, named = { 0 };
	struct learned all = { 0 };
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	char *data, *paths = xstrfmt("%s%s%s", presets, *user ? ":" : "", user);
	char *texts[MAX_ROUNDS + 1] = { xstrdup("") };
	int *version = xcalloc(files->nr ? files->nr : 1, sizeof(*version));
	int ret = 0, round = 0, nr_files = 0;

	*learned_path = xstrfmt("%s/learned-locks.txt", dir);
	data = xstrfmt("%s:%s%s%s", presets, *learned_path, *user ? ":" : "", user);
	for (char *p = paths, *save = NULL, *t; (t = strtok_r(p, ":", &save)); p = NULL)
		if (facts_vocabulary_summary_names(t, &words) < 0)
			ret = -1;
	if (write_file_atomic(*learned_path, "", 0) < 0)
		ret = error("cannot write %s: %s", *learned_path, strerror(errno));
	if (!ret && words.nr)
		prefilter_files(tree, &words, files, &todo, &named);

	while (!ret && todo.nr && round < MAX_ROUNDS) {
		strbuf_reset(&out);
		nr_files += todo.nr;
		ret = run_round(st, o, data, user, funcs, dir, round++, &todo, &out);
		if (ret)
			break;
		merge_round(st, &all, &todo, out.buf ? out.buf : "");
		vocabulary_text(&all, &text);
		texts[round] = xstrdup(text.buf ? text.buf : "");
		if (write_file_atomic(*learned_path, texts[round], text.len) < 0)
			ret = error("cannot write %s: %s", *learned_path, strerror(errno));
		for (int i = 0; i < todo.nr; i++)
			version[list_index(files, todo.v[i])] = round;
		free_list(&todo);
		next_files(tree, files, version, texts, round, &todo);
	}
	if (!ret && todo.nr)
		warning("lock summaries still change after %d rounds; using the last",
			MAX_ROUNDS);
	if (!ret && !o->quiet && text.len) {
		int nr = 0, nr_allocs = 0;

		for (const char *l = text.buf; *l; l = strchr(l, '\n') + 1) {
			if (starts_with(l, "alloc\t"))
				nr_allocs++;
			else
				nr++;
		}
		fprintf(stderr, "bitsplit facts: %d lock summaries", nr);
		if (nr_allocs)
			fprintf(stderr, " and %d allocator%s", nr_allocs, nr_allocs == 1 ? "" : "s");
		fprintf(stderr, " learned in %d rounds (%d file runs)\n", round, nr_files);
	}

	free_list(&words);
	free_list(&todo);
	free_list(&named);
	free_list(&all.lines);
	free(words.v);
	free(todo.v);
	free(named.v);
	free(all.lines.v);
	for (int i = 0; i <= round; i++)
		free(texts[i]);
	free(version);
	free(paths);
	free(data);
	strbuf_release(&text);
	strbuf_release(&out);
	return ret;
}
