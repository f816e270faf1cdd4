// SPDX-License-Identifier: GPL-2.0
#include "verify.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compile_db.h"
#include "diff.h"
#include "facts_files.h"
#include "layout.h"
#include "plan.h"
#include "run_command.h"
#include "struct_edit.h"
#include "tree_apply.h"
#include "tree_files.h"
#include "util.h"

/* Read STRUCT.plan, as plan_write() prints it. */
static int read_plan(const char *path, struct plan_file *pf)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (strbuf_read_file(&sb, path) < 0)
		ret = error("cannot read the plan %s: %s", path, strerror(errno));
	else
		ret = plan_read(pf, sb.buf, sb.len, path);
	strbuf_release(&sb);
	return ret;
}

static int run(const char **argv, const char *dir, struct strbuf *log)
{
	struct strbuf out = STRBUF_INIT;
	struct child c = { .argv = argv, .dir = dir, .out = &out, .err = &out };
	int rc = run_command(&c);

	if (rc) {
		strbuf_addf(log, "$");
		for (const char **a = argv; *a; a++)
			strbuf_addf(log, " %s", *a);
		strbuf_addf(log, "\n%s", out.buf ? out.buf : "");
	}
	strbuf_release(&out);
	return rc;
}

static char *map_path(const char *arg, const char *from, const char *to)
{
	size_t n = strlen(from);

	if (!strncmp(arg, from, n) && (arg[n] == '/' || !arg[n]))
		return xstrfmt("%s%s", to, arg + n);
	return NULL;
}

static int mkdirs_for(const char *file)
{
	char *dir = xstrdup(file), *slash = strrchr(dir, '/');
	const char *argv[] = { "mkdir", "-p", dir, NULL };
	struct strbuf log = STRBUF_INIT;
	int rc = 0;

	if (slash) {
		*slash = '\0';
		rc = run(argv, NULL, &log);
	}
	strbuf_release(&log);
	free(dir);
	return rc;
}

struct scratch {
	char *root, *tree, *build;
	char tree_real[PATH_MAX], build_real[PATH_MAX];
};

/* Options that write next to the output: the dependency files. */
static int dropped_args(const char *arg)
{
	if (starts_with(arg, "-Wp,-MMD,") || starts_with(arg, "-Wp,-MD,") ||
	    !strcmp(arg, "-MD") || !strcmp(arg, "-MMD"))
		return 1;
	if (!strcmp(arg, "-MF") || !strcmp(arg, "-MT") || !strcmp(arg, "-MQ"))
		return 2;
	return 0;
}

/* A path as recorded (absolute, or relative to dir), relative to the tree. */
static char *in_tree(const struct scratch *sc, const char *dir, const char *path)
{
	char *abs = path[0] == '/' ? xstrdup(path) : xstrfmt("%s/%s", dir, path);
	char real[PATH_MAX], *rel = map_path(realpath(abs, real) ? real : abs,
					     sc->tree_real, "");

	free(abs);
	return rel;
}

/*
 * Does this object need rebuilding?  With kbuild's list of the files it
 * read, when it read a patched one; without, when its source is patched
 * or sits in the directory of a patched file.
 */
static bool wanted(const struct scratch *sc, const struct compile_entry *e,
		   const char *src_rel, const struct opt_list *files)
{
	/* kbuild records thousands of these: compare text, no realpath() */
	for (int d = 0; d < e->deps.nr; d++) {
		const char *dep = e->deps.v[d];
		char *abs = dep[0] == '/' ? NULL : xstrfmt("%s/%s", e->directory, dep);
		char *rel = map_path(abs ? abs : dep, sc->tree_real, "");
		bool hit = false;

		free(abs);
		for (int f = 0; rel && f < files->nr && !hit; f++)
			hit = !strcmp(rel + 1, files->v[f]);
		free(rel);
		if (hit)
			return true;
	}
	for (int f = 0; src_rel && f < files->nr; f++) {
		const char *slash = strrchr(files->v[f], '/'), *rs = strrchr(src_rel, '/');
		size_t n = slash ? (size_t)(slash - files->v[f]) : 0;
		size_t rn = rs ? (size_t)(rs - src_rel) : 0;

		if (!strcmp(src_rel, files->v[f]) ||
		    (!e->deps.nr && n == rn && !strncmp(src_rel, files->v[f], n)))
			return true;
	}
	return false;
}

