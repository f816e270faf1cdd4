// SPDX-License-Identifier: GPL-2.0
/*
 * Emacs org mode, as coccicheck's MODE=org prints it (coccilib.org): a TODO
 * link at the run-time write of each field that moves, and a secondary
 * link at the write it races with.  '[' and ']' in messages would end the
 * link, so they are written "@(" and ")" as print_safe_todo does.  Columns
 * are Coccinelle's, from 0, where the facts count from 1; the link covers
 * the written lvalue "BASE->FIELD".
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

struct org_ctx {
	struct strbuf *out;
	enum policy p;
};

static void link(struct strbuf *out, const struct field_writer *w, const char *face,
		 const char *msg)
{
	const struct fact *x = w->write;

	unsigned int colb = x->col ? x->col - 1 : 0;

	strbuf_addf(out, "[[view:%s::face=%s::linb=%u::colb=%u::cole=%zu][", x->file, face,
		    x->line, colb, colb + (x->base ? strlen(x->base) + 2 : 0) + strlen(x->field));
	for (const char *p = msg; *p; p++) {
		if (*p == '[')
			strbuf_addstr(out, "@(");
		else if (*p == ']')
			strbuf_addch(out, ')');
		else
			strbuf_addch(out, *p);
	}
	strbuf_addstr(out, "]]\n");
}

static void org_finding(const struct finding *f, void *data)
{
	struct org_ctx *c = data;
	char *msg = finding_message(f, c->p);
	char *main = xstrfmt("%s %s::%u", msg, f->at->write->file, f->at->write->line);

	strbuf_addstr(c->out, "* TODO ");
	link(c->out, f->at, "ovl-face1", main);
	free(main);
	free(msg);
	if (f->other) {
		msg = xstrfmt("%s is written here by %s", f->other_field, writer_func(f->other));
		link(c->out, f->other, "ovl-face2", msg);
		free(msg);
	}
}

void report_org(struct strbuf *out, const struct verdict *v, enum policy p)
{
	struct org_ctx c = { out, p };

	for_each_finding(v, p, org_finding, &c);
}
