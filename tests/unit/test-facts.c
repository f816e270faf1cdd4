// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "facts.h"
#include "unit.h"
#include "util.h"

/* Every kind once, sorted, with escapes in a value and a lock ID. */
static const char sorted[] =
	"write\tv.c\t12\t8\tfoo_set\tfoo\tbusy\tf\tself\t=\ta\\tb\\\\c\ttyped\t"
	"foo.lock:w@lexical,?g(a\\,b):r@caller\n"
	"write\tv.c\t12\t9\tfoo_set\tfoo\tidle\tf\tlocal\t++\t-\tuntyped\t-\n"
	"call\tv.c\t30\tfoo_ioctl\tfoo_set\truntime_pm:r@lexical\n"
	"root\tv.c\t40\tfoo_open\tsetup\topen_device\n"
	"func\tv.c\t10\tfoo_set\t14\n"
	"fnlock\tv.c\t10\tfoo_set\tfoo.lock:w@must_hold\n"
	"guard\tv.h\t5\tfoo\t-\tfoo.lock:w@annotation\tprotects busy\n"
	"struct\tv.h\t3\tfoo\n"
	"skip\tw.c\t0\tnot analysed\tparse error\n";

/* The thread-private facts: a private object and a forwarded parameter. */
static const char passes[] =
	"write\tp.c\t20\t2\top\tfoo\tbusy\targs\tprivate\t=\t1\ttyped\t-\n"
	"pass\tp.c\t21\top\tfill\t0\tprivate\n"
	"pass\tp.c\t31\tfill\tfill2\t1\targ=0\n"
	"wparam\tp.c\t30\t2\tfill\t0\n";

static void test_passes(void)
{
	struct facts f = { 0 };
	struct strbuf out = STRBUF_INIT;

	CHECK_INT(facts_parse(&f, passes, "p.tsv"), 0, "parse pass and wparam");
	CHECK_STR(f.v[0].instance, "private", "instance private");
	CHECK_INT(f.v[1].arg, 0, "pass index");
	CHECK_INT(f.v[1].from_arg, -1, "pass from a private object");
	CHECK_INT(f.v[2].from_arg, 0, "pass forwarding parameter 0");
	CHECK_INT(f.v[3].col, 2, "wparam column");
	CHECK_INT(f.v[3].arg, 0, "wparam index");
	facts_print_tsv(&f, &out);
	CHECK_STR(out.buf, passes, "print(parse(x)) == x for pass and wparam");
	strbuf_release(&out);
	facts_release(&f);
	CHECK_INT(facts_parse(&f, "pass\tp.c\t1\ta\tb\t0\tshared\n", "bad.tsv"), -1,
		  "pass FROM must be private or arg=K");
	facts_release(&f);
}

static void test_roundtrip(void)
{
	struct facts f = { 0 };
	struct strbuf out = STRBUF_INIT;

	CHECK_INT(facts_parse(&f, sorted, "rt.tsv"), 0, "parse every kind");
	CHECK_INT(f.nr, 9, "nine facts");
	CHECK_STR(f.v[0].value, "a\tb\\c", "value unescaped");
	CHECK_INT(f.v[0].nr_locks, 2, "two locks");
	CHECK_STR(f.v[0].locks[1].id, "?g(a,b)", "comma in lock id unescaped");
	CHECK_INT(f.v[0].locks[1].mode, LOCK_SHARED, "shared mode");
	CHECK_STR(f.v[0].locks[1].how, "caller", "how");
	CHECK(!f.v[1].value, "'-' is an empty value");
	CHECK(!f.v[1].typed, "untyped");
	CHECK_STR(f.v[1].instance, "local", "instance");
	CHECK_INT(f.v[4].end_line, 14, "func end line");
	CHECK(!f.v[6].field, "guard without a field");
	CHECK_STR(f.v[6].why, "protects busy", "guard source");
	CHECK_STR(f.v[8].reason, "parse error", "skip reason");
	facts_print_tsv(&f, &out);
	CHECK_STR(out.buf, sorted, "print(parse(x)) == x");
	strbuf_release(&out);
	facts_release(&f);
}

