// SPDX-License-Identifier: GPL-2.0
/*
 * bitsplit fix: the verdict (or --split) in, one patch per struct out
 * (fix_write.c), then verify them when asked.  Exit 0 when every
 * struct got a patch, 1 when one was refused or withheld, 2 on error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "fix.h"
#include "out_manifest.h"
#include "plan.h"
#include "source.h"
#include "util.h"
#include "verify.h"

static const char fix_usage[] =
	"bitsplit fix [--tree DIR] (--build DIR | --layout L...) "
	"[--policy setup-only|proven-race] [--type bool|smallest] [--no-tighten] "
	"[-C STRUCT...] [--split STRUCT.FIELD...] [--fix split|regroup|bitops] [--facts FILE] [-j N] [--timeout SEC] "
	"[--data FILE...] [--verify] [--apply] "
	"--out DIR PATH...";

int cmd_fix(int argc, const char **argv)
{
	struct fix_opts o = { .policy_name = "proven-race", .plan.tighten = true };
	const char *type = "declared", *remedy = NULL;
	bool no_tighten = false, verify = false, apply = false;
	struct opt_list structs = { 0 }, data = { 0 };
	const struct option opts[] = {
		OPT_SOURCE(&o.src),
		{ "policy", 0, OPT_STRING, &o.policy_name, "POLICY",
		  "setup-only or proven-race (default): which fields move" },
		{ "type", 0, OPT_STRING, &type, "TYPE",
		  "bool or smallest: the type of a split field (default: declared)" },
		{ "no-tighten", 0, OPT_BOOL, &no_tighten, NULL,
		  "do not move other members into holes to shrink the struct" },
		OPT_STRUCTS(&structs),
		{ "split", 0, OPT_LIST, &o.split, "STRUCT.FIELD",
		  "move these fields, whatever the verdict says (repeatable)" },
		{ "fix", 0, OPT_STRING, &remedy, "REMEDY",
		  "split, regroup or bitops, whatever the rule would choose" },
		{ "facts", 0, OPT_STRING, &o.facts_file, "FILE",
		  "replay facts saved by 'bitsplit facts' instead of running spatch" },
		OPT_FACTS_RUN(&o.run, &data),
		{ "verify", 0, OPT_BOOL, &verify, NULL,
		  "rebuild with each patch in a scratch copy and check the layout" },
		{ "apply", 0, OPT_BOOL, &apply, NULL,
		  "apply the verified patches to the tree (implies --verify)" },
		{ "out", 0, OPT_STRING, &o.out, "DIR", "where to write the patches" },
		OPT_END(),
	};
	struct fix_jobs jobs = { 0 };
	struct out_manifest written;
	struct opt_list diffs = { 0 };
	struct bs_layout layout = { 0 };
	int ret = 0;

	parse_options(argc, argv, opts, fix_usage, &o.src.paths);
	o.report = stdout;
	o.run.data = data.v;
	if (!o.out)
		die("--out DIR is required: where the patches go");
	if (!strcmp(type, "bool"))
		o.plan.type = PLAN_TYPE_BOOL;
	else if (!strcmp(type, "smallest"))
		o.plan.type = PLAN_TYPE_SMALLEST;
	else if (strcmp(type, "declared"))
		die("unknown type '%s': expected bool or smallest", type);
	if (policy_parse(o.policy_name, &o.policy))
		die("unknown policy '%s': expected setup-only or proven-race", o.policy_name);
	o.plan.tighten = !no_tighten;
	if (remedy && remedy_parse(remedy, &o.remedy))
		die("unknown remedy '%s': expected split, regroup or bitops", remedy);
	o.remedy_forced = remedy;
	if (!o.src.paths.nr)
		usage_with_options(fix_usage, opts, 2);

	source_setup(&o.src);
	ret = 2;
	if (source_load_layout(&o.src, &layout) ||
	    (structs.nr && layout_filter_judged(&layout, structs.v)))
		goto out;
	o.layout = &layout;
	o.plan.layout = &layout;
	if (fix_jobs_collect(&o, &jobs))
		goto out;
	ret = 0;
	out_manifest_open(&written, o.out);
	o.written = &written;
	if (!jobs.nr)
		printf("nothing to split under policy %s\n", o.policy_name);
	for (int i = 0; i < jobs.nr; i++) {
		int r = fix_write_struct(&o, &jobs.v[i], &diffs);

		if (r < 0)
			ret = 2;
		else if (r && !ret)
			ret = 1;
	}
	if (ret != 2 && diffs.nr && (verify || apply)) {
		struct verify_opts vo = { o.src.tree, o.src.build, apply, o.src.paths.v };

		if (verify_patches(&vo, diffs.v, diffs.nr))
			ret = 2;
	}
	/* the files of an earlier run go, unless this one failed */
	if (out_manifest_close(&written, ret != 2))
		ret = 2;
out:
	for (int i = 0; i < diffs.nr; i++)
		free((char *)diffs.v[i]);
	free(diffs.v);
	fix_jobs_release(&o, &jobs);
	layout_release(&layout);
	free(structs.v);
	free(data.v);
	free(o.src.paths.v);
	free(o.src.layouts.v);
	free(o.split.v);
	return ret;
}
