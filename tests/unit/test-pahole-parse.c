// SPDX-License-Identifier: GPL-2.0
/*
 * The pahole text parser, one construct at a time, on text shaped like
 * dwarves 1.24 output (and the variants newer releases print).
 */
#include <stdlib.h>

#include "layout.h"
#include "unit.h"
#include "util.h"

static int parse(struct bs_layout *l, const char *text)
{
	return layout_parse_text(l, text, strlen(text), "unit");
}

static const struct bs_member *member(struct bs_struct *s, const char *name)
{
	for (int i = 0; s && i < s->nr_members; i++)
		if (s->members[i].name && !strcmp(s->members[i].name, name))
			return &s->members[i];
	return NULL;
}

static void test_plain(void)
{
	struct bs_layout l = { 0 };
	struct bs_struct *s;
	const struct bs_member *m;

	CHECK_INT(parse(&l,
		"/* Used at: t.c */\n"
		"/* <6f> /src/drv/t.c:13 */\n"
		"struct dev {\n"
		"\tchar                       name[3];              /*     0     3 */\n"
		"\n"
		"\t/* Bitfield combined with previous fields */\n"
		"\n"
		"\tunsigned int               started:1;            /*     0:24  4 */\n"
		"\tunsigned int               stopped:1;            /*     0:25  4 */\n"
		"\n"
		"\t/* XXX 6 bits hole, try to pack */\n"
		"\n"
		"\tint                        refcnt;               /*     4     4 */\n"
		"\tvolatile const struct pad  *  q;                 /*     8     8 */\n"
		"\t/* --- cacheline 1 boundary (64 bytes) was 16 bytes ago --- */\n"
		"\tu32                        regs[2][3];           /*    16    24 */\n"
		"\tchar                       fl[];                 /*    40     0 */\n"
		"\n"
		"\t/* size: 40, cachelines: 1, members: 7 */\n"
		"\t/* sum members: 33, holes: 1, sum holes: 8 */\n"
		"\t/* last cacheline: 40 bytes */\n"
		"};\n"), 0, "plain struct parses");
	s = layout_find(&l, "dev");
	CHECK(s != NULL, "struct dev is found");
	if (!s) {
		layout_release(&l);
		return;
	}
	CHECK_INT(s->size, 40, "size from the summary");
	CHECK_INT(s->cachelines, 1, "cachelines from the summary");
	CHECK_STR(s->decl_file, "/src/drv/t.c", "-I gives the declaring file");
	CHECK_INT(s->decl_line, 13, "-I gives the declaring line");
	CHECK_INT(s->dump_line, 3, "dump line of 'struct dev {'");
	CHECK_INT(s->nr_members, 7, "seven members");
	m = member(s, "name");
	CHECK(m && !strcmp(m->type, "char") && !strcmp(m->dims, "[3]") && m->size == 3,
	      "char name[3]: type, dims and size");
	m = member(s, "started");
	CHECK(m && m->offset == 0 && m->unit_bit == 24 && m->bit_size == 1 &&
	      m->size == 4 && m->bit_offset == 24,
	      "bitfield overlapping name[]'s unit: 0:24 is absolute bit 24");
	m = member(s, "q");
	CHECK_STR(m ? m->type : NULL, "volatile const struct pad  *", "pointer type text kept");
	m = member(s, "regs");
	CHECK_STR(m ? m->dims : NULL, "[2][3]", "two-dimensional array");
	m = member(s, "fl");
	CHECK(m && !strcmp(m->dims, "[]") && m->size == 0 && m->offset == 40,
	      "flexible array member");
	CHECK_INT(m ? m->dump_line : 0, 17, "member dump line");
	layout_release(&l);
}

