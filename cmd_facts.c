// SPDX-License-Identifier: GPL-2.0
/*
 * bitsplit facts: print who writes each bitfield that shares a memory
 * location, where, under which locks, and the roots and calls that decide
 * its phase; sorted, so two runs diff cleanly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "facts.h"
#include "layout.h"
#include "parse_options.h"
#include "run_command.h"
#include "source.h"
#include "util.h"

static const char usage[] =
	"bitsplit facts [--tree DIR] (--build DIR | --layout INPUT...) "
	"[--format tsv|json] [PATH...]";

int cmd_facts(int argc, const char **argv)
{
	struct source_opts src = { 0 };
	struct opt_list data = { 0 };
	struct facts_run_opts ro = { 0 };
	const char *format = "tsv";
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct strbuf out = STRBUF_INIT;
	const struct option opts[] = {
		OPT_SOURCE(&src),
		{ "format", 0, OPT_STRING, &format, "FMT", "tsv (default) or json" },
		OPT_FACTS_RUN(&ro, &data),
		{ "quiet", 'q', OPT_BOOL, &ro.quiet, NULL, "no summary on stderr" },
		OPT_END(),
	};
	int ret = 0;

	parse_options(argc, argv, opts, usage, &src.paths);
	if (strcmp(format, "tsv") && strcmp(format, "json")) {
		error("--format must be 'tsv' or 'json', not '%s'", format);
		usage_with_options(usage, opts, 2);
	}
	if (!have_program("spatch"))
		die("spatch not found: install coccinelle (apt-get install coccinelle)");
	source_setup(&src);
	ro.data = data.v;
	if (source_load_layout(&src, &l) < 0 || facts_run(&src, &l, &ro, &f) < 0) {
		ret = 2;
	} else {
		if (!strcmp(format, "json"))
			facts_print_json(&f, &out);
		else
			facts_print_tsv(&f, &out);
		fwrite(out.buf ? out.buf : "", 1, out.len, stdout);
		if (fflush(stdout) || ferror(stdout)) {
			error("cannot write the output");
			ret = 2;
		}
	}
	strbuf_release(&out);
	facts_release(&f);
	layout_release(&l);
	free(src.layouts.v);
	free(src.paths.v);
	free(data.v);
	return ret;
}
