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

/*
 * The process groups of the commands running now (their pids), 0 in a
 * free slot.  spatch --jobs forks workers that outlive a killed spatch, so
 * each command gets a group of its own and a TERM, INT or HUP to us is
 * passed on to all of them before we go: a killed sweep leaves nothing
 * writing behind it.
 */
#define MAX_RUNNING 64
static volatile sig_atomic_t child_group[MAX_RUNNING];

static void pass_on(int sig)
{
	for (int i = 0; i < MAX_RUNNING; i++)
		if (child_group[i] > 0)
			kill(-child_group[i], SIGTERM);
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

/*
 * Start cmd in a process group of its own, recorded in child_group[slot];
 * *outfd and *errfd are the read ends of its captured output, or -1.
 */
static pid_t spawn(const struct child *cmd, int slot, int *outfd, int *errfd)
{
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
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
	child_group[slot] = pid;
	if (cmd->out)
		close(outp[1]);
	if (cmd->err)
		close(errp[1]);
	*outfd = outp[0];
	*errfd = errp[0];
	return pid;
}

static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}

struct running {
	pid_t pid;
	int cmd;		/* index in cmds; -1: the slot is free */
	int fd[2];		/* stdout, stderr; -1 once closed */
};

/* Read what is ready from the running commands, for up to timeout ms. */
static void read_running(struct running *r, int nr, struct child *cmds, int timeout)
{
	struct pollfd p[2 * MAX_RUNNING];
	int at[2 * MAX_RUNNING], n = 0;
	char buf[65536];

	for (int i = 0; i < nr; i++)
		for (int k = 0; r[i].cmd >= 0 && k < 2; k++)
			if (r[i].fd[k] >= 0) {
				p[n].fd = r[i].fd[k];
				p[n].events = POLLIN;
				at[n++] = 2 * i + k;
			}
	if (!n || poll(p, n, timeout) <= 0) {
		if (!n)
			poll(NULL, 0, timeout);
		return;
	}
	for (int j = 0; j < n; j++) {
		struct running *s = &r[at[j] / 2];
		int k = at[j] % 2;
		struct child *c = &cmds[s->cmd];
		ssize_t len;

		if (!p[j].revents)
			continue;
		len = read(p[j].fd, buf, sizeof(buf));
		if (len < 0 && errno == EINTR)
			continue;
		if (len <= 0) {
			close(p[j].fd);
			s->fd[k] = -1;
			continue;
		}
		strbuf_add(k ? c->err : c->out, buf, (size_t)len);
	}
}

int run_commands(struct child *cmds, int nr, int jobs, int *status)
{
	struct running r[MAX_RUNNING];
	int next = 0, left = nr, ret = 0;

	if (jobs < 1)
		jobs = 1;
	if (jobs > MAX_RUNNING)
		jobs = MAX_RUNNING;
	for (int i = 0; i < jobs; i++)
		r[i].cmd = -1;
	while (left) {
		bool closed = false;

		for (int i = 0; i < jobs && next < nr; i++)
			if (r[i].cmd < 0) {
				r[i].cmd = next;
				r[i].pid = spawn(&cmds[next++], i, &r[i].fd[0], &r[i].fd[1]);
			}
		for (int i = 0; i < jobs; i++)
			closed |= r[i].cmd >= 0 && r[i].fd[0] < 0 && r[i].fd[1] < 0;
		/* a command that printed its last may still be running: look again soon */
		read_running(r, jobs, cmds, closed ? 50 : -1);
		for (int i = 0; i < jobs; i++) {
			int st;
			pid_t got;

			if (r[i].cmd < 0 || r[i].fd[0] >= 0 || r[i].fd[1] >= 0)
				continue;
			got = waitpid(r[i].pid, &st, WNOHANG);
			if (got < 0 && errno != EINTR)
				die("waitpid: %s", strerror(errno));
			if (got <= 0)
				continue;
			child_group[i] = 0;
			status[r[i].cmd] = exit_code(st);
			ret |= status[r[i].cmd] ? -1 : 0;
			r[i].cmd = -1;
			left--;
		}
	}
	return ret;
}

int run_command(struct child *cmd)
{
	int status;

	run_commands(cmd, 1, 1, &status);
	return status;
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
