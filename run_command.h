/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_RUN_COMMAND_H
#define BITSPLIT_RUN_COMMAND_H

#include <sys/types.h>

#include "util.h"

/*
 * Run argv[0] (looked up in PATH) with argv, never through a shell, so a
 * path with spaces or quotes is passed as one argument.  stdout and stderr
 * are captured into out/err when non-NULL (else inherited); dir, when
 * non-NULL, is the child's working directory; env entries are added to
 * (or replace in) the child's environment.  Returns the exit status,
 * 128+signal when killed, or -1 when it could not be started.
 */
struct child {
	const char **argv;
	const char *dir;
	struct strbuf *out;
	struct strbuf *err;
	const char *stdin_path; /* NULL: /dev/null */
	const char **env;	/* "NAME=VALUE" set in the child, or NULL */
};

int run_command(struct child *cmd);

/*
 * Run the nr commands, at most jobs (up to 64) at a time, started in the
 * order given: put the longest first, so the last to start are short and
 * they all end together.  status[i] is what run_command() would have
 * returned for cmds[i].  Returns 0 when every one exited 0, else -1.
 */
int run_commands(struct child *cmds, int nr, int jobs, int *status);

/*
 * In a child just forked from parent: be sent SIGTERM when parent dies
 * (a killed run must not leave spatch writing into its output), and go
 * at once if it is already gone.
 */
void die_with_parent(pid_t parent);

/* True when an executable named prog is found in PATH. */
bool have_program(const char *prog);

#endif
