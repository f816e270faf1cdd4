// SPDX-License-Identifier: GPL-2.0
/*
 * Get the facts for a file set: the candidate fields come from the layout
 * model (every member of a memory location that holds two or more
 * bitfields), files that never name one are dropped with grep, and the
 * rest go through ONE spatch run of facts.cocci, with --include of the
 * header that defines each candidate struct so Coccinelle can type the
 * writes.  What spatch could not parse becomes a skip fact and a warning.
 */
#include "facts.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "layout.h"
#include "run_command.h"
#include "source.h"
#include "util.h"

/* Files handed to one grep: well below any ARG_MAX. */
#define GREP_BATCH 512

static const char *const presets[] = {
	"locks-kernel.txt", "locks-pthread.txt", "roots-kernel.txt",
	"roots-pthread.txt",
};

struct candidate {
	const char *name;
	char *header;		/* relative to the tree, or NULL */
	struct strbuf fields;	/* "a,b,c" */
};

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "a/./b/../c" -> "a/c": decl_file paths are as the compiler saw them. */
static char *normalize_path(const char *path)
{
	char *copy = xstrdup(path), *save = NULL, *tok;
	const char *parts[PATH_MAX / 2];
	int n = 0;
	struct strbuf out = STRBUF_INIT;

	for (tok = strtok_r(copy, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (!strcmp(tok, "."))
			continue;
		if (!strcmp(tok, "..") && n && strcmp(parts[n - 1], ".."))
			n--;
		else if (n < (int)ARRAY_SIZE(parts))
			parts[n++] = tok;
	}
	if (path[0] == '/')
		strbuf_addch(&out, '/');
	for (int i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&out, '/');
		strbuf_addstr(&out, parts[i]);
	}
	free(copy);
	return strbuf_detach(&out);
}

static bool defines_struct(const char *tree, const char *rel, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = xstrfmt("%s/%s", tree, rel);
	char *pat = xstrfmt("(^|[^[:alnum:]_])struct[[:space:]]+%s[[:space:]]*\\{", name);
	regex_t re;
	bool found = false;

	if (is_file(path) && strbuf_read_file(&sb, path) >= 0 &&
	    !regcomp(&re, pat, REG_EXTENDED | REG_NOSUB)) {
		found = !regexec(&re, sb.buf ? sb.buf : "", 0, NULL, 0);
		regfree(&re);
	}
	strbuf_release(&sb);
	free(path);
	free(pat);
	return found;
}

/*
 * The file that defines s, relative to the tree.  pahole's decl_file is
 * relative to the directory the object was compiled in, which may be the
 * tree or any directory of a PATH, or absolute; failing those, the first
 * analysed file that defines it (a struct private to a .c file).
 */
static char *find_header(const struct source_opts *src, const struct bs_struct *s,
			 const struct opt_list *files)
{
	char treeabs[PATH_MAX];
	char *decl, *found = NULL;

	if (s->decl_file && realpath(src->tree, treeabs)) {
		decl = normalize_path(s->decl_file);
		if (decl[0] == '/') {
			size_t n = strlen(treeabs);

			if (!strncmp(decl, treeabs, n) && decl[n] == '/')
				found = xstrdup(decl + n + 1);
		} else {
			for (int i = -1; !found && i < src->paths.nr; i++) {
				char *dir = xstrdup(i < 0 ? "." : src->paths.v[i]);

				/* Each directory from the PATH up to the tree. */
				while (!found) {
					char *slash = strrchr(dir, '/');
					char *cand = xstrfmt("%s/%s", dir, decl);
					char *norm = normalize_path(cand);

					free(cand);
					if (defines_struct(src->tree, norm, s->name))
						found = norm;
					else
						free(norm);
					if (!slash)
						break;
					*slash = '\0';
				}
				if (!found && strcmp(dir, ".") &&
				    defines_struct(src->tree, decl, s->name))
					found = xstrdup(decl);
				free(dir);
			}
		}
		free(decl);
	}
	for (int i = 0; !found && i < files->nr; i++)
		if (defines_struct(src->tree, files->v[i], s->name))
			found = xstrdup(files->v[i]);
	return found;
}

/*
 * Headers for the structs find_header() could not place (a layout from
 * BTF has no decl_file; a kernel header is not below the PATHs): one
 * grep over the tree's include/ and the PATHs for their definitions.
 */
