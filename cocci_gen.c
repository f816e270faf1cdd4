// SPDX-License-Identifier: GPL-2.0
#include "cocci_gen.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "diff.h"
#include "spatch_tree.h"

static bool is_bool(const char *t)
{
	return !strcmp(t, "_Bool") || !strcmp(t, "bool");
}

void cocci_gen(const struct plan *p, struct strbuf *out)
{
	const struct bs_struct *s = p->s;
	struct strbuf fields = STRBUF_INIT;

	for (int i = 0; i < p->nr; i++) {
		const struct bs_member *m = &s->members[p->m[i].member];

		if (p->m[i].role == ROLE_SPLIT && !is_bool(m->type))
			strbuf_addf(&fields, "%s%s", fields.len ? ", " : "", m->name);
	}
	if (!fields.len)
		return;
	strbuf_addf(out,
		"// SPDX-License-Identifier: GPL-2.0\n"
		"/// Stores into the fields bitsplit splits out of struct %s: as\n"
		"/// bitfields they kept only their low bits, as members of their own\n"
		"/// they keep the whole value.\n"
		"//# spatch --sp-file THIS -D report --dir TREE  lists the stores to review\n"
		"//# spatch --sp-file THIS --dir TREE            makes masked stores boolean\n"
		"// Confidence: Moderate\n"
		"virtual report\n"
		"\n"
		"@store depends on !report@\n"
		"struct %s *E;\n"
		"struct %s S;\n"
		"identifier f = {%s};\n"
		"expression X, C;\n"
		"@@\n"
		"(\n E->f =\n- X & C\n+ !!(X & C)\n ;\n|\n S.f =\n- X & C\n+ !!(X & C)\n ;\n)\n"
		"\n"
		"@rep depends on report@\n"
		"struct %s *E;\n"
		"identifier f = {%s};\n"
		"expression V, V1, V2;\n"
		"binary operator bop = {==, !=, <, <=, >, >=, &&, ||};\n"
		"position p;\n"
		"@@\n"
		"(\n E->f = \\( 0 \\| 1 \\| true \\| false \\| !V \\| V1 bop V2 \\)\n|\n"
		" E->f =@p V\n|\n E->f ++@p\n|\n E->f --@p\n)\n"
		"\n"
		"@script:python depends on report@\n"
		"p << rep.p;\n"
		"f << rep.f;\n"
		"@@\n"
		"coccilib.report.print_report(p[0], \"store into %%s may be neither 0 nor 1\" %% f)\n",
		s->name, s->name, s->name, fields.buf, s->name, fields.buf);
	strbuf_release(&fields);
}

/* The three stores into E->f (sep "->") or S.f (sep "."), in the order spatch tries them. */
static void bitops_store(struct strbuf *out, const char *base, const char *sep,
			 const char *f, const char *c, const char *word)
{
	strbuf_addf(out, "- %s%s%s = \\(1\\|true\\);\n+ set_bit(%s, &%s%s%s);\n|\n",
		    base, sep, f, c, base, sep, word);
	strbuf_addf(out, "- %s%s%s = \\(0\\|false\\);\n+ clear_bit(%s, &%s%s%s);\n|\n",
		    base, sep, f, c, base, sep, word);
	strbuf_addf(out, "- %s%s%s = V;\n+ assign_bit(%s, &%s%s%s, V);\n",
		    base, sep, f, c, base, sep, word);
}

void cocci_gen_bitops(const struct plan *p, struct strbuf *out)
{
	const struct bs_struct *s = p->s;
	const char *word = NULL;

	for (int i = 0; i < p->nr; i++)
		if (p->m[i].role == ROLE_BITOPS)
			word = p->m[i].name;
	if (!word)
		return;
	strbuf_addf(out,
		"// SPDX-License-Identifier: GPL-2.0\n"
		"/// The flags of struct %s that became bits of %s: stores become\n"
		"/// set_bit(), clear_bit() or assign_bit(), reads test_bit().\n"
		"//# spatch --sp-file THIS --dir TREE\n"
		"// Confidence: High\n", s->name, word);
	for (int b = 0; b < p->nr_bits; b++) {
		const char *f = s->members[p->bits[b]].name, *c = p->bit_names[b];

		strbuf_addf(out, "\n@store_%s@\nstruct %s *E;\nstruct %s S;\nexpression V;\n"
			    "symbol true, false;\n@@\n(\n",
			    f, s->name, s->name);
		bitops_store(out, "E", "->", f, c, word);
		strbuf_addstr(out, "|\n");
		bitops_store(out, "S", ".", f, c, word);
		strbuf_addstr(out, ")\n");
		strbuf_addf(out, "\n@read_%s@\nstruct %s *E;\nstruct %s S;\n@@\n(\n"
			    "- E->%s\n+ test_bit(%s, &E->%s)\n|\n- S.%s\n+ test_bit(%s, &S.%s)\n)\n",
			    f, s->name, s->name, f, c, word, f, c, word);
	}
}

int cocci_run(const char *cocci, const char *tree, const struct opt_list *files,
	      struct strbuf *out)
{
	struct spatch_tree *st = spatch_tree_open(tree);
	/* spatch copies its result there with cp through a shell */
	char *result = xstrfmt("%s/result.c", spatch_tree_tmp(st));
	/* scoped_guard() and the like, as the facts pass reads them */
	char *macros = datadir_path("kernel-macros.h");
	int ret = 0;

	for (int i = 0; i < files->nr && !ret; i++) {
		char *path = xstrfmt("%s/%s", tree, files->v[i]);
		char *name = spatch_tree_name(st, files->v[i]);
		struct strbuf before = STRBUF_INIT, after = STRBUF_INIT, log = STRBUF_INIT;
		const char *argv[] = { "spatch", "--very-quiet", "--timeout", "120",
				       "--macro-file", macros, "--sp-file", cocci, name,
				       "-o", result, NULL };
		struct child c = { .argv = argv, .out = &log, .err = &log };

		if (!name)
			ret = -1;
		else if (write_file_atomic(result, "", 0))
			ret = -1;
		else if (spatch_tree_run(st, &c) &&
			 /* spatch fails -o on a file it leaves alone: nothing to diff */
			 !(log.buf && strstr(log.buf, "because there are no modified files")))
			ret = error("spatch %s on %s failed:\n%s", cocci, files->v[i],
				    log.buf ? log.buf : "");
		else if (strbuf_read_file(&before, path) < 0 ||
			 strbuf_read_file(&after, result) < 0)
			ret = error("cannot read %s or spatch's result", path);
		else if (check_text(before.buf, before.len, path) ||
			 check_text(after.buf, after.len, result))
			ret = -1;
		else if (after.len)
			diff_unified(out, files->v[i], before.buf, after.buf);
		strbuf_release(&before);
		strbuf_release(&after);
		strbuf_release(&log);
		free(name);
		free(path);
	}
	free(result);
	free(macros);
	spatch_tree_close(st);
	return ret;
}
