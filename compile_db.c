// SPDX-License-Identifier: GPL-2.0
#include "compile_db.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

struct reader {
	const char *p, *start, *name;
	bool failed;
};

static void skip_ws(struct reader *r)
{
	while (isspace((unsigned char)*r->p))
		r->p++;
}

static int fail(struct reader *r, const char *what)
{
	unsigned int line = 1;

	for (const char *q = r->start; q < r->p; q++)
		line += *q == '\n';
	if (!r->failed)
		fprintf(stderr, "%s:%u: error: expected %s\n", r->name, line, what);
	r->failed = true;
	return -1;
}

static bool accept(struct reader *r, char c)
{
	skip_ws(r);
	if (*r->p != c)
		return false;
	r->p++;
	return true;
}

static char *string(struct reader *r)
{
	struct strbuf sb = STRBUF_INIT;

	if (!accept(r, '"')) {
		fail(r, "a string");
		return NULL;
	}
	while (*r->p && *r->p != '"') {
		char c = *r->p++;

		if (c == '\\') {
			c = *r->p;
			if (c)
				r->p++;
			if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
			else if (c == 'u') {
				unsigned int u = 0;

				/* four hex digits, and no NUL: a C string cannot hold one */
				if (strspn(r->p, "0123456789abcdefABCDEF") < 4 ||
				    sscanf(r->p, "%4x", &u) != 1 || !u || u > 0x7f) {
					strbuf_release(&sb);
					fail(r, "an ASCII \\u escape");
					return NULL;
				}
				r->p += 4;
				c = (char)u;
			} else if (c != '"' && c != '\\' && c != '/') {
				strbuf_release(&sb);
				fail(r, "a JSON escape");
				return NULL;
			}
		}
		strbuf_addch(&sb, c);
	}
	if (!*r->p) {
		strbuf_release(&sb);
		fail(r, "'\"' to end the string");
		return NULL;
	}
	r->p++;
	strbuf_grow(&sb, 0);
	return strbuf_detach(&sb);
}

/*
 * A command line split as sh would: quotes and backslashes, no expansion;
 * it ends at an unquoted ';' (kbuild appends objtool and the like).
 */
static void split_command(const char *s, struct opt_list *argv)
{
	struct strbuf arg = STRBUF_INIT;
	bool in_arg = false;
	char quote = 0;

	for (;; s++) {
		if (!quote && *s == ';')
			s = "";
		if (!*s || (!quote && isspace((unsigned char)*s))) {
			if (in_arg) {
				strbuf_grow(&arg, 0);
				opt_list_append(argv, strbuf_detach(&arg));
			}
			in_arg = false;
			if (!*s)
				break;
			continue;
		}
		in_arg = true;
		if (quote && *s == quote)
			quote = 0;
		else if (!quote && (*s == '\'' || *s == '"'))
			quote = *s;
		else if (*s == '\\' && quote != '\'' && s[1])
			strbuf_addch(&arg, *++s);
		else
			strbuf_addch(&arg, *s);
	}
	strbuf_release(&arg);
}

static int entry(struct reader *r, struct compile_entry *e)
{
	if (!accept(r, '{'))
		return fail(r, "'{' to start an entry");
	do {
		char *key = string(r), *val = NULL;

		if (!key)
			return -1;
		if (!accept(r, ':')) {
			free(key);
			return fail(r, "':' after a key");
		}
		skip_ws(r);
		if (*r->p == '[') {
			r->p++;
			if (!accept(r, ']')) {
				do {
					char *a = string(r);

					if (!a) {
						free(key);
						return -1;
					}
					if (strcmp(key, "arguments"))
						free(a);
					else
						opt_list_append(&e->argv, a);
				} while (accept(r, ','));
				if (!accept(r, ']')) {
					free(key);
					return fail(r, "']' to end the list");
				}
			}
		} else {
			val = string(r);
			if (!val) {
				free(key);
				return -1;
			}
		}
		/* a key given twice: the last one counts */
		if (!strcmp(key, "directory")) {
			free(e->directory);
			e->directory = val;
		} else if (!strcmp(key, "file")) {
			free(e->file);
			e->file = val;
		} else if (!strcmp(key, "command") && val && !e->argv.nr) {
			split_command(val, &e->argv);
		}
		if (val != e->directory && val != e->file)
			free(val);
		free(key);
	} while (accept(r, ','));
	if (!accept(r, '}'))
		return fail(r, "'}' to end an entry");
	if (!e->directory || !e->file || !e->argv.nr)
		return fail(r, "\"directory\", \"file\" and \"arguments\" or \"command\"");
	return 0;
}