static void grep_headers(const struct source_opts *src, struct candidate *cands,
			 int nr)
{
	struct opt_list argv = { 0 }, found = { 0 };
	struct strbuf re = STRBUF_INIT, out = STRBUF_INIT, err = STRBUF_INIT;
	struct child cmd = { 0 };
	char *inc = xstrfmt("%s/include", src->tree), *pat = NULL;
	int rc;

	for (int i = 0; i < nr; i++)
		if (!cands[i].header)
			strbuf_addf(&re, "%s%s", re.len ? "|" : "", cands[i].name);
	if (!re.len)
		goto out;
	pat = xstrfmt("struct[[:space:]]+(%s)[[:space:]]*\\{", re.buf);
	opt_list_append(&argv, "grep");
	opt_list_append(&argv, "-rlE");
	opt_list_append(&argv, "--include=*.h");
	opt_list_append(&argv, "-e");
	opt_list_append(&argv, pat);
	opt_list_append(&argv, "--");
	if (is_dir(inc))
		opt_list_append(&argv, "include");
	for (int i = 0; i < src->paths.nr; i++)
		opt_list_append(&argv, src->paths.v[i]);
	if (!src->paths.nr)
		opt_list_append(&argv, ".");
	cmd.argv = argv.v;
	cmd.dir = src->tree;
	cmd.out = &out;
	cmd.err = &err;
	rc = run_command(&cmd);
	if (rc != 0 && rc != 1)
		die("grep failed (exit %d): %s", rc, err.buf ? err.buf : "");
	for (char *l = out.buf, *nl; l && *l; l = nl + 1) {
		nl = strchr(l, '\n');
		if (!nl)
			break;
		*nl = '\0';
		opt_list_append(&found, l);
	}
	/* grep -r lists in directory order: sort, so a run is repeatable. */
	if (found.nr)
		qsort(found.v, found.nr, sizeof(*found.v), cmp_str);
	for (int k = 0; k < found.nr; k++)
		for (int i = 0; i < nr; i++)
			if (!cands[i].header &&
			    defines_struct(src->tree, found.v[k], cands[i].name))
				cands[i].header = normalize_path(found.v[k]);
out:
	free(found.v);
	free(pat);
	free(argv.v);
	free(inc);
	strbuf_release(&re);
	strbuf_release(&out);
	strbuf_release(&err);
}

/* Every file named *suffix below rel (such a file or a directory), in name order. */
static void find_sources(const char *tree, const char *rel, const char *suffix,
			 struct opt_list *out)
{
	char *full = xstrfmt("%s/%s", tree, rel);
	struct opt_list names = { 0 };
	struct dirent *de;
	DIR *d;

	if (!is_dir(full)) {
		if (ends_with(rel, suffix))
			opt_list_append(out, normalize_path(rel));
		else
			warning("%s: not a %s file or a directory; ignored", rel, suffix);
		free(full);
		return;
	}
	d = opendir(full);
	if (!d)
		die("%s: %s", full, strerror(errno));
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			opt_list_append(&names, xstrdup(de->d_name));
	closedir(d);
	if (names.nr)
		qsort(names.v, names.nr, sizeof(*names.v), cmp_str);
	for (int i = 0; i < names.nr; i++) {
		char *sub = xstrfmt("%s/%s", rel, names.v[i]);
		char *subfull = xstrfmt("%s/%s", tree, sub);

		if (is_dir(subfull) || ends_with(sub, suffix))
			find_sources(tree, sub, suffix, out);
		free(sub);
		free(subfull);
		free((char *)names.v[i]);
	}
	free(names.v);
	free(full);
}

/*
 * Names of the functions the files define, one a line, for facts.cocci:
 * the lock analysis of a call is only worth its cost when the callee is
 * ours.  Kernel style puts a definition's name at the start of a line or
 * after its type there, never after an indent; a superset is harmless.
 */
static void defined_functions(const char *tree, const struct opt_list *files,
			      struct strbuf *out)
{
	struct opt_list names = { 0 };
	regex_t re;

