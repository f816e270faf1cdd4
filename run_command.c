// SPDX-License-Identifier: GPL-2.0
#include "run_command.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void drain(int outfd, struct strbuf *out, int errfd, struct strbuf *err)
{
	struct pollfd p[2];
	char buf[65536];

	p[0].fd = outfd;
	p[1].fd = errfd;
	p[0].events = p[1].events = POLLIN;
	while (p[0].fd >= 0 || p[1].fd >= 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll: %s", strerror(errno));
		}
		for (int i = 0; i < 2; i++) {
			ssize_t n;

			if (p[i].fd < 0 || !p[i].revents)
				continue;
			n = read(p[i].fd, buf, sizeof(buf));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				close(p[i].fd);
				p[i].fd = -1;
				continue;
			}
			strbuf_add(i ? err : out, buf, (size_t)n);
		}
	}
}

/*
 * The process group of the command running now (its pid), or 0.  spatch
 * --jobs forks workers that outlive a killed spatch, so each command gets a
 * group of its own and a TERM, INT or HUP to us is passed on to all of it
 * before we go: a killed sweep leaves nothing writing behind it.
 */
static volatile sig_atomic_t child_group;

static void pass_on(int sig)
{
	pid_t g = child_group;

	if (g > 0)
		kill(-g, SIGTERM);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_signals(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	static bool done;

	if (done)
		return;
	done = true;
	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++) {
		struct sigaction sa = { .sa_handler = pass_on };
		struct sigaction old;

		sigemptyset(&sa.sa_mask);
		/* one told to ignore it (nohup) keeps ignoring it */
		if (!sigaction(sigs[i], NULL, &old) && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

void die_with_parent(pid_t parent)
{
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) || getppid() != parent)
		_exit(128 + SIGTERM);
}

int run_command(struct child *cmd)
{
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	int status;
	pid_t pid, parent = getpid();

	if ((cmd->out && pipe(outp)) || (cmd->err && pipe(errp)))
		die("pipe: %s", strerror(errno));
	catch_signals();
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (!pid) {
		int in = open(cmd->stdin_path ? cmd->stdin_path : "/dev/null", O_RDONLY);

		setpgid(0, 0);
		die_with_parent(parent);
		if (in < 0 || dup2(in, 0) < 0)
			_exit(127);
		if (cmd->out && dup2(outp[1], 1) < 0)
			_exit(127);
		if (cmd->err && dup2(errp[1], 2) < 0)
			_exit(127);
		if (cmd->dir && chdir(cmd->dir)) {
			fprintf(stderr, "bitsplit: cannot chdir to %s: %s\n",
				cmd->dir, strerror(errno));
			_exit(127);
		}
		for (const char **e = cmd->env; e && *e; e++)
			if (putenv((char *)*e))
				_exit(127);
		execvp(cmd->argv[0], (char *const *)cmd->argv);
		fprintf(stderr, "bitsplit: cannot run %s: %s\n", cmd->argv[0],
			strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	/* both sides, so the group exists before either goes on */
	setpgid(pid, pid);
	child_group = pid;
	if (cmd->out)
		close(outp[1]);
	if (cmd->err)
		close(errp[1]);
	if (cmd->out || cmd->err) {
		struct strbuf dummy = STRBUF_INIT;

		drain(cmd->out ? outp[0] : -1, cmd->out ? cmd->out : &dummy,
		      cmd->err ? errp[0] : -1, cmd->err ? cmd->err : &dummy);
		strbuf_release(&dummy);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid: %s", strerror(errno));
	child_group = 0;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}

bool have_program(const char *prog)
{
	const char *path = getenv("PATH");
	struct strbuf sb = STRBUF_INIT;
	bool found = false;

	if (strchr(prog, '/'))
		return !access(prog, X_OK);
	while (path && *path && !found) {
		const char *colon = strchr(path, ':');
		size_t n = colon ? (size_t)(colon - path) : strlen(path);

		strbuf_reset(&sb);
		strbuf_add(&sb, path, n);
		strbuf_addf(&sb, "/%s", prog);
		found = !access(sb.buf, X_OK);
		path = colon ? colon + 1 : NULL;
	}
	strbuf_release(&sb);
	return found;
}