int compile_db_parse(struct compile_db *db, const char *buf, size_t len,
		     const char *name)
{
	struct reader r = { 0 };
	char *copy;
	int ret = 0;

	if (check_text(buf, len, name))
		return -1;
	copy = xstrndup(buf, len);
	r.p = r.start = copy;
	r.name = name;
	if (!accept(&r, '['))
		ret = fail(&r, "'[' to start the list of entries");
	while (!ret && !accept(&r, ']')) {
		ALLOC_GROW(db->v, db->nr + 1, db->alloc);
		memset(&db->v[db->nr], 0, sizeof(db->v[0]));
		ret = entry(&r, &db->v[db->nr++]);
		if (!ret && !accept(&r, ',') && (skip_ws(&r), *r.p != ']'))
			ret = fail(&r, "',' or ']' after an entry");
	}
	free(copy);
	return ret;
}

int compile_db_load(struct compile_db *db, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (strbuf_read_file(&sb, path) < 0)
		ret = error("cannot read %s: %s", path, strerror(errno));
	else
		ret = compile_db_parse(db, sb.buf, sb.len, path);
	strbuf_release(&sb);
	return ret;
}

/* One .NAME.o.cmd file: its command, source and dependencies. */
static void load_cmd_file(struct compile_db *db, const char *build, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct compile_entry e = { 0 };
	char *save = NULL;
	bool in_deps = false;

	/* a record kbuild did not write is no record: skipped, as an unreadable one */
	if (strbuf_read_file(&sb, path) < 0 || check_text(sb.buf, sb.len, path))
		goto out;
	for (char *l = strtok_r(sb.buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *val = strstr(l, " := ");

		if (val && (starts_with(l, "savedcmd_") || starts_with(l, "cmd_")) &&
		    !e.argv.nr) {
			split_command(val + 4, &e.argv);
		} else if (val && starts_with(l, "source_")) {
			free(e.file);
			e.file = xstrdup(val + 4);
		} else if (val && starts_with(l, "deps_")) {
			in_deps = true;
		} else if (in_deps && !isspace((unsigned char)*l)) {
			in_deps = false;
		} else if (in_deps) {
			char *t = l;

			while (isspace((unsigned char)*t))
				t++;
			if (!*t || starts_with(t, "$(wildcard"))
				continue;
			t[strcspn(t, " \t")] = '\0';
			if (*t && strcmp(t, "\\"))
				opt_list_append(&e.deps, xstrdup(t));
		}
	}
	/* only compiles of C files are replayed */
	if (e.file && e.argv.nr && ends_with(e.file, ".c")) {
		e.directory = xstrdup(build);
		ALLOC_GROW(db->v, db->nr + 1, db->alloc);
		db->v[db->nr++] = e;
		memset(&e, 0, sizeof(e));
	}
out:
	free(e.file);
	for (int k = 0; k < e.argv.nr; k++)
		free((char *)e.argv.v[k]);
	free(e.argv.v);
	for (int k = 0; k < e.deps.nr; k++)
		free((char *)e.deps.v[k]);
	free(e.deps.v);
	strbuf_release(&sb);
}

static void scan_kbuild(struct compile_db *db, const char *build, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		char *path;
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		path = xstrfmt("%s/%s", dir, de->d_name);
		if (!lstat(path, &st) && S_ISDIR(st.st_mode))
			scan_kbuild(db, build, path);
		else if (de->d_name[0] == '.' && ends_with(de->d_name, ".o.cmd"))
			load_cmd_file(db, build, path);
		free(path);
	}
	if (d)
		closedir(d);
}

int compile_db_load_kbuild(struct compile_db *db, const char *build, const char **dirs)
{
	if (!dirs || !*dirs) {
		scan_kbuild(db, build, build);
		return 0;
	}
	for (; *dirs; dirs++) {
		char *dir = xstrfmt("%s/%s", build, *dirs);

		scan_kbuild(db, build, dir);
		free(dir);
	}
	return 0;
}

void compile_db_release(struct compile_db *db)
{
	for (int i = 0; i < db->nr; i++) {
		free(db->v[i].directory);
		free(db->v[i].file);
		for (int k = 0; k < db->v[i].argv.nr; k++)
			free((char *)db->v[i].argv.v[k]);
		free(db->v[i].argv.v);
		for (int k = 0; k < db->v[i].deps.nr; k++)
			free((char *)db->v[i].deps.v[k]);
		free(db->v[i].deps.v);
	}
	free(db->v);
	memset(db, 0, sizeof(*db));
}