/*
 * Replay one recorded compile against the scratch tree: paths into the
 * tree move to the scratch copy, the object goes to a fresh file under
 * the scratch build directory, and dependency-file options are dropped,
 * so nothing is written outside the scratch directory.
 */
static int replay(const struct scratch *sc, const struct compile_entry *e,
		  const char *src_rel, struct opt_list *objs, struct strbuf *log)
{
	char *dir = map_path(e->directory, sc->tree_real, sc->tree);
	struct opt_list argv = { 0 };
	char *obj = NULL;
	int ret = 0;

	for (int a = 0; a < e->argv.nr; a++) {
		const char *arg = e->argv.v[a];
		char *m;
		int drop = dropped_args(arg);

		if (drop) {
			a += drop - 1;
			continue;
		}
		if (!strcmp(arg, "-o") && a + 1 < e->argv.nr) {
			const char *o = e->argv.v[++a];
			char *rel = o[0] == '/' ? map_path(o, sc->build_real, "") : NULL;

			free(obj);
			obj = rel ? xstrfmt("%s%s", sc->build, rel) :
			      xstrfmt("%s/%s", sc->build, o[0] == '/' ? strrchr(o, '/') + 1 : o);
			free(rel);
			opt_list_append(&argv, xstrdup("-o"));
			opt_list_append(&argv, xstrdup(obj));
			continue;
		}
		m = map_path(arg, sc->tree_real, sc->tree);
		if (!m && starts_with(arg, "-I")) {
			char *inc = map_path(arg + 2, sc->tree_real, sc->tree);

			m = inc ? xstrfmt("-I%s", inc) : NULL;
			free(inc);
		}
		opt_list_append(&argv, m ? m : xstrdup(arg));
	}
	if (!obj) {
		ret = error("the recorded compile of %s has no -o", src_rel);
	} else if (mkdirs_for(obj) || run(argv.v, dir ? dir : e->directory, log)) {
		ret = error("rebuilding %s failed:\n%s", src_rel, log->buf);
	} else {
		opt_list_append(objs, obj);
		obj = NULL;
	}
	for (int a = 0; a < argv.nr; a++)
		free((char *)argv.v[a]);
	free(argv.v);
	free(obj);
	free(dir);
	return ret;
}

static const struct plan_file_member *planned_of(const struct plan_file *e, const char *name)
{
	for (int i = 0; i < e->nr; i++)
		if (!strcmp(e->m[i].name, name))
			return &e->m[i];
	return NULL;
}

/*
 * Is there a ":0" line between the declarations of bitfields a and b in
 * struct name of text?  DWARF has no ":0": where one starts a unit that
 * the bits before it fill exactly, the layout is the same without it,
 * and only the source can tell.
 */
/* The declaration of bitfield name ("name:1", "name : 3") in text from from on, or NULL. */
static const char *bitfield_decl(const char *from, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = strstr(from, name); p; p = strstr(p + 1, name)) {
		const char *q = p + n;

		if ((p > from && is_ident_char(p[-1])) || is_ident_char(*q))
			continue;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == ':')
			return p;
	}
	return NULL;
}

/* A ":0;" in text from p up to end (spaces allowed around the 0)? */
static bool has_zero_width(const char *p, const char *end)
{
	for (; p < end; p++) {
		const char *q = p + 1;

		if (*p != ':')
			continue;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q++ != '0')
			continue;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == ';' && q < end)
			return true;
	}
	return false;
}

static bool zero_width_between(const char *text, const char *name, const char *a,
			       const char *b)
{
	char *decl = text ? struct_decl_text(text, name) : NULL;
	const char *pa = decl ? bitfield_decl(decl, a) : NULL;
	const char *pb = pa ? bitfield_decl(pa, b) : NULL;
	bool found = pb && has_zero_width(pa, pb);

	free(decl);
	return found;
}

