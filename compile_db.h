/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_COMPILE_DB_H
#define BITSPLIT_COMPILE_DB_H

#include "parse_options.h"

/*
 * compile_commands.json, as samples/Makefile and the kernel's
 * "make compile_commands.json" write it: one entry per object with its
 * directory, source file and argv ("arguments", or "command" split the
 * way a shell would).
 */
struct compile_entry {
	char *directory;
	char *file;
	struct opt_list argv;	/* allocated strings */
};

struct compile_db {
	struct compile_entry *v;
	int nr, alloc;
};

/* Parse path; "path:line: error: expected ..." and -1 on bad input. */
int compile_db_load(struct compile_db *db, const char *path);
void compile_db_release(struct compile_db *db);

#endif
