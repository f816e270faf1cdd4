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
	"func\tv.c\t20\tfoo_get\t24\tstatic\n"
	"fnlock\tv.c\t10\tfoo_set\tfoo.lock:w@must_hold\n"
	"guard\tv.h\t5\tfoo\t-\tfoo.lock:w@annotation\tprotects busy\n"
	"struct\tv.h\t3\tfoo\n"
	"skip\tw.c\t0\tnot analysed\tparse error\n"
	"dispatch\tcore.c\t7\tcore_ioctl\tioctl\n";

/* The thread-private facts: a private object and a forwarded parameter. */
static const char passes[] =
	"write\tp.c\t20\t2\top\tfoo\tbusy\targs\tprivate\t=\t1\ttyped\t-\n"
	"pass\tp.c\t21\top\tfill\t0\tprivate\n"
	"pass\tp.c\t31\tfill\tfill2\t1\targ=0\n"
	"wparam\tp.c\t30\t2\tfill\t0\n"
	"pass\tp.c\t40\tmain\twork\t0\town\n"
	"pass\tp.c\t41\twork\thelp\t1\town=0\n"
	"wparam\tp.c\t42\t3\twork\t0\treached\n";

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
	CHECK(!f.v[1].own && !f.v[2].own && !f.v[3].own, "private, arg=K and a wparam are not own");
	CHECK(f.v[4].own && f.v[4].from_arg == -1, "pass FROM own: a thread's own argument");
	CHECK(f.v[5].own && f.v[5].from_arg == 0, "pass FROM own=0: reached from parameter 0");
	CHECK(f.v[6].own, "wparam REACHED: through an object reached from the parameter");
	facts_print_tsv(&f, &out);
	CHECK_STR(out.buf, passes, "print(parse(x)) == x for pass and wparam");
	strbuf_release(&out);
	facts_release(&f);
	CHECK_INT(facts_parse(&f, "pass\tp.c\t1\ta\tb\t0\tshared\n", "bad.tsv"), -1,
		  "pass FROM must be private or arg=K");
	facts_release(&f);
	CHECK_INT(facts_parse(&f, "wparam\tp.c\t1\t2\tf\t0\tsideways\n", "bad.tsv"), -1,
		  "wparam REACHED must be reached");
	facts_release(&f);
}

/* A call through an ops field names the file of a static callee. */
static void test_call_defined(void)
{
	static const char calls[] =
		"call\tcore.c\t9\tcore_ioctl\tdrv_ioctl\t-\tdrv.c\n"
		"call\tcore.c\t10\tcore_ioctl\tcore_put\t-\n";
	struct facts f = { 0 };
	struct strbuf out = STRBUF_INIT;

	CHECK_INT(facts_parse(&f, calls, "calls.tsv"), 0, "parse call with and without DEFINED");
	CHECK_STR(f.v[0].callee_file, "drv.c", "DEFINED");
	CHECK(!f.v[1].callee_file, "no DEFINED");
	facts_print_tsv(&f, &out);
	CHECK_STR(out.buf, calls, "print(parse(x)) == x for calls");
	strbuf_release(&out);
	facts_release(&f);
}

/* A learned HOW names a function: its escapes print back as they were read. */
static void test_learned_how_escapes(void)
{
	static const char row[] =
		"write\tpool.c\t39\t2\tworker\tpool\trunning\tpool\tself\t=\t0\ttyped\t"
		"pool.lock:w@wrapper=get\\,1\n";
	struct facts f = { 0 };
	struct strbuf out = STRBUF_INIT;

	CHECK_INT(facts_parse(&f, row, "how.tsv"), 0, "parse a learned HOW with an escaped comma");
	CHECK_STR(f.v[0].locks[0].how, "wrapper=get,1", "HOW unescaped");
	facts_print_tsv(&f, &out);
	CHECK_STR(out.buf, row, "print(parse(x)) == x for a learned HOW");
	strbuf_release(&out);
	facts_release(&f);
}

static void test_roundtrip(void)
{
	struct facts f = { 0 };
	struct strbuf out = STRBUF_INIT;

	CHECK_INT(facts_parse(&f, sorted, "rt.tsv"), 0, "parse every kind");
	CHECK_INT(f.nr, 11, "eleven facts");
	CHECK_STR(f.v[0].value, "a\tb\\c", "value unescaped");
	CHECK_INT(f.v[0].nr_locks, 2, "two locks");
	CHECK_STR(f.v[0].locks[1].id, "?g(a,b)", "comma in lock id unescaped");
	CHECK_INT(f.v[0].locks[1].mode, LOCK_SHARED, "shared mode");
	CHECK_STR(f.v[0].locks[1].how, "caller", "how");
	CHECK(!f.v[1].value, "'-' is an empty value");
	CHECK(!f.v[1].typed, "untyped");
	CHECK_STR(f.v[1].instance, "local", "instance");
	CHECK_INT(f.v[4].end_line, 14, "func end line");
	CHECK(!f.v[4].is_static, "no LINKAGE is global");
	CHECK(f.v[5].is_static, "LINKAGE static");
	CHECK(!f.v[7].field, "guard without a field");
	CHECK_STR(f.v[7].why, "protects busy", "guard source");
	CHECK_STR(f.v[9].reason, "parse error", "skip reason");
	CHECK_STR(f.v[10].func, "core_ioctl", "dispatch function");
	CHECK_STR(f.v[10].field, "ioctl", "dispatch field");
	facts_print_tsv(&f, &out);
	CHECK_STR(out.buf, sorted, "print(parse(x)) == x");
	strbuf_release(&out);
	facts_release(&f);
}

