/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_PARSE_OPTIONS_H
#define BITSPLIT_PARSE_OPTIONS_H

#include <stdbool.h>

/*
 * A small getopt_long for subcommands: "--name VALUE", "--name=VALUE",
 * "-C VALUE" via short.  OPT_LIST options append to a NULL-terminated
 * array and may be repeated.  Non-option arguments are returned in order.
 */
enum opt_type { OPT_STRING, OPT_BOOL, OPT_INT, OPT_LIST };

struct option {
	const char *long_name;
	char short_name;
	enum opt_type type;
	void *value;		/* const char **, bool *, int *, or struct opt_list * */
	const char *argh;	/* shown in usage: "DIR" */
	const char *help;
};

struct opt_list {
	const char **v;		/* NULL-terminated */
	int nr, alloc;
};

#define OPT_END() { NULL, 0, OPT_BOOL, NULL, NULL, NULL }

/*
 * Parse argv[1..argc) against opts; non-options (and everything after
 * "--") go into args.  On a bad option prints usage to stderr and exits 2;
 * "-h"/"--help" prints usage to stdout and exits 0.
 */
void parse_options(int argc, const char **argv, const struct option *opts,
		   const char *usage, struct opt_list *args);
void usage_with_options(const char *usage, const struct option *opts, int code);
void opt_list_append(struct opt_list *l, const char *s);

#endif
