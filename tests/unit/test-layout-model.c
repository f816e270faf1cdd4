// SPDX-License-Identifier: GPL-2.0
/*
 * The model: which bitfields form one C11 memory location, the bytes a
 * store to them touches, when a location is only inferred, holes and
 * alignment.  Inputs are pahole text as gcc -g + pahole 1.24 print it.
 */
#include "layout.h"
#include "unit.h"
#include "util.h"

static struct bs_layout l;

/* Parse one struct; its locations as "a,b@0-1/1u; f,g@8-10/2u inferred". */
static const char *locations(const char *text)
{
	static char out[512];
	struct bs_struct *s;
	size_t n = 0;

	layout_release(&l);
	if (layout_parse_text(&l, text, strlen(text), "unit") || l.nr_structs != 1)
		return "(parse error)";
	s = &l.structs[0];
	out[0] = '\0';
	for (int i = 0; i < s->nr_locations; i++) {
		const struct bs_location *loc = &s->locations[i];

		for (int f = 0; f < loc->nr_fields; f++)
			n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s", f ? "," : "",
					      s->members[loc->fields[f]].name);
		n += (size_t)snprintf(out + n, sizeof(out) - n, "@%u-%u/%du%s%s",
				      loc->byte_begin, loc->byte_end, loc->nr_units,
				      loc->inferred ? " inferred" : "",
				      i + 1 < s->nr_locations ? "; " : "");
	}
	return out;
}

#define HEAD "struct t {\n"
#define TAIL "\n\t/* size: 16, cachelines: 1, members: 9 */\n};\n"
/* for members past byte 16: the parser refuses a member past the end */
#define TAIL_SIZE(n) "\n\t/* size: " #n ", cachelines: 2, members: 9 */\n};\n"
#define M(decl, off) "\t" decl ";\t/* " off " */\n"
#define ZERO(type) "\t/* Force alignment to the next boundary: */\n\t" type " :0;\n"

static void test_runs(void)
{
	CHECK_STR(locations(HEAD
		M("_Bool a:1", "0: 0  1") M("_Bool b:1", "0: 1  1") M("u8 c", "1  1")
		M("u8 d:2", "2: 0  1") ZERO("u8") M("u8 e:1", "3: 0  1")
		M("int x", "4  4") M("u8 f:7", "8: 0  1") ZERO("u8") M("u8 g:3", "9: 0  1")
		TAIL),
		"a,b@0-1/1u; d@2-3/1u; e@3-4/1u; f,g@8-10/2u inferred",
		"issue 2: {a,b} {d} {e} {f,g}; a :0 before a field that fits separates");

	CHECK_STR(locations(HEAD
		M("u8 f:7", "0: 0  1") ZERO("int") M("u8 g:3", "4: 0  1") TAIL),
		"f@0-1/1u; g@4-5/1u",
		"g placed past the next unit: an 'int :0' in the source, not the ABI");

	CHECK_STR(locations(HEAD
		M("u8 a:1", "0: 0  1") "\tu8 :3;\n" M("u8 b:1", "0: 4  1") TAIL),
		"a,b@0-1/1u",
		"a gap ending mid-byte is an unnamed ':3': same location, certain");

	CHECK_STR(locations(HEAD
		M("u32 a:1", "0: 0  4") M("u32 b:1", "0: 8  4") TAIL),
		"a,b@0-2/1u inferred",
		"a gap ending on a byte in the same unit: ':7' or 'u8 :0', inferred");

	CHECK_STR(locations(HEAD
		M("u8 a:1", "0: 0  1") M("u8 c", "1  1") M("u8 b:1", "2: 0  1") TAIL),
		"a@0-1/1u; b@2-3/1u", "a non-bitfield member ends the run");

	CHECK_STR(locations(HEAD
		M("char name[3]", "0  3") M("unsigned int started:1", "0:24  4")
		M("unsigned int stopped:1", "0:25  4") M("int refcnt", "4  4") TAIL),
		"started,stopped@3-4/1u",
		"a unit overlapping name[]: the store touches byte 3 only");

	CHECK_STR(locations(HEAD
		M("u8 armed:1", "84: 0  1") M("u8 masked:1", "84: 1  1") ZERO("u8")
		M("u8 pending:1", "85: 0  1") M("unsigned int mode:3", "84: 9  4")
		M("unsigned int level:5", "84:12  4") M("unsigned int prio:4", "84:17  4")
		M("_Bool live:1", "86: 5  1") TAIL_SIZE(88)),
		"armed,masked@84-85/1u; pending,mode,level,prio,live@85-87/3u",
		"mixed declared types: one run over three units, bytes 85-86");

	CHECK_STR(locations(HEAD
		M("u64 ss:16", "0: 0  8") M("u64 nmi:1", "0:18  8") M("u64 vector:8", "0:32  8")
		TAIL),
		"ss,nmi,vector@0-5/1u inferred",
		"u64 flags with padding gaps (fred_ss): one location, inferred at byte 4");
}

