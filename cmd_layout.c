// SPDX-License-Identifier: GPL-2.0
/*
 * bitsplit layout: print the structs, holes and C11 memory locations of
 * each INPUT (a pahole dump, an object with DWARF, or a BTF file), or of
 * the objects in --build that correspond to the source PATHs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "layout.h"
#include "parse_options.h"
#include "source.h"
#include "util.h"

static const char usage[] =
	"bitsplit layout [--format text|json] [-C STRUCT]... INPUT...\n"
	"   or: bitsplit layout [--format text|json] [-C STRUCT]... --build DIR [--tree DIR] [PATH...]";

int cmd_layout(int argc, const char **argv)
{
	struct source_opts src = { 0 };
	struct opt_list structs = { 0 }, args = { 0 };
	const char *format = "text";
	struct bs_layout l = { 0 };
	struct strbuf out = STRBUF_INIT;
	const struct option opts[] = {
		{ "format", 0, OPT_STRING, &format, "FMT", "text (default) or json" },
		OPT_STRUCTS(&structs),
		OPT_SOURCE(&src),
		OPT_END(),
	};
	int ret = 0;

	parse_options(argc, argv, opts, usage, &args);
	if (strcmp(format, "text") && strcmp(format, "json")) {
		error("--format must be 'text' or 'json', not '%s'", format);
		usage_with_options(usage, opts, 2);
	}
	if (src.build) {
		src.paths = args;
		src.paths_in_build = !src.tree;
	} else {
		for (int i = 0; i < args.nr; i++)
			opt_list_append(&src.layouts, args.v[i]);
		free(args.v);
		if (!src.layouts.nr) {
			error("no INPUT: give a pahole dump, an object or a BTF file");
			usage_with_options(usage, opts, 2);
		}
	}
	source_setup(&src);
	if (src.layouts.nr == 1 && !src.build)
		ret = layout_load(&l, src.layouts.v[0], structs.v);
	else if (source_load_layout(&src, &l) < 0 ||
		 layout_filter(&l, 0, structs.v, src.build) < 0)
		ret = -1;
	if (!ret) {
		if (!strcmp(format, "json"))
			layout_print_json(&out, &l);
		else
			layout_print_text(&out, &l);
		fwrite(out.buf ? out.buf : "", 1, out.len, stdout);
		if (fflush(stdout) || ferror(stdout))
			ret = error("cannot write the output");
	}
	strbuf_release(&out);
	layout_release(&l);
	free(structs.v);
	free(src.layouts.v);
	free(src.paths.v);
	return ret ? 2 : 0;
}
