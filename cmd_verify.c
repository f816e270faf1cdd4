// SPDX-License-Identifier: GPL-2.0
/*
 * bitsplit verify: prove patches written by "bitsplit fix" with the
 * compiler, in a scratch copy; --apply then applies them all, or none.
 */
#include <stdlib.h>

#include "builtin.h"
#include "parse_options.h"
#include "util.h"
#include "verify.h"

static const char verify_usage[] =
	"bitsplit verify [--tree DIR] --build DIR [--apply] DIFF...";

int cmd_verify(int argc, const char **argv)
{
	struct verify_opts o = { ".", NULL, false, NULL };
	const struct option opts[] = {
		{ "tree", 0, OPT_STRING, &o.tree, "DIR",
		  "source tree the patches apply to (default: current directory)" },
		{ "build", 0, OPT_STRING, &o.build, "DIR",
		  "where the objects and compile_commands.json are" },
		{ "apply", 0, OPT_BOOL, &o.apply, NULL,
		  "apply the patches to the tree when every one verified" },
		OPT_END(),
	};
	struct opt_list diffs = { 0 };
	int ret;

	parse_options(argc, argv, opts, verify_usage, &diffs);
	if (!diffs.nr || !o.build)
		usage_with_options(verify_usage, opts, 2);
	ret = verify_patches(&o, diffs.v, diffs.nr) ? 2 : 0;
	free(diffs.v);
	return ret;
}
