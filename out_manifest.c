// SPDX-License-Identifier: GPL-2.0
#include "out_manifest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define LIST ".bitsplit-written"

static bool listed(const struct opt_list *l, const char *name)
{
	for (int i = 0; i < l->nr; i++)
		if (!strcmp(l->v[i], name))
			return true;
	return false;
}

/* Only a plain name in the directory: a list cannot point anywhere else. */
static bool plain_name(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") && strcmp(name, "..") &&
	       strcmp(name, LIST);
}

static int write_list(const struct out_manifest *m, bool with_old)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	for (int i = 0; with_old && i < m->old.nr; i++)
		if (!listed(&m->now, m->old.v[i]))
			strbuf_addf(&sb, "%s\n", m->old.v[i]);
	for (int i = 0; i < m->now.nr; i++)
		strbuf_addf(&sb, "%s\n", m->now.v[i]);
	ret = write_file_atomic(m->path, sb.buf ? sb.buf : "", sb.len);
	strbuf_release(&sb);
	return ret;
}

void out_manifest_open(struct out_manifest *m, const char *dir)
{
	struct strbuf sb = STRBUF_INIT;
	char *save = NULL;

	memset(m, 0, sizeof(*m));
	if (mkdir_p(dir))
		die("cannot create %s: %s", dir, strerror(errno));
	m->dir = xstrdup(dir);
	m->path = xstrfmt("%s/%s", dir, LIST);
	if (strbuf_read_file(&sb, m->path) < 0) {
		if (errno != ENOENT)
			die("cannot read %s: %s", m->path, strerror(errno));
	} else {
		strbuf_addstr(&sb, "");	/* a NUL after the text */
		for (char *l = strtok_r(sb.buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
			if (plain_name(l) && !listed(&m->old, l))
				opt_list_append(&m->old, xstrdup(l));
	}
	strbuf_release(&sb);
}

int out_manifest_add(struct out_manifest *m, const char *name)
{
	if (!plain_name(name))
		return error("%s: not a file name in %s", name, m->dir);
	if (listed(&m->now, name))
		return 0;
	opt_list_append(&m->now, xstrdup(name));
	return write_list(m, true);
}

int out_manifest_close(struct out_manifest *m, bool complete)
{
	int ret = 0;

	for (int i = 0; complete && i < m->old.nr; i++) {
		char *path;
		struct stat st;

		if (listed(&m->now, m->old.v[i]))
			continue;
		path = xstrfmt("%s/%s", m->dir, m->old.v[i]);
		if (!lstat(path, &st) && S_ISREG(st.st_mode) && unlink(path)) {
			ret = error("cannot remove the stale %s: %s", path, strerror(errno));
			/* still listed: the next run tries again */
			opt_list_append(&m->now, xstrdup(m->old.v[i]));
		}
		free(path);
	}
	if (write_list(m, !complete))
		ret = -1;
	for (int i = 0; i < m->old.nr; i++)
		free((char *)m->old.v[i]);
	for (int i = 0; i < m->now.nr; i++)
		free((char *)m->now.v[i]);
	free(m->old.v);
	free(m->now.v);
	free(m->dir);
	free(m->path);
	memset(m, 0, sizeof(*m));
	return ret;
}