/* A site no path from a thread start reaches: FROM is a line. */
static void test_apart(void)
{
	static const char in[] = "apart\tm.c\t22\tmain\t15\n";
	struct facts f = { 0 };
	struct strbuf out = STRBUF_INIT;

	CHECK_INT(facts_parse(&f, in, "apart.tsv"), 0, "parse apart");
	CHECK_STR(f.v[0].func, "main", "apart function");
	CHECK_INT(f.v[0].end_line, 15, "apart FROM");
	facts_print_tsv(&f, &out);
	CHECK_STR(out.buf, in, "print(parse(x)) == x for apart");
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
		"func\ta.c\t9\tf\t12\tlocal\n",
		"func\ta.c\t9\tf\t12\tstatic\tx\n",
		"dispatch\ta.c\t9\tf\n",
		"dispatch\ta.c\t9\t-\tioctl\n",
		"fnlock\ta.c\t9\tf\t-\n",
		"fnlock\ta.c\t9\tf\t\n",
		"skip\t-\t0\tx\ty\n",
		"apart\ta.c\t9\t-\t3\n",
		"apart\ta.c\t9\tf\tx\n",
		"apart\ta.c\t9\tf\n",
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

/*
 * spatch's own output is read leniently: a func it ends before its start
 * (defined through a macro) is kept as one line, any other bad line is
 * dropped, and the run goes on with the good ones.
 */
static void test_lenient(void)
{
	static const char in[] =
		"func\tp.c\t176\tquirk\t84\n"
		"root\tp.c\t1\tf\tlater\topen\n"
		"struct\tp.h\t3\tfoo\n";
	struct facts f = { 0 };

	CHECK_INT(facts_parse(&f, in, "strict.tsv"), -1, "strict: an error");
	facts_release(&f);
	f = (struct facts){ 0 };
	CHECK_INT(facts_parse_lenient(&f, in, "spatch output"), 1, "lenient: one dropped");
	CHECK_INT(f.nr, 2, "the func and the struct kept");
	CHECK_STR(f.v[0].func, "quirk", "the func");
	CHECK_INT(f.v[0].end_line, 176, "its extent is its first line");
	CHECK_STR(f.v[1].struct_name, "foo", "the fact after the bad one");
	facts_release(&f);
}

/* Bytes with no NUL after them; a NUL inside them is an error, not an end. */
static void test_bytes(void)
{
	static const char two[] = "struct\tv.h\t3\tfoo\nstruct\tv.h\t9\tbar\n";
	static const char nul[] = "struct\tv.h\t3\tfoo\n\0struct\tv.h\t9\tbar\n";
	struct facts f = { 0 };
	char *exact = xmalloc(sizeof(two) - 1);

	memcpy(exact, two, sizeof(two) - 1);
	CHECK_INT(facts_parse_buf(&f, exact, sizeof(two) - 1, "exact"), 0,
		  "facts in an exact-size buffer");
	CHECK_INT(f.nr, 2, "both read");
	facts_release(&f);
	free(exact);
	CHECK_INT(facts_parse_buf(&f, nul, sizeof(nul) - 1, "nul"), -1,
		  "a NUL is an error, not the end of the facts");
	facts_release(&f);
	CHECK_INT(facts_parse_buf(&f, NULL, 0, "empty"), 0, "no bytes: no facts");
	CHECK_INT(f.nr, 0, "none");
	facts_release(&f);
}

/* A value that is "-" is not the absent value "-": it prints escaped. */
static void test_dash(void)
{
	static const char in[] = "write\tv.c\t1\t1\tf\tfoo\tbusy\tf\tself\t=\t\\-\ttyped\t-\n";
	struct facts f = { 0 }, again = { 0 };
	struct strbuf out = STRBUF_INIT;

	CHECK_INT(facts_parse(&f, in, "dash"), 0, "a write whose VALUE is an escaped -");
	CHECK_STR(f.v[0].value, "-", "reads as -");
	facts_print_tsv(&f, &out);
	CHECK_STR(out.buf, in, "and prints as it was read");
	CHECK_INT(facts_parse(&again, out.buf, "again"), 0, "which reads again");
	CHECK_STR(again.v[0].value, "-", "to the same value");
	facts_release(&f);
	facts_release(&again);
	strbuf_release(&out);
}

int main(void)
{
	test_lenient();
	test_bytes();
	test_dash();
	test_roundtrip();
	test_passes();
	test_call_defined();
	test_learned_how_escapes();
	test_apart();
	test_sort();
	test_json();
	test_errors();
	return unit_done();
}
