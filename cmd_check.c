// SPDX-License-Identifier: GPL-2.0
/*
 * bitsplit check: layout plus facts in, verdict out.  Exit 1 when a field
 * must move under the chosen policy, 0 when clean, 2 on error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "facts.h"
#include "preset.h"
#include "report.h"
#include "source.h"
#include "util.h"
#include "verdict.h"

static const char check_usage[] =
	"bitsplit check [--tree DIR] (--build DIR | --layout L...) "
	"[--policy setup-only|proven-race] [--format text|gcc|json|sarif|org] "
	"[-C STRUCT]... [--facts FILE] [-j N] [--timeout SEC] [--data FILE]... "
	"[--preset kernel|pthread] [--macro-file FILE] PATH...";

static const struct {
	const char *name;
	void (*print)(struct strbuf *out, const struct verdict *v, enum policy p);
} formats[] = {
	{ "text", report_text },
	{ "gcc", report_gcc },
	{ "json", report_json },
	{ "sarif", report_sarif },
	{ "org", report_org },
};

int cmd_check(int argc, const char **argv)
{
	struct source_opts src = { 0 };
	struct facts_run_opts ro = { 0 };
	struct opt_list structs = { 0 }, data = { 0 };
	const char *policy_arg = "proven-race", *format = "text", *facts_file = NULL;
	const struct option opts[] = {
		OPT_SOURCE(&src),
		{ "policy", 0, OPT_STRING, &policy_arg, "POLICY",
		  "setup-only or proven-race (default): which one sets the exit code" },
		{ "format", 0, OPT_STRING, &format, "FORMAT",
		  "text (default), gcc, json, sarif or org" },
		{ "facts", 0, OPT_STRING, &facts_file, "FILE",
		  "replay facts saved by 'bitsplit facts' instead of running spatch" },
		OPT_STRUCTS(&structs),
		OPT_FACTS_RUN(&ro, &data),
		OPT_END(),
	};
	struct bs_layout layout = { 0 };
	struct facts facts = { 0 };
	struct verdict v = { 0 };
	struct strbuf out = STRBUF_INIT;
	void (*print)(struct strbuf *, const struct verdict *, enum policy) = NULL;
	enum policy policy;
	int ret;

	parse_options(argc, argv, opts, check_usage, &src.paths);
	if (policy_parse(policy_arg, &policy))
		die("unknown policy '%s': expected setup-only or proven-race", policy_arg);
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		if (!strcmp(format, formats[i].name))
			print = formats[i].print;
	if (!print)
		die("unknown format '%s': expected text, gcc, json, sarif or org", format);
	if (!facts_file && !src.paths.nr)
		usage_with_options(check_usage, opts, 2);

	source_setup(&src);
	ro.data = data.v;
	ro.skips_in_report = true;	/* the report's notes list them, once */
	ret = 2;
	if (source_load_layout(&src, &layout) ||
	    (structs.nr && layout_filter_judged(&layout, structs.v)))
		goto out;
	if (facts_file ? facts_load_file(&facts, facts_file) : facts_run(&src, &layout, &ro, &facts))
		goto out;

	v.userspace = preset_unreached_unknown(preset_resolve(ro.preset, src.tree, &src.paths));
	verdict_compute(&v, &layout, &facts);
	report_order(&v, src.paths.v);
	print(&out, &v, policy);
	fwrite(out.buf ? out.buf : "", 1, out.len, stdout);
	if (fflush(stdout) || ferror(stdout))
		die("cannot write the report: %s", strerror(errno));
	ret = verdict_has_race(&v, policy) ? 1 : 0;

out:
	strbuf_release(&out);
	verdict_release(&v);
	facts_release(&facts);
	layout_release(&layout);
	free(structs.v);
	free(data.v);
	free(src.paths.v);
	free(src.layouts.v);
	return ret;
}