static void test_hex(void)
{
	struct bs_layout l = { 0 };
	const struct bs_member *m;

	CHECK_INT(parse(&l,
		"struct h {\n"
		"\tchar                       name[3];              /*     0   0x3 */\n"
		"\tunsigned int               started:1;            /*     0:0x18 0x4 */\n"
		"\tint                        refcnt;               /*   0x4   0x4 */\n"
		"\tunsigned int               irq_en:1;             /*   0x8: 0 0x4 */\n"
		"\tlong int                   stamp;                /*  0x10   0x8 */\n"
		"\n"
		"\t/* size: 0x18, cachelines: 1, members: 5 */\n"
		"};\n"), 0, "--hex output parses");
	m = member(layout_find(&l, "h"), "started");
	CHECK(m && m->unit_bit == 24 && m->size == 4, "hex bit offset 0x18 is 24");
	m = member(layout_find(&l, "h"), "stamp");
	CHECK(m && m->offset == 16 && m->size == 8, "hex offset 0x10 is 16");
	CHECK_INT(layout_find(&l, "h") ? layout_find(&l, "h")->size : 0, 24, "hex size");
	layout_release(&l);
}

static void test_nested(void)
{
	struct bs_layout l = { 0 };
	struct bs_struct *s;
	const struct bs_member *m;

	CHECK_INT(parse(&l,
		"struct n {\n"
		"\tint                        id;                   /*     0     4 */\n"
		"\tunion {\n"
		"\t\tu32                word;                 /*     4     4 */\n"
		"\t\tstruct {\n"
		"\t\t\tu32        enable:1;             /*     4: 0  4 */\n"
		"\t\t\tu32        irq:4;                /*     4: 1  4 */\n"
		"\t\t};                                       /*     4     4 */\n"
		"\t};                                               /*     4     4 */\n"
		"\tstruct {\n"
		"\t\tu16                lo:4;                 /*     8: 0  2 */\n"
		"\t\tu8                 tag;                  /*     9     1 */\n"
		"\t} ctl;                                           /*     8     2 */\n"
		"\tstruct nst_stats           stats;                /*    16    24 */\n"
		"\tenum {\n"
		"\t\tNST_A = 0,\n"
		"\t\tNST_B = 5,\n"
		"\t} kind;                                          /*    40     4 */\n"
		"\tenum {\n"
		"\t\tM_X = 0,\n"
		"\t} mode:8;                                        /*    44: 0  4 */\n"
		"\tstruct {\n"
		"\t\tsector_t   from;                 /*     0     8 */\n"
		"\t\tint        flags;                /*     8     4 */\n"
		"\t} * parts; /*    48     8 */\n"
		"\tint                        (*probe)(struct n *, long unsigned int); /*    56     8 */\n"
		"\tint                        (*fns)(int)[4];       /*    64    32 */\n"
		"\n"
		"\t/* size: 96, cachelines: 2, members: 9 */\n"
		"};\n"), 0, "nested, enum, pointer-to-anonymous and function pointers parse");
	s = layout_find(&l, "n");
	CHECK_INT(s ? s->nr_members : 0, 15, "members, nested ones flattened");
	if (!s || s->nr_members != 15) {
		layout_release(&l);
		return;
	}
	CHECK(s->members[1].is_nested && s->members[1].is_union && !s->members[1].name &&
	      s->members[1].depth == 0 && s->members[1].size == 4,
	      "anonymous union: nested, no name, size from its closing line");
	CHECK(s->members[3].is_nested && !s->members[3].is_union && s->members[3].depth == 1 &&
	      s->members[3].parent == 1, "anonymous struct inside it");
	m = member(s, "irq");
	CHECK(m && m->depth == 2 && m->parent == 3 && m->bit_offset == 33, "irq two levels down");
	m = member(s, "ctl");
	CHECK(m && m->is_nested && !strcmp(m->type, "struct") && m->offset == 8 && m->size == 2,
	      "named member of an anonymous struct type");
	m = member(s, "stats");
	CHECK(m && !m->is_nested && !strcmp(m->type, "struct nst_stats"),
	      "named struct type not expanded is one member");
	m = member(s, "kind");
	CHECK(m && !strcmp(m->type, "enum") && m->offset == 40 && m->size == 4 && !m->is_nested,
	      "anonymous enum body is skipped, the member kept");
	m = member(s, "mode");
	CHECK(m && m->bit_size == 8 && m->size == 4, "enum bitfield '} mode:8;'");
	m = member(s, "parts");
	CHECK(m && !m->is_nested && !strcmp(m->type, "struct {...} *") && m->offset == 48,
	      "'} * parts;' is a pointer: the pointee's members are dropped");
	CHECK(!member(s, "from") && !member(s, "flags"), "pointee members are not ours");
	m = member(s, "probe");
	CHECK_STR(m ? m->type : NULL, "int (*)(struct n *, long unsigned int)",
		  "function pointer type without its name");
	m = member(s, "fns");
	CHECK(m && !strcmp(m->type, "int (*)(int)") && !strcmp(m->dims, "[4]"),
	      "array of function pointers: pahole prints the dims last");
	layout_release(&l);
}