/* Compare the rebuilt layout with the plan; say what was proven. */
static int compare(const struct plan_file *e, const struct bs_struct *s, const char *obj,
		   const char *header_text)
{
	int k = 0, split = 0, regroup = 0, ret = 0;

	for (int i = 0; i < s->nr_members; i++) {
		const struct bs_member *m = &s->members[i];
		const struct plan_file_member *p;

		if (m->depth || m->is_zero_width)
			continue;
		p = k < e->nr ? &e->m[k] : NULL;
		if (!p || strcmp(p->name, m->name ? m->name : "-"))
			return error("verify %s: member %d is %s, the plan has %s", s->name, k,
				     m->name ? m->name : "(anonymous)", p ? p->name : "nothing");
		if (p->bit_offset != m->bit_offset || p->bit_size != m->bit_size)
			ret = error("verify %s: %s at bit %llu (width %u), the plan says %llu (%u)",
				    s->name, p->name, m->bit_offset, m->bit_size, p->bit_offset,
				    p->bit_size);
		regroup += !strcmp(p->role, "regroup");
		if (!strcmp(p->role, "split")) {
			struct bs_location *loc = layout_location_of((struct bs_struct *)s, i);

			split++;
			if (m->bit_size || (loc && loc->nr_fields > 1))
				ret = error("verify %s: %s still shares a memory location",
					    s->name, p->name);
		}
		k++;
	}
	if (k != e->nr)
		ret = error("verify %s: %d members, the plan has %d", s->name, k, e->nr);
	/*
	 * A shared location holds only fields the plan keeps packed, and in a
	 * regroup plan only fields of one planned location.
	 */
	for (int l = 0; l < s->nr_locations; l++) {
		const struct bs_location *loc = &s->locations[l];
		int want = -2;

		for (int f = 0; loc->nr_fields > 1 && f < loc->nr_fields; f++) {
			const struct bs_member *m = &s->members[loc->fields[f]];
			const struct bs_member *prev = f ? &s->members[loc->fields[f - 1]] : NULL;
			const struct plan_file_member *p = m->name ? planned_of(e, m->name) : NULL;
			bool ok = p && (!strcmp(p->role, "packed") || !strcmp(p->role, "stay") ||
					(p->loc >= 0 && !strcmp(p->role, "regroup")));

			if (ok && p->loc >= 0 && want >= 0 && p->loc != want && prev &&
			    m->bit_offset % (m->size * 8ULL) == 0 &&
			    prev->bit_offset + prev->bit_size == m->bit_offset &&
			    zero_width_between(header_text, s->name, prev->name, m->name)) {
				printf("  %s: the :0 before %s starts a unit the bits before it fill, "
				       "which DWARF does not show: it is in the patched source\n",
				       s->name, m->name);
				want = p->loc;
			}
			if (ok && p->loc >= 0) {
				if (want == -2)
					want = p->loc;
				ok = p->loc == want;
			}
			if (!ok)
				ret = error("verify %s: %s shares a memory location the plan "
					    "does not allow", s->name, m->name);
		}
	}
	if (s->size != e->size)
		ret = error("verify %s: size %u, the plan says %u", s->name, s->size, e->size);
	if (!ret && e->nr_gone)
		printf("  %s: layout as planned in %s: %d members, %d field%s turned into "
		       "bits of one word, size %u\n", s->name, obj, k, e->nr_gone,
		       e->nr_gone == 1 ? "" : "s", s->size);
	else if (!ret && regroup)
		printf("  %s: layout as planned in %s: %d members, %d regrouped field%s in "
		       "the planned memory locations, size %u\n", s->name, obj, k, regroup,
		       regroup == 1 ? "" : "s", s->size);
	else if (!ret)
		printf("  %s: layout as planned in %s: %d members, %d split field%s each "
		       "alone in its memory location, size %u\n", s->name, obj, k, split,
		       split == 1 ? "" : "s", s->size);
	return ret;
}

