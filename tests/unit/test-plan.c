// SPDX-License-Identifier: GPL-2.0
/*
 * The planner against hand-built layouts.  The vfpci_device model is the
 * pahole output for samples/vfio/vfpci_core.h (x86-64, gcc -g -O2); the
 * expected orders and offsets were worked out by hand from the System V
 * rules before the planner was run.
 */
#include <stdlib.h>

#include "model.h"
#include "plan.h"
#include "unit.h"

static const struct m vfpci[] = {
	{ "struct pci_dev *", "pdev", NULL, 0, 0, 0, 8 },
	{ "void *", "barmap", "[6]", 8, 0, 0, 48 },
	{ "_Bool", "bar_mmap_supported", "[6]", 56, 0, 0, 6 },
	{ "u8 *", "vconfig", NULL, 64, 0, 0, 8 },
	{ "spinlock_t", "irqlock", NULL, 72, 0, 0, 4 },
	{ "struct mutex", "igate", NULL, 76, 0, 0, 4 },
	{ "int", "irq_type", NULL, 80, 0, 0, 4 },
	{ "u8", "msi_qmax", NULL, 84, 0, 0, 1 },
	{ "u8", "msix_bar", NULL, 85, 0, 0, 1 },
	{ "u16", "msix_size", NULL, 86, 0, 0, 2 },
	{ "u32", "msix_offset", NULL, 88, 0, 0, 4 },
	{ "u32", "rbar", "[7]", 92, 0, 0, 28 },
	{ "_Bool", "has_dyn_msix", NULL, 120, 0, 1, 1 },		/* 12 */
	{ "_Bool", "pci_2_3", NULL, 120, 1, 1, 1 },
	{ "_Bool", "virq_disabled", NULL, 120, 2, 1, 1 },	/* 14 */
	{ "_Bool", "reset_works", NULL, 120, 3, 1, 1 },
	{ "_Bool", "extended_caps", NULL, 120, 4, 1, 1 },
	{ "_Bool", "bardirty", NULL, 120, 5, 1, 1 },		/* 17 */
	{ "_Bool", "has_vga", NULL, 120, 6, 1, 1 },
	{ "_Bool", "needs_reset", NULL, 120, 7, 1, 1 },		/* 19 */
	{ "_Bool", "nointx", NULL, 121, 0, 1, 1 },
	{ "_Bool", "needs_pm_restore", NULL, 121, 1, 1, 1 },
	{ "_Bool", "pm_intx_masked", NULL, 121, 2, 1, 1 },	/* 22 */
	{ "_Bool", "pm_runtime_engaged", NULL, 121, 3, 1, 1 },	/* 23 */
	{ "_Bool", "sriov_pwr_active", NULL, 121, 4, 1, 1 },	/* 24 */
	{ "void *", "pci_saved_state", NULL, 128, 0, 0, 8 },
	{ "int", "ioeventfds_nr", NULL, 136, 0, 0, 4 },		/* 26 */
	{ "struct eventfd_ctx *", "err_trigger", NULL, 144, 0, 0, 8 },
	{ "struct list_head", "vdev_list", NULL, 152, 0, 0, 16 },
	{ "struct mutex", "ioeventfds_lock", NULL, 168, 0, 0, 4 },
	{ "struct rw_semaphore", "memory_lock", NULL, 172, 0, 0, 4 },
};

/* "name@offset" for each member of the plan, in order, from index from. */
static char *order(const struct plan *p, int from, int to)
{
	struct strbuf sb = STRBUF_INIT;

	for (int i = from; i < to && i < p->nr; i++)
		strbuf_addf(&sb, "%s%s@%llu", i > from ? " " : "",
			    p->s->members[p->m[i].member].name, p->m[i].bit_offset / 8);
	return strbuf_detach(&sb);
}

