// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "facts_reach.h"
#include "parse_options.h"
#include "unit.h"
#include "util.h"

/*
 * Each way a write of flag or count is reached, and ways it is not: a
 * read, an initializer, a callee that writes nothing, an ops field none of
 * whose functions reach a write.
 */
static const char a_c[] =
	"#define SETF(p) ((p)->flag = 1)\n"
	"static void writer(struct s *p)\n{\n\tp->flag = 1;\n}\n"
	"static int reader(struct s *p)\n{\n\treturn p->flag;\n}\n"
	"void caller(struct s *p)\n{\n\twriter(p);\n}\n"
	"static void helper(void)\n{\n}\n"
	"void other(struct s *p)\n{\n\thelper();\n\treader(p);\n}\n"
	"void viamacro(struct s *p)\n{\n\tSETF(p);\n}\n"
	"static void incr(struct s *p)\n{\n\t++p->count;\n}\n"
	"void cb(struct s *p)\n{\n\tcaller(p);\n}\n"
	"static const struct ops o = { .run = cb, .stop = helper };\n"
	"void dispatch(struct x *x)\n{\n\tx->ops->run(x->p);\n}\n"
	"void nodispatch(struct x *x)\n{\n\tx->ops->stop(x->p);\n}\n"
	"static void cb2(struct work *w)\n{\n\tincr(w->s);\n}\n"
	"void hander(struct work *w)\n{\n\tqueue_thing(w, cb2);\n\tqueue_other(w, helper);\n}\n"
	"static void cb3(struct s *p)\n{\n\tviamacro(p);\n}\n"
	"DECLARE_THING(thing, cb3);\n"
	"void dispatch3(struct t *t)\n{\n\tt->func(t);\n}\n"
	"void init(void)\n{\n\tstruct s q = { .flag = 1 };\n\t/* p->flag = 0; */\n}\n"
	"void caller2(struct s *p)\n{\n\thdr_set(p);\n}\n";

static const char b_h[] =
	"static inline void hdr_set(struct s *p)\n{\n\tp->flag = 0;\n}\n";

static const char want[] =
	"SETF\ncaller\ncaller2\ncb\ncb2\ncb3\ndispatch\ndispatch3\nhander\nhdr_set\n"
	"incr\nqueue_thing\nviamacro\nwriter\n";

int main(void)
{
	struct strbuf texts[2] = { STRBUF_INIT, STRBUF_INIT }, out = STRBUF_INIT;
	struct opt_list fields = { 0 };

	strbuf_addstr(&texts[0], a_c);
	strbuf_addstr(&texts[1], b_h);
	opt_list_append(&fields, "flag");
	opt_list_append(&fields, "count");
	reaching_names(texts, 2, &fields, "macro\tDECLARE_THING\t1\tfunc\t%\n", &out);
	CHECK_STR(out.buf, want, "the functions and macros on a way to a write, and queue_thing");

	/* without the macros file, cb3 is stored nowhere dispatch3 calls */
	strbuf_reset(&out);
	reaching_names(texts, 2, &fields, "", &out);
	CHECK(out.buf && !strstr(out.buf, "dispatch3\n"), "an initializer macro is what stores cb3");
	CHECK(out.buf && strstr(out.buf, "\ncb3\n"), "cb3 still reaches a write");

	/* no field: nothing reaches a write */
	strbuf_reset(&out);
	opt_list_append(&fields, "unused");
	fields.v[0] = fields.v[1] = "other_name";
	reaching_names(texts, 2, &fields, "", &out);
	CHECK_INT(out.len, 0, "no write of a candidate field, no callee");

	strbuf_release(&texts[0]);
	strbuf_release(&texts[1]);
	strbuf_release(&out);
	free(fields.v);
	return unit_done();
}