/*
 * Bitops: the fields that became bits must have no access left, in the
 * files under the PATHs (or, without them, in the directories of the
 * patched files), patched or not: a file no object of this build
 * compiles is proven by nothing else.
 */
static int check_gone(const struct scratch *sc, const struct verify_opts *o,
		      const struct opt_list *files, const struct plan_file *e)
{
	struct opt_list all = { 0 };
	int ret = 0, nr = 0;

	for (int i = 0; o->paths && o->paths[i]; i++)
		tree_files(sc->tree_real, o->paths[i], &all);
	for (int i = 0; !o->paths && i < files->nr; i++) {
		char *dir = xstrdup(files->v[i]);

		*(strrchr(dir, '/') ? strrchr(dir, '/') : dir) = '\0';
		tree_files(sc->tree_real, *dir ? dir : ".", &all);
		free(dir);
	}
	for (int i = 0; i < all.nr; i++) {
		bool patched = false, dup = false;
		struct strbuf sb = STRBUF_INIT;
		char *path;

		for (int k = 0; k < i && !dup; k++)
			dup = !strcmp(all.v[k], all.v[i]);
		for (int k = 0; k < files->nr && !patched; k++)
			patched = !strcmp(files->v[k], all.v[i]);
		path = xstrfmt("%s/%s", patched ? sc->tree : sc->tree_real, all.v[i]);
		if (!dup && strbuf_read_file(&sb, path) >= 0 && sb.len) {
			nr++;
			for (int g = 0; g < e->nr_gone; g++) {
				const char *at = find_field_use(sb.buf, e->gone[g]);
				unsigned int line = 1;

				if (!at)
					continue;
				for (const char *c = sb.buf; c < at; c++)
					line += *c == '\n';
				ret = error("verify %s: %s:%u still uses %s, which became a bit",
					    e->struct_name, all.v[i], line, e->gone[g]);
			}
		}
		strbuf_release(&sb);
		free(path);
	}
	if (!ret)
		printf("  %s: no access left to the %d field%s that became bits, in %d file%s\n",
		       e->struct_name, e->nr_gone, e->nr_gone == 1 ? "" : "s", nr, nr == 1 ? "" : "s");
	for (int i = 0; i < all.nr; i++)
		free((char *)all.v[i]);
	free(all.v);
	return ret;
}

/*
 * The plan's struct in a rebuilt object.  One defined in a .c file is that
 * file's own (another file may define another of its name, layout.h's
 * scope): the one whose DWARF declaration is the plan's file.
 */
static struct bs_struct *planned_struct(struct bs_layout *l, const struct plan_file *e)
{
	size_t n = strlen(e->header);

	if (!ends_with(e->header, ".c"))
		return layout_find(l, e->struct_name);
	for (int i = 0; i < l->nr_structs; i++) {
		struct bs_struct *s = &l->structs[i];
		char *decl = s->decl_file ? path_normalize(s->decl_file) : NULL;
		size_t d = decl ? strlen(decl) : 0;
		bool same = decl && d >= n && !strcmp(decl + d - n, e->header) &&
			    (d == n || decl[d - n - 1] == '/');

		free(decl);
		if (same && !strcmp(s->name, e->struct_name))
			return s;
	}
	return NULL;
}

/*
 * Rebuild, one at a time, the objects that read the patched files
 * (recorded in BUILD/compile_commands.json, else in a kernel build's
 * .o.cmd files) until one holds the struct, and compare it with the plan.
 */
static int rebuild_and_compare(const struct scratch *sc, const struct verify_opts *o,
			       const struct opt_list *files, const struct plan_file *e,
			       struct strbuf *log)
{
	char *db_path = xstrfmt("%s/compile_commands.json", sc->build_real);
	char *kconfig = xstrfmt("%s/.config", sc->build_real);
	struct compile_db db = { 0 };
	struct opt_list objs = { 0 };
	int ret = 0, found = 0;
	bool all = false;

