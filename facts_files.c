// SPDX-License-Identifier: GPL-2.0
/*
 * The files of a "bitsplit facts" run (facts_files.h): found under the
 * tree, narrowed with grep, and the headers that define the candidate
 * structs, so that spatch parses what can hold a write and no more.
 */
#include "facts_files.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "layout.h"
#include "run_command.h"
#include "source.h"
#include "tree_files.h"
#include "util.h"

/* Files handed to one grep: well below any ARG_MAX. */
#define GREP_BATCH 512

static bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

/* "a/./b/../c" -> "a/c": decl_file paths are as the compiler saw them. */
char *path_normalize(const char *path)
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
char *find_struct_header(const struct source_opts *src, const struct bs_struct *s,
			const struct opt_list *files)
{
	char treeabs[PATH_MAX];
	char *decl, *found = NULL;

	if (s->decl_file && realpath(src->tree, treeabs)) {
		decl = path_normalize(s->decl_file);
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
					char *norm = path_normalize(cand);

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
void grep_struct_headers(const struct source_opts *src, int nr,
			 const char *const *names, char **headers)
{
	struct opt_list argv = { 0 }, found = { 0 };
	struct strbuf re = STRBUF_INIT, out = STRBUF_INIT, err = STRBUF_INIT;
	struct child cmd = { 0 };
	char *inc = xstrfmt("%s/include", src->tree), *pat = NULL;
	int rc;

	for (int i = 0; i < nr; i++)
		if (!headers[i])
			strbuf_addf(&re, "%s%s", re.len ? "|" : "", names[i]);
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
		qsort(found.v, found.nr, sizeof(*found.v), cmp_strp);
	for (int k = 0; k < found.nr; k++)
		for (int i = 0; i < nr; i++)
			if (!headers[i] && defines_struct(src->tree, found.v[k], names[i]))
				headers[i] = path_normalize(found.v[k]);
out:
	free(found.v);
	free(pat);
	free(argv.v);
	free(inc);
	strbuf_release(&re);
	strbuf_release(&out);
	strbuf_release(&err);
}

struct suffixed {
	const char *suffix;
	struct opt_list *out;
};

static void add_suffixed(const char *rel, void *data)
{
	struct suffixed *sf = data;

	if (ends_with(rel, sf->suffix))
		opt_list_append(sf->out, path_normalize(rel));
}

/* Every file named *suffix below rel (such a file or a directory), in name order. */
void find_sources(const char *tree, const char *rel, const char *suffix,
			 struct opt_list *out)
{
	char *full = xstrfmt("%s/%s", tree, rel);
	struct suffixed sf = { suffix, out };

	if (!is_dir(full) && !ends_with(rel, suffix))
		warning("%s: not a %s file or a directory; ignored", rel, suffix);
	else
		tree_walk(tree, rel, 0, add_suffixed, &sf);
	free(full);
}

/* Append the names to out sorted, one a line, once each; and free them. */
static void print_names(struct opt_list *names, struct strbuf *out)
{
	if (names->nr)
		qsort(names->v, names->nr, sizeof(*names->v), cmp_strp);
	for (int i = 0; i < names->nr; i++)
		if (!i || strcmp(names->v[i], names->v[i - 1]))
			strbuf_addf(out, "%s\n", names->v[i]);
	for (int i = 0; i < names->nr; i++)
		free((char *)names->v[i]);
	free(names->v);
}

/*
 * Names of the functions the files define, one a line, for facts.cocci:
 * the lock analysis of a call is only worth its cost when the callee is
 * ours.  Kernel style puts a definition's name at the start of a line or
 * after its type there, never after an indent; a superset is harmless.
 */
void defined_functions(const char *tree, const struct opt_list *files,
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
		if (check_text(sb.buf, sb.len, path))
			exit(2);
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
	print_names(&names, out);
}

/*
 * Keep only the files that name a candidate field, with grep -o -w -F -H:
 * one pass gives both the files and which fields they name, so that
 * spatch is only told to --include the headers of structs that may be
 * written at all.
 */
void prefilter_files(const char *tree, const struct opt_list *fields,
		     const struct opt_list *files, struct opt_list *keep,
		     struct opt_list *named)
{
	struct opt_list words = { 0 };

	for (int at = 0; at < files->nr; at += GREP_BATCH) {
		struct opt_list argv = { 0 };
		struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
		struct child cmd = { 0 };
		int rc;

		opt_list_append(&argv, "grep");
		opt_list_append(&argv, "-o");
		opt_list_append(&argv, "-w");
		opt_list_append(&argv, "-F");
		opt_list_append(&argv, "-H");
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
		for (char *l = out.buf, *nl, *colon; l && *l; l = nl + 1) {
			nl = strchr(l, '\n');
			if (!nl)
				break;
			*nl = '\0';
			colon = strrchr(l, ':');
			if (!colon)
				continue;
			*colon = '\0';
			if (!keep->nr || strcmp(keep->v[keep->nr - 1], l))
				opt_list_append(keep, xstrdup(l));
			opt_list_append(&words, colon + 1);
		}
		if (words.nr)
			qsort(words.v, words.nr, sizeof(*words.v), cmp_strp);
		for (int i = 0; i < words.nr; i++)
			if (!i || strcmp(words.v[i], words.v[i - 1]))
				opt_list_append(named, xstrdup(words.v[i]));
		words.nr = 0;
		strbuf_release(&out);
		strbuf_release(&err);
		free(argv.v);
	}
	free(words.v);
}

void find_path_headers(const struct source_opts *src, struct opt_list *out)
{
	for (int i = 0; i < src->paths.nr || (!i && !src->paths.nr); i++) {
		const char *path = src->paths.nr ? src->paths.v[i] : ".";
		char *full = xstrfmt("%s/%s", src->tree, path);
		const char *slash = strrchr(path, '/');
		char *dir = is_dir(full) ? xstrdup(path) :
			    slash ? xstrndup(path, slash - path) : xstrdup(".");

		find_sources(src->tree, dir, ".h", out);
		free(dir);
		free(full);
	}
}

/*
 * The headers spatch parses along with each file: by default it follows
 * the #include "..." of a .c file that exist beside it, and no include of
 * a header.  A header is a file of its own to spatch, so its name is
 * normalized ("d/../x.h" -> "x.h") as spatch does.
 */
void local_includes(const char *tree, const struct opt_list *files, struct opt_list *out)
{
	regex_t re;

	if (regcomp(&re, "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\"", REG_EXTENDED))
		die("cannot compile the include pattern");
	for (int i = 0; i < files->nr; i++) {
		struct strbuf sb = STRBUF_INIT;
		char *path = xstrfmt("%s/%s", tree, files->v[i]);
		const char *slash = strrchr(files->v[i], '/');
		char *dir = slash ? xstrndup(files->v[i], slash - files->v[i]) : xstrdup(".");

		if (ends_with(files->v[i], ".c") && strbuf_read_file(&sb, path) >= 0) {
			for (char *l = sb.buf, *nl; l && *l; l = nl + 1) {
				regmatch_t m[2];

				nl = strchr(l, '\n');
				if (nl)
					*nl = '\0';
				if (!regexec(&re, l, 2, m, 0)) {
					char *rel = xstrfmt("%s/%.*s", dir, (int)(m[1].rm_eo - m[1].rm_so),
							    l + m[1].rm_so);
					char *norm = path_normalize(rel), *full = xstrfmt("%s/%s", tree, norm);

					if (is_file(full))
						opt_list_append(out, norm);
					else
						free(norm);
					free(full);
					free(rel);
				}
				if (!nl)
					break;
			}
		}
		strbuf_release(&sb);
		free(dir);
		free(path);
	}
	regfree(&re);
}

/* The index of s[0..n) among the sorted words, or -1. */
static int find_word(const struct opt_list *sorted, const char *s, size_t n)
{
	int lo = 0, hi = sorted->nr - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2, c = strncmp(s, sorted->v[mid], n);

		if (!c && sorted->v[mid][n])
			c = -1;
		if (!c)
			return mid;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

bool names_words(const char *text, const struct opt_list *sorted, bool *hit)
{
	bool any = false;

	for (const char *p = text; *p;) {
		const char *start;
		int k;

		if (!is_ident_char((unsigned char)*p)) {
			p++;
			continue;
		}
		for (start = p; is_ident_char((unsigned char)*p); p++)
			;
		if (isdigit((unsigned char)*start) || (k = find_word(sorted, start, p - start)) < 0)
			continue;
		any = true;
		if (!hit)
			return true;
		hit[k] = true;
	}
	return any;
}

/*
 * Call fn for each function-like macro the files #define: its name, and
 * its parameters and body (the definition runs on while a line ends in a
 * backslash).
 */
static void each_define(const char *tree, const struct opt_list *files,
			void (*fn)(const char *name, const char *body, void *data), void *data)
{
	regex_t re;

	if (regcomp(&re, "^[ \t]*#[ \t]*define[ \t]+([A-Za-z_][A-Za-z0-9_]*)\\(", REG_EXTENDED))
		die("cannot compile the define pattern");
	for (int i = 0; i < files->nr; i++) {
		struct strbuf sb = STRBUF_INIT;
		char *path = xstrfmt("%s/%s", tree, files->v[i]);

		if (strbuf_read_file(&sb, path) < 0)
			die("cannot read %s: %s", path, strerror(errno));
		for (char *l = sb.buf, *nl; l && *l; l = nl + 1) {
			regmatch_t m[2];
			char *end, *name, save;

			nl = strchr(l, '\n');
			if (regexec(&re, l, 2, m, 0)) {
				if (!nl)
					break;
				continue;
			}
			while (nl && nl > l && nl[-1] == '\\')
				nl = strchr(nl + 1, '\n');
			end = nl ? nl : l + strlen(l);
			save = *end;
			*end = '\0';
			name = xstrndup(l + m[1].rm_so, m[1].rm_eo - m[1].rm_so);
			fn(name, l + m[1].rm_eo, data);
			free(name);
			*end = save;
			if (!nl)
				break;
		}
		strbuf_release(&sb);
		free(path);
	}
	regfree(&re);
}

struct macro_scan {
	const struct opt_list *sorted;	/* fields, or the functions of the file set */
	struct opt_list names;
};

static void field_macro(const char *name, const char *body, void *data)
{
	struct macro_scan *ms = data;

	if (names_words(body, ms->sorted, NULL))
		opt_list_append(&ms->names, xstrdup(name));
}

/*
 * The function-like macros the files #define whose definition names one
 * of fields, one a line: what may be a writer macro, which facts.cocci
 * learns where it is defined and must recognise where it is used.
 */
void field_macros(const char *tree, const struct opt_list *files,
		  const struct opt_list *fields, struct strbuf *out)
{
	struct opt_list sorted = { 0 };
	struct macro_scan ms = { &sorted, { 0 } };

	for (int i = 0; i < fields->nr; i++)
		opt_list_append(&sorted, fields->v[i]);
	if (sorted.nr)
		qsort(sorted.v, sorted.nr, sizeof(*sorted.v), cmp_strp);
	each_define(tree, files, field_macro, &ms);
	print_names(&ms.names, out);
	free(sorted.v);
}

static void call_macro(const char *name, const char *body, void *data)
{
	struct macro_scan *ms = data;

	for (const char *p = body; *p; p++) {
		const char *start = p;
		const char *q;
		int k;

		if (!is_ident_char((unsigned char)*p) || (p > body && is_ident_char((unsigned char)p[-1])))
			continue;
		while (is_ident_char((unsigned char)p[1]))
			p++;
		for (q = p + 1; *q == ' ' || *q == '\t'; q++)
			;
		if (*q == '(' && strncmp(start, name, p + 1 - start) &&
		    (k = find_word(ms->sorted, start, p + 1 - start)) >= 0)
			opt_list_append(&ms->names, xstrfmt("%s\t%s", name, ms->sorted->v[k]));
	}
}

void call_macros(const char *tree, const struct opt_list *files, const char *funcs,
		 struct strbuf *out)
{
	struct opt_list sorted = { 0 };
	struct macro_scan ms = { &sorted, { 0 } };
	char *copy = xstrdup(funcs), *save = NULL;

	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		opt_list_append(&sorted, l);
	if (sorted.nr)
		qsort(sorted.v, sorted.nr, sizeof(*sorted.v), cmp_strp);
	each_define(tree, files, call_macro, &ms);
	print_names(&ms.names, out);
	free(sorted.v);
	free(copy);
}
