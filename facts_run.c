// SPDX-License-Identifier: GPL-2.0
/*
 * Get the facts for a file set: the candidate fields come from the layout
 * model (every member of a memory location that holds two or more
 * bitfields), files that never name one are dropped with grep, and the
 * rest go through facts.cocci, with --include of the header that defines
 * each candidate struct so Coccinelle can type the writes: one spatch run
 * for each batch of files that need the same headers (facts_batches.h),
 * and when there are several, one more that decides for the whole set.
 * What spatch could not parse becomes a skip fact and a warning.
 *
 * spatch would match every rule against those headers and the local
 * includes again for each file: most of the run on a directory that names
 * a few kernel structs.  So the files read their headers for types only
 * (--include-headers-for-types), and each header is analysed once, as a
 * file of its own.
 */
#include "facts.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "facts_batches.h"
#include "facts_files.h"
#include "layout.h"
#include "facts_reach.h"
#include "lock_summary.h"
#include "preset.h"
#include "roots_vocab.h"
#include "run_command.h"
#include "source.h"
#include "spatch_tree.h"
#include "util.h"

struct candidate {
	const char *name;
	char *header;		/* relative to the tree, or NULL */
	char *spatch_header;	/* header's name in the spatch_tree */
	struct strbuf fields;	/* "a,b,c" */
	bool named;		/* some analysed file names one of its fields */
};

/* The temporary files of one run, under one directory. */
struct run_files {
	char dir[PATH_MAX];
	char *cands, *funcs, *reach, *macros, *wmacros, *dispatch, *members, *out, *spatch_tmp;
	struct spatch_tree *st;
	struct opt_list names;	/* the scanned files' names in st */
	struct opt_list includes; /* the headers to --include, by their names in st */
	struct facts_batch *batches;
	int nr_batches;
	char **batch_groups;	/* each batch's --file-groups file */
};

static void write_or_die(const char *path, const struct strbuf *sb)
{
	if (write_file_atomic(path, sb->buf ? sb->buf : "", sb->len) < 0)
		die("cannot write %s: %s", path, strerror(errno));
}

/* The index of the analysed file spatch named (by its name in rf->st) in a message, or -1. */
static int file_in(const char *line, const struct run_files *rf)
{
	for (int i = 0; i < rf->names.nr; i++)
		if (strstr(line, rf->names.v[i]))
			return i;
	return -1;
}

/*
 * spatch prints what the rules had found before a file ran out of time:
 * a part of its writes, without their locks.  The file is not analysed,
 * and says so in its skip fact alone.
 */
static void drop_files(struct strbuf *tsv, const struct opt_list *gone)
{
	struct strbuf keep = STRBUF_INIT;

	for (const char *l = tsv->buf; l && *l;) {
		size_t len = strcspn(l, "\n");
		const char *file = memchr(l, '\t', len);
		size_t flen = file ? strcspn(file + 1, "\t\n") : 0;
		bool drop = false;

		for (int i = 0; file && i < gone->nr && !drop; i++)
			drop = strlen(gone->v[i]) == flen && !strncmp(file + 1, gone->v[i], flen);
		if (!drop)
			strbuf_add(&keep, l, len + (l[len] == '\n'));
		l += len + (l[len] == '\n');
	}
	strbuf_release(tsv);
	*tsv = keep;
}

/*
 * With --parse-error-msg --verbose-parsing spatch says
 * ' = File "F", line N, column C, ...' (or, in some paths, ' = error in F;')
 * for each function or declaration it gave up on, and "timeout" when a
 * file ran out of time: both mean writes there may be missing.  One
 * warning and one skip fact per line of a file.
 */
