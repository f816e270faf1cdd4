// SPDX-License-Identifier: GPL-2.0
/*
 * bitsplit install-cocci: put racy_bitfields.cocci where the kernel's
 * "make coccicheck" finds it, so a janitor runs it like any other rule.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "datadir.h"
#include "parse_options.h"
#include "util.h"

#define RULE "racy_bitfields.cocci"
#define RULE_DIR "scripts/coccinelle/misc"

static const char *const usage_str = "bitsplit install-cocci --tree LINUX";

int cmd_install_cocci(int argc, const char **argv)
{
	const char *tree = NULL;
	struct opt_list args = { 0 };
	const struct option opts[] = {
		{ "tree", 0, OPT_STRING, &tree, "LINUX", "the kernel source tree" },
		OPT_END(),
	};
	struct strbuf rule = STRBUF_INIT, old = STRBUF_INIT;
	char *src, *dir, *dst, *coccicheck;
	const char *verb = "installed";

	parse_options(argc, argv, opts, usage_str, &args);
	if (!tree || args.nr)
		usage_with_options(usage_str, opts, 2);

	coccicheck = xstrfmt("%s/scripts/coccicheck", tree);
	dir = xstrfmt("%s/%s", tree, RULE_DIR);
	if (access(coccicheck, R_OK) || !is_dir(dir))
		die("%s: not a kernel tree (no scripts/coccicheck or %s/)", tree, RULE_DIR);

	src = datadir_path(RULE);
	if (strbuf_read_file(&rule, src) < 0)
		die("%s: cannot read: %s", src, strerror(errno));

	dst = xstrfmt("%s/%s", dir, RULE);
	if (!strbuf_read_file(&old, dst)) {
		if (old.len == rule.len && !memcmp(old.buf, rule.buf, rule.len))
			verb = "up to date";
		else
			verb = "updated";
	}
	if (strcmp(verb, "up to date") && write_file_atomic(dst, rule.buf, rule.len))
		exit(2);

	printf("%s: %s\n", verb, dst);
	printf("run: make coccicheck MODE=report COCCI=%s/%s M=<dir>\n", RULE_DIR, RULE);

	free(coccicheck);
	free(dir);
	free(src);
	free(dst);
	free(args.v);
	strbuf_release(&rule);
	strbuf_release(&old);
	return 0;
}
