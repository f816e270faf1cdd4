/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Layout cases for "bitsplit fix", one struct each; fixcases.c has the
 * writers.  The comment above each struct says what the fix must do.
 */
#ifndef FIXCASES_H
#define FIXCASES_H

#include "../include/kshim.h"

/*
 * No hole fits: "fired" (set from the timer, while the ioctl sets the
 * other flags) splits to an unsigned int, which the three bytes after the
 * packed run cannot hold: the struct grows from 8 to 12 bytes.  Splitting
 * naively in place (armed, fired, mode each in their own unit) is 16.
 */
struct fc_grow {
	unsigned int		armed:1;
	unsigned int		fired:1;	/* set from the timer */
	unsigned int		mode:2;
	int			count;
};

/*
 * The split field fits an existing hole: "stopped" (set by the irq
 * handler) becomes a bool in the byte after the packed run, and the size
 * stays 24.
 */
struct fc_fits {
	void			*owner;
	u16			id;
	bool			started:1;
	bool			stopped:1;
	bool			paused:1;
	int			refcnt;
	long			stamp;
};

/*
 * A hazard: "irq_pending" (set by the irq handler, while the ioctl sets
 * the other two) is a u8:1 written with "status & BIT(3)", which stores 0
 * today (one bit keeps bit 0) and 8 as a u8: the patch is withheld until
 * the store is fixed.
 */
struct fc_hazard {
	u8			enabled:1;
	u8			irq_pending:1;
	u8			masked:1;
	u16			vector;
	u32			flags;
};

/* __packed: the layout is deliberate, no member moves. */
struct fc_packed {
	u8			kind;
	u8			ready:1;
	u8			busy:1;
	u32			addr;
} __packed;

/* Pinned by a static_assert: the size is relied on. */
struct fc_pinned {
	u32			valid:1;
	u32			dirty:1;
	u32			len;
};
static_assert(sizeof(struct fc_pinned) == 8, "fc_pinned is a wire format");

/* A hardware register: the bitfields overlay a u32 word. */
struct fc_regs {
	u32			enable:1;
	u32			busy:1;
	u32			irq:1;
	u32			rsvd:29;
};

union fc_reg {
	struct fc_regs		bits;
	u32			word;
};

/* Built with a positional initializer in fixcases.c. */
struct fc_init {
	u8			mode;
	bool			on:1;
	bool			dirty:1;
	int			level;
};

/* __randomize_layout: the compiler plugin picks the order, no plan holds. */
struct fc_random {
	u8			a:1;
	u8			b:1;
	int			x;
} __randomize_layout;

/* A signed 1-bit field reads 0 or -1: as a plain int it would read 1. */
struct fc_signed {
	int			on:1;
	int			off:1;
	int			x;
};

/* Held by a __packed descriptor: the engine reads this layout. */
struct fc_bd_mode {
	u32			count:16;
	u32			status:8;
	u32			command:8;
};

struct fc_bd {
	struct fc_bd_mode	mode;
	u32			addr;
} __packed;

#endif