	if (regcomp(&re, "^([A-Za-z_][A-Za-z0-9_ \t*]*[ \t*])?([A-Za-z_][A-Za-z0-9_]*)\\(",
		    REG_EXTENDED))
		die("cannot compile the function definition pattern");
	for (int i = 0; i < files->nr; i++) {
		struct strbuf sb = STRBUF_INIT;
		char *path = xstrfmt("%s/%s", tree, files->v[i]);

		if (strbuf_read_file(&sb, path) < 0)
			die("cannot read %s: %s", path, strerror(errno));
		for (char *l = sb.buf, *nl; l && *l; l = nl + 1) {
			regmatch_t m[3];
			size_t len;

			nl = strchr(l, '\n');
			if (nl)
				*nl = '\0';
			len = strlen(l);
			if (len && l[len - 1] != ';' && !regexec(&re, l, 3, m, 0))
				opt_list_append(&names, xstrndup(l + m[2].rm_so,
							m[2].rm_eo - m[2].rm_so));
			if (!nl)
				break;
		}
		strbuf_release(&sb);
		free(path);
	}
	regfree(&re);
	if (names.nr)
		qsort(names.v, names.nr, sizeof(*names.v), cmp_str);
	for (int i = 0; i < names.nr; i++) {
		if (!i || strcmp(names.v[i], names.v[i - 1]))
			strbuf_addf(out, "%s\n", names.v[i]);
	}
	for (int i = 0; i < names.nr; i++)
		free((char *)names.v[i]);
	free(names.v);
}

/* Keep only the files that name a candidate field: grep -l -w -F. */
static void prefilter(const char *tree, const struct opt_list *fields,
		      const struct opt_list *files, struct opt_list *keep)
{
	for (int at = 0; at < files->nr; at += GREP_BATCH) {
		struct opt_list argv = { 0 };
		struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
		struct child cmd = { 0 };
		int rc;

		opt_list_append(&argv, "grep");
		opt_list_append(&argv, "-l");
		opt_list_append(&argv, "-w");
		opt_list_append(&argv, "-F");
		for (int i = 0; i < fields->nr; i++) {
			opt_list_append(&argv, "-e");
			opt_list_append(&argv, fields->v[i]);
		}
		opt_list_append(&argv, "--");
		for (int i = at; i < files->nr && i < at + GREP_BATCH; i++)
			opt_list_append(&argv, files->v[i]);
		cmd.argv = argv.v;
		cmd.dir = tree;
		cmd.out = &out;
		cmd.err = &err;
		rc = run_command(&cmd);
		if (rc != 0 && rc != 1)
			die("grep failed (exit %d): %s", rc, err.buf ? err.buf : "");
		for (char *s = out.buf, *nl; s && *s; s = nl + 1) {
			nl = strchr(s, '\n');
			if (!nl)
				break;
			*nl = '\0';
			opt_list_append(keep, xstrdup(s));
		}
		strbuf_release(&out);
		strbuf_release(&err);
		free(argv.v);
	}
}

static bool one_of(const char *s, const char *const *set, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(s, set[i]))
			return true;
	return false;
}

/*
 * Check a vocabulary file before spatch reads it: a typo there would
 * otherwise drop a lock or a root without a word.
 */
