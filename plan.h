/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_PLAN_H
#define BITSPLIT_PLAN_H

#include <stdbool.h>

#include "layout.h"
#include "util.h"

/*
 * The planner: given a struct's layout and the bitfields that must leave
 * their memory location, the new member order with its offsets, size and
 * holes, computed with the x86-64 System V rules (sizes from pahole,
 * alignments from the types).  The struct editor and "bitsplit verify"
 * both read this; neither recomputes a layout.
 */

enum plan_type {
	PLAN_TYPE_DECLARED,	/* u8 f:1 -> u8 f; bool f:1 -> bool f */
	PLAN_TYPE_BOOL,		/* any 1-bit field -> bool */
	PLAN_TYPE_SMALLEST,	/* the smallest integer type holding the width */
};

/*
 * How a racing bitfield leaves its memory location (README "Remedies"):
 * its own member, another location whose writers share its
 * serialization (behind a ":0"), or a bit of one word updated with
 * atomic bitops.
 */
enum remedy { REMEDY_SPLIT, REMEDY_REGROUP, REMEDY_BITOPS, NR_REMEDIES };

const char *remedy_name(enum remedy r);		/* "split", "regroup", "bitops" */
int remedy_parse(const char *s, enum remedy *r);	/* -1 on an unknown name */

enum plan_role {
	ROLE_STAY,		/* untouched */
	ROLE_PACKED,		/* a bitfield that stays in its (smaller) run */
	ROLE_SPLIT,		/* a bitfield that became its own member */
	ROLE_TIGHTEN,		/* an unrelated member moved into a hole */
	ROLE_REGROUP,		/* a bitfield moved into another memory location */
	ROLE_BITOPS,		/* the unsigned long that holds the bits */
};

struct plan_member {
	int member;		/* index into bs_struct.members, depth 0 */
	enum plan_role role;
	char *type;		/* new type of a split field, NULL: unchanged */
	unsigned int bit_size;	/* width after the plan, 0: not a bitfield */
	unsigned int size;	/* bytes of the (new) type */
	unsigned int align;
	bool flexible;		/* a flexible array: must stay last */
	bool zero_width;	/* a ":0": the next bitfield starts a unit */
	bool added;		/* not in the source: a new ":0" or the bitops word */
	char *name;		/* the name of the bitops word, else NULL */
	unsigned long long bit_offset;	/* after the plan */
	char *comment;		/* a comment line to put above it, or NULL */
};

struct plan_hole {
	unsigned long long bit_offset;
	unsigned int bits;
	int before;		/* index into plan.m of the member after it, -1: tail */
};

struct plan_shape {
	unsigned int size;
	unsigned int align;
	unsigned int cachelines;
	struct plan_hole *holes;
	int nr_holes, alloc_holes;
	unsigned int hole_bytes;	/* sum of byte holes, tail padding included */
};

struct plan {
	const struct bs_struct *s;
	struct plan_member *m;	/* the new order */
	int nr, alloc;
	struct plan_shape before, after;
	unsigned int naive_size;	/* each split field left where it was */
	int nr_split, nr_tighten;
	enum remedy remedy;
	int nr_regroup;		/* fields moved into another location */
	/* bitops: the fields that became bits, bit i is bits[i] (member index) */
	int *bits;
	int nr_bits;
	char **bit_names;	/* their enum constants */
	char *bit_enum;		/* "NAME_bits" */
	char *refused;		/* why no plan could be made, or NULL */
};

struct plan_opts {
	enum plan_type type;
	bool tighten;
	const struct bs_layout *layout;	/* to look up nested struct types, or NULL */
};

/*
 * Plan s with the bitfields whose split[member index] is true moved out
 * of their memory locations.  Returns 0, or -1 with p->refused saying why
 * (a layout the planner cannot reproduce, a bitfield in a nested struct).
 */
int plan_struct(struct plan *p, const struct bs_struct *s, const bool *split,
		const struct plan_opts *o);

/*
 * Regroup: each field with group[member] = g > 0 moves, in declaration
 * order, behind member after[g - 1] (an index into bs_struct.members);
 * zero[g - 1] puts a new ":0" in front of the group, which starts a
 * memory location of its own.  Same return as plan_struct().
 */
int plan_regroup(struct plan *p, const struct bs_struct *s, const int *group,
		 const int *after, const bool *zero, const struct plan_opts *o);

/*
 * Bitops: the fields with bits[member] become the bits of a new
 * "unsigned long NAME" (placed in the hole that fits it best, else where
 * the first of them was), numbered by an enum of constants PREFIX_FIELD.
 */
int plan_bitops(struct plan *p, const struct bs_struct *s, const bool *bits,
		const char *name, const struct plan_opts *o);

/* The human summary "bitsplit fix" prints: moves, before/after, holes. */
void plan_describe(const struct plan *p, struct strbuf *out);

/*
 * The layout the patch must produce, for "bitsplit verify":
 *   struct NAME SIZE HEADER
 *   member NAME BIT_OFFSET BIT_SIZE ROLE   (stay|packed|split|tighten|regroup|bitops)
 *   bit FIELD WORD NUMBER                  (a field that became a bit of WORD)
 * one line each, fields separated by a TAB, in the new order.  In a
 * regroup plan each bitfield's line ends with a fifth field, the number of
 * the memory location the plan puts it in.
 */
void plan_write(const struct plan *p, const char *header, struct strbuf *out);
const char *plan_role_name(enum plan_role r);

/* A .plan file read back, for "bitsplit verify". */
struct plan_file_member {
	char *name;			/* "-" for an anonymous member */
	unsigned long long bit_offset;
	unsigned int bit_size;
	char *role;
	int loc;			/* the planned location, -1: not given */
};

struct plan_file {
	char *struct_name, *header;
	unsigned int size;
	struct plan_file_member *m;
	int nr, alloc;
	char **gone;			/* fields that became bits: no access may be left */
	int nr_gone, alloc_gone;
};

/*
 * Parse what plan_write() printed, from len bytes that need not end in a
 * NUL; errors say "name:line: error: expected ..." and return -1.
 */
int plan_read(struct plan_file *pf, const char *buf, size_t len, const char *name);
void plan_file_release(struct plan_file *pf);

/* The plan member for bs_struct member index m, or NULL. */
const struct plan_member *plan_find(const struct plan *p, int m);
void plan_release(struct plan *p);

#endif
