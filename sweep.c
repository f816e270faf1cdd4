// SPDX-License-Identifier: GPL-2.0
/*
 * Running a sweep: list the files, find the memory locations, keep only
 * the files that can write one of their fields, and read those for their
 * stores (sweep_scan.c), caching each file's result under a hash of what it
 * depends on so a killed sweep resumes where it stopped.
 */
#include "sweep.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "datadir.h"
#include "preset.h"
#include "roots_vocab.h"
#include "decl_scan.h"
#include "facts_files.h"
#include "include_graph.h"
#include "source.h"
#include "tree_files.h"

struct file_list {
	char **v;
	int nr, alloc;
};

/* Sort names and drop repeats; the strings are borrowed, not freed. */
static void sort_unique(struct file_list *names)
{
	int n = 0;

	if (names->nr)
		qsort(names->v, (size_t)names->nr, sizeof(*names->v), cmp_strp);
	for (int k = 0; k < names->nr; k++)
		if (!n || strcmp(names->v[n - 1], names->v[k]))
			names->v[n++] = names->v[k];
	names->nr = n;
}

static char *read_tree_file(const char *tree, const char *rel, struct strbuf *sb)
{
	char *path = xstrfmt("%s/%s", tree, rel);

	strbuf_reset(sb);
	if (strbuf_read_file(sb, path) < 0)
		die("%s: cannot read: %s", path, strerror(errno));
	free(path);
	return sb->buf;
}