static int check_vocabulary(const char *path)
{
	static const char *const modes[] = { "w", "r" };
	static const char *const phases[] = { "setup", "teardown", "runtime" };
	struct strbuf sb = STRBUF_INIT;
	unsigned int lineno = 0;
	int ret = 0;

	if (strbuf_read_file(&sb, path) < 0)
		return error("%s: %s", path, strerror(errno));
	for (char *l = sb.buf, *nl; !ret && l && *l; l = nl + 1) {
		char *w[6] = { NULL }, *save = NULL;
		const char *want = NULL;
		int n = 0;

		nl = strchr(l, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		for (char *t = strtok_r(l, " \t", &save); t && n < 6;
		     t = strtok_r(NULL, " \t", &save))
			w[n++] = t;
		if (!n || w[0][0] == '#') {
			if (!nl)
				break;
			continue;
		}
		if (!strcmp(w[0], "lock") || !strcmp(w[0], "trylock") ||
		    !strcmp(w[0], "trylock0") || !strcmp(w[0], "unlock") ||
		    !strcmp(w[0], "assert")) {
			if (n < 3 || n > 4 || !one_of(w[2], modes, ARRAY_SIZE(modes)))
				want = "NAME MODE [ID] after the action, MODE w or r";
		} else if (!strcmp(w[0], "guard")) {
			if (n != 3 || !one_of(w[2], modes, ARRAY_SIZE(modes)))
				want = "CLASS MODE after 'guard', MODE w or r";
		} else if (!strcmp(w[0], "type")) {
			if (n < 2)
				want = "a TYPE after 'type'";
		} else if (!strcmp(w[0], "op") || !strcmp(w[0], "attr") ||
			   !strcmp(w[0], "initcall") || !strcmp(w[0], "func")) {
			if (n != 3 || !one_of(w[2], phases, ARRAY_SIZE(phases)))
				want = "NAME PHASE, PHASE setup, teardown or runtime";
		} else if (!strcmp(w[0], "arg")) {
			if (n != 5 || strspn(w[2], "0123456789") != strlen(w[2]) ||
			    !one_of(w[3], phases, ARRAY_SIZE(phases)))
				want = "FUNC INDEX PHASE KIND after 'arg'";
		} else {
			want = "an action: lock, trylock, trylock0, unlock, assert, "
			       "guard, type, op, arg, attr, initcall or func";
		}
		if (want) {
			fprintf(stderr, "%s:%u: error: expected %s\n", path, lineno, want);
			ret = -1;
		}
		if (!nl)
			break;
	}
	strbuf_release(&sb);
	return ret;
}

static void write_or_die(const char *path, const struct strbuf *sb)
{
	if (write_file_atomic(path, sb->buf ? sb->buf : "", sb->len) < 0)
		die("cannot write %s: %s", path, strerror(errno));
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	return remove(path);
}

/* An analysed file spatch named in a message, or NULL. */
static const char *file_in(const char *line, const struct opt_list *files)
{
	for (int i = 0; i < files->nr; i++)
		if (strstr(line, files->v[i]))
			return files->v[i];
	return NULL;
}

/*
 * With --parse-error-msg --verbose-parsing spatch says
 * ' = File "F", line N, column C, ...' (or, in some paths, ' = error in F;')
 * for each function or declaration it gave up on, and "timeout" when a
 * file ran out of time: both mean writes there may be missing.  One
 * warning and one skip fact per line of a file.
 */
static int collect_skips(const char *err, const struct opt_list *files,
			 int timeout, struct strbuf *tsv)
{
	struct strbuf seen = STRBUF_INIT;
	char *copy = xstrdup(err), *save = NULL;
	int nr = 0;

	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char file[PATH_MAX], *norm, *key;
		unsigned int line = 0;
		const char *f;

		if (sscanf(l, " = File \"%4095[^\"]\", line %u", file, &line) == 2 ||
		    sscanf(l, " = error in %4095[^;];", file) == 1) {
			norm = normalize_path(file);
			key = xstrfmt("\n%s:%u\n", norm, line);
			if (!seen.buf || !strstr(seen.buf, key)) {
				strbuf_addstr(&seen, key);
				fprintf(stderr, "%s:%u: warning: not analysed: parse error; "
					"spatch skips the enclosing function or declaration\n",
					norm, line);
				strbuf_addf(tsv, "skip\t%s\t%u\tnot analysed\tparse error\n",
					    norm, line);
				nr++;
			}
			free(key);
			free(norm);
		} else if (strcasestr(l, "timeout") && (f = file_in(l, files))) {
			fprintf(stderr, "%s: warning: not analysed: spatch timed out "
				"after %d s\n", f, timeout);
			strbuf_addf(tsv, "skip\t%s\t0\tnot analysed\ttimeout after %d s\n",
				    f, timeout);
			nr++;
		}
	}
	strbuf_release(&seen);
	free(copy);
	return nr;
}

static void add_candidates(const struct source_opts *src, const struct bs_layout *l,
			   const struct opt_list *files, struct candidate **cands,
			   int *nr, struct opt_list *fields)
{
	int alloc = 0;

	for (int i = 0; i < l->nr_structs; i++) {
		const struct bs_struct *s = &l->structs[i];
		struct candidate *c = NULL;

		for (int k = 0; k < s->nr_locations; k++) {
			const struct bs_location *loc = &s->locations[k];

			if (loc->nr_fields < 2)
				continue;
			if (!c) {
				ALLOC_GROW(*cands, *nr + 1, alloc);
				c = &(*cands)[(*nr)++];
				c->name = s->name;
				c->header = find_header(src, s, files);
				c->fields = (struct strbuf)STRBUF_INIT;
			}
			for (int m = 0; m < loc->nr_fields; m++) {
				const char *name = s->members[loc->fields[m]].name;
				bool seen = false;

				if (!name)
					continue;
				if (c->fields.len)
					strbuf_addch(&c->fields, ',');
				strbuf_addstr(&c->fields, name);
				for (int f = 0; f < fields->nr && !seen; f++)
					seen = !strcmp(fields->v[f], name);
				if (!seen)
					opt_list_append(fields, name);
			}
		}
	}
}

