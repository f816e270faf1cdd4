/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_COMPILE_DB_H
#define BITSPLIT_COMPILE_DB_H

#include <stddef.h>

#include "parse_options.h"

/*
 * How each object was compiled: from compile_commands.json, as
 * samples/Makefile and the kernel's "make compile_commands.json" write it
 * ("arguments", or "command" split the way a shell would), or from the
 * .NAME.o.cmd files kbuild leaves next to each object, which also list
 * the headers the object read.
 */
struct compile_entry {
	char *directory;
	char *file;
	struct opt_list argv;	/* allocated strings */
	struct opt_list deps;	/* files it read (kbuild), as recorded */
};

struct compile_db {
	struct compile_entry *v;
	int nr, alloc;
};

/* Parse path; "path:line: error: expected ..." and -1 on bad input. */
int compile_db_load(struct compile_db *db, const char *path);
/* The same on len bytes read from name. */
int compile_db_parse(struct compile_db *db, const char *buf, size_t len,
		     const char *name);
/*
 * The kbuild records below BUILD/dir for each dir in dirs (NULL-terminated;
 * NULL: all of BUILD): "savedcmd_OBJ := COMMAND" ("cmd_" before 6.2) and
 * "deps_OBJ := FILE... \".  Commands run in BUILD.  Returns -1 on error.
 */
int compile_db_load_kbuild(struct compile_db *db, const char *build, const char **dirs);
void compile_db_release(struct compile_db *db);

#endif
