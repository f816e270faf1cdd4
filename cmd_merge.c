// SPDX-License-Identifier: GPL-2.0
/* bitsplit merge: join the results of "bitsplit sweep --shard I/N" runs. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "builtin.h"
#include "parse_options.h"
#include "sweep.h"
#include "util.h"

static const char *const usage_str =
	"bitsplit merge [--tree DIR] [--build DIR] [-j N] [--budget FILES] [--format text|json|sarif] --out DIR "
	"RESULTS...";

static void merge_file(struct sweep_results *r, const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	if (strbuf_read_file(&sb, path) < 0)
		die("%s: cannot read: %s", path, strerror(errno));
	if (sweep_results_parse(r, sb.buf, sb.len, path))
		exit(2);
	strbuf_release(&sb);
}

/* A directory stands for the results-I-of-N.tsv files in it. */
static void merge_arg(struct sweep_results *r, const char *arg)
{
	struct opt_list found = { 0 };
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (stat(arg, &st))
		die("%s: %s", arg, strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		merge_file(r, arg);
		return;
	}
	d = opendir(arg);
	if (!d)
		die("%s: %s", arg, strerror(errno));
	while ((de = readdir(d)))
		if (starts_with(de->d_name, "results-") && ends_with(de->d_name, ".tsv"))
			opt_list_append(&found, xstrfmt("%s/%s", arg, de->d_name));
	closedir(d);
	if (!found.nr)
		die("%s: no results-I-of-N.tsv in it", arg);
	qsort(found.v, (size_t)found.nr, sizeof(*found.v), cmp_strp);
	for (int i = 0; i < found.nr; i++) {
		merge_file(r, found.v[i]);
		free((char *)found.v[i]);
	}
	free(found.v);
}

int cmd_merge(int argc, const char **argv)
{
	const char *out = NULL, *format = "text", *ext;
	struct sweep_full_opts fo = { .tree = ".", .budget = SWEEP_BUDGET };
	struct opt_list args = { 0 };
	const struct option opts[] = {
		{ "tree", 0, OPT_STRING, &fo.tree, "DIR",
		  "the tree the shards swept, for the full tier (default: .)" },
		{ "build", 0, OPT_STRING, &fo.build, "DIR", "take layouts from this build's objects" },
		{ "jobs", 'j', OPT_INT, &fo.jobs, "N", "spatch processes (default: CPUs)" },
		{ "out", 'o', OPT_STRING, &out, "DIR", "where the summary and results go" },
		OPT_SWEEP_BUDGET(&fo.budget),
		{ "format", 0, OPT_STRING, &format, "FORMAT",
		  "the summary's: text (default), json or sarif" },
		OPT_END(),
	};
	struct sweep_results r = { 0 };
	struct sweep_summary s;
	struct strbuf sb = STRBUF_INIT;
	sweep_print_fn *print;
	char *path;
	int racy;

	parse_options(argc, argv, opts, usage_str, &args);
	if (!out || !args.nr)
		usage_with_options(usage_str, opts, 2);
	print = sweep_format(format, &ext);
	if (fo.budget < 0)
		die("--budget: expected a number of files, 0 for all, got %d", fo.budget);
	for (int i = 0; i < args.nr; i++)
		merge_arg(&r, args.v[i]);
	for (int i = 0; i < r.nr_shards; i++)
		if (!r.have_shard[i])
			die("shard %d/%d is missing: run 'bitsplit sweep --shard %d/%d' "
			    "and give its results", i + 1, r.nr_shards, i + 1, r.nr_shards);
	if (mkdir(out, 0777) && errno != EEXIST)
		die("%s: cannot create: %s", out, strerror(errno));

	sweep_results_print(&r, 1, &sb);
	path = xstrfmt("%s/results.tsv", out);
	if (write_file_atomic(path, sb.buf, sb.len))
		exit(2);
	free(path);

	strbuf_reset(&sb);
	sweep_judge(&r, &fo, &s);
	print(&sb, &s);
	racy = s.nr_rk;
	sweep_summary_release(&s);
	path = xstrfmt("%s/summary.%s", out, ext);
	if (write_file_atomic(path, sb.buf, sb.len))
		exit(2);
	fputs(sb.buf, stdout);

	free(path);
	free(args.v);
	strbuf_release(&sb);
	sweep_results_release(&r);
	return racy ? 1 : 0;
}
