/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_HAZARD_H
#define BITSPLIT_HAZARD_H

#include "facts.h"
#include "plan.h"
#include "util.h"

/*
 * Semantic hazards of a split: a 1-bit (or n-bit) field keeps only the
 * low bits of what is stored, its own member keeps more, and a bool keeps
 * any non-zero value as 1.  So a store of a value that may be neither 0
 * nor 1 (flags & BIT(3), a counter), an increment, or a signed 1-bit
 * field (it reads -1) behaves differently after the patch.
 *
 * Appends one "file:line: hazard: ..." line per case to out and returns
 * their number.  facts may be NULL (then only declarations are checked);
 * l, the layout, tells which stores are to p's struct (layout_sees());
 * header and text are the defining file (relative to the tree) and its
 * contents.
 */
int hazards_find(const struct plan *p, const struct facts *facts, const struct bs_layout *l,
		 const char *header, const char *text, struct strbuf *out);

/*
 * The same for bitops, whose bits keep what a bool keeps: a store into an
 * integer 1-bit field of a value that may be neither 0 nor 1, any
 * compound store (|=, ++: no bitop reads and writes a bit in one go), a
 * signed 1-bit field.
 */
int hazards_find_bits(const struct plan *p, const struct facts *facts,
		      const struct bs_layout *l, const char *header, const char *text,
		      struct strbuf *out);

#endif