static void test_relative_and_expanded(void)
{
	struct bs_layout l = { 0 };
	const struct bs_member *m;

	/* pahole -r: offsets inside a nested struct are relative to it */
	CHECK_INT(parse(&l,
		"struct r {\n"
		"\tint                        id;                   /*     0     4 */\n"
		"\tunion {\n"
		"\t\tu32                word;                 /*     0     4 */\n"
		"\t\tstruct {\n"
		"\t\t\tu32        enable:1;             /*     0: 0  4 */\n"
		"\t\t\tu32        irq:4;                /*     0: 1  4 */\n"
		"\t\t};                                       /*     0     4 */\n"
		"\t};                                               /*     8     4 */\n"
		"\n"
		"\t/* size: 12, cachelines: 1, members: 2 */\n"
		"};\n"), 0, "-r output parses");
	m = member(layout_find(&l, "r"), "irq");
	CHECK(m && m->offset == 8 && m->bit_offset == 65, "-r offsets made absolute");
	layout_release(&l);

	/* pahole -E (1.24): typedefs in comments, "}stats;" without a space */
	CHECK_INT(parse(&l,
		"struct e {\n"
		"\t/* typedef u8 */ unsigned char              up:1;                                /*     0: 0  1 */\n"
		"\tstruct nst_stats {\n"
		"\t\t/* typedef u64 */ long long unsigned int rx;                             /*     8     8 */\n"
		"\t}stats; /*     8     8 */\n"
		"\n"
		"\t/* size: 16, cachelines: 1, members: 2 */\n"
		"};\n"), 0, "-E output parses");
	m = member(layout_find(&l, "e"), "up");
	CHECK(m && !strcmp(m->type, "u8") && m->bit_size == 1, "-E: the typedef name is the type");
	m = member(layout_find(&l, "e"), "stats");
	CHECK(m && m->is_nested && !strcmp(m->type, "struct nst_stats") && m->size == 8,
	      "-E: named nested struct expanded, '}stats;' closes it");
	layout_release(&l);
}

static void test_attributes_and_comments(void)
{
	struct bs_layout l = { 0 };
	struct bs_struct *s;
	const struct bs_member *m;

	CHECK_INT(parse(&l,
		"struct pad {\n"
		"\tu8                         a:1;                  /*     0: 0  1 */\n"
		"\n"
		"\t/* XXX 3 bits hole, try to pack */\n"
		"\tu8                         :3;\n"
		"\n"
		"\tu8                         b:1;                  /*     0: 4  1 */\n"
		"\n"
		"\t/* Force alignment to the next boundary: */\n"
		"\tu32                        :0;\n"
		"\n"
		"\tu32                        d:1;                  /*     4: 0  4 */\n"
		"\tstruct {\n"
		"\t\tint                z;                    /*    16     4 */\n"
		"\t} __attribute__((__aligned__(16))) al __attribute__((__aligned__(16)));           /*    16    16 */\n"
		"\n"
		"\t/* XXX last struct has 12 bytes of padding */\n"
		"\t/* XXX last struct has a flexible array, 1 hole, 2 bit holes */\n"
		"\n"
		"\tlong                       x __attribute__((__aligned__(8))); /*    32     8 */\n"
		"\n"
		"\t/* Force padding: */\n"
		"\tlong:64;\n"
		"\tlong:64;\n"
		"\n"
		"\t/* size: 64, cachelines: 1, members: 5 */\n"
		"\t/* sum members: 30, holes: 1, sum holes: 8 */\n"
		"\t/* member types with holes: 1, total: 1, bit holes: 2, total: 2 */\n"
		"\t/* paddings: 1, sum paddings: 12 */\n"
		"\t/* forced alignments: 1, forced holes: 1, sum forced holes: 8 */\n"
		"\t/* flexible array members: end: 1 */\n"
		"} __attribute__((__packed__)) __attribute__((__aligned__(32)));\n"), 0,
		"attributes, 1.26+ comments and Force padding parse");
	s = layout_find(&l, "pad");
	CHECK(s != NULL, "struct pad is found");
	if (!s) {
		layout_release(&l);
		return;
	}
	CHECK(s->packed && s->aligned_attr == 32, "closing __packed__ and __aligned__(32)");
	CHECK_INT(s->nr_members, 7, "':3' and 'long:64' are not members, ':0' is");
	CHECK(s->members[2].is_zero_width && !s->members[2].name &&
	      !strcmp(s->members[2].type, "u32"), "synthesized 'u32 :0;' recorded");
	CHECK_INT(s->members[2].offset, 4, "':0' sits where the next field starts");
	m = member(s, "al");
	CHECK(m && m->is_nested && m->size == 16, "attributes on both sides of a nested name");
	m = member(s, "x");
	CHECK(m && !strcmp(m->type, "long") && m->offset == 32, "member __aligned__ stripped");
	layout_release(&l);
}