static void check_vfpci(void)
{
	struct bs_struct s;
	struct plan p;
	struct plan_opts o = { PLAN_TYPE_DECLARED, true, NULL };
	bool split[ARRAY_SIZE(vfpci)] = { false };
	struct strbuf sb = STRBUF_INIT;
	char *got;

	build(&s, "vfpci_device", 176, vfpci, ARRAY_SIZE(vfpci));

	/* proven-race: virq_disabled and bardirty into the hole at 62 */
	split[14] = split[17] = true;
	o.tighten = false;
	CHECK_INT(plan_struct(&p, &s, split, &o), 0, "proven-race plans");
	CHECK_INT(p.before.size, 176, "the original layout is reproduced");
	CHECK_INT(p.after.size, 176, "both bools fit the hole: size stays 176");
	CHECK_INT(p.naive_size, 176, "naive split in place is 176 too");
	got = order(&p, 2, 5);
	CHECK_STR(got, "bar_mmap_supported@56 virq_disabled@62 bardirty@63",
		  "split fields fill the hole after bar_mmap_supported");
	free(got);
	CHECK_INT(p.m[3].role, ROLE_SPLIT, "virq_disabled is split");
	CHECK_STR(p.m[3].type, "bool", "a 1-bit _Bool becomes bool");
	CHECK_INT(p.m[3].bit_size, 0, "and is no longer a bitfield");
	CHECK_INT(p.m[14].role, ROLE_PACKED, "the rest stays packed");
	CHECK_INT(p.m[14].bit_offset, 120 * 8, "from byte 120");
	CHECK_INT(p.nr_tighten, 0, "--no-tighten moves nothing else");
	plan_release(&p);

	/* with tighten: ioeventfds_nr fills the hole after the packed group */
	o.tighten = true;
	CHECK_INT(plan_struct(&p, &s, split, &o), 0, "proven-race with tighten");
	CHECK_INT(p.after.size, 168, "tighten shrinks to 168");
	CHECK_INT(p.nr_tighten, 1, "with one move");
	got = order(&p, 24, 27);
	CHECK_STR(got, "sriov_pwr_active@121 ioeventfds_nr@124 pci_saved_state@128",
		  "ioeventfds_nr moves up after the packed group");
	free(got);
	CHECK_INT(p.m[25].role, ROLE_TIGHTEN, "and is named as a tighten move");
	plan_describe(&p, &sb);
	CHECK_STR(sb.buf,
		  "struct vfpci_device: size 176 -> 168, naive split in place 176\n"
		  "  split    virq_disabled            _Bool:1 -> bool          120:2 -> 62\n"
		  "  split    bardirty                 _Bool:1 -> bool          120:5 -> 63\n"
		  "  tighten  ioeventfds_nr            int                      136 -> 124\n"
		  "  before: size 176, cachelines 3, holes: 62 (2 bytes), 121:5 (3 bits), "
		  "122 (6 bytes), 140 (4 bytes)\n"
		  "  after:  size 168, cachelines 3, holes: 121:3 (5 bits), 122 (2 bytes)\n",
		  "the plan summary");
	strbuf_release(&sb);
	plan_release(&p);

	/*
	 * setup-only: six fields.  Two fill the hole at 62; the other four
	 * fit exactly the 4-byte hole after ioeventfds_nr (best fit), which
	 * leaves the 7 bytes after the packed byte in one piece.
	 */
	split[19] = split[22] = split[23] = split[24] = true;
	CHECK_INT(plan_struct(&p, &s, split, &o), 0, "setup-only plans");
	CHECK_INT(p.after.size, 176, "setup-only stays 176 (169 bytes of members)");
	got = order(&p, 2, 5);
	CHECK_STR(got, "bar_mmap_supported@56 virq_disabled@62 bardirty@63",
		  "setup-only: the first two fill the hole at 62");
	free(got);
	got = order(&p, 20, 27);
	CHECK_STR(got, "needs_pm_restore@120 pci_saved_state@128 ioeventfds_nr@136 "
		  "needs_reset@140 pm_intx_masked@141 pm_runtime_engaged@142 "
		  "sriov_pwr_active@143",
		  "setup-only: the other four fill the hole at 140");
	free(got);
	CHECK_INT(p.nr_tighten, 0, "nothing to tighten at 176");
	plan_release(&p);
	release(&s);
}

/* No hole fits: the split field goes right after its run, the struct grows. */
static void check_grow(void)
{
	static const struct m ms[] = {
		{ "unsigned int", "a", NULL, 0, 0, 1, 4 },
		{ "unsigned int", "b", NULL, 0, 1, 1, 4 },
		{ "unsigned int", "c", NULL, 0, 2, 1, 4 },
		{ "int", "x", NULL, 4, 0, 0, 4 },
	};
	struct bs_struct s;
	struct plan p;
	struct plan_opts o = { PLAN_TYPE_DECLARED, true, NULL };
	bool split[4] = { false, true, false, false };
	char *got;

	build(&s, "grow", 8, ms, 4);
	CHECK_INT(plan_struct(&p, &s, split, &o), 0, "grow plans");
	got = order(&p, 0, 4);
	CHECK_STR(got, "a@0 c@0 b@4 x@8", "b lands right after the packed a, c");
	free(got);
	CHECK_INT(p.after.size, 12, "the struct grows to 12");
	CHECK_INT(p.naive_size, 16, "naive in place (a@0 b@4 c@8 x@12) is 16");
	CHECK(p.m[2].type == NULL, "u32 b:1 keeps its declared type");
	plan_release(&p);

	/* --type smallest: b becomes a u8 and fits the hole after a, c */
	o.type = PLAN_TYPE_SMALLEST;
	CHECK_INT(plan_struct(&p, &s, split, &o), 0, "smallest plans");
	CHECK_STR(p.m[2].type, "u8", "unsigned 1-bit -> u8");
	got = order(&p, 0, 4);
	CHECK_STR(got, "a@0 c@0 b@1 x@4", "the u8 fits the bytes after a, c");
	free(got);
	CHECK_INT(p.after.size, 8, "and the size is unchanged");
	plan_release(&p);
	release(&s);
}