int facts_run(const struct source_opts *src, const struct bs_layout *l,
	      const struct facts_run_opts *o, struct facts *f)
{
	struct opt_list all = { 0 }, files = { 0 }, fields = { 0 }, argv = { 0 };
	struct opt_list headers = { 0 };
	struct candidate *cands = NULL;
	int nr_cands = 0, nr_skips = 0, rc, ret = 0;
	struct strbuf sb = STRBUF_INIT, data = STRBUF_INIT, err = STRBUF_INIT;
	struct strbuf out = STRBUF_INIT, skips = STRBUF_INIT;
	char tmpl[PATH_MAX], *p_cands, *p_groups, *p_out, *p_tmp, *p_funcs;
	char *d_cands, *d_data, *d_out, *d_funcs;
	char *cocci = datadir_path("facts.cocci"), *macros = datadir_path("kernel-macros.h");
	char jobs[16], timeout[16];
	struct child cmd = { 0 };
	const char *tmpdir = getenv("TMPDIR");

	for (int i = 0; i < src->paths.nr; i++)
		find_sources(src->tree, src->paths.v[i], ".c", &all);
	if (!src->paths.nr)
		find_sources(src->tree, ".", ".c", &all);
	add_candidates(src, l, &all, &cands, &nr_cands, &fields);
	grep_headers(src, cands, nr_cands);
	if (fields.nr)
		prefilter(src->tree, &fields, &all, &files);

	for (size_t i = 0; i < ARRAY_SIZE(presets); i++) {
		char *path = datadir_path(presets[i]);

		if (check_vocabulary(path) < 0)
			ret = -1;
		strbuf_addf(&data, "%s%s", data.len ? ":" : "", path);
		free(path);
	}
	for (int i = 0; o->data && o->data[i]; i++) {
		char abs[PATH_MAX];

		if (!realpath(o->data[i], abs))
			die("%s: %s", o->data[i], strerror(errno));
		if (strchr(abs, ':'))
			die("%s: a vocabulary path may not contain ':'", abs);
		if (check_vocabulary(o->data[i]) < 0)
			ret = -1;
		strbuf_addf(&data, ":%s", abs);
	}
	if (ret)
		goto done;
	if (!o->quiet)
		fprintf(stderr, "bitsplit facts: %d candidate structs, %d of %d files "
			"name a candidate field\n", nr_cands, files.nr, all.nr);
	if (!files.nr)
		goto done;

	snprintf(tmpl, sizeof(tmpl), "%s/bitsplit-facts.XXXXXX",
		 tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(tmpl))
		die("cannot create a temporary directory %s: %s", tmpl, strerror(errno));
	p_cands = xstrfmt("%s/candidates.tsv", tmpl);
	p_groups = xstrfmt("%s/groups", tmpl);
	p_out = xstrfmt("%s/facts.tsv", tmpl);
	p_tmp = xstrfmt("%s/spatch", tmpl);
	p_funcs = xstrfmt("%s/functions.txt", tmpl);

	for (int i = 0; i < nr_cands; i++)
		strbuf_addf(&sb, "%s\t%s\t%s\n", cands[i].name,
			    cands[i].header ? cands[i].header : "-", cands[i].fields.buf);
	write_or_die(p_cands, &sb);
	strbuf_reset(&sb);
	/* One group per file: files of one group share bindings in spatch. */
	for (int i = 0; i < files.nr; i++)
		strbuf_addf(&sb, "%s\n\n", files.v[i]);
	write_or_die(p_groups, &sb);
	strbuf_reset(&sb);
	/* Callees worth a lock analysis: defined in the files or their headers. */
	for (int i = 0; i < src->paths.nr || (!i && !src->paths.nr); i++) {
		const char *path = src->paths.nr ? src->paths.v[i] : ".";
		char *full = xstrfmt("%s/%s", src->tree, path);
		const char *slash = strrchr(path, '/');
		char *dir = is_dir(full) ? xstrdup(path) :
			    slash ? xstrndup(path, slash - path) : xstrdup(".");

		find_sources(src->tree, dir, ".h", &headers);
		free(dir);
		free(full);
	}
	defined_functions(src->tree, &files, &sb);
	defined_functions(src->tree, &headers, &sb);
	write_or_die(p_funcs, &sb);


	snprintf(jobs, sizeof(jobs), "%d", o->jobs > 0 ? o->jobs :
		 (int)sysconf(_SC_NPROCESSORS_ONLN));
	snprintf(timeout, sizeof(timeout), "%d", o->timeout > 0 ? o->timeout : 120);
	opt_list_append(&argv, "spatch");
	opt_list_append(&argv, "--quiet");
	opt_list_append(&argv, "--parse-error-msg");
	opt_list_append(&argv, "--verbose-parsing");
	opt_list_append(&argv, "--macro-file");
	opt_list_append(&argv, macros);
	for (int i = 0; i < nr_cands; i++) {
		if (!cands[i].header || !ends_with(cands[i].header, ".h"))
			continue;
		opt_list_append(&argv, "--include");
		opt_list_append(&argv, cands[i].header);
	}
	opt_list_append(&argv, "-D");
	opt_list_append(&argv, d_cands = xstrfmt("bitsplit_cands=%s", p_cands));
	opt_list_append(&argv, "-D");
	opt_list_append(&argv, d_data = xstrfmt("bitsplit_data=%s", data.buf));
	opt_list_append(&argv, "-D");
	opt_list_append(&argv, d_out = xstrfmt("bitsplit_out=%s", p_out));
	opt_list_append(&argv, "-D");
	opt_list_append(&argv, d_funcs = xstrfmt("bitsplit_funcs=%s", p_funcs));
	opt_list_append(&argv, "--jobs");
	opt_list_append(&argv, jobs);
	opt_list_append(&argv, "--chunksize");
	opt_list_append(&argv, "1");
	opt_list_append(&argv, "--timeout");
	opt_list_append(&argv, timeout);
	opt_list_append(&argv, "--tmp-dir");
	opt_list_append(&argv, p_tmp);
	opt_list_append(&argv, "--file-groups");
	opt_list_append(&argv, p_groups);
	opt_list_append(&argv, "--sp-file");
	opt_list_append(&argv, cocci);

	cmd.argv = argv.v;
	cmd.dir = src->tree;
	cmd.out = &out;
	cmd.err = &err;
	rc = run_command(&cmd);
	if (rc) {
		ret = error("spatch failed (exit %d):\n%s", rc, err.buf ? err.buf : "");
	} else if (strbuf_reset(&sb), strbuf_read_file(&sb, p_out) < 0) {
		ret = error("spatch wrote no facts (%s: %s):\n%s", p_out,
			    strerror(errno), err.buf ? err.buf : "");
	} else {
		nr_skips = collect_skips(err.buf ? err.buf : "", &files,
					 o->timeout > 0 ? o->timeout : 120, &skips);
		strbuf_addstr(&sb, skips.buf ? skips.buf : "");
		if (facts_parse(f, sb.buf ? sb.buf : "", "spatch output") < 0)
			ret = -1;
	}
	if (!ret && !o->quiet) {
		int writes = 0, untyped = 0;

		for (int i = 0; i < f->nr; i++)
			if (f->v[i].kind == FACT_WRITE) {
				writes++;
				untyped += !f->v[i].typed;
			}
		fprintf(stderr, "bitsplit facts: %d writes (%d untyped), "
			"%d not analysed\n", writes, untyped, nr_skips);
	}
	nftw(tmpl, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(d_cands);
	free(d_data);
	free(d_out);
	free(d_funcs);
	free(argv.v);
	free(p_cands);
	free(p_groups);
	free(p_out);
	free(p_tmp);
	free(p_funcs);
done:
	facts_sort(f);
	for (int i = 0; i < nr_cands; i++) {
		free(cands[i].header);
		strbuf_release(&cands[i].fields);
	}
	free(cands);
	for (int i = 0; i < all.nr; i++)
		free((char *)all.v[i]);
	for (int i = 0; i < files.nr; i++)
		free((char *)files.v[i]);
	for (int i = 0; i < headers.nr; i++)
		free((char *)headers.v[i]);
	free(headers.v);
	free(all.v);
	free(files.v);
	free(fields.v);
	free(cocci);
	free(macros);
	strbuf_release(&sb);
	strbuf_release(&data);
	strbuf_release(&err);
	strbuf_release(&out);
	strbuf_release(&skips);
	return ret;
}