static int collect_skips(const char *err, const struct run_files *rf,
			 const struct opt_list *files, int timeout, bool warn,
			 struct strbuf *tsv)
{
	struct strbuf seen = STRBUF_INIT, skips = STRBUF_INIT;
	struct opt_list gone = { 0 };
	char *copy = xstrdup(err), *save = NULL;
	int nr = 0, i;

	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char file[PATH_MAX], *real, *norm, *key;
		unsigned int line = 0;
		if (sscanf(l, " = File \"%4095[^\"]\", line %u", file, &line) == 2 ||
		    sscanf(l, " = error in %4095[^;];", file) == 1) {
			real = spatch_tree_real(rf->st, file);
			norm = path_normalize(real);
			free(real);
			key = xstrfmt("\n%s:%u\n", norm, line);
			if (!seen.buf || !strstr(seen.buf, key)) {
				strbuf_addstr(&seen, key);
				if (warn)
					fprintf(stderr, "%s:%u: warning: not analysed: parse "
						"error; spatch skips the enclosing function or "
						"declaration\n", norm, line);
				strbuf_addf(&skips, "skip\t%s\t%u\tnot analysed\tparse error\n",
					    norm, line);
				nr++;
			}
			free(key);
			free(norm);
		} else if (strcasestr(l, "timeout") && (i = file_in(l, rf)) >= 0) {
			if (warn)
				fprintf(stderr, "%s: warning: not analysed: spatch timed out "
					"after %d s\n", files->v[i], timeout);
			strbuf_addf(&skips, "skip\t%s\t0\tnot analysed\ttimeout after %d s\n",
				    files->v[i], timeout);
			opt_list_append(&gone, rf->names.v[i]);
			nr++;
		}
	}
	drop_files(tsv, &gone);
	if (skips.len)
		strbuf_add(tsv, skips.buf, skips.len);
	strbuf_release(&skips);
	strbuf_release(&seen);
	free(gone.v);
	free(copy);
	return nr;
}

/* Whether the list "a,b,c" holds name. */
static bool has_field(const struct strbuf *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list->buf; p; p = strchr(p, ','), p = p ? p + 1 : NULL)
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