/* A struct whose layout the planner cannot reproduce is refused. */
static void check_refuse(void)
{
	static const struct m ms[] = {
		{ "char", "c", NULL, 0, 0, 0, 1 },
		{ "unsigned int", "a", NULL, 4, 0, 1, 4 },	/* an unseen :0 */
		{ "unsigned int", "b", NULL, 4, 1, 1, 4 },
		{ "long int", "l", NULL, 8, 0, 0, 8 },
	};
	struct bs_struct s;
	struct plan p;
	struct plan_opts o = { PLAN_TYPE_DECLARED, true, NULL };
	bool split[4] = { false, true, false, false };

	build(&s, "odd", 16, ms, 4);
	CHECK_INT(plan_struct(&p, &s, split, &o), -1, "unreproducible layout refused");
	CHECK_STR(p.refused, "cannot reproduce the layout: a at bit 32, computed 8",
		  "with the reason");
	plan_release(&p);
	release(&s);
}

/*
 * Regroup: pm_runtime_engaged and sriov_pwr_active behind a new ":0"
 * after pm_intx_masked.  By hand: the 11 staying bools take bits 0-10
 * (120:0 to 121:2), the ":0" of a 1-byte unit rounds to byte 122, where
 * the pair lands in the 6-byte hole: the size stays 176.
 */
static void check_regroup(void)
{
	struct bs_struct s;
	struct plan p;
	struct plan_opts o = { PLAN_TYPE_DECLARED, false, NULL };
	int group[ARRAY_SIZE(vfpci)] = { 0 }, after[1] = { 22 };
	bool zero[1] = { true };
	struct strbuf sb = STRBUF_INIT;

	build(&s, "vfpci_device", 176, vfpci, ARRAY_SIZE(vfpci));
	group[23] = group[24] = 1;
	CHECK_INT(plan_regroup(&p, &s, group, after, zero, &o), 0, "regroup plans");
	CHECK_INT(p.nr_regroup, 2, "two fields regrouped");
	CHECK_INT(p.after.size, 176, "at no cost");
	CHECK_INT((int)plan_find(&p, 22)->bit_offset, 121 * 8 + 2, "pm_intx_masked stays at 121:2");
	CHECK_INT((int)plan_find(&p, 23)->bit_offset, 122 * 8, "pm_runtime_engaged starts byte 122");
	CHECK_INT((int)plan_find(&p, 24)->bit_offset, 122 * 8 + 1, "sriov_pwr_active next to it");
	CHECK(plan_find(&p, 23)->role == ROLE_REGROUP && plan_find(&p, 24)->bit_size == 1,
	      "they keep their width");
	plan_write(&p, "v.h", &sb);
	CHECK(strstr(sb.buf, "member\tpm_intx_masked\t970\t1\tpacked\t1\n") &&
	      strstr(sb.buf, "member\tpm_runtime_engaged\t976\t1\tregroup\t2\n"),
	      "the plan numbers the locations: the old run 1, the new one 2");
	plan_release(&p);

	/* without the ":0" the pair joins the run: bits 11 and 12 */
	zero[0] = false;
	CHECK_INT(plan_regroup(&p, &s, group, after, zero, &o), 0, "regroup without :0 plans");
	CHECK_INT((int)plan_find(&p, 23)->bit_offset, 121 * 8 + 3, "then it follows the run");
	plan_release(&p);
	strbuf_release(&sb);
	release(&s);
}

/*
 * Bitops: virq_disabled and bardirty become bits 0 and 1 of "flags"; no
 * hole holds an aligned unsigned long, so the struct grows by 8 to 184.
 * A shared prefix names the word and is left out of the bit names.
 */
