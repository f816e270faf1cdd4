// SPDX-License-Identifier: GPL-2.0
/*
 * One struct's patch: find its declaration, refuse it when its layout is
 * an ABI, plan the new layout, edit the header, and write OUT/STRUCT.diff
 * with OUT/STRUCT.plan (the layout verify must see).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocci_gen.h"
#include "diff.h"
#include "facts_files.h"
#include "fix.h"
#include "out_manifest.h"
#include "plan.h"
#include "refuse.h"
#include "remedy.h"
#include "struct_edit.h"
#include "tree_files.h"
#include "util.h"

static bool has_struct(const char *tree, const char *rel, const char *name)
{
	char *path = xstrfmt("%s/%s", tree, rel);
	struct strbuf sb = STRBUF_INIT;
	bool found = !strbuf_read_file(&sb, path) && struct_find(sb.buf, name);

	strbuf_release(&sb);
	free(path);
	return found;
}

/*
 * A path as the compiler or spatch printed it ("drv/../inc/s.h"), as the
 * diff must name it: relative to the tree, normalized; NULL outside it.
 */
static char *tree_relative(const char *tree, const char *path)
{
	char real_tree[PATH_MAX], real[PATH_MAX];
	size_t n;

	if (path[0] != '/') {
		char *norm = path_normalize(path);

		if (!strcmp(norm, "..") || starts_with(norm, "../") || !*norm) {
			free(norm);
			return NULL;
		}
		return norm;
	}
	if (!realpath(tree, real_tree) || !realpath(path, real))
		return NULL;
	n = strlen(real_tree);
	if (strncmp(real, real_tree, n) || real[n] != '/')
		return NULL;
	return xstrdup(real + n + 1);
}

/*
 * Where struct s is declared, relative to the tree: its scope, where the
 * verdict or pahole -I says, else the first file under the PATHs that declares it.
 */
static char *find_header(const struct fix_opts *o, const struct bs_struct *s,
			 const char *hint)
{
	/* a struct a .c file keeps apart is in that file, whatever else defines one */
	const char *hints[] = { s->scope, hint, s->decl_file };
	struct opt_list files = { 0 };
	char *found = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(hints) && !found; i++) {
		char *rel = hints[i] ? tree_relative(o->src.tree, hints[i]) : NULL;

		if (rel && has_struct(o->src.tree, rel, s->name))
			found = rel;
		else
			free(rel);
	}
	for (int i = 0; !found && i < o->src.paths.nr; i++)
		tree_files(o->src.tree, o->src.paths.v[i], &files);
	/* headers first: a .c file may repeat a declaration for a test */
	for (int pass = 0; pass < 2 && !found; pass++)
		for (int i = 0; i < files.nr && !found; i++)
			if (ends_with(files.v[i], pass ? ".c" : ".h") &&
			    has_struct(o->src.tree, files.v[i], s->name))
				found = xstrdup(files.v[i]);
	for (int i = 0; i < files.nr; i++)
		free((char *)files.v[i]);
	free(files.v);
	return found;
}

static int write_out(const struct fix_opts *o, const char *name, const char *ext,
		     const struct strbuf *sb)
{
	char *path = xstrfmt("%s/%s.%s", o->out, name, ext);
	char *base = strrchr(path, '/') + 1;
	int ret = 0;

	/* listed first: a run that dies after the write still names it */
	if (o->written && out_manifest_add(o->written, base))
		ret = -1;
	else if (write_file_atomic(path, sb->buf ? sb->buf : "", sb->len))
		ret = error("cannot write %s: %s", path, strerror(errno));
	free(path);
	return ret;
}

/* OUT/STRUCT.cocci as written (*rel, for the report) and as spatch is given it. */
static char *cocci_path(const struct fix_opts *o, const struct plan *p, char **rel)
{
	char real[PATH_MAX];

	char *name = fix_out_name(p->s);

	*rel = xstrfmt("%s/%s.cocci", o->out, name);
	free(name);
	return xstrdup(realpath(*rel, real) ? real : *rel);
}

/*
 * Run the generated rule over the files that store into the split fields
 * and keep what it would change as STRUCT-stores.diff, for the reviewer.
 */
static int suggest_stores(const struct fix_opts *o, const struct plan *p)
{
	char *rel, *cocci = cocci_path(o, p, &rel);
	struct opt_list files = { 0 };
	struct strbuf diff = STRBUF_INIT;
	char *base = fix_out_name(p->s), *name = xstrfmt("%s-stores", base);
	int ret = 0;

	fix_store_files(o, p, &files);
	if (cocci_run(cocci, o->src.tree, &files, &diff))
		ret = -1;
	else if (diff.len && !(ret = write_out(o, name, "diff", &diff)))
		fprintf(o->report, "  suggested store fix: %s/%s.diff (from %s)\n", o->out, name, rel);
	for (int i = 0; i < files.nr; i++)
		free((char *)files.v[i]);
	free(files.v);
	strbuf_release(&diff);
	free(name);
	free(base);
	free(cocci);
	free(rel);
	return ret;
}

/*
 * Bitops: run the generated rule over every file under the PATHs that
 * names one of the fields, and append its changes to the header's diff.
 */
static int rewrite_accesses(const struct fix_opts *o, const struct plan *p, const char *header,
			    struct strbuf *diff, struct strbuf *account)
{
	char *rel, *cocci = cocci_path(o, p, &rel);
	struct opt_list files = { 0 };
	int ret;
	size_t start = diff->len;
	int changed = 0;

