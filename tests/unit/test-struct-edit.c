// SPDX-License-Identifier: GPL-2.0
/*
 * The struct editor on hand-written struct text.  Expected texts are
 * written by hand: what a maintainer would type for the same move.
 */
#include "model.h"
#include "struct_edit.h"
#include "unit.h"

static const char demo_h[] =
	"/* a header */\n"
	"struct other { int x; };\n"
	"\n"
	"struct demo {\n"
	"\t/* the device */\n"
	"\tvoid\t\t\t*dev;\n"
	"\tchar\t\t\tname[6];\n"
	"\n"
	"\t/* set at probe */\n"
	"\tunsigned int\t\tprobed:1, busy:1;\t/* flags */\n"
	"\tunsigned int\t\topen:1;\n"
	"\tint\t\t\tcount;\n"
	"\tlong\t\t\tstamp;\n"
	"};\n"
	"\n"
	"int demo_count(struct demo *d);\n";

static const struct m demo[] = {
	{ "void *", "dev", NULL, 0, 0, 0, 8 },
	{ "char", "name", "[6]", 8, 0, 0, 6 },
	{ "unsigned int", "probed", NULL, 12, 16, 1, 4 },
	{ "unsigned int", "busy", NULL, 12, 17, 1, 4 },
	{ "unsigned int", "open", NULL, 12, 18, 1, 4 },
	{ "int", "count", NULL, 16, 0, 0, 4 },
	{ "long int", "stamp", NULL, 24, 0, 0, 8 },
};

static void check_demo(void)
{
	struct bs_struct s;
	struct plan p;
	struct plan_opts o = { PLAN_TYPE_DECLARED, true, NULL };
	bool split[ARRAY_SIZE(demo)] = { false, false, false, true };
	struct strbuf out = STRBUF_INIT;
	char *why = NULL;

	CHECK_INT(struct_find(demo_h, "demo"), 4, "struct_find finds the opening line");
	CHECK_INT(struct_find(demo_h, "dem"), 0, "and not a prefix of the name");

	build(&s, "demo", 32, demo, ARRAY_SIZE(demo));
	CHECK_INT(plan_struct(&p, &s, split, &o), 0, "demo plans");
	CHECK_INT(p.after.size, 32, "busy fits the hole after count: size unchanged");
	p.m[2].comment = xstrdup("Only written during setup/release - bitfield ok");
	p.m[3].comment = xstrdup("Only written during setup/release - bitfield ok");
	p.m[5].comment = xstrdup("written without a common lock");
	CHECK_INT(struct_edit(demo_h, "demo.h", &p, &out, &why), 0, "demo edits");
	CHECK_STR(out.buf,
		  "/* a header */\n"
		  "struct other { int x; };\n"
		  "\n"
		  "struct demo {\n"
		  "\t/* the device */\n"
		  "\tvoid\t\t\t*dev;\n"
		  "\tchar\t\t\tname[6];\n"
		  "\n"
		  "\t/* Only written during setup/release - bitfield ok */\n"
		  "\t/* set at probe */\n"
		  "\tunsigned int\t\tprobed:1;\t/* flags */\n"
		  "\tunsigned int\t\topen:1;\n"
		  "\tint\t\t\tcount;\n"
		  "\t/* written without a common lock */\n"
		  "\tunsigned int\t\tbusy;\n"
		  "\tlong\t\t\tstamp;\n"
		  "};\n"
		  "\n"
		  "int demo_count(struct demo *d);\n",
		  "multi-declarator split, comments kept, tabs aligned, group comments");
	plan_release(&p);
	strbuf_release(&out);

	/*
	 * --type bool: a one-byte bool fits the byte after the run (best
	 * fit), and a retyped field is written anew, aligned like the rest.
	 */
	o.type = PLAN_TYPE_BOOL;
	CHECK_INT(plan_struct(&p, &s, split, &o), 0, "demo plans with --type bool");
	CHECK_INT(struct_edit(demo_h, "demo.h", &p, &out, &why), 0, "demo edits with bool");
	CHECK(strstr(out.buf, "\topen:1;\n\tbool\t\t\tbusy;\n\tint\t\t\tcount;\n") != NULL,
	      "the bool is aligned like its neighbours");
	plan_release(&p);
	strbuf_release(&out);
	release(&s);
}

static const char flags_h[] =
	"struct flags {\n"
	"\tint\t\t\tx;\n"
	"\tbool\t\t\ta:1;\n"
	"\tbool\t\t\tb : 1;\t/* written by the irq */\n"
	"\tbool\t\t\tc:1;\n"
	"};\n";

