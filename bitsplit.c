// SPDX-License-Identifier: GPL-2.0
/*
 * bitsplit: find C bitfields that share a memory location and are written
 * from contexts that do not serialize, and write the patches that split them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "util.h"

struct cmd_struct {
	const char *name;
	int (*fn)(int argc, const char **argv);
	const char *summary;
};

static const struct cmd_struct commands[] = {
	{ "layout", cmd_layout, "print structs, holes and C11 memory locations from pahole" },
	{ "facts", cmd_facts, "find bitfield writers, their phase and the locks they hold" },
	{ "check", cmd_check, "decide which bitfields race, under a policy, and why" },
	{ "fix", cmd_fix, "plan the new layout and write the patch" },
	{ "verify", cmd_verify, "rebuild with the patch in a scratch copy and prove the layout" },
	{ "series", cmd_series, "write a git format-patch series with a cover letter" },
	{ "sweep", cmd_sweep, "analyse a whole tree in parallel, resumably" },
	{ "merge", cmd_merge, "join the results of sharded sweeps" },
	{ "install-cocci", cmd_install_cocci, "copy the coccicheck rule into a kernel tree" },
};

static void usage(FILE *fp)
{
	fprintf(fp, "usage: bitsplit <command> [<args>]\n\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(fp, "   %-14s %s\n", commands[i].name, commands[i].summary);
	fprintf(fp, "\n'bitsplit help <command>' or 'bitsplit <command> --help' "
		    "describes one command.\n");
}

static const struct cmd_struct *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/*
 * A report that did not reach stdout (a full disk, a closed pipe) is a
 * failure, whichever way the command ended: checked at exit, as git does.
 * stdout writes through stdout_write() so the reason of the first failed
 * write is kept: stdio forgets it once its buffer is dropped.
 */
static int stdout_errno;

static ssize_t stdout_write(void *cookie, const char *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(STDOUT_FILENO, buf + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (!stdout_errno)
				stdout_errno = w < 0 ? errno : EIO;
			return -1;
		}
		done += (size_t)w;
	}
	return (ssize_t)n;
}

static void setup_stdout(void)
{
	cookie_io_functions_t io = { .write = stdout_write };
	FILE *fp = fopencookie(NULL, "w", io);

	if (!fp)
		return;
	setvbuf(fp, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
	stdout = fp;
}

static void check_stdout(void)
{
	if (!fflush(stdout) && !ferror(stdout) && !fclose(stdout) && !stdout_errno)
		return;
	error("write error on standard output: %s",
	      strerror(stdout_errno ? stdout_errno : EIO));
	_exit(2);
}

int main(int argc, const char **argv)
{
	const struct cmd_struct *cmd;

	setup_stdout();
	atexit(check_stdout);

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("bitsplit %s\n", BITSPLIT_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "help")) {
		const char *help_argv[] = { NULL, "--help", NULL };

		if (argc < 3) {
			usage(stdout);
			return 0;
		}
		cmd = find_command(argv[2]);
		if (!cmd)
			die("'%s' is not a bitsplit command; see 'bitsplit --help'", argv[2]);
		help_argv[0] = cmd->name;
		return cmd->fn(2, help_argv);
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		error("'%s' is not a bitsplit command", argv[1]);
		usage(stderr);
		return 2;
	}
	return cmd->fn(argc - 1, argv + 1);
}