	fix_access_files(o, p, header, &files);
	ret = cocci_run(cocci, o->src.tree, &files, diff);
	for (const char *d = diff->buf ? diff->buf + start : NULL; d && (d = strstr(d, "diff --git ")); d++)
		changed++;
	if (!ret)
		strbuf_addf(account, "  rewrote the accesses in %d of %d file%s naming the fields, "
			    "with %s\n", changed, files.nr, files.nr == 1 ? "" : "s", rel);
	for (int i = 0; i < files.nr; i++)
		free((char *)files.v[i]);
	free(files.v);
	free(cocci);
	free(rel);
	return ret;
}

/* Bitops: the header's own accesses (inline helpers) go through the rule too. */
static int header_accesses(const struct fix_opts *o, const struct plan *p, struct strbuf *edited)
{
	char *rel, *cocci = cocci_path(o, p, &rel);
	struct strbuf sb = STRBUF_INIT;
	bool named = false;
	int ret = 0;

	for (int b = 0; b < p->nr_bits && !named; b++)
		named = find_field_use(edited->buf, p->s->members[p->bits[b]].name);
	if (named && !(ret = cocci_run_text(cocci, o->src.tree, edited->buf, &sb))) {
		strbuf_reset(edited);
		strbuf_add(edited, sb.buf, sb.len);
	}
	strbuf_release(&sb);
	free(cocci);
	free(rel);
	return ret;
}

int fix_write_struct(const struct fix_opts *o, const struct fix_job *job,
		     struct opt_list *diffs)
{
	const struct bs_struct *s = job->s;
	char *header = find_header(o, s, job->file), *path = NULL, *why;
	char *name = fix_out_name(s);
	struct strbuf text = STRBUF_INIT, edited = STRBUF_INIT, sb = STRBUF_INIT;
	struct strbuf account = STRBUF_INIT;
	struct remedy_choice rc = { 0 };
	struct plan p = { 0 };
	int ret = 1;

	if (!header) {
		fprintf(o->report, "struct %s: refused: no declaration found under the "
			"PATHs in %s\n", s->name, o->src.tree);
		free(name);
		return 1;
	}
	path = xstrfmt("%s/%s", o->src.tree, header);
	if (strbuf_read_file(&text, path) < 0) {
		ret = error("cannot read %s: %s", path, strerror(errno));
		goto out;
	}
	/* edited as a string: past a NUL the header would be cut off */
	if (memchr(text.buf, '\0', text.len)) {
		fprintf(o->report, "struct %s (%s): refused: %s holds a NUL byte\n", s->name,
			header, header);
		goto out;
	}
	why = refuse_struct(o->src.tree, header, text.buf, s, o->layout, &o->src.paths);
	if (why) {
		fprintf(o->report, "struct %s (%s): refused: %s\n", s->name, header, why);
		free(why);
		goto out;
	}
	if (remedy_choose(o, job, &rc) || remedy_plan(o, job, rc.chosen, &p)) {
		fprintf(o->report, "struct %s (%s): refused: %s\n", s->name, header,
			p.refused ? p.refused : rc.na[rc.chosen]);
		goto out;
	}
	remedy_describe(&rc, &account);
	fix_comment(o, job, &p);
	if (p.remedy == REMEDY_BITOPS)
		cocci_gen_bitops(&p, &sb);
	else
		cocci_gen(&p, &sb);
	if (sb.len && write_out(o, name, "cocci", &sb)) {
		ret = -1;
		goto out;
	}
	if (fix_hazards(o, job, &p, header, text.buf)) {
		fprintf(o->report, "struct %s (%s): withheld: see the hazards above\n", s->name, header);
		/* a split's hazards are today's; a bitops' depend on the remedy, which says why */
		if (p.remedy == REMEDY_BITOPS)
			fputs(account.buf, o->report);
		if (p.remedy == REMEDY_SPLIT && sb.len && suggest_stores(o, &p) < 0)
			ret = -1;
		goto out;
	}
	strbuf_reset(&sb);
	if (struct_edit(text.buf, header, &p, &edited, &why)) {
		fprintf(o->report, "struct %s (%s): refused: %s\n", s->name, header, why);
		free(why);
		goto out;
	}
	if (p.remedy == REMEDY_BITOPS && header_accesses(o, &p, &edited)) {
		ret = -1;
		goto out;
	}
	fprintf(o->report, "struct %s (%s):\n", s->name, header);
	fputs(account.buf, o->report);
	strbuf_reset(&account);
	diff_unified(&sb, header, text.buf, edited.buf);
	if (p.remedy == REMEDY_BITOPS && rewrite_accesses(o, &p, header, &sb, &account)) {
		ret = -1;
		goto out;
	}
	if (write_out(o, name, "diff", &sb)) {
		ret = -1;
		goto out;
	}
	strbuf_reset(&sb);
	plan_write(&p, header, &sb);
	if (write_out(o, name, "plan", &sb)) {
		ret = -1;
		goto out;
	}
	strbuf_reset(&sb);
	plan_describe(&p, &sb);
	fputs(sb.buf, o->report);
	fputs(account.buf ? account.buf : "", o->report);
	fprintf(o->report, "  wrote %s/%s.diff\n", o->out, name);
	opt_list_append(diffs, xstrfmt("%s/%s.diff", o->out, name));
	ret = 0;
out:
	remedy_choice_release(&rc);
	plan_release(&p);
	strbuf_release(&text);
	strbuf_release(&edited);
	strbuf_release(&sb);
	strbuf_release(&account);
	free(header);
	free(path);
	free(name);
	return ret;
}