static void check_bitops(void)
{
	static const struct m mb[] = {
		{ "struct list_head", "e_list", NULL, 0, 0, 0, 16 },
		{ "u32", "e_key", NULL, 16, 0, 0, 4 },
		{ "unsigned int", "e_referenced", NULL, 20, 0, 1, 4 },
		{ "unsigned int", "e_reusable", NULL, 20, 1, 1, 4 },
		{ "u64", "e_value", NULL, 24, 0, 0, 8 },
	};
	struct bs_struct s;
	struct plan p;
	struct plan_opts o = { PLAN_TYPE_DECLARED, false, NULL };
	bool bits[ARRAY_SIZE(vfpci)] = { false };

	build(&s, "vfpci_device", 176, vfpci, ARRAY_SIZE(vfpci));
	bits[14] = bits[17] = true;
	CHECK_INT(plan_bitops(&p, &s, bits, NULL, &o), 0, "bitops plans");
	CHECK_INT(p.nr_bits, 2, "two bits");
	CHECK_STR(p.bit_names[0], "VFPCI_DEVICE_VIRQ_DISABLED", "bit 0");
	CHECK_STR(p.bit_names[1], "VFPCI_DEVICE_BARDIRTY", "bit 1");
	CHECK_STR(p.bit_enum, "vfpci_device_bits", "the enum");
	CHECK_INT(p.after.size, 184, "no hole holds the word: +8");
	CHECK(!plan_find(&p, 14) && !plan_find(&p, 17), "the fields are gone");
	plan_release(&p);
	release(&s);

	build(&s, "mb_cache_entry", 32, mb, ARRAY_SIZE(mb));
	memset(bits, 0, sizeof(bits));
	bits[2] = bits[3] = true;
	CHECK_INT(plan_bitops(&p, &s, bits, NULL, &o), 0, "mb_cache_entry plans");
	for (int i = 0; i < p.nr; i++)
		if (p.m[i].role == ROLE_BITOPS) {
			CHECK_STR(p.m[i].name, "e_flags", "the shared prefix names the word");
			CHECK_INT((int)p.m[i].bit_offset, 24 * 8, "where e_value was: it moves down");
		}
	CHECK_STR(p.bit_names[1], "MB_CACHE_ENTRY_REUSABLE", "and leaves the bit names");
	CHECK_INT(p.after.size, 40, "the 4-byte run leaves a hole no word fits: 40");
	plan_release(&p);
	bits[4] = true;
	CHECK_INT(plan_bitops(&p, &s, bits, NULL, &o), -1, "a u64 is no bit");
	plan_release(&p);
	release(&s);
}

/* What plan_write() prints reads back; the rest is refused at its line. */
static void check_read(void)
{
	static const char text[] = "struct\tfoo\t8\tfoo.h\n\nmember\ta\t0\t1\tpacked\n"
				   "member\t-\t32\t0\tstay";
	static const char nul[] = "struct\tfoo\t8\tfoo.h\nmem\0ber\ta\t0\t1\tpacked\n";
	struct plan_file pf = { 0 };
	char *exact = xmalloc(sizeof(text) - 1);

	memcpy(exact, text, sizeof(text) - 1);
	CHECK_INT(plan_read(&pf, exact, sizeof(text) - 1, "foo.plan"), 0,
		  "a plan in an exact-size buffer, blank line and no final newline");
	CHECK(pf.struct_name && !strcmp(pf.struct_name, "foo") && pf.size == 8 &&
	      !strcmp(pf.header, "foo.h"), "its struct line");
	CHECK(pf.nr == 2 && pf.m[0].bit_size == 1 && !strcmp(pf.m[1].name, "-") &&
	      pf.m[1].bit_offset == 32 && !strcmp(pf.m[1].role, "stay"), "its members");
	plan_file_release(&pf);
	free(exact);
	CHECK_INT(plan_read(&pf, nul, sizeof(nul) - 1, "nul.plan"), -1, "a NUL is an error");
	plan_file_release(&pf);
	CHECK_INT(plan_read(&pf, "member\ta\t0\t1\tstay\n", 18, "m.plan"), -1,
		  "a member before the struct line is an error");
	plan_file_release(&pf);
	CHECK_INT(plan_read(&pf, "", 0, "empty.plan"), -1, "so is a plan with no struct");
	plan_file_release(&pf);
	{
		static const char rb[] = "struct\tfoo\t8\tfoo.h\nmember\ta\t0\t1\tpacked\t1\n"
					 "member\tflags\t64\t0\tbitops\nbit\tb\tflags\t0\n";

		CHECK_INT(plan_read(&pf, rb, sizeof(rb) - 1, "rb.plan"), 0, "locations and bits read");
		CHECK(pf.nr == 2 && pf.m[0].loc == 1 && pf.m[1].loc == -1, "a location where given");
		CHECK(pf.nr_gone == 1 && !strcmp(pf.gone[0], "b"), "the field that became a bit");
		plan_file_release(&pf);
	}
}

int main(void)
{
	check_read();
	check_vfpci();
	check_grow();
	check_refuse();
	check_regroup();
	check_bitops();
	return unit_done();
}