static void test_sort(void)
{
	struct facts f = { 0 };
	struct strbuf out = STRBUF_INIT;
	const char *in =
		"# comments and blank lines are ignored\n\n"
		"struct\tb.h\t1\tb\n"
		"write\tb.c\t9\t1\tf\ts\tx\tp\tself\t=\t1\ttyped\t-\n"
		"write\ta.c\t10\t4\tf\ts\tx\tp\tself\t=\t1\ttyped\t-\n"
		"write\ta.c\t9\t4\tf\ts\ty\tp\tself\t=\t1\ttyped\t-\n"
		"write\ta.c\t9\t4\tf\ts\tx\tp\tself\t=\t1\ttyped\t-";

	CHECK_INT(facts_parse(&f, in, "s.tsv"), 0, "parse unsorted, no final newline");
	facts_sort(&f);
	facts_print_tsv(&f, &out);
	CHECK_STR(out.buf,
		  "write\ta.c\t9\t4\tf\ts\tx\tp\tself\t=\t1\ttyped\t-\n"
		  "write\ta.c\t9\t4\tf\ts\ty\tp\tself\t=\t1\ttyped\t-\n"
		  "write\ta.c\t10\t4\tf\ts\tx\tp\tself\t=\t1\ttyped\t-\n"
		  "write\tb.c\t9\t1\tf\ts\tx\tp\tself\t=\t1\ttyped\t-\n"
		  "struct\tb.h\t1\tb\n",
		  "sorted by kind, file, line (numeric), col, then text");
	strbuf_release(&out);
	facts_release(&f);
}

static void test_json(void)
{
	struct facts f = { 0 };
	struct strbuf out = STRBUF_INIT;

	facts_parse(&f, "fnlock\tv.c\t10\tfoo_set\tfoo.lock:r@lockdep\n", "j");
	facts_print_json(&f, &out);
	CHECK_STR(out.buf,
		  "[\n"
		  "  {\n"
		  "    \"kind\": \"fnlock\",\n"
		  "    \"file\": \"v.c\",\n"
		  "    \"line\": 10,\n"
		  "    \"func\": \"foo_set\",\n"
		  "    \"locks\": [\n"
		  "      {\n"
		  "        \"id\": \"foo.lock\",\n"
		  "        \"mode\": \"shared\",\n"
		  "        \"how\": \"lockdep\"\n"
		  "      }\n"
		  "    ]\n"
		  "  }\n"
		  "]\n", "json");
	strbuf_release(&out);
	facts_release(&f);
}

/* Each bad line fails with the error facts_parse prints (checked by t0200). */
static void test_errors(void)
{
	static const char *const bad[] = {
		"wrote\ta.c\t1\n",
		"struct\ta.c\t1\n",
		"struct\ta.c\tx\tfoo\n",
		"struct\ta.c\t-1\tfoo\n",
		"write\ta.c\t1\t1\tf\ts\tx\tp\tshared\t=\t1\ttyped\t-\n",
		"write\ta.c\t1\t1\tf\ts\tx\tp\tself\t=\t1\tmaybe\t-\n",
		"write\ta.c\t1\t1\tf\ts\tx\tp\tself\t=\t1\ttyped\tm\n",
		"write\ta.c\t1\t1\tf\ts\tx\tp\tself\t=\t1\ttyped\tm:x@lexical\n",
		"write\ta.c\t1\t1\tf\ts\tx\tp\tself\t=\t1\ttyped\tm:w@held\n",
		"write\ta.c\t1\t1\tf\t-\tx\tp\tself\t=\t1\ttyped\t-\n",
		"root\ta.c\t1\tf\tlater\topen\n",
		"func\ta.c\t9\tf\t3\n",
		"fnlock\ta.c\t9\tf\t-\n",
		"skip\t-\t0\tx\ty\n",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct facts f = { 0 };
		char *in = xstrfmt("struct\tok.h\t1\tok\n%s", bad[i]);
		char *desc = xstrfmt("bad line %zu is an error", i);

		CHECK_INT(facts_parse(&f, in, "bad.tsv"), -1, desc);
		facts_release(&f);
		free(desc);
		free(in);
	}
}

int main(void)
{
	test_roundtrip();
	test_passes();
	test_sort();
	test_json();
	test_errors();
	return unit_done();
}