static void add_candidates(const struct source_opts *src, const struct bs_layout *l,
			   const struct opt_list *files, struct candidate **cands,
			   int *nr, struct opt_list *fields)
{
	int alloc = 0;
	bool scoped = false;

	for (int i = 0; i < l->nr_structs; i++)
		scoped |= l->structs[i].scope != NULL;
	for (int i = 0; i < l->nr_structs; i++) {
		const struct bs_struct *s = &l->structs[i];
		struct candidate *c = NULL, *same = NULL;

		/*
		 * The structs of one name that .c files keep apart (scope) are
		 * one candidate: facts.cocci knows a struct by its name, and the
		 * verdict gives each write to the one its file sees.  Its header
		 * is the definition every file sees, if there is one.
		 */
		for (int j = 0; scoped && j < *nr && !same; j++)
			if (!strcmp((*cands)[j].name, s->name))
				same = &(*cands)[j];
		for (int k = 0; k < s->nr_locations; k++) {
			const struct bs_location *loc = &s->locations[k];

			if (loc->nr_fields < 2)
				continue;
			if (!c && same) {
				c = same;
				if (!s->scope) {
					free(c->header);
					c->header = find_struct_header(src, s, files);
				}
			}
			if (!c) {
				ALLOC_GROW(*cands, *nr + 1, alloc);
				c = &(*cands)[(*nr)++];
				c->name = s->name;
				c->header = find_struct_header(src, s, files);
				c->fields = (struct strbuf)STRBUF_INIT;
				c->spatch_header = NULL;
				c->named = false;
			}
			for (int m = 0; m < loc->nr_fields; m++) {
				const char *name = s->members[loc->fields[m]].name;
				bool seen = false;

				if (!name || (c == same && has_field(&c->fields, name)))
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

/*
 * A struct none of whose fields any file names cannot be written there:
 * its header need not be parsed for every file (on a whole-kernel layout
 * that is most of them).
 */
static void mark_named(struct candidate *cands, int nr, const struct opt_list *named)
{
	for (int i = 0; i < nr; i++) {
		char *copy = xstrdup(cands[i].fields.buf), *save = NULL;

		for (char *w = strtok_r(copy, ",", &save); w && !cands[i].named;
		     w = strtok_r(NULL, ",", &save))
			for (int k = 0; k < named->nr && !cands[i].named; k++)
				cands[i].named = !strcmp(named->v[k], w);
		free(copy);
	}
}

/* The preset's vocabularies and the --data files, each checked; "A:B:C" for spatch. */
static int vocabulary(const struct facts_run_opts *o, enum preset preset,
		      struct strbuf *data, struct strbuf *user)
{
	const char *const *presets = preset_vocabularies(preset);
	int ret = 0;

	for (size_t i = 0; presets[i]; i++) {
		char *path = datadir_path(presets[i]);

		if (facts_check_vocabulary(path) < 0)
			ret = -1;
		strbuf_addf(data, "%s%s", data->len ? ":" : "", path);
		free(path);
	}
	for (int i = 0; o->data && o->data[i]; i++) {
		char abs[PATH_MAX];

		if (!realpath(o->data[i], abs))
			die("%s: %s", o->data[i], strerror(errno));
		if (strchr(abs, ':'))
			die("%s: a vocabulary path may not contain ':'", abs);
		if (facts_check_vocabulary(o->data[i]) < 0)
			ret = -1;
		strbuf_addf(user, "%s%s", user->len ? ":" : "", abs);
	}
	return ret;
}

/* The headers of the structs some file may write, once each, for --include. */
static bool included(const struct candidate *cands, int i)
{
	if (!cands[i].named || !cands[i].header || !ends_with(cands[i].header, ".h"))
		return false;
	for (int k = 0; k < i; k++)
		if (cands[k].header && !strcmp(cands[k].header, cands[i].header))
			return false;
	return true;
}

/*
 * What spatch matches the rules against: the files, the headers they are
 * given with --include and their local includes, each header once.
 */
static void scanned_files(const struct source_opts *src, const struct candidate *cands,
			  int nr_cands, const struct opt_list *files, struct opt_list *out)
{
	struct opt_list headers = { 0 };

	for (int i = 0; i < files->nr; i++)
		opt_list_append(out, xstrdup(files->v[i]));
	for (int i = 0; i < nr_cands; i++)
		if (included(cands, i))
			opt_list_append(&headers, xstrdup(cands[i].header));
	local_includes(src->tree, files, &headers);
	if (headers.nr)
		qsort(headers.v, headers.nr, sizeof(*headers.v), cmp_strp);
	for (int i = 0, kept = -1; i < headers.nr; i++)
		if (kept < 0 || strcmp(headers.v[i], headers.v[kept]))
			opt_list_append(out, headers.v[kept = i]);
		else
			free((char *)headers.v[i]);
	free(headers.v);
}

/* The names spatch is given; -1 when one cannot be made safe. */
static int spatch_names(struct run_files *rf, struct candidate *cands, int nr_cands,
			const struct opt_list *scanned)
{
	for (int i = 0; i < scanned->nr; i++) {
		char *name = spatch_tree_name(rf->st, scanned->v[i]);

		if (!name)
			return -1;
		opt_list_append(&rf->names, name);
	}
	for (int i = 0; i < nr_cands; i++) {
		if (cands[i].header &&
		    !(cands[i].spatch_header = spatch_tree_name(rf->st, cands[i].header)))
			return -1;
		if (included(cands, i))
			opt_list_append(&rf->includes, cands[i].spatch_header);
	}
	return 0;
}

/*
 * The batches, each with its groups file: one group per file, since files
 * of one group share bindings in spatch, and the largest first, so that
 * the last file a worker takes is a small one and the jobs end together.
 */
static void make_batches(const struct source_opts *src, struct run_files *rf,
			 const struct candidate *cands, int nr_cands,
			 const struct opt_list *scanned)
{
	struct opt_list headers = { 0 }, *structs;
	struct strbuf sb = STRBUF_INIT;

	structs = xcalloc((size_t)rf->includes.nr + 1, sizeof(*structs));
	for (int i = 0; i < nr_cands; i++)
		if (included(cands, i))
			opt_list_append(&headers, cands[i].header);
	for (int j = 0; j < headers.nr; j++)
		for (int i = 0; i < nr_cands; i++)
			if (cands[i].header && !strcmp(cands[i].header, headers.v[j]))
				opt_list_append(&structs[j], cands[i].name);
	rf->nr_batches = facts_batches(src->tree, scanned, &headers, structs, &rf->batches);
	rf->batch_groups = xcalloc((size_t)rf->nr_batches + 1, sizeof(*rf->batch_groups));
	for (int b = 0; b < rf->nr_batches; b++) {
		strbuf_reset(&sb);
		for (int k = 0; k < rf->batches[b].nr_files; k++)
			strbuf_addf(&sb, "%s\n\n", rf->names.v[rf->batches[b].files[k]]);
		rf->batch_groups[b] = xstrfmt("%s/groups-%d", rf->dir, b);
		write_or_die(rf->batch_groups[b], &sb);
	}
	for (int j = 0; j < headers.nr; j++)
		free(structs[j].v);
	free(structs);
	free(headers.v);
	strbuf_release(&sb);
}

/*
 * What the layout knows about every struct's members, for a write whose
 * base spatch could not type: "STRUCT<TAB>MEMBER<TAB>KIND<TAB>TYPE", KIND
 * s (a named struct or union, or a pointer to one: TYPE), a (an anonymous
 * aggregate, whose members the layout gives to STRUCT itself) or o
 * (anything else: TYPE "*" for a pointer, else "-").  facts.cocci follows
 * a base such as "dmab->dev" through it to the struct really written, and
 * a value stored in a member that holds no pointer carries no object.
 */
static void member_types(const struct bs_layout *l, struct strbuf *sb)
{
	for (int i = 0; i < l->nr_structs; i++) {
		const struct bs_struct *s = &l->structs[i];

		for (int k = 0; s->name && k < s->nr_members; k++) {
			const struct bs_member *m = &s->members[k];
			const char *t = m->type ? m->type : "";
			size_t n;

			if (!m->name)
				continue;
			if (starts_with(t, "const "))
				t += 6;
			if (starts_with(t, "volatile "))
				t += 9;
			if (m->is_nested) {
				strbuf_addf(sb, "%s\t%s\ta\t-\n", s->name, m->name);
				continue;
			}
			if (!m->dims && (starts_with(t, "struct ") || starts_with(t, "union "))) {
				t = strchr(t, ' ') + 1;
				n = strcspn(t, " *");
				if (n && !t[n + strspn(t + n, " *")]) {
					strbuf_addf(sb, "%s\t%s\ts\t%.*s\n", s->name, m->name,
						    (int)n, t);
					continue;
				}
			}
			/* "*": a pointer, which may lead to an object (facts.cocci's own_of) */
			strbuf_addf(sb, "%s\t%s\to\t%s\n", s->name, m->name,
				    strchr(t, '*') ? "*" : "-");
		}
	}
}

static int write_inputs(const struct source_opts *src, const struct bs_layout *l,
			struct run_files *rf, struct candidate *cands, int nr_cands,
			const struct opt_list *files, const struct opt_list *scanned,
			const struct opt_list *all, const struct opt_list *fields,
			const struct strbuf *dispatch)
{
	/* The headers among the scanned files, which come after the files */
	struct opt_list headers = { 0 }, own = { scanned->v + files->nr,
						 scanned->nr - files->nr, 0 }, read = { 0 };
	struct strbuf sb = STRBUF_INIT, reach = STRBUF_INIT, calls = STRBUF_INIT;
	char *inc;

	rf->st = spatch_tree_open(src->tree);
	if (spatch_names(rf, cands, nr_cands, scanned))
		return -1;
	snprintf(rf->dir, sizeof(rf->dir), "%s/bitsplit-facts.XXXXXX", tmp_dir());
	if (!mkdtemp(rf->dir))
		die("cannot create a temporary directory %s: %s", rf->dir, strerror(errno));
	rf->cands = xstrfmt("%s/candidates.tsv", rf->dir);
	rf->funcs = xstrfmt("%s/functions.txt", rf->dir);
	rf->reach = xstrfmt("%s/reaching.txt", rf->dir);
	rf->macros = xstrfmt("%s/roots-macros.txt", rf->dir);
	rf->wmacros = xstrfmt("%s/field-macros.txt", rf->dir);
	rf->dispatch = xstrfmt("%s/dispatch.tsv", rf->dir);
	rf->members = xstrfmt("%s/members.tsv", rf->dir);
	rf->out = xstrfmt("%s/facts.tsv", rf->dir);
	rf->spatch_tmp = xstrfmt("%s/spatch", spatch_tree_tmp(rf->st));

	for (int i = 0; i < nr_cands; i++)
		strbuf_addf(&sb, "%s\t%s\t%s\n", cands[i].name,
			    cands[i].header ? cands[i].spatch_header : "-", cands[i].fields.buf);
	write_or_die(rf->cands, &sb);
	write_or_die(rf->dispatch, dispatch);
	strbuf_reset(&sb);
	member_types(l, &sb);
	write_or_die(rf->members, &sb);
	strbuf_reset(&sb);
	make_batches(src, rf, cands, nr_cands, scanned);
	/* Callees worth a lock analysis: defined in the files or their headers. */
	find_path_headers(src, &headers);
	defined_functions(src->tree, files, &sb);
	defined_functions(src->tree, &headers, &sb);
	write_or_die(rf->funcs, &sb);
	/*
	 * A writer macro, or a macro that calls a function of the set, is
	 * learned where it is defined, often another file than where it is
	 * used, which another spatch worker or run parses: the writer macros'
	 * uses are kept in every file and facts.cocci decides at the end
	 * which ones are writes; the calls are known before any file is read.
	 */
	call_macros(src->tree, &own, sb.buf ? sb.buf : "", &calls);
	strbuf_reset(&sb);
	field_macros(src->tree, &own, fields, &sb);
	if (calls.len)
		strbuf_add(&sb, calls.buf, calls.len);
	strbuf_release(&calls);
	write_or_die(rf->wmacros, &sb);
	strbuf_reset(&sb);
	/* the files of both lists, for reaching_callees() below */
	for (int i = 0; i < scanned->nr; i++)
		opt_list_append(&read, scanned->v[i]);
	for (int i = 0; i < headers.nr; i++)
		opt_list_append(&read, headers.v[i]);
	/*
	 * Initializer macros, from the kernel's own headers when the tree is
	 * a kernel, the PATHs' headers and the files themselves.
	 */
	inc = xstrfmt("%s/include/linux", src->tree);
	if (is_dir(inc))
		find_sources(src->tree, "include/linux", ".h", &headers);
	free(inc);
	for (int i = 0; i < all->nr; i++)
		opt_list_append(&headers, xstrdup(all->v[i]));
	facts_learn_macros(src->tree, &headers, &sb);
	write_or_die(rf->macros, &sb);
	/* Of the functions, those on a way to a candidate write. */
	reaching_callees(src->tree, &read, fields, sb.buf ? sb.buf : "", &reach);
	write_or_die(rf->reach, &reach);
	strbuf_release(&reach);
	free(read.v);
	for (int i = 0; i < headers.nr; i++)
		free((char *)headers.v[i]);
	free(headers.v);
	strbuf_release(&sb);
	return 0;
}

static void release_inputs(struct run_files *rf)
{
	if (rf->cands)
		remove_tree(rf->dir);
	spatch_tree_close(rf->st);
	for (int i = 0; i < rf->names.nr; i++)
		free((char *)rf->names.v[i]);
	free(rf->names.v);
	free(rf->includes.v);
	free(rf->cands);
	for (int b = 0; b < rf->nr_batches; b++)
		free(rf->batch_groups[b]);
	free(rf->batch_groups);
	facts_batches_release(rf->batches, rf->nr_batches);
	free(rf->funcs);
	free(rf->reach);
	free(rf->macros);
	free(rf->wmacros);
	free(rf->dispatch);
	free(rf->members);
	free(rf->out);
	free(rf->spatch_tmp);
}

void facts_spatch_jobs(const struct facts_run_opts *o, struct opt_list *argv,
		       struct opt_list *owned)
{
	opt_list_append(argv, "--jobs");
	opt_list_append(owned, xstrfmt("%d", o->jobs > 0 ? o->jobs :
				       (int)sysconf(_SC_NPROCESSORS_ONLN)));
	opt_list_append(argv, owned->v[owned->nr - 1]);
	opt_list_append(argv, "--chunksize");
	opt_list_append(argv, "1");
	opt_list_append(argv, "--timeout");
	opt_list_append(owned, xstrfmt("%d", o->timeout > 0 ? o->timeout : 120));
	opt_list_append(argv, owned->v[owned->nr - 1]);
}

/* The root lines of the vocabularies, "A:B:C" as spatch is given them. */
static int load_roots(const char *paths, struct roots_vocab *rv)
{
	char *copy = xstrdup(paths), *save = NULL;
	int ret = 0;

	for (char *p = strtok_r(copy, ":", &save); p && !ret; p = strtok_r(NULL, ":", &save))
		ret = roots_vocab_load(rv, p);
	free(copy);
	return ret;
}

/*
 * The command for one run over the groups file groups (NULL: the single
 * file none), given the headers of batch (NULL: none), with spatch jobs
 * and the finalize mode state (facts.cocci); out is where its facts go.
 */
static void spatch_argv(const struct facts_run_opts *o, const struct run_files *rf,
			const char *data, const struct facts_batch *batch,
			const char *groups, const char *none, int jobs,
			const char *state, const char *out,
			struct opt_list *argv, struct opt_list *owned)
{
	struct facts_run_opts one = *o;

	opt_list_append(argv, "spatch");
	opt_list_append(argv, "--quiet");
	opt_list_append(argv, "--parse-error-msg");
	opt_list_append(argv, "--verbose-parsing");
	opt_list_append(argv, "--macro-file");
	opt_list_append(argv, o->spatch_macros);
	for (int i = 0; batch && i < batch->nr_headers; i++) {
		opt_list_append(argv, "--include");
		opt_list_append(argv, rf->includes.v[batch->headers[i]]);
	}
	opt_list_append(argv, "--include-headers-for-types");
	opt_list_append(owned, xstrfmt("bitsplit_cands=%s", rf->cands));
	opt_list_append(owned, xstrfmt("bitsplit_funcs=%s", rf->funcs));
	opt_list_append(owned, xstrfmt("bitsplit_reach=%s", rf->reach));
	opt_list_append(owned, xstrfmt("bitsplit_data=%s", data));
	opt_list_append(owned, xstrfmt("bitsplit_out=%s", out));
	opt_list_append(owned, xstrfmt("bitsplit_state=%s", state));
	opt_list_append(owned, xstrfmt("bitsplit_dispatch=%s", rf->dispatch));
	opt_list_append(owned, xstrfmt("bitsplit_lib=%s", bitsplit_datadir()));
	opt_list_append(owned, xstrfmt("bitsplit_members=%s", rf->members));
	opt_list_append(owned, xstrfmt("bitsplit_macros=%s", rf->wmacros));
	for (int i = owned->nr - 10; i < owned->nr; i++) {
		opt_list_append(argv, "-D");
		opt_list_append(argv, owned->v[i]);
	}
	one.jobs = jobs;
	facts_spatch_jobs(&one, argv, owned);
	opt_list_append(argv, "--tmp-dir");
	opt_list_append(argv, rf->spatch_tmp);
	if (groups) {
		opt_list_append(argv, "--file-groups");
		opt_list_append(argv, groups);
	}
	opt_list_append(argv, "--sp-file");
	opt_list_append(owned, datadir_path("facts.cocci"));
	opt_list_append(argv, owned->v[owned->nr - 1]);
	if (none)
		opt_list_append(argv, none);
}

/*
 * Run spatch over every file, its stderr to err: in one run when every
 * file needs the same headers, else one run per batch, as many at once as
 * there are jobs, and one over an empty file that loads what they saved.
 */
static int run_spatch(const struct facts_run_opts *o, const struct run_files *rf, const char *data,
		      struct strbuf *err)
{
	int nr = rf->nr_batches, jobs = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	int per = nr < jobs ? jobs / nr : 1, rc = 0, *status = xcalloc((size_t)nr + 1, sizeof(int));
	struct opt_list *argv = xcalloc((size_t)nr + 1, sizeof(*argv)), owned = { 0 };
	struct strbuf *outs = xcalloc((size_t)nr + 1, sizeof(*outs));
	struct strbuf *errs = xcalloc((size_t)nr + 1, sizeof(*errs));
	struct child *cmds = xcalloc((size_t)nr + 1, sizeof(*cmds));
	struct strbuf load = STRBUF_INIT;
	const char *tmp = spatch_tree_tmp(rf->st);
	char *none = NULL;

	strbuf_addstr(&load, "load");
	for (int b = 0; b < nr; b++) {
		char *state = nr == 1 ? xstrdup("-") : xstrfmt("save:%s/state-%d", tmp, b);

		if (nr > 1)
			strbuf_addf(&load, ":%s", state + 5);
		spatch_argv(o, rf, data, &rf->batches[b], rf->batch_groups[b], NULL,
			    nr == 1 ? jobs : per, state, nr == 1 ? rf->out : "/dev/null",
			    &argv[b], &owned);
		opt_list_append(&owned, state);
		cmds[b] = (struct child){ .argv = argv[b].v, .out = &outs[b], .err = &errs[b] };
	}
	rc = spatch_tree_run_all(rf->st, cmds, nr, jobs, status);
	for (int b = 0; b < nr; b++) {
		if (status[b])
			error("spatch failed (exit %d):\n%s", status[b],
			      errs[b].buf ? errs[b].buf : "");
		if (errs[b].len)
			strbuf_add(err, errs[b].buf, errs[b].len);
	}
	if (!rc && nr > 1) {
		struct opt_list last = { 0 };
		struct strbuf out = STRBUF_INIT, lerr = STRBUF_INIT;
		struct child cmd = { 0 };

		none = xstrfmt("%s/none.c", tmp);
		if (write_file_atomic(none, "", 0) < 0)
			die("cannot write %s: %s", none, strerror(errno));
		spatch_argv(o, rf, data, NULL, NULL, none, 1, load.buf, rf->out, &last, &owned);
		cmd.argv = last.v;
		cmd.out = &out;
		cmd.err = &lerr;
		rc = spatch_tree_run(rf->st, &cmd);
		if (rc)
			error("spatch failed (exit %d):\n%s", rc, lerr.buf ? lerr.buf : "");
		if (lerr.len)
			strbuf_add(err, lerr.buf, lerr.len);
		strbuf_release(&out);
		strbuf_release(&lerr);
		free(last.v);
	}
	for (int b = 0; b < nr; b++) {
		free(argv[b].v);
		strbuf_release(&outs[b]);
		strbuf_release(&errs[b]);
	}
	for (int i = 0; i < owned.nr; i++)
		free((char *)owned.v[i]);
	free(owned.v);
	free(argv);
	free(outs);
	free(errs);
	free(cmds);
	free(status);
	free(none);
	strbuf_release(&load);
	return rc ? -1 : 0;
}

/* The facts name the files as spatch was given them: back to the tree's names. */
static void real_names(struct facts *f, const struct spatch_tree *st)
{
	for (int i = 0; i < f->nr; i++) {
		char *real = spatch_tree_real(st, f->v[i].file);

		free(f->v[i].file);
		f->v[i].file = real;
		if (f->v[i].callee_file) {
			real = spatch_tree_real(st, f->v[i].callee_file);
			free(f->v[i].callee_file);
			f->v[i].callee_file = real;
		}
	}
}

static void summary(const struct facts *f, int nr_skips)
{
	int writes = 0, untyped = 0;

	for (int i = 0; i < f->nr; i++)
		if (f->v[i].kind == FACT_WRITE) {
			writes++;
			untyped += !f->v[i].typed;
		}
	fprintf(stderr, "bitsplit facts: %d writes (%d untyped), %d not analysed\n",
		writes, untyped, nr_skips);
}

/*
 * The parse hints spatch reads: the bundled kernel-macros.h (generic C
 * constructs spatch cannot parse, harmless elsewhere) followed by the
 * project's --macro-file, as one file in the mirror's scratch directory,
 * whose name is shell-safe whatever the user's is.
 */
static char *macro_file(const struct facts_run_opts *o, const struct spatch_tree *st)
{
	struct strbuf sb = STRBUF_INIT, user = STRBUF_INIT;
	char *bundled = datadir_path("kernel-macros.h"), *path;

	if (!o->macro_file)
		return bundled;
	if (strbuf_read_file(&sb, bundled) < 0)
		die("%s: %s", bundled, strerror(errno));
	if (strbuf_read_file(&user, o->macro_file) < 0)
		die("%s: %s", o->macro_file, strerror(errno));
	if (check_text(user.buf ? user.buf : "", user.len, o->macro_file))
		exit(2);
	strbuf_addf(&sb, "/* --macro-file %s */\n", o->macro_file);
	strbuf_add(&sb, user.buf ? user.buf : "", user.len);
	strbuf_addch(&sb, '\n');
	path = xstrfmt("%s/macros.h", spatch_tree_tmp(st));
	write_or_die(path, &sb);
	strbuf_release(&sb);
	strbuf_release(&user);
	free(bundled);
	return path;
}

int facts_run(const struct source_opts *src, const struct bs_layout *l,
	      const struct facts_run_opts *opts, struct facts *f)
{
	struct facts_run_opts run = *opts, *o = &run;
	char *macros = NULL;
	struct opt_list all = { 0 }, files = { 0 }, fields = { 0 }, named = { 0 };
	struct strbuf data = STRBUF_INIT, user = STRBUF_INIT, err = STRBUF_INIT;
	struct strbuf tsv = STRBUF_INIT, dispatch = STRBUF_INIT;
	struct opt_list cores = { 0 }, summarized = { 0 }, scanned = { 0 };
	char *learned = NULL;
	struct candidate *cands = NULL;
	struct run_files rf = { 0 };
	struct roots_vocab rv = ROOTS_VOCAB_INIT;
	const char **names;
	char **headers;
	int nr_cands = 0, nr_skips, ret;

	for (int i = 0; i < src->paths.nr; i++)
		find_sources(src->tree, src->paths.v[i], ".c", &all);
	if (!src->paths.nr)
		find_sources(src->tree, ".", ".c", &all);
	add_candidates(src, l, &all, &cands, &nr_cands, &fields);
	names = xcalloc(nr_cands, sizeof(*names));
	headers = xcalloc(nr_cands, sizeof(*headers));
	for (int i = 0; i < nr_cands; i++) {
		names[i] = cands[i].name;
		headers[i] = cands[i].header;
	}
	grep_struct_headers(src, nr_cands, names, headers);
	for (int i = 0; i < nr_cands; i++)
		cands[i].header = headers[i];
	if (fields.nr)
		prefilter_files(src->tree, &fields, &all, &files, &named);
	mark_named(cands, nr_cands, &named);

	ret = vocabulary(o, preset_resolve(o->preset, src->tree, &src->paths), &data, &user);
	if (!ret)
		ret = load_roots(data.buf, &rv);
	if (!ret && user.len)
		ret = load_roots(user.buf, &rv);
	if (!ret && !o->quiet)
		fprintf(stderr, "bitsplit facts: %d candidate struct%s, %d of %d files "
			"name a candidate field\n", nr_cands, nr_cands == 1 ? "" : "s",
			files.nr, all.nr);
	if (!ret && files.nr) {
		find_dispatch_files(src, &all, &cores, &dispatch);
		for (int i = 0; i < cores.nr; i++) {
			if (!o->quiet)
				fprintf(stderr, "bitsplit facts: %s: analysed for its calls "
					"of the PATHs' ops\n", cores.v[i]);
			opt_list_append(&files, cores.v[i]);
		}
		scanned_files(src, cands, nr_cands, &files, &scanned);
		ret = write_inputs(src, l, &rf, cands, nr_cands, &files, &scanned, &all,
				   &fields, &dispatch);
		if (!ret)
			o->spatch_macros = macros = macro_file(o, rf.st);
		/*
		 * The learned wrappers go between the presets and --data, which
		 * wins.  The cores' wrappers count: what a core holds around a
		 * dispatch site is often taken through one.
		 */
		for (int i = 0; i < all.nr; i++)
			opt_list_append(&summarized, all.v[i]);
		for (int i = 0; i < cores.nr; i++)
			opt_list_append(&summarized, cores.v[i]);
		if (!ret)
			ret = lock_summary(rf.st, src->tree, &summarized, data.buf,
					   user.buf ? user.buf : "", rf.funcs, o, rf.dir, &learned);
		if (!ret) {
			strbuf_addf(&data, ":%s:%s", learned, rf.macros);
			if (user.len)
				strbuf_addf(&data, ":%s", user.buf);
			ret = run_spatch(o, &rf, data.buf, &err);
		}
		if (!ret && strbuf_read_file(&tsv, rf.out) < 0)
			ret = error("spatch wrote no facts (%s: %s):\n%s", rf.out,
				    strerror(errno), err.buf ? err.buf : "");
		if (!ret) {
			nr_skips = collect_skips(err.buf ? err.buf : "", &rf, &scanned,
						 o->timeout > 0 ? o->timeout : 120,
						 !o->skips_in_report, &tsv);
			ret = check_text(tsv.buf, tsv.len, "spatch output");
			if (!ret) {
				facts_parse_lenient(f, tsv.buf ? tsv.buf : "", "spatch output");
				real_names(f, rf.st);
				/* the PATHs' files only: a core's exports are not theirs */
				lifecycle_pair_roots(src->tree, &all, &rv, f, o->quiet);
			}
			if (!ret && !o->quiet)
				summary(f, nr_skips);
		}
		release_inputs(&rf);
	}
	facts_sort(f);

	for (int i = 0; i < nr_cands; i++) {
		free(cands[i].header);
		free(cands[i].spatch_header);
		strbuf_release(&cands[i].fields);
	}
	free(cands);
	free(names);
	free(headers);
	for (int i = 0; i < all.nr; i++)
		free((char *)all.v[i]);
	for (int i = 0; i < files.nr; i++)
		free((char *)files.v[i]);
	for (int i = 0; i < named.nr; i++)
		free((char *)named.v[i]);
	free(named.v);
	free(all.v);
	free(files.v);
	free(fields.v);
	roots_vocab_release(&rv);
	strbuf_release(&data);
	strbuf_release(&user);
	free(learned);
	free(macros);
	strbuf_release(&err);
	strbuf_release(&tsv);
	strbuf_release(&dispatch);
	free(cores.v);
	free(summarized.v);
	for (int i = 0; i < scanned.nr; i++)
		free((char *)scanned.v[i]);
	free(scanned.v);
	return ret;
}