	if (!access(db_path, R_OK))
		ret = compile_db_load(&db, db_path);
	else if (!access(kconfig, R_OK))
		ret = compile_db_load_kbuild(&db, sc->build_real, o->paths);
	else
		ret = error("%s: no compile_commands.json and no kernel .config: build the "
			    "samples with 'make -C samples O=%s', or pass a kernel O= directory",
			    sc->build_real, sc->build_real);
	/* a patched .c must compile: then every object that read a patched file is rebuilt */
	for (int i = 0; i < files->nr; i++)
		all |= ends_with(files->v[i], ".c");
	for (int i = 0; !ret && (all || !found) && i < db.nr; i++) {
		struct compile_entry *ce = &db.v[i];
		char *rel = in_tree(sc, ce->directory, ce->file);
		struct bs_layout l = { 0 };
		struct bs_struct *s;

		if (wanted(sc, ce, rel ? rel + 1 : NULL, files) &&
		    !(ret = replay(sc, ce, rel ? rel + 1 : ce->file, &objs, log)) && !found &&
		    !layout_load(&l, objs.v[objs.nr - 1], NULL) &&
		    (s = planned_struct(&l, e))) {
			char *obj = map_path(objs.v[objs.nr - 1], sc->build, "");

			char *hpath = xstrfmt("%s/%s", sc->tree, e->header);
			struct strbuf htext = STRBUF_INIT;

			found = 1;
			if (strbuf_read_file(&htext, hpath) < 0)
				strbuf_reset(&htext);
			ret = compare(e, s, obj ? obj + 1 : objs.v[objs.nr - 1], htext.buf);
			strbuf_release(&htext);
			free(hpath);
			free(obj);
		}
		layout_release(&l);
		free(rel);
	}
	if (!ret && !found)
		ret = error("verify: none of the %d objects rebuilt from %s has struct %s",
			    objs.nr, sc->build_real, e->struct_name);
	if (!ret && all)
		printf("  rebuilt %d object%s that read the patched files\n", objs.nr,
		       objs.nr == 1 ? "" : "s");
	if (!ret && e->nr_gone)
		ret = check_gone(sc, o, files, e);
	for (int i = 0; i < objs.nr; i++)
		free((char *)objs.v[i]);
	free(objs.v);
	compile_db_release(&db);
	free(db_path);
	free(kconfig);
	return ret;
}

/* Make dst a real directory holding a symlink to each entry of src. */
static int populate(const char *src, const char *dst)
{
	DIR *d;
	struct dirent *de;
	int ret = 0;

	if (mkdir(dst, 0777))
		return error("verify: cannot create %s: %s", dst, strerror(errno));
	d = opendir(src);
	if (!d)
		return error("verify: cannot read %s: %s", src, strerror(errno));
	while (!ret && (de = readdir(d))) {
		char *from, *to;

		/* no .git: git in the scratch copy must not see the user's repository */
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    !strcmp(de->d_name, ".git"))
			continue;
		from = xstrfmt("%s/%s", src, de->d_name);
		to = xstrfmt("%s/%s", dst, de->d_name);
		if (symlink(from, to))
			ret = error("verify: cannot link %s: %s", to, strerror(errno));
		free(from);
		free(to);
	}
	closedir(d);
	return ret;
}

/*
 * Give the patched file rel a real copy in the scratch tree: every
 * directory on its way becomes a real directory of symlinks, one level at
 * a time, so a kernel tree costs a few thousand links, not a copy.
 */