static void test_vfio_flags(void)
{
	static const char *const names[] = {
		"has_dyn_msix", "pci_2_3", "virq_disabled", "reset_works", "extended_caps",
		"bardirty", "has_vga", "needs_reset", "nointx", "needs_pm_restore",
		"pm_intx_masked", "pm_runtime_engaged", "sriov_pwr_active",
	};
	struct strbuf sb = STRBUF_INIT;
	struct bs_struct *s;

	strbuf_addstr(&sb, "struct vfpci_device {\n\tu32 rbar[7];\t/* 92 28 */\n");
	for (int i = 0; i < 13; i++)
		strbuf_addf(&sb, "\t_Bool %s:1;\t/* %d: %d  1 */\n", names[i], 120 + i / 8, i % 8);
	strbuf_addstr(&sb, "\tvoid * pci_saved_state;\t/* 128 8 */\n"
		      "\n\t/* size: 136, cachelines: 3, members: 15 */\n};\n");
	CHECK_STR(locations(sb.buf),
		  "has_dyn_msix,pci_2_3,virq_disabled,reset_works,extended_caps,bardirty,"
		  "has_vga,needs_reset,nointx,needs_pm_restore,pm_intx_masked,"
		  "pm_runtime_engaged,sriov_pwr_active@120-122/2u",
		  "vfio-pci: thirteen bool:1 flags are one location over two bytes");
	s = layout_find(&l, "vfpci_device");
	CHECK(s && layout_location_of(s, 13) == &s->locations[0] &&
	      !layout_location_of(s, 0) && !layout_location_of(s, 14),
	      "layout_location_of: a flag is in it, rbar and pci_saved_state are not");
	CHECK_INT(s ? s->nr_holes : -1, 2, "two holes: before rbar, before pci_saved_state");
	if (s && s->nr_holes == 2)
		CHECK(s->holes[1].bit_offset == 973 && s->holes[1].bits == 51 &&
		      s->holes[1].before == 14 && s->holes[1].parent == -1,
		      "3 bits + 6 bytes from bit 973 to byte 128");
	strbuf_release(&sb);
}

static void test_nesting(void)
{
	CHECK_STR(locations(HEAD
		M("u8 a:1", "0: 0  1")
		"\tstruct {\n" M("\tu8 b:1", "1: 0  1") M("\tu8 b2:1", "1: 1  1")
		"\t} s;\t/* 1  1 */\n"
		M("u8 c:1", "2: 0  1") TAIL),
		"a@0-1/1u; b,b2@1-2/1u; c@2-3/1u",
		"a nested struct's edges end runs on both sides");

	CHECK_STR(locations(HEAD
		"\tunion {\n" M("\tu32 x:1", "0: 0  4") M("\tu32 y:1", "0: 0  4")
		"\t};\t/* 0  4 */\n" TAIL),
		"x@0-1/1u; y@0-1/1u", "bitfields directly in a union: one location each");

	CHECK_STR(locations(HEAD
		"\tunion {\n" M("\tu32 word", "0  4")
		"\t\tstruct {\n" M("\t\tu32 en:1", "0: 0  4") M("\t\tu32 irq:4", "0: 1  4")
		"\t\t};\t/* 0  4 */\n"
		"\t};\t/* 0  4 */\n" TAIL),
		"en,irq@0-1/1u", "register overlay: the struct inside the union is a run");
}