static void test_union_and_many(void)
{
	struct bs_layout l = { 0 };
	struct bs_struct *s;
	const char *names[] = { "b", NULL };

	CHECK_INT(parse(&l,
		"union u {\n"
		"\tu32                        raw;                /*     0     4 */\n"
		"\tu8                         b[6];               /*     0     6 */\n"
		"};\n"
		"struct a {\n"
		"\tint                        x;                    /*     0     4 */\n"
		"\n"
		"\t/* size: 4, cachelines: 1, members: 1 */\n"
		"\t/* last cacheline: 4 bytes */\n"
		"};\n"
		"struct b {\n"
		"\tint                        y;                    /*     0     4 */\n"
		"\n"
		"\t/* size: 4, cachelines: 1, members: 1 */\n"
		"};\n"), 0, "top-level union without a summary, then structs");
	CHECK_INT(l.nr_structs, 3, "three types");
	s = layout_find(&l, "u");
	CHECK(s && s->is_union && s->size == 8 && s->align == 4,
	      "union size derived: 6 bytes rounded up to its alignment");
	CHECK_INT(layout_filter(&l, 0, names, "unit"), 0, "filter keeps b");
	CHECK(l.nr_structs == 1 && !strcmp(l.structs[0].name, "b"), "only b is left");
	names[0] = "nosuch";
	CHECK_INT(layout_filter(&l, 0, names, "unit"), -1, "filter on a missing struct fails");
	layout_release(&l);
}

/* 1.25+: _Atomic and btf_type_tag in types; -R's "saved" note on the close */
static void test_newer_releases(void)
{
	struct bs_layout l = { 0 };
	const struct bs_member *m;

	CHECK_INT(parse(&l,
		"struct t {\n"
		"\t_Atomic int                refs;                 /*     0     4 */\n"
		"\tstruct task_struct __attribute__((btf_type_tag(\"rcu\"))) * owner; /*     8     8 */\n"
		"\n"
		"\t/* size: 16, cachelines: 1, members: 2 */\n"
		"};   /* saved 8 bytes! */\n"), 0, "newer pahole type text parses");
	m = member(layout_find(&l, "t"), "refs");
	CHECK_STR(m ? m->type : NULL, "_Atomic int", "_Atomic kept in the type");
	m = member(layout_find(&l, "t"), "owner");
	CHECK_STR(m ? m->type : NULL,
		  "struct task_struct __attribute__((btf_type_tag(\"rcu\"))) *",
		  "a type tag inside a pointer type stays in the type");
	layout_release(&l);
}