static int materialize(const struct scratch *sc, const char *rel)
{
	char *src = xstrdup(sc->tree_real), *dst = xstrdup(sc->tree);
	char *path = xstrdup(rel), *save = NULL, *next;
	struct strbuf body = STRBUF_INIT;
	struct stat st;
	int ret = 0;

	for (char *c = strtok_r(path, "/", &save); c && !ret; c = next) {
		char *s2 = xstrfmt("%s/%s", src, c), *d2 = xstrfmt("%s/%s", dst, c);

		next = strtok_r(NULL, "/", &save);
		if (!next) {
			if ((!lstat(d2, &st) && unlink(d2)) || strbuf_read_file(&body, s2) < 0 ||
			    write_file_atomic(d2, body.buf ? body.buf : "", body.len))
				ret = error("verify: cannot copy %s: %s", rel, strerror(errno));
		} else if (!lstat(d2, &st) && S_ISLNK(st.st_mode)) {
			if (unlink(d2))
				ret = error("verify: cannot unlink %s: %s", d2, strerror(errno));
			else
				ret = populate(s2, d2);
		}
		free(src);
		free(dst);
		src = s2;
		dst = d2;
	}
	strbuf_release(&body);
	free(path);
	free(src);
	free(dst);
	return ret;
}

static int setup_scratch(struct scratch *sc, const struct verify_opts *o,
			 const struct opt_list *files)
{
	const char *tmp = tmp_dir();
	char *templ = xstrfmt("%s/bitsplit-verify.XXXXXX", tmp);

	if (!realpath(o->tree, sc->tree_real) || !realpath(o->build, sc->build_real)) {
		free(templ);
		return error("verify: cannot resolve %s or %s: %s", o->tree, o->build,
			     strerror(errno));
	}
	if (!mkdtemp(templ)) {
		free(templ);
		return error("verify: cannot create a scratch directory in %s: %s", tmp,
			     strerror(errno));
	}
	sc->root = templ;
	sc->tree = xstrfmt("%s/tree", templ);
	sc->build = xstrfmt("%s/build", templ);
	if (populate(sc->tree_real, sc->tree))
		return -1;
	/* the patched files become real copies, so the tree is never written */
	for (int i = 0; i < files->nr; i++)
		if (materialize(sc, files->v[i]))
			return -1;
	return 0;
}

static void drop_scratch(struct scratch *sc)
{
	if (sc->root)
		remove_tree(sc->root);
	free(sc->root);
	free(sc->tree);
	free(sc->build);
}

/*
 * "git apply" from the top of dir.  Inside a git work tree git takes
 * paths from the top of the repository, so run there with --directory.
 */
static int git_apply(const char *dir, const char **diffs, int nr, struct strbuf *log)
{
	const char *top_argv[] = { "git", "-C", dir, "rev-parse", "--show-prefix", NULL };
	struct strbuf prefix = STRBUF_INIT, err = STRBUF_INIT;
	struct child c = { .argv = top_argv, .out = &prefix, .err = &err };
	struct opt_list argv = { 0 };
	char *directory = NULL, *top = NULL;
	int rc;

	if (!run_command(&c) && prefix.len > 1) {
		prefix.buf[--prefix.len] = '\0';	/* the newline */
		directory = xstrfmt("--directory=%s", prefix.buf);
		top = xstrfmt("%s", dir);
		for (const char *p = prefix.buf; *p; p++)
			if (*p == '/') {
				char *up = xstrfmt("%s/..", top);

				free(top);
				top = up;
			}
	}
	opt_list_append(&argv, "git");
	opt_list_append(&argv, "apply");
	if (directory)
		opt_list_append(&argv, directory);
	for (int i = 0; i < nr; i++) {
		char real[PATH_MAX];

		opt_list_append(&argv, xstrdup(realpath(diffs[i], real) ? real : diffs[i]));
	}
	rc = run(argv.v, top ? top : dir, log);
	for (int i = argv.nr - nr; i < argv.nr; i++)
		free((char *)argv.v[i]);
	free(argv.v);
	free(directory);
	free(top);
	strbuf_release(&prefix);
	strbuf_release(&err);
	return rc;
}