/* FNV-1a: a cache key, not a security boundary. */
static unsigned long long fnv1a(unsigned long long h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

#define FNV_INIT 0xcbf29ce484222325ULL

static int find_file(const struct file_list *files, const char *path)
{
	char **hit = bsearch(&path, files->v, (size_t)files->nr, sizeof(*files->v), cmp_strp);

	return hit ? (int)(hit - files->v) : -1;
}

/* A field name of a location; the index of all of them is sorted by name. */
struct name_loc {
	const char *name;
	int loc;
};

static int cmp_name_loc(const void *a, const void *b)
{
	return strcmp(((const struct name_loc *)a)->name, ((const struct name_loc *)b)->name);
}

static struct name_loc *index_names(const struct sweep_results *r, int *nr)
{
	struct name_loc *idx = NULL;
	int alloc = 0;

	*nr = 0;
	for (int l = 0; l < r->nr_locs; l++)
		for (int k = 0; k < r->locs[l].nr_fields; k++) {
			ALLOC_GROW(idx, *nr + 1, alloc);
			idx[(*nr)++] = (struct name_loc){ r->locs[l].fields[k], l };
		}
	if (*nr)
		qsort(idx, (size_t)*nr, sizeof(*idx), cmp_name_loc);
	return idx;
}

/*
 * Which structs hold a member of another's type: a file that names the
 * outer struct can store to the inner one's fields through it
 * (dev->nl->a names only struct rk_dev).  One level is followed.
 */
struct container {
	char *inner, *outer;
	char *member;		/* outer's member of type inner, or NULL */
};

struct containers {
	struct container *v;
	int nr, alloc;
};

static int cmp_container(const void *a, const void *b)
{
	return strcmp(((const struct container *)a)->inner, ((const struct container *)b)->inner);
}

/* type: "struct foo *", "const struct foo", "foo_t" */
static void add_container(struct containers *c, const char *type, const char *outer,
			  const char *member)
{
	static const char *const skip[] = { "const ", "volatile ", "struct ", "union " };
	size_t n;

	for (size_t k = 0; k < ARRAY_SIZE(skip); k++)
		if (starts_with(type, skip[k])) {
			type += strlen(skip[k]);
			k = -1;
		}
	for (n = 0; is_ident_char((unsigned char)type[n]); n++)
		;
	if (!n || (strlen(outer) == n && !strncmp(type, outer, n)))
		return;
	ALLOC_GROW(c->v, c->nr + 1, c->alloc);
	c->v[c->nr++] = (struct container){ xstrndup(type, n), xstrdup(outer),
					    member ? xstrdup(member) : NULL };
}

/* Keep the pairs whose inner struct has a location; sort them by it. */
static void keep_containers(struct containers *c, const struct sweep_results *r)
{
	struct file_list names = { 0 };
	int n = 0;

	for (int l = 0; l < r->nr_locs; l++) {
		ALLOC_GROW(names.v, names.nr + 1, names.alloc);
		names.v[names.nr++] = r->locs[l].struct_name;
	}
	sort_unique(&names);
	for (int i = 0; i < c->nr; i++) {
		if (bsearch(&c->v[i].inner, names.v, (size_t)names.nr, sizeof(*names.v), cmp_strp)) {
			c->v[n++] = c->v[i];
			continue;
		}
		free(c->v[i].inner);
		free(c->v[i].outer);
		free(c->v[i].member);
	}
	c->nr = n;
	if (n)
		qsort(c->v, (size_t)n, sizeof(*c->v), cmp_container);
	free(names.v);
}

static void release_containers(struct containers *c)
{
	for (int i = 0; i < c->nr; i++) {
		free(c->v[i].inner);
		free(c->v[i].outer);
		free(c->v[i].member);
	}
	free(c->v);
}

/*
 * What file i can see: the locations declared in the files its includes
 * reach (walked the first time a store asks), and those not placed in the
 * tree, which every file sees.
 */
struct view {
	const struct include_graph *g;
	const struct sweep_results *r;
	const int *loc_file;
	int file;
	bool *seen;	/* [g->nr] */
	bool reached;
	const struct containers *c;
	const char *buf;	/* the file's text */
	char *text;		/* a copy of buf that words point into */
	struct file_list words;	/* its identifiers, sorted, once a store asks */
	bool tokenized;
};

/*
 * Does the file name struct s (struct s *p, a cast, container_of, or the
 * declaration itself), or a struct with a member of its type?  A store to a field of s is typed by something the
 * file says; one through members of other structs (a->b.flag) only is
 * the price of not parsing here: check on that directory finds it.
 */
static bool names_struct(struct view *v, const char *s)
{
	struct container key, *hit;

	if (!v->tokenized) {
		/* the identifiers of a copy of the text, each ended by a NUL */
		char *p = v->text = xstrdup(v->buf);

		v->words.nr = 0;
		while (*p) {
			char *e = p;

			if (!isalpha((unsigned char)*p) && *p != '_') {
				while (is_ident_char((unsigned char)*p))
					p++;	/* the rest of a number */
				p += *p != '\0';
				continue;
			}
			while (is_ident_char((unsigned char)*e))
				e++;
			ALLOC_GROW(v->words.v, v->words.nr + 1, v->words.alloc);
			v->words.v[v->words.nr++] = p;
			p = e + (*e != '\0');
			*e = '\0';
		}
		sort_unique(&v->words);
		v->tokenized = true;
	}
	if (bsearch(&s, v->words.v, (size_t)v->words.nr, sizeof(*v->words.v), cmp_strp))
		return true;
	key.inner = (char *)s;
	hit = bsearch(&key, v->c->v, (size_t)v->c->nr, sizeof(*v->c->v), cmp_container);
	if (!hit)
		return false;
	while (hit > v->c->v && !strcmp(hit[-1].inner, s))
		hit--;
	for (; hit < v->c->v + v->c->nr && !strcmp(hit->inner, s); hit++)
		if (bsearch(&hit->outer, v->words.v, (size_t)v->words.nr, sizeof(*v->words.v),
			    cmp_strp))
			return true;
	return false;
}

/* Forget the last file's words. */
static void view_reset(struct view *v, int file, const char *buf)
{
	free(v->text);
	v->text = NULL;
	v->words.nr = 0;
	v->file = file;
	v->buf = buf;
	v->reached = v->tokenized = false;
}

static bool sees(struct view *v, int loc)
{
	if (v->loc_file[loc] < 0)
		return true;
	if (!v->reached) {
		memset(v->seen, 0, (size_t)v->g->nr * sizeof(*v->seen));
		include_graph_reach(v->g, v->file, v->seen);
		v->reached = true;
	}
	return v->seen[v->loc_file[loc]];
}

/* strcmp of the NUL-terminated a with b[0, n) */
static int cmp_prefix(const char *a, const char *b, size_t n)
{
	int c = strncmp(a, b, n);

	return c ? c : a[n] ? 1 : 0;
}

/* The first entry of idx named b[0, n), or -1. */
static int find_name(const struct name_loc *idx, int nr, const char *b, size_t n)
{
	int lo = 0, hi = nr;

	while (lo < hi) {	/* the first entry not below the name */
		int mid = lo + (hi - lo) / 2;

		if (cmp_prefix(idx[mid].name, b, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nr && !cmp_prefix(idx[lo].name, b, n) ? lo : -1;
}

/* The entry from idx[k] on, of the same name, of a location v sees, or NULL. */
static const struct name_loc *visible(const struct name_loc *idx, int nr, int k, struct view *v)
{
	for (int i = k; i < nr && !strcmp(idx[i].name, idx[k].name); i++)
		if (sees(v, idx[i].loc) && names_struct(v, v->r->locs[idx[i].loc].struct_name))
			return &idx[i];
	return NULL;
}

/*
 * Is "->name" or ".name" at p a store?  An assignment operator or ++/--
 * after it, or ++/-- earlier on the line (a pre-increment of an lvalue).
 */
static bool is_store(const char *buf, const char *p, const char *after)
{
	const char *q = after, *bol = p;

	while (*q == ' ' || *q == '\t')
		q++;
	if ((q[0] == '=' && q[1] != '=') || (q[0] == '+' && q[1] == '+') ||
	    (q[0] == '-' && q[1] == '-'))
		return true;
	if (strchr("+-*/%&|^", q[0]) && q[0] && q[1] == '=')
		return true;
	if ((q[0] == '<' || q[0] == '>') && q[1] == q[0] && q[2] == '=')
		return true;
	while (bol > buf && bol[-1] != '\n')
		bol--;
	for (const char *s = bol; s + 1 < p; s++)
		if ((s[0] == '+' && s[1] == '+') || (s[0] == '-' && s[1] == '-'))
			return true;
	return false;
}

/*
 * The names of the fields of visible locations this file stores to,
 * sorted and comma-separated, or NULL.
 */
static char *prefilter(const char *buf, const struct name_loc *idx, int nr_idx, struct view *v)
{
	struct file_list hit = { 0 };
	struct strbuf sb = STRBUF_INIT;

	for (const char *p = buf; (p = strpbrk(p, ".-")); p++) {
		const char *b = p + (*p == '-' ? 2 : 1), *e = b, *at = p;
		const struct name_loc *found;
		bool dup = false;
		int k;

		if (*p == '-' && p[1] != '>')
			continue;
		if (!isalpha((unsigned char)*b) && *b != '_')
			continue;
		while (is_ident_char((unsigned char)*e))
			e++;
		p = e - 1;
		k = find_name(idx, nr_idx, b, (size_t)(e - b));
		if (k < 0 || !is_store(buf, at, e) || !(found = visible(idx, nr_idx, k, v)))
			continue;
		for (int i = 0; i < hit.nr && !dup; i++)
			dup = !strcmp(hit.v[i], found->name);
		if (!dup) {
			ALLOC_GROW(hit.v, hit.nr + 1, hit.alloc);
			hit.v[hit.nr++] = (char *)found->name;
		}
	}
	if (hit.nr)
		qsort(hit.v, (size_t)hit.nr, sizeof(*hit.v), cmp_strp);
	for (int i = 0; i < hit.nr; i++)
		strbuf_addf(&sb, "%s%s", i ? "," : "", hit.v[i]);
	free(hit.v);
	return hit.nr ? strbuf_detach(&sb) : NULL;
}

static bool has_name(const struct file_list *names, const char *name, size_t n)
{
	char *key = xstrndup(name, n);
	bool found = bsearch(&key, names->v, (size_t)names->nr, sizeof(*names->v), cmp_strp);

	free(key);
	return found;
}

/*
 * The names of the locations that two files' stores could race on: those
 * with at least two fields that some file stores to.  A location only one
 * of whose fields is ever written cannot lose an update.
 */
static void live_names(const struct sweep_results *r, char *const *stored, int nr,
		       struct file_list *names)
{
	struct file_list all = { 0 };

	for (int i = 0; i < nr; i++)
		for (const char *p = stored[i]; p; p = strchr(p, ','), p = p ? p + 1 : NULL) {
			ALLOC_GROW(all.v, all.nr + 1, all.alloc);
			all.v[all.nr++] = xstrndup(p, strcspn(p, ","));
		}
	if (all.nr)
		qsort(all.v, (size_t)all.nr, sizeof(*all.v), cmp_strp);
	names->nr = 0;
	for (int l = 0; l < r->nr_locs; l++) {
		const struct sweep_loc *loc = &r->locs[l];
		int written = 0;

		for (int k = 0; k < loc->nr_fields; k++)
			written += has_name(&all, loc->fields[k], strlen(loc->fields[k]));
		for (int k = 0; written > 1 && k < loc->nr_fields; k++) {
			ALLOC_GROW(names->v, names->nr + 1, names->alloc);
			names->v[names->nr++] = loc->fields[k];
		}
	}
	sort_unique(names);
	for (int i = 0; i < all.nr; i++)
		free(all.v[i]);
	free(all.v);
}

/* The names of list that are in names, comma-separated, or NULL. */
static char *keep_names(const char *list, const struct file_list *names)
{
	struct strbuf sb = STRBUF_INIT;

	for (const char *p = list; p; p = strchr(p, ','), p = p ? p + 1 : NULL) {
		size_t n = strcspn(p, ",");

		if (has_name(names, p, n))
			strbuf_addf(&sb, "%s%.*s", sb.len ? "," : "", (int)n, p);
	}
	return sb.len ? strbuf_detach(&sb) : NULL;
}

struct job {
	const char *file;
	char *fields;
	char *cache;	/* cache file path */
};

/*
 * The named fields of one location of the layout model, as the sweep
 * lists them; false (and nothing kept) when fewer than two are named.
 */
static bool sweep_loc_of(const struct bs_struct *bs, const struct bs_location *loc,
			 struct sweep_loc *sl)
{
	memset(sl, 0, sizeof(*sl));
	for (int f = 0; f < loc->nr_fields; f++) {
		const char *name = bs->members[loc->fields[f]].name;

		if (!name)
			continue;
		sl->fields = xrealloc(sl->fields, sizeof(*sl->fields) * (size_t)(sl->nr_fields + 1));
		sl->fields[sl->nr_fields++] = xstrdup(name);
	}
	if (sl->nr_fields > 1) {
		sl->line = bs->decl_line;
		sl->struct_name = xstrdup(bs->name);
		return true;
	}
	for (int f = 0; f < sl->nr_fields; f++)
		free(sl->fields[f]);
	free(sl->fields);
	return false;
}

static void add_loc(struct sweep_results *r, struct sweep_loc *sl, const char *file)
{
	sl->file = xstrdup(file);
	ALLOC_GROW(r->locs, r->nr_locs + 1, r->alloc_locs);
	r->locs[r->nr_locs++] = *sl;
}

/*
 * Locations from the objects of a build, through pahole: the compiler's
 * own layout, so a field whose width is a macro or an #ifdef branch that
 * was not built is right.  A struct is placed in the tree by its DWARF
 * decl_file; one that cannot be is visible to every file.
 */
static void build_locations(const struct sweep_opts *o, const struct file_list *files,
			    struct sweep_results *r, struct containers *c)
{
	struct source_opts src = { .tree = o->tree, .build = o->build };
	struct opt_list fl = { 0 };
	struct bs_layout l = { 0 };

	for (const char **p = o->paths; *p; p++)
		opt_list_append(&src.paths, *p);
	for (int i = 0; i < files->nr; i++)
		opt_list_append(&fl, files->v[i]);
	source_setup(&src);
	if (source_load_layout(&src, &l))
		exit(2);
	r->from_build = true;
	for (int i = 0; i < l.nr_structs; i++) {
		const struct bs_struct *bs = &l.structs[i];
		char *file = NULL;

		for (int k = 0; k < bs->nr_members; k++)
			if (bs->members[k].type)
				add_container(c, bs->members[k].type, bs->name,
					      bs->members[k].name);
		for (int k = 0; k < bs->nr_locations; k++) {
			struct sweep_loc sl;
			bool seen = false;

			if (!sweep_loc_of(bs, &bs->locations[k], &sl))
				continue;
			if (!file)
				file = find_struct_header(&src, bs, &fl);
			if (!file)
				file = xstrdup("?");
			/* every object that includes a header has its structs */
			for (int j = 0; j < r->nr_locs && !seen; j++)
				seen = !strcmp(r->locs[j].struct_name, sl.struct_name) &&
				       !strcmp(r->locs[j].file, file) &&
				       !strcmp(r->locs[j].fields[0], sl.fields[0]);
			if (seen) {
				for (int f = 0; f < sl.nr_fields; f++)
					free(sl.fields[f]);
				free(sl.fields);
				free(sl.struct_name);
				continue;
			}
			add_loc(r, &sl, file);
		}
		free(file);
	}
	layout_release(&l);
	free(src.paths.v);
	free(fl.v);
}

/* Without a build the layout model reads the declarations. */
static void scan_declarations(const char *tree, const struct file_list *files,
			      struct sweep_results *r, struct containers *c)
{
	struct decl_scan d = { 0 };
	struct bs_layout l = { 0 };
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < files->nr; i++) {
		read_tree_file(tree, files->v[i], &sb);
		decl_scan_buf(&d, sb.buf, sb.len, files->v[i]);
	}
	for (int i = 0; i < d.nr; i++)
		for (int k = 0; k < d.v[i].nr_members; k++)
			if (d.v[i].members[k].type)
				add_container(c, d.v[i].members[k].type, d.v[i].name,
					      d.v[i].members[k].name);
	layout_from_decls(&l, &d);
	for (int i = 0; i < l.nr_structs; i++)
		for (int k = 0; k < l.structs[i].nr_locations; k++) {
			struct sweep_loc sl;

			if (sweep_loc_of(&l.structs[i], &l.structs[i].locations[k], &sl))
				add_loc(r, &sl, l.structs[i].decl_file);
		}
	layout_release(&l);
	decl_scan_release(&d);
	strbuf_release(&sb);
}

/*
 * The cache key's part that is not the file: the bitsplit version, the
 * version of the cheap tier's records and every file of the data
 * directory (the rules, the parse hints, the lock, root and object
 * vocabularies, the rules' shared Python) by name and contents, so that an
 * edit to any of them, read now or by spatch later, is never answered from
 * the cache.
 */
static unsigned long long data_hash(void)
{
	const char *dir = bitsplit_datadir();
	unsigned long long h = fnv1a(FNV_INIT, BITSPLIT_VERSION, sizeof(BITSPLIT_VERSION));

	/* the cheap tier's reader is in the binary: its records change with it */
	h = fnv1a(h, SWEEP_SCAN_VERSION, sizeof(SWEEP_SCAN_VERSION));
	struct file_list names = { 0 };
	struct strbuf sb = STRBUF_INIT;
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		die("%s: %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		ALLOC_GROW(names.v, names.nr + 1, names.alloc);
		names.v[names.nr++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (names.nr)
		qsort(names.v, (size_t)names.nr, sizeof(*names.v), cmp_strp);
	for (int i = 0; i < names.nr; i++) {
		char *path = xstrfmt("%s/%s", dir, names.v[i]);
		struct stat st;

		if (!stat(path, &st) && S_ISREG(st.st_mode)) {
			strbuf_reset(&sb);
			if (strbuf_read_file(&sb, path) < 0)
				die("%s: cannot read: %s", path, strerror(errno));
			h = fnv1a(h, names.v[i], strlen(names.v[i]) + 1);
			h = fnv1a(h, sb.buf, sb.len);
		}
		free(path);
		free(names.v[i]);
	}
	free(names.v);
	strbuf_release(&sb);
	return h;
}

static void progress(const struct sweep_opts *o, int done, int total, time_t start)
{
	long el = (long)(time(NULL) - start);

	if (!o->progress)
		return;
	fprintf(stderr, "\rsweep: %d/%d files, %lds elapsed", done, total, el);
	if (done && done < total)
		fprintf(stderr, ", ETA %lds   ", el * (total - done) / done);
	else
		fprintf(stderr, "            ");
	if (done == total)
		fputc('\n', stderr);
}

/* The roots vocabulary of the tree's preset, as check reads it. */
static void load_roots(const struct sweep_opts *o, struct roots_vocab *rv)
{
	struct opt_list paths = { 0 };
	const char *const *names;

	for (const char **p = o->paths; *p; p++)
		opt_list_append(&paths, *p);
	names = preset_vocabularies(preset_resolve(NULL, o->tree, &paths));
	for (size_t i = 0; names[i]; i++) {
		char *path = datadir_path(names[i]);

		if (roots_vocab_load(rv, path))
			exit(2);
		free(path);
	}
	free(paths.v);
}

/* The cheap tier on the files not in the cache; each result is cached. */
static void scan_files(const struct sweep_opts *o, const struct sweep_results *r,
		       const struct containers *cont, const struct job *todo, int nr)
{
	struct roots_vocab rv = ROOTS_VOCAB_INIT;
	struct sweep_scan_ctx ctx = { .roots = &rv };
	struct sweep_member *members = xcalloc((size_t)cont->nr + 1, sizeof(*members));
	struct file_list names = { 0 };
	struct strbuf sb = STRBUF_INIT, out = STRBUF_INIT;
	time_t start = time(NULL);

	load_roots(o, &rv);
	for (int l = 0; l < r->nr_locs; l++) {
		ALLOC_GROW(names.v, names.nr + 1, names.alloc);
		names.v[names.nr++] = r->locs[l].struct_name;
	}
	sort_unique(&names);
	ctx.structs = names.v;
	ctx.nr_structs = names.nr;
	for (int i = 0; i < cont->nr; i++)
		if (cont->v[i].member)
			members[ctx.nr_members++] = (struct sweep_member){
				cont->v[i].outer, cont->v[i].member, cont->v[i].inner };
	if (ctx.nr_members)
		qsort(members, (size_t)ctx.nr_members, sizeof(*members), sweep_member_cmp);
	ctx.members = members;
	progress(o, 0, nr, start);
	for (int i = 0; i < nr; i++) {
		read_tree_file(o->tree, todo[i].file, &sb);
		strbuf_reset(&out);
		strbuf_addstr(&out, "");
		sweep_scan(&ctx, sb.buf, sb.len, todo[i].file, todo[i].fields, &out);
		if (write_file_atomic(todo[i].cache, out.buf, out.len))
			exit(2);
		progress(o, i + 1, nr, start);
	}
	roots_vocab_release(&rv);
	free(members);
	free(names.v);
	strbuf_release(&sb);
	strbuf_release(&out);
}

static bool dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	bool empty = true;

	if (!d)
		return true;
	while (empty && (de = readdir(d)))
		empty = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..");
	closedir(d);
	return empty;
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0777) && errno != EEXIST)
		die("%s: cannot create: %s", path, strerror(errno));
}

/* The data files, file name, contents and the names it is asked about. */
static char *cache_path(const char *out, unsigned long long data, const char *file,
			unsigned long long text_hash, const char *fields)
{
	unsigned long long h = data;

	h = fnv1a(h, file, strlen(file) + 1);
	h = fnv1a(h, &text_hash, sizeof(text_hash));
	h = fnv1a(h, fields, strlen(fields));
	return xstrfmt("%s/cache/%016llx.tsv", out, h);
}

void sweep_run(const struct sweep_opts *o, struct sweep_results *r)
{
	struct file_list files = { 0 }, names = { 0 };
	struct strbuf sb = STRBUF_INIT;
	struct job *jobs = NULL, *todo = NULL;
	int nr_jobs = 0, alloc_jobs = 0, nr_todo = 0, alloc_todo = 0;
	long nth_c = 0, nth_candidate = 0;
	char *cache_dir, *results;
	unsigned long long data;
	struct include_graph graph;
	int *loc_file, nr_idx;
	struct name_loc *idx;
	struct containers cont = { 0 };
	struct view view;
	char **stored;
	unsigned long long *hashes;
	int lock;

	make_dir(o->out);
	/* held until exit; O_CLOEXEC: the full tier's spatch must not hold it past us */
	lock = open(o->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB))
		die(errno == EWOULDBLOCK ? "%s: another sweep is writing into it" :
		    "%s: cannot lock it: %s", o->out, strerror(errno));
	cache_dir = xstrfmt("%s/cache", o->out);
	if (!o->resume && !dir_is_empty(cache_dir))
		die("%s: holds a sweep already; pass --resume to continue it, or remove it",
		    o->out);
	make_dir(cache_dir);
	data = data_hash();

	for (const char **p = o->paths; *p; p++) {
		struct opt_list found = { 0 };
		char *path = xstrfmt("%s/%s", o->tree, *p);
		struct stat st;

		if (stat(path, &st))
			die("%s: %s", path, strerror(errno));
		tree_files(o->tree, *p, &found);
		for (int i = 0; i < found.nr; i++) {
			ALLOC_GROW(files.v, files.nr + 1, files.alloc);
			files.v[files.nr++] = (char *)found.v[i];
		}
		free(found.v);
		free(path);
	}
	if (files.nr)
		qsort(files.v, (size_t)files.nr, sizeof(*files.v), cmp_strp);
	r->nr_shards = o->nr_shards;
	if (o->build)
		build_locations(o, &files, r, &cont);
	else
		scan_declarations(o->tree, &files, r, &cont);
	keep_containers(&cont, r);
	include_graph_build(&graph, o->tree, files.v, files.nr);
	loc_file = xcalloc((size_t)r->nr_locs + 1, sizeof(*loc_file));
	for (int l = 0; l < r->nr_locs; l++)
		loc_file[l] = find_file(&files, r->locs[l].file);

	stored = xcalloc((size_t)files.nr + 1, sizeof(*stored));
	hashes = xcalloc((size_t)files.nr + 1, sizeof(*hashes));
	idx = index_names(r, &nr_idx);
	view = (struct view){ .g = &graph, .r = r, .c = &cont, .loc_file = loc_file,
			      .seen = xcalloc((size_t)files.nr + 1, sizeof(*view.seen)) };
	/* headers too: their static inline functions are writers */
	for (int i = 0; i < files.nr; i++) {
		r->files += nth_c++ % o->nr_shards == o->shard - 1;
		read_tree_file(o->tree, files.v[i], &sb);
		hashes[i] = fnv1a(FNV_INIT, sb.buf, sb.len);
		view_reset(&view, i, sb.buf);
		stored[i] = prefilter(sb.buf, idx, nr_idx, &view);
	}
	view_reset(&view, -1, NULL);
	free(view.words.v);
	free(view.seen);
	free(idx);
	live_names(r, stored, files.nr, &names);

	for (int i = 0; i < files.nr; i++) {
		char *fields = stored[i] ? keep_names(stored[i], &names) : NULL;

		if (!fields)
			continue;
		/* shards split the candidates, so each gets its share of spatch runs */
		if (nth_candidate++ % o->nr_shards != o->shard - 1) {
			free(fields);
			continue;
		}
		r->candidates++;
		ALLOC_GROW(jobs, nr_jobs + 1, alloc_jobs);
		jobs[nr_jobs].file = files.v[i];
		jobs[nr_jobs].fields = fields;
		jobs[nr_jobs].cache = cache_path(o->out, data, files.v[i], hashes[i], fields);
		if (!access(jobs[nr_jobs].cache, R_OK)) {
			r->cached++;
		} else {
			ALLOC_GROW(todo, nr_todo + 1, alloc_todo);
			todo[nr_todo++] = jobs[nr_jobs];
		}
		nr_jobs++;
	}
	r->parsed = nr_todo;
	if (nr_todo)
		scan_files(o, r, &cont, todo, nr_todo);
	release_containers(&cont);

	for (int i = 0; i < nr_jobs; i++) {
		strbuf_reset(&sb);
		if (strbuf_read_file(&sb, jobs[i].cache) < 0)
			die("%s: cannot read: %s", jobs[i].cache, strerror(errno));
		if (sweep_results_parse(r, sb.buf, sb.len, jobs[i].cache))
			exit(2);
	}
	r->failed = r->nr_skips;

	strbuf_reset(&sb);
	sweep_results_print(r, o->shard, &sb);
	results = xstrfmt("%s/results-%d-of-%d.tsv", o->out, o->shard, o->nr_shards);
	if (write_file_atomic(results, sb.buf, sb.len))
		exit(2);

	for (int i = 0; i < nr_jobs; i++) {
		free(jobs[i].fields);
		free(jobs[i].cache);
	}
	include_graph_release(&graph);
	free(loc_file);
	for (int i = 0; i < files.nr; i++)
		free(stored[i]);
	free(stored);
	free(hashes);
	for (int i = 0; i < files.nr; i++)
		free(files.v[i]);
	free(files.v);
	free(names.v);
	free(jobs);
	free(todo);
	free(results);
	free(cache_dir);
	strbuf_release(&sb);
}