static void test_errors(void)
{
	static const char *const bad[] = {
		"struct x {\n\tint a; /* 0 4 */\n",			/* truncated */
		"struct x {\n\tint a;\n\t/* size: 4 */\n};\n",		/* no offsets */
		"struct x {\n\tint a /* 0 4 */\n};\n",			/* no ';' */
		"struct x {\n\tint a; /* zero 4 */\n};\n",		/* not a number */
		"struct x {\n\tint a; /* 0 4 */\n};\n",			/* no size line */
		"garbage\n",
		"enum e {\n};\n",
		"struct x {\n\tstruct { int a; /* 0 4 */\n\t} y:3; /* 0 4 */\n",
		"struct x {\n\tint a; /* 99999999999 4 */\n};\n",	/* too large */
		"struct x {\n\t/* unterminated\n};\n",
		"struct x {\n\tint ; /* 0 4 */\n};\n",
		"struct x {\n\tenum {\n\t\tA = 0,\n\t\tint b; /* 0 4 */\n",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct bs_layout l = { 0 };
		char desc[64];

		snprintf(desc, sizeof(desc), "bad input %zu is an error, no struct kept", i);
		CHECK(parse(&l, bad[i]) == -1 && l.nr_structs == 0, desc);
		layout_release(&l);
	}
}

/* The text comes as bytes that need not end in a NUL and must hold none. */
static void test_bytes(void)
{
	static const char dump[] = "struct x {\n\tint a;\t/* 0 4 */\n\n"
				   "\t/* size: 4, cachelines: 1, members: 1 */\n};\n";
	static const char nul[] = "struct x {\n\tin\0t a;\t/* 0 4 */\n\n"
				  "\t/* size: 4, cachelines: 1, members: 1 */\n};\n";
	static const char empty[] = "struct x {\n\t/* size: 0, cachelines: 0, members: 0 */\n};\n";
	struct bs_layout l = { 0 };
	char *exact = xmalloc(sizeof(dump) - 1);

	memcpy(exact, dump, sizeof(dump) - 1);
	CHECK_INT(layout_parse_text(&l, exact, sizeof(dump) - 1, "exact"), 0,
		  "a dump in an exact-size buffer");
	CHECK(l.nr_structs == 1 && !strcmp(l.structs[0].members[0].type, "int"),
	      "its member reads whole");
	layout_release(&l);
	free(exact);
	memset(&l, 0, sizeof(l));
	CHECK_INT(layout_parse_text(&l, nul, sizeof(nul) - 1, "nul"), -1,
		  "a NUL in a type name is an error, not 'in'");
	CHECK_INT(l.nr_structs, 0, "and no struct is kept");
	layout_release(&l);
	memset(&l, 0, sizeof(l));
	CHECK_INT(parse(&l, empty), 0, "a struct with no member");
	CHECK_INT(l.nr_structs == 1 ? l.structs[0].nr_members : -1, 0, "has none");
	layout_release(&l);
}

/* What no compiler lays out: refused, at the member's line. */
static void test_bounds(void)
{
	static const char *const bad[] = {
		"struct x {\n\tunsigned char a:9;\t/* 0: 0 1 */\n"
		"\t/* size: 4, cachelines: 1, members: 1 */\n};\n",
		"struct x {\n\tint a;\t/* 0 4 */\n\tint b;\t/* 4 4 */\n"
		"\t/* size: 6, cachelines: 1, members: 2 */\n};\n",
		"struct x {\n\tstruct {\n\t\tint c;\t/* 0 4 */\n\t\tint d;\t/* 4 4 */\n"
		"\t} in;\t/* 0 4 */\n\t/* size: 8, cachelines: 1, members: 1 */\n};\n",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct bs_layout l = { 0 };
		char desc[64];

		snprintf(desc, sizeof(desc), "out-of-bounds dump %zu is an error", i);
		CHECK(parse(&l, bad[i]) == -1 && l.nr_structs == 0, desc);
		layout_release(&l);
	}
}

int main(void)
{
	test_bytes();
	test_bounds();
	test_plain();
	test_hex();
	test_nested();
	test_relative_and_expanded();
	test_attributes_and_comments();
	test_union_and_many();
	test_newer_releases();
	test_errors();
	return unit_done();
}