static const struct m flags[] = {
	{ "int", "x", NULL, 0, 0, 0, 4 },
	{ "_Bool", "a", NULL, 4, 0, 1, 1 },
	{ "_Bool", "b", NULL, 4, 1, 1, 1 },
	{ "_Bool", "c", NULL, 4, 2, 1, 1 },
};

/* A split that stays next to its run keeps its line: only ":1" goes. */
static void check_in_place(void)
{
	struct bs_struct s;
	struct plan p;
	struct plan_opts o = { PLAN_TYPE_DECLARED, true, NULL };
	bool split[ARRAY_SIZE(flags)] = { false, false, true, false };
	struct strbuf out = STRBUF_INIT;
	char *why = NULL;

	build(&s, "flags", 8, flags, ARRAY_SIZE(flags));
	CHECK_INT(plan_struct(&p, &s, split, &o), 0, "flags plans");
	CHECK_INT(struct_edit(flags_h, "flags.h", &p, &out, &why), 0, "flags edits");
	CHECK_STR(out.buf,
		  "struct flags {\n"
		  "\tint\t\t\tx;\n"
		  "\tbool\t\t\ta:1;\n"
		  "\tbool\t\t\tc:1;\n"
		  "\tbool\t\t\tb;\t/* written by the irq */\n"
		  "};\n",
		  "b moves after the run, its width dropped in place, comment kept");
	plan_release(&p);
	strbuf_release(&out);

	/* the text does not declare what pahole saw: an error, no output */
	free(s.members[2].name);
	s.members[2].name = xstrdup("renamed");
	CHECK_INT(plan_struct(&p, &s, split, &o), 0, "renamed plans");
	CHECK_INT(struct_edit(flags_h, "flags.h", &p, &out, &why), -1,
		  "a member the text does not declare is an error");
	CHECK_STR(why, "flags.h:4: expected member renamed, found 'b'",
		  "which says where and why");
	free(why);
	plan_release(&p);
	strbuf_release(&out);
	release(&s);
}

static const char tight_h[] =
	"struct tight {\n"
	"\tchar   a;\n"
	"\tu32    f1:1, f2:1;\n"
	"\tlong   l;\n"
	"\tshort  s;\t/* odd   spacing */\n"
	"};\n";

static const struct m tight[] = {
	{ "char", "a", NULL, 0, 0, 0, 1 },
	{ "u32", "f1", NULL, 0, 8, 1, 4 },
	{ "u32", "f2", NULL, 0, 9, 1, 4 },
	{ "long int", "l", NULL, 8, 0, 0, 8 },
	{ "short int", "s", NULL, 16, 0, 0, 2 },
};

/*
 * Tighten moves s into the bytes after f1 (24 -> 16 bytes) and its line
 * moves as it was; the split f2 is written with spaces, as this struct
 * aligns its names at column 15.
 */
static void check_tighten(void)
{
	struct bs_struct s;
	struct plan p;
	struct plan_opts o = { PLAN_TYPE_DECLARED, true, NULL };
	bool split[ARRAY_SIZE(tight)] = { false, false, true, false, false };
	struct strbuf out = STRBUF_INIT;
	char *why = NULL;

	build(&s, "tight", 24, tight, ARRAY_SIZE(tight));
	CHECK_INT(plan_struct(&p, &s, split, &o), 0, "tight plans");
	CHECK_INT(p.after.size, 16, "tighten shrinks 24 to 16");
	CHECK_INT(struct_edit(tight_h, "tight.h", &p, &out, &why), 0, "tight edits");
	CHECK_STR(out.buf,
		  "struct tight {\n"
		  "\tchar   a;\n"
		  "\tu32    f1:1;\n"
		  "\tshort  s;\t/* odd   spacing */\n"
		  "\tu32    f2;\n"
		  "\tlong   l;\n"
		  "};\n",
		  "a tightened member keeps its line, spaces align a new one");
	plan_release(&p);
	strbuf_release(&out);
	release(&s);
}

static void check_decl_text(void)
{
	char *t = struct_decl_text(demo_h, "other");

	CHECK_STR(t, "struct other { int x; };\n", "a one-line declaration");
	free(t);
	t = struct_decl_text(flags_h, "flags");
	CHECK_STR(t, flags_h, "a whole declaration");
	free(t);
	CHECK(struct_decl_text(flags_h, "nope") == NULL, "an unknown struct");
}

int main(void)
{
	check_demo();
	check_in_place();
	check_tighten();
	check_decl_text();
	return unit_done();
}
