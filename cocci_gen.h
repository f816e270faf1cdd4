/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_COCCI_GEN_H
#define BITSPLIT_COCCI_GEN_H

#include "parse_options.h"
#include "plan.h"
#include "util.h"

/*
 * The semantic patch for the .c side of a split, kept next to the diff so
 * a reviewer can read it and run it again.  A field that stops being a
 * 1-bit field of an integer type keeps more of what is stored: its report
 * rule lists every store that may be neither 0 nor 1, its patch rule
 * makes a masked store an explicit boolean, "E->f = X & C" becoming
 * "E->f = !!(X & C)".  Fields split from bool to bool need nothing (a
 * store converts the same way), so out stays empty when only those split.
 */
void cocci_gen(const struct plan *p, struct strbuf *out);

/*
 * The semantic patch for the .c side of bitops: for each field that became
 * bit C of WORD, "E->f = 1;" becomes "set_bit(C, &E->WORD);", a store of 0
 * clear_bit(), any other store assign_bit(C, &E->WORD, V), and every other
 * use test_bit(C, &E->WORD); the same for a struct value, "S.f".
 */
void cocci_gen_bitops(const struct plan *p, struct strbuf *out);

/*
 * Run the patch rule in cocci over each of files (relative to tree),
 * never writing them, and append the changes as a -p1 diff to out.
 */
int cocci_run(const char *cocci, const char *tree, const struct opt_list *files,
	      struct strbuf *out);

#endif
