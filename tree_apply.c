// SPDX-License-Identifier: GPL-2.0
#include "tree_apply.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct pending {
	char *path, *tmp, *keep;	/* the original, its new text, its old inode */
	bool renamed;
};

/* Write, fsync and read back: what the disk holds is what was meant. */
static int write_checked(const char *path, const char *tmp, mode_t mode,
			 const struct strbuf *text)
{
	struct strbuf back = STRBUF_INIT;
	const char *p = text->buf ? text->buf : "";
	size_t left = text->len;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600), ret = 0;

	if (fd < 0)
		return error("%s: cannot create %s: %s", path, tmp, strerror(errno));
	while (left && !ret) {
		ssize_t n = write(fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			ret = error("%s: cannot write: %s", path,
				    strerror(n < 0 ? errno : ENOSPC));
		else
			p += n, left -= (size_t)n;
	}
	if (!ret && (fchmod(fd, mode & 07777) || fsync(fd)))
		ret = error("%s: cannot write: %s", path, strerror(errno));
	if (close(fd) && !ret)
		ret = error("%s: cannot write: %s", path, strerror(errno));
	if (!ret && (strbuf_read_file(&back, tmp) < 0 || back.len != text->len ||
		     memcmp(back.buf, text->buf ? text->buf : "", text->len)))
		ret = error("%s: the new text did not read back as written", path);
	strbuf_release(&back);
	return ret;
}

static void sync_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (slash)
		*slash = '\0';
	fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int tree_apply(const char *tree, const struct opt_list *files,
	       const struct strbuf *contents)
{
	struct pending *v = xcalloc((size_t)files->nr + 1, sizeof(*v));
	int ret = 0, nr = 0;

	for (; nr < files->nr && !ret; nr++) {
		struct pending *f = &v[nr];
		struct stat st;
		char *slash;

		f->path = xstrfmt("%s/%s", tree, files->v[nr]);
		slash = strrchr(f->path, '/');
		/* hidden names next to the original: same filesystem, so rename works */
		f->tmp = xstrfmt("%.*s/.%s.bitsplit-new.%d", (int)(slash - f->path), f->path,
				 slash + 1, (int)getpid());
		f->keep = xstrfmt("%.*s/.%s.bitsplit-old.%d", (int)(slash - f->path), f->path,
				  slash + 1, (int)getpid());
		if (lstat(f->path, &st))
			ret = error("%s: %s", f->path, strerror(errno));
		else if (!S_ISREG(st.st_mode))
			ret = error("%s: not a regular file, not replaced", f->path);
		else
			ret = write_checked(f->path, f->tmp, st.st_mode, &contents[nr]);
	}
	for (int i = 0; i < nr && !ret; i++)
		if (link(v[i].path, v[i].keep))
			ret = error("%s: cannot keep the original: %s", v[i].path,
				    strerror(errno));
	for (int i = 0; i < nr && !ret; i++) {
		if (rename(v[i].tmp, v[i].path))
			ret = error("%s: cannot replace: %s", v[i].path, strerror(errno));
		else
			v[i].renamed = true;
	}
	for (int i = 0; i < nr; i++) {
		if (ret && v[i].renamed && rename(v[i].keep, v[i].path))
			error("%s: cannot restore; the original is %s: %s", v[i].path,
			      v[i].keep, strerror(errno));
		else
			unlink(v[i].keep);
		unlink(v[i].tmp);
		sync_dir(v[i].path);
		free(v[i].path);
		free(v[i].tmp);
		free(v[i].keep);
	}
	free(v);
	return ret;
}
