// SPDX-License-Identifier: GPL-2.0
/* bitsplit series: the patches of "bitsplit fix" as a series to mail. */
#include <stdlib.h>

#include "builtin.h"
#include "series.h"
#include "util.h"

static const char series_usage[] =
	"bitsplit series [--tree DIR] (--build DIR | --layout L...) "
	"[--policy setup-only|proven-race] [-C STRUCT]... [--fix split|regroup|bitops] [-j N] [--timeout SEC] "
	"[--data FILE]... [--verify] [--cc] --out DIR PATH...";

int cmd_series(int argc, const char **argv)
{
	struct series_opts o = { .fix = { .policy_name = "proven-race", .plan.tighten = true } };
	struct bs_layout layout = { 0 };
	struct opt_list structs = { 0 }, data = { 0 };
	const char *remedy = NULL;
	const struct option opts[] = {
		OPT_SOURCE(&o.fix.src),
		{ "policy", 0, OPT_STRING, &o.fix.policy_name, "POLICY",
		  "setup-only or proven-race (default)" },
		OPT_STRUCTS(&structs),
		{ "fix", 0, OPT_STRING, &remedy, "REMEDY",
		  "split, regroup or bitops, whatever the rule would choose" },
		OPT_FACTS_RUN(&o.fix.run, &data),
		{ "verify", 0, OPT_BOOL, &o.verify, NULL,
		  "rebuild with the patches and check the layouts before writing the series" },
		{ "cc", 0, OPT_BOOL, &o.cc, NULL, "Cc: lines from scripts/get_maintainer.pl" },
		{ "out", 0, OPT_STRING, &o.out, "DIR", "where the series goes" },
		OPT_END(),
	};
	int ret;

	parse_options(argc, argv, opts, series_usage, &o.fix.src.paths);
	if (!o.out || !o.fix.src.paths.nr)
		usage_with_options(series_usage, opts, 2);
	if (policy_parse(o.fix.policy_name, &o.fix.policy))
		die("unknown policy '%s': expected setup-only or proven-race", o.fix.policy_name);
	if (remedy && remedy_parse(remedy, &o.fix.remedy))
		die("unknown remedy '%s': expected split, regroup or bitops", remedy);
	o.fix.remedy_forced = remedy;
	if (o.verify && !o.fix.src.build)
		die("--verify needs --build DIR: the objects to rebuild");
	source_setup(&o.fix.src);
	o.fix.run.data = data.v;
	if (source_load_layout(&o.fix.src, &layout) ||
	    (structs.nr && layout_filter_judged(&layout, structs.v)))
		exit(2);
	o.fix.layout = &layout;
	o.fix.plan.layout = &layout;
	ret = series_write(&o);
	layout_release(&layout);
	free(o.fix.src.paths.v);
	free(o.fix.src.layouts.v);
	free(structs.v);
	free(data.v);
	return ret;
}