static int verify_one(const struct verify_opts *o, const char *diff_path)
{
	char *plan_path = ends_with(diff_path, ".diff") ?
		xstrfmt("%.*s.plan", (int)strlen(diff_path) - 5, diff_path) : NULL;
	struct strbuf diff = STRBUF_INIT, log = STRBUF_INIT;
	struct opt_list files = { 0 };
	struct scratch sc = { 0 };
	struct plan_file e = { 0 };
	int ret = -1;

	if (!plan_path) {
		error("%s: expected a .diff written by 'bitsplit fix'", diff_path);
		goto out;
	}
	if (read_plan(plan_path, &e))
		goto out;
	if (strbuf_read_file(&diff, diff_path) < 0) {
		error("cannot read %s: %s", diff_path, strerror(errno));
		goto out;
	}
	if (check_text(diff.buf, diff.len, diff_path) ||
	    diff_paths(diff.buf, diff_path, &files))
		goto out;
	if (!files.nr) {
		error("%s: expected a patch (no 'diff --git' line)", diff_path);
		goto out;
	}
	printf("verify %s: struct %s\n", diff_path, e.struct_name);
	if (setup_scratch(&sc, o, &files))
		goto out;
	if (git_apply(sc.tree, &diff_path, 1, &log)) {
		error("%s does not apply:\n%s", diff_path, log.buf);
		goto out;
	}
	printf("  applied in a scratch copy of %s\n", o->tree);
	ret = rebuild_and_compare(&sc, o, &files, &e, &log);
out:
	drop_scratch(&sc);
	for (int i = 0; i < files.nr; i++)
		free((char *)files.v[i]);
	free(files.v);
	plan_file_release(&e);
	strbuf_release(&diff);
	strbuf_release(&log);
	free(plan_path);
	return ret;
}

/*
 * Apply all the diffs in one scratch copy (nothing applies if one does
 * not), then move the patched files into the tree all or nothing.
 */
static int apply_patches(const struct verify_opts *o, const char **diffs, int nr)
{
	struct opt_list files = { 0 };
	struct strbuf *texts = NULL, log = STRBUF_INIT, diff = STRBUF_INIT;
	struct scratch sc = { 0 };
	int ret = 0;

	for (int i = 0; i < nr && !ret; i++) {
		strbuf_reset(&diff);
		if (strbuf_read_file(&diff, diffs[i]) < 0)
			ret = error("cannot read %s: %s", diffs[i], strerror(errno));
		else
			ret = diff_paths(diff.buf, diffs[i], &files);
	}
	/* two diffs may touch one file: one copy, one text */
	for (int i = 0; i < files.nr; i++)
		for (int k = i + 1; k < files.nr; k++)
			if (!strcmp(files.v[i], files.v[k])) {
				free((char *)files.v[k]);
				files.v[k--] = files.v[--files.nr];
			}
	if (!ret)
		ret = setup_scratch(&sc, o, &files);
	if (!ret && git_apply(sc.tree, diffs, nr, &log))
		ret = error("the patches do not apply together:\n%s", log.buf);
	texts = xcalloc((size_t)files.nr + 1, sizeof(*texts));
	for (int i = 0; i < files.nr && !ret; i++) {
		char *path = xstrfmt("%s/%s", sc.tree, files.v[i]);

		if (strbuf_read_file(&texts[i], path) < 0)
			ret = error("cannot read the patched %s: %s", path, strerror(errno));
		free(path);
	}
	if (!ret)
		ret = tree_apply(o->tree, &files, texts);
	drop_scratch(&sc);
	for (int i = 0; i < files.nr; i++) {
		free((char *)files.v[i]);
		strbuf_release(&texts[i]);
	}
	free(files.v);
	free(texts);
	strbuf_release(&log);
	strbuf_release(&diff);
	return ret;
}

int verify_patches(const struct verify_opts *o, const char **diffs, int nr)
{
	int ret = 0;

	if (!o->build)
		return error("verify needs --build DIR: where compile_commands.json is");
	for (int i = 0; i < nr; i++)
		if (verify_one(o, diffs[i]))
			ret = -1;
	if (!ret && o->apply) {
		if (apply_patches(o, diffs, nr))
			ret = error("nothing applied to %s", o->tree);
		else
			printf("applied %d patch%s to %s\n", nr, nr == 1 ? "" : "es", o->tree);
	}
	return ret;
}