static void test_holes_and_align(void)
{
	struct bs_struct *s;

	locations(HEAD M("char c", "0  1") M("long x", "8  8") TAIL);
	s = l.nr_structs ? &l.structs[0] : NULL;
	CHECK(s && s->nr_holes == 1 && s->holes[0].bit_offset == 8 &&
	      s->holes[0].bits == 56 && s->holes[0].before == 1,
	      "7-byte hole before the long");
	CHECK_INT(s ? s->align : 0, 8, "aligned as its long");

	locations(HEAD M("long x", "0  8") M("cpumask_t mask", "16  16") TAIL_SIZE(32));
	CHECK_INT(l.nr_structs ? l.structs[0].align : 0, 8,
		  "a 16-byte typedef at offset 16 does not make the struct 16-aligned");
	locations(HEAD M("__int128 x", "0  16") TAIL);
	CHECK_INT(l.nr_structs ? l.structs[0].align : 0, 16, "__int128 is 16-aligned");

	locations("struct p {\n" M("char c", "0  1") M("int x", "1  4")
		  "\n\t/* size: 5, cachelines: 1, members: 2 */\n} __attribute__((__packed__));\n");
	s = l.nr_structs ? &l.structs[0] : NULL;
	CHECK(s && s->packed && s->align == 1 && s->nr_holes == 0, "packed: align 1, no hole");

	locations("struct q {\n" M("int x", "0  4")
		  "\n\t/* size: 64, cachelines: 1, members: 1 */\n"
		  "} __attribute__((__aligned__(64)));\n");
	s = l.nr_structs ? &l.structs[0] : NULL;
	CHECK(s && s->align == 64 && s->aligned_attr == 64, "__aligned__(64) sets the alignment");
	CHECK(s && s->nr_holes == 1 && s->holes[0].before == -1 && s->holes[0].bits == 60 * 8,
	      "tail padding is a hole before nothing");
}

/*
 * Three structs state: a header's and two .c files' own (source.c sets
 * their scope).  A file sees its own, else the header's.
 */
static void test_find_in(void)
{
	static const char text[] =
		"struct state {\n" M("int a", "0  4") "\n\t/* size: 4, cachelines: 1, members: 1 */\n};\n"
		"struct state {\n" M("long b", "0  8") "\n\t/* size: 8, cachelines: 1, members: 1 */\n};\n"
		"struct state {\n" M("char c", "0  1") "\n\t/* size: 1, cachelines: 1, members: 1 */\n};\n";

	layout_release(&l);
	if (layout_parse_text(&l, text, strlen(text), "unit") || l.nr_structs != 3) {
		CHECK(0, "three structs state parse");
		return;
	}
	l.structs[1].scope = layout_strdup(&l, "scan.c");
	l.structs[2].scope = layout_strdup(&l, "sort.c");
	CHECK(layout_find_in(&l, "state", "scan.c") == &l.structs[1], "scan.c sees its own");
	CHECK(layout_find_in(&l, "state", "sort.c") == &l.structs[2], "sort.c sees its own");
	CHECK(layout_find_in(&l, "state", "grep.c") == &l.structs[0], "grep.c sees the header's");
	CHECK(layout_find_in(&l, "state", "state.h") == &l.structs[0], "so does the header");
	CHECK(!layout_find_in(&l, "other", "scan.c"), "no struct other");
	CHECK(layout_sees(&l, &l.structs[1], "state", "scan.c") &&
	      !layout_sees(&l, &l.structs[1], "state", "sort.c") &&
	      !layout_sees(&l, &l.structs[0], "state", "scan.c"),
	      "a store in scan.c is to scan.c's struct only");
	CHECK(layout_sees(NULL, &l.structs[1], "state", "sort.c"), "without a layout, by name");
	l.structs[0].scope = layout_strdup(&l, "state.c");
	CHECK(!layout_find_in(&l, "state", "grep.c"), "no header struct: grep.c sees none");
}

int main(void)
{
	test_runs();
	test_vfio_flags();
	test_nesting();
	test_holes_and_align();
	test_find_in();
	layout_release(&l);
	return unit_done();
}
