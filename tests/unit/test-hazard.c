// SPDX-License-Identifier: GPL-2.0
/*
 * Which stores change meaning when a field stops being an n-bit field:
 * hand-written facts against a hand-built struct, every verdict below
 * worked out from C's conversion rules.
 */
#include "facts.h"
#include "hazard.h"
#include "model.h"
#include "unit.h"

static const char text[] =
	"struct hz {\n"
	"\tu8\t\t\ta:1;\n"
	"\tu8\t\t\tb:3;\n"
	"\tint\t\t\ts:1;\n"
	"\tbool\t\t\tc:1;\n"
	"\tu32\t\t\tx;\n"
	"};\n";

static const struct m hz[] = {
	{ "u8", "a", NULL, 0, 0, 1, 1 },
	{ "u8", "b", NULL, 0, 1, 3, 1 },
	{ "int", "s", NULL, 0, 4, 1, 4 },
	{ "_Bool", "c", NULL, 0, 5, 1, 1 },
	{ "u32", "x", NULL, 4, 0, 0, 4 },
};

#define W(line, field, op, value) \
	"write\thz.c\t" #line "\t2\tf\thz\t" field "\th\tself\t" op "\t" value "\ttyped\t-\n"

static const char tsv[] =
	W(10, "a", "=", "1")			/* 0 or 1: fine */
	W(11, "a", "=", "!on")			/* boolean: fine */
	W(12, "a", "=", "n > 3")		/* comparison: fine */
	W(12, "a", "=", "(ret == 0)")		/* in parentheses: fine */
	W(12, "a", "=", "(n) & (m)")		/* not wrapped: judged as a whole */
	W(13, "a", "=", "flags & BIT(3)")	/* always 0 today */
	W(14, "a", "=", "count")		/* low bit today, all of it after */
	W(15, "b", "=", "7")			/* fits 3 bits: fine */
	W(16, "b", "=", "9")			/* 1 today, 9 after */
	W(17, "b", "++", "-")			/* wraps at 8 today */
	W(18, "c", "=", "flags & BIT(3)")	/* bool to bool: fine */
	W(20, "c", "++", "-")			/* bool to bool: fine; no bitop */
	W(19, "x", "=", "count");		/* not split */

int main(void)
{
	struct bs_struct s;
	struct plan p;
	struct plan_opts o = { PLAN_TYPE_DECLARED, false, NULL };
	bool split[ARRAY_SIZE(hz)] = { true, true, true, true, false };
	struct facts f = { 0 };
	struct strbuf out = STRBUF_INIT;

	build(&s, "hz", 8, hz, ARRAY_SIZE(hz));
	CHECK_INT(facts_parse(&f, tsv, "hz.tsv"), 0, "the facts parse");
	CHECK_INT(plan_struct(&p, &s, split, &o), 0, "hz plans");
	CHECK_INT(hazards_find(&p, &f, NULL, "hz.h", text, &out), 6, "six hazards");
	CHECK_STR(out.buf,
		  "hz.c:12: hazard: h->a = (n) & (m): may store more than the 1 bit a keeps "
		  "today; as u8 it keeps it\n"
		  "hz.c:13: hazard: h->a = flags & BIT(3): the 1-bit field stores 0 today "
		  "whatever the flag, u8 stores it: fix the store first (!!(...), see the .cocci)\n"
		  "hz.c:14: hazard: h->a = count: may store more than the 1 bit a keeps today; "
		  "as u8 it keeps it\n"
		  "hz.c:16: hazard: h->b = 9: may store more than the 3 bits b keeps today; "
		  "as u8 it keeps it\n"
		  "hz.c:17: hazard: h->b++ wraps at 8 today, not as u8\n"
		  "hz.h:4: hazard: s is a signed 1-bit field: it reads 0 or -1 today, 0 or 1 as int\n",
		  "each hazard with its location and why");
	strbuf_release(&out);

	CHECK_INT(hazards_find(&p, NULL, NULL, "hz.h", text, &out), 1,
		  "without facts only the declaration");
	strbuf_release(&out);
	plan_release(&p);

	/*
	 * Bitops on a, s and c: a bit keeps what a bool keeps, so the bool
	 * c takes any store, the u8 a only 0/1 values; b is 3 bits wide.
	 */
	{
		bool bits[ARRAY_SIZE(hz)] = { true, false, true, true, false };

		CHECK_INT(plan_bitops(&p, &s, bits, NULL, &o), 0, "hz bitops plans");
		CHECK_INT(hazards_find_bits(&p, &f, NULL, "hz.h", text, &out), 5, "five bitops hazards");
		CHECK_STR(out.buf,
			  "hz.c:12: hazard: h->a = (n) & (m): the 1-bit field keeps the low bit, "
			  "assign_bit() sets the bit for any non-zero value\n"
			  "hz.c:13: hazard: h->a = flags & BIT(3): the 1-bit field keeps the low "
			  "bit, assign_bit() sets the bit for any non-zero value\n"
			  "hz.c:14: hazard: h->a = count: the 1-bit field keeps the low bit, "
			  "assign_bit() sets the bit for any non-zero value\n"
			  "hz.h:4: hazard: s is a signed 1-bit field: it reads 0 or -1 today, "
			  "test_bit() gives 0 or 1\n"
			  "hz.c:20: hazard: h->c++: no atomic bitop is a read-modify-write of "
			  "one bit; rewrite it by hand\n",
			  "field by field: the stores a bit would not keep, the signed field, an increment");
		strbuf_release(&out);
		plan_release(&p);
	}
	facts_release(&f);
	release(&s);
	return unit_done();
}
