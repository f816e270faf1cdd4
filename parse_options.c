// SPDX-License-Identifier: GPL-2.0
#include "parse_options.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void opt_list_append(struct opt_list *l, const char *s)
{
	ALLOC_GROW(l->v, l->nr + 2, l->alloc);
	l->v[l->nr++] = s;
	l->v[l->nr] = NULL;
}

void usage_with_options(const char *usage, const struct option *opts, int code)
{
	FILE *fp = code ? stderr : stdout;

	fprintf(fp, "usage: %s\n\n", usage);
	for (const struct option *o = opts; o->long_name; o++) {
		char left[64];

		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name,
				 o->long_name, o->argh ? " " : "", o->argh ? o->argh : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->long_name,
				 o->argh ? " " : "", o->argh ? o->argh : "");
		fprintf(fp, "    %-28s %s\n", left, o->help);
	}
	exit(code);
}

static void set_value(const struct option *o, const char *arg, const char *usage,
		      const struct option *opts)
{
	char *end;
	long n;

	switch (o->type) {
	case OPT_STRING:
		*(const char **)o->value = arg;
		break;
	case OPT_LIST:
		opt_list_append(o->value, arg);
		break;
	case OPT_INT:
		errno = 0;
		n = strtol(arg, &end, 10);
		if (errno || *end || end == arg || n < INT_MIN || n > INT_MAX) {
			error("option --%s expects a number, not '%s'", o->long_name, arg);
			usage_with_options(usage, opts, 2);
		}
		*(int *)o->value = (int)n;
		break;
	case OPT_BOOL:
		*(bool *)o->value = true;
		break;
	}
}

void parse_options(int argc, const char **argv, const struct option *opts,
		   const char *usage, struct opt_list *args)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		const struct option *o = NULL;
		size_t namelen;

		if (!strcmp(a, "--")) {
			while (++i < argc)
				opt_list_append(args, argv[i]);
			break;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			usage_with_options(usage, opts, 0);
		if (a[0] != '-' || !a[1]) {
			opt_list_append(args, a);
			continue;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');

			namelen = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			for (const struct option *p = opts; p->long_name; p++)
				if (strlen(p->long_name) == namelen &&
				    !strncmp(p->long_name, a + 2, namelen))
					o = p;
			if (eq)
				val = eq + 1;
		} else if (!a[2]) {
			for (const struct option *p = opts; p->long_name; p++)
				if (p->short_name == a[1])
					o = p;
		}
		if (!o) {
			error("unknown option '%s'", a);
			usage_with_options(usage, opts, 2);
		}
		if (o->type == OPT_BOOL) {
			if (val) {
				error("option --%s takes no value", o->long_name);
				usage_with_options(usage, opts, 2);
			}
			set_value(o, NULL, usage, opts);
			continue;
		}
		if (!val) {
			if (i + 1 >= argc) {
				error("option --%s needs a value", o->long_name);
				usage_with_options(usage, opts, 2);
			}
			val = argv[++i];
		}
		set_value(o, val, usage, opts);
	}
}
