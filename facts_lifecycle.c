// SPDX-License-Identifier: GPL-2.0
/*
 * Exported lifecycle pairs.  A subsystem core exports the functions its
 * drivers set an object up and tear it down with: usb_add_hcd() and
 * usb_remove_hcd(), input_register_device() and
 * input_unregister_device().  Their callers are the drivers, outside the
 * PATHs, so no analysed root reaches them and their writes would count as
 * run time with unknown locks, racing with each other.  When the PATHs
 * export both halves of such a pair and no root of the facts reaches
 * either, the add half is taken as a setup root and the remove half as a
 * teardown root: the kernel's convention is that a driver adds an object
 * it created before anyone can use it and removes it once, after its
 * users are gone.  The words that name the two halves are the roots
 * vocabulary's (pair add remove).  That is an assumption, named in each path the report
 * prints ("lifecycle pair with usb_remove_hcd (assumed)").
 */
#include "facts_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "callgraph.h"
#include "decl_scan.h"
#include "roots_vocab.h"
#include "util.h"

struct export {
	char *name, *file;
	unsigned int line;
};

struct exports {
	struct export *v;
	int nr, alloc;
};

/* Append the names code exports: EXPORT_SYMBOL*(NAME ...). */
static void scan_exports(const char *code, const char *file, struct exports *out)
{
	unsigned int line = 1;
	const char *last = code;

	for (const char *s = code; (s = strstr(s, "EXPORT_SYMBOL")); s++) {
		const char *p = s, *n;

		if (s > code && is_ident_char((unsigned char)s[-1]))
			continue;
		while (is_ident_char((unsigned char)*p))
			p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p++ != '(')
			continue;
		while (*p == ' ' || *p == '\t')
			p++;
		for (n = p; is_ident_char((unsigned char)*n); n++)
			;
		if (n == p)
			continue;
		for (; last < s; last++)
			line += *last == '\n';
		ALLOC_GROW(out->v, out->nr + 1, out->alloc);
		out->v[out->nr].name = xstrndup(p, n - p);
		out->v[out->nr].file = xstrdup(file);
		out->v[out->nr++].line = line;
	}
}

static const struct export *find_export(const struct exports *e, const char *name)
{
	for (int i = 0; i < e->nr; i++)
		if (!strcmp(e->v[i].name, name))
			return &e->v[i];
	return NULL;
}

char *lifecycle_partner(const char *name, const char *from, const char *to)
{
	size_t n = strlen(from);

	for (const char *w = name; *w; ) {
		const char *e = strchr(w, '_');
		size_t len = e ? (size_t)(e - w) : strlen(w);

		if (len == n && !strncmp(w, from, n))
			return xstrfmt("%.*s%s%s", (int)(w - name), name, to, w + n);
		if (!e)
			break;
		w = e + 1;
	}
	return NULL;
}

static bool unreached(const struct callgraph *g, const char *name)
{
	int n = callgraph_find(g, NULL, name);

	return n >= 0 && !g->fns[n].nr_ctx;
}

static void add_root(struct strbuf *tsv, const struct export *x, const char *phase,
		     const char *other)
{
	strbuf_addf(tsv, "root\t%s\t%u\t%s\t%s\tlifecycle pair with %s (assumed)\n",
		    x->file, x->line, x->name, phase, other);
}

int lifecycle_pair_roots(const char *tree, const struct opt_list *files,
			 const struct roots_vocab *rv, struct facts *f, bool quiet)
{
	struct exports ex = { 0 };
	struct strbuf tsv = STRBUF_INIT;
	struct callgraph g = { 0 };
	int nr = 0;

	for (int i = 0; i < files->nr; i++) {
		struct strbuf sb = STRBUF_INIT;
		char *path = xstrfmt("%s/%s", tree, files->v[i]);

		if (strbuf_read_file(&sb, path) >= 0 && sb.buf) {
			char *code = strip_code(sb.buf, sb.len);

			scan_exports(code, files->v[i], &ex);
			free(code);
		}
		strbuf_release(&sb);
		free(path);
	}
	if (ex.nr)
		callgraph_build(&g, f);
	for (int i = 0; i < ex.nr; i++) {
		for (int k = 0; k < rv->nr; k++) {
			char *other = rv->v[k].what == ROOT_PAIR ?
				lifecycle_partner(ex.v[i].name, rv->v[k].name, rv->v[k].field) :
				NULL;
			const struct export *o = other ? find_export(&ex, other) : NULL;

			if (o && unreached(&g, ex.v[i].name) && unreached(&g, o->name)) {
				add_root(&tsv, &ex.v[i], "setup", o->name);
				add_root(&tsv, o, "teardown", ex.v[i].name);
				if (!quiet)
					fprintf(stderr, "bitsplit facts: %s() and %s(): an exported "
						"add/remove pair no root reaches, assumed setup and "
						"teardown\n", ex.v[i].name, o->name);
				nr++;
			}
			free(other);
		}
	}
	if (tsv.len)
		facts_parse_lenient(f, tsv.buf, "lifecycle pairs");
	if (ex.nr)
		callgraph_release(&g);
	for (int i = 0; i < ex.nr; i++) {
		free(ex.v[i].name);
		free(ex.v[i].file);
	}
	free(ex.v);
	strbuf_release(&tsv);
	return nr;
}
