// SPDX-License-Identifier: GPL-2.0
/*
 * bitsplit sweep: the whole-tree run.  One command per machine with
 * --shard I/N; "bitsplit merge" joins the shards.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "parse_options.h"
#include "sweep.h"
#include "util.h"

static const char *const usage_str =
	"bitsplit sweep [--tree DIR] [--build DIR] [--jobs N] [--shard I/N] [--resume] "
	"[--budget FILES] [--format text|json|sarif] --out DIR PATH...";

static void parse_shard(const char *s, struct sweep_opts *o)
{
	char extra;

	if (sscanf(s, "%d/%d%c", &o->shard, &o->nr_shards, &extra) != 2 ||
	    o->nr_shards < 1 || o->shard < 1 || o->shard > o->nr_shards)
		die("--shard: expected I/N with 1 <= I <= N, got '%s'", s);
}

int cmd_sweep(int argc, const char **argv)
{
	struct sweep_opts o = { .tree = ".", .shard = 1, .nr_shards = 1 };
	const char *shard = NULL, *format = "text", *ext;
	int budget = SWEEP_BUDGET;
	struct opt_list args = { 0 };
	const struct option opts[] = {
		{ "tree", 0, OPT_STRING, &o.tree, "DIR", "source tree root (default: .)" },
		{ "build", 0, OPT_STRING, &o.build, "DIR", "take layouts from this build's objects" },
		{ "jobs", 'j', OPT_INT, &o.jobs, "N", "spatch processes (default: CPUs)" },
		{ "shard", 0, OPT_STRING, &shard, "I/N", "do the I-th of N parts" },
		{ "resume", 0, OPT_BOOL, &o.resume, NULL, "reuse the cached results in --out" },
		{ "out", 'o', OPT_STRING, &o.out, "DIR", "results, cache and summary" },
		OPT_SWEEP_BUDGET(&budget),
		{ "format", 0, OPT_STRING, &format, "FORMAT",
		  "the summary's: text (default), json or sarif" },
		OPT_END(),
	};
	struct sweep_results r = { 0 };
	struct strbuf sb = STRBUF_INIT;
	sweep_print_fn *print;
	char *path;
	int racy = 0, failed;

	parse_options(argc, argv, opts, usage_str, &args);
	if (!o.out || !args.nr)
		usage_with_options(usage_str, opts, 2);
	print = sweep_format(format, &ext);
	if (shard)
		parse_shard(shard, &o);
	if (!o.jobs)
		o.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (o.jobs < 1)
		die("--jobs: expected a positive number, got %d", o.jobs);
	if (budget < 0)
		die("--budget: expected a number of files, 0 for all, got %d", budget);
	for (int i = 0; i < args.nr; i++)
		if (args.v[i][0] == '/' || starts_with(args.v[i], "../"))
			die("%s: expected a path relative to the tree %s", args.v[i], o.tree);
	o.paths = args.v;
	o.progress = isatty(2);

	sweep_run(&o, &r);
	if (o.nr_shards == 1) {
		struct sweep_full_opts fo = { .tree = o.tree, .build = o.build, .jobs = o.jobs,
					      .budget = budget };
		struct sweep_summary s;

		sweep_judge(&r, &fo, &s);
		print(&sb, &s);
		racy = s.nr_rk;
		sweep_summary_release(&s);
		path = xstrfmt("%s/summary.%s", o.out, ext);
		if (write_file_atomic(path, sb.buf, sb.len))
			exit(2);
		fputs(sb.buf, stdout);
	} else {
		path = xstrfmt("%s/results-%d-of-%d.tsv", o.out, o.shard, o.nr_shards);
		printf("shard %d/%d: %ld of %ld files can write a field of a shared "
		       "location; results in %s\n", o.shard, o.nr_shards, r.candidates,
		       r.files, path);
		printf("join the shards with: bitsplit merge --tree DIR --out DIR RESULTS...\n");
	}
	failed = r.failed != 0;
	if (failed)
		error("spatch failed on %ld file%s (not analysed above): the results are "
		      "incomplete; --resume runs them again", r.failed, r.failed == 1 ? "" : "s");
	free(path);
	free(args.v);
	strbuf_release(&sb);
	sweep_results_release(&r);
	return failed ? 2 : racy ? 1 : 0;
}
