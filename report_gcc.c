// SPDX-License-Identifier: GPL-2.0
/*
 * gcc-style one-line diagnostics for editors and CI: a warning at the
 * run-time write of each field that moves under the policy, a note at the
 * write it races with, and a warning per data race on a single field.
 */
#include "report.h"

#include <stdlib.h>

struct gcc_ctx {
	struct strbuf *out;
	enum policy p;
};

static void gcc_finding(const struct finding *f, void *data)
{
	struct gcc_ctx *c = data;
	char *msg = finding_message(f, c->p);

	strbuf_addf(c->out, "%s:%u:%u: warning: %s [%s]\n", f->at->write->file,
		    f->at->write->line, f->at->write->col, msg, RULE_RACY_BITFIELD);
	if (f->other)
		strbuf_addf(c->out, "%s:%u:%u: note: %s is written here by %s\n",
			    f->other->write->file, f->other->write->line,
			    f->other->write->col, f->other_field, writer_func(f->other));
	free(msg);
}

void report_gcc(struct strbuf *out, const struct verdict *v, enum policy p)
{
	struct gcc_ctx c = { out, p };

	for_each_finding(v, p, gcc_finding, &c);
	for (int i = 0; i < v->nr; i++) {
		const struct struct_verdict *sv = &v->v[i];

		for (int l = 0; l < sv->nr_locs; l++) {
			for (int k = 0; k < sv->locs[l].nr_fields; k++) {
				const struct field_verdict *fv = &sv->locs[l].fields[k];
				const struct field_writer *w = first_runtime_writer(fv);

				if (fv->data_race)
					strbuf_addf(out, "%s:%u:%u: warning: %s [%s]\n",
						    w->write->file, w->write->line,
						    w->write->col, fv->data_race,
						    RULE_FIELD_DATA_RACE);
			}
		}
		for (int n = 0; n < sv->nr_notes; n++)
			strbuf_addf(out, "%s:%u: note: struct %s: %s\n",
				    sv->file ? sv->file : "bitsplit", sv->line,
				    sv->s->name, sv->notes[n]);
	}
	for (int n = 0; n < v->nr_notes; n++)
		strbuf_addf(out, "bitsplit: note: %s\n", v->notes[n]);
}
