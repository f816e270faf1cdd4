// SPDX-License-Identifier: GPL-2.0
/*
 * Nesting: anonymous unions and structs expanded inline by pahole, named
 * nested structs printed as one member, bitfields inside an anonymous
 * struct inside a union (a register overlay), an anonymous enum member,
 * and a top-level union (pahole prints no summary block for it).
 */
#include "../include/kshim.h"

struct nst_stats {
	u64	rx;
	u64	tx;
	u8	valid:1;
	u8	stale:1;
};

struct nst_dev {
	int			id;
	u8			up:1;
	u8			down:1;
	union {
		u32		word;
		struct {
			u32	enable:1;
			u32	irq:4;
			u32	:0;
		};
	};
	u8			ready:1;	/* a new location: nesting ended the last */
	struct {
		u16		lo:4;
		u16		hi:4;
		u8		tag;
	} ctl;
	struct nst_stats	stats;
	enum {
		NST_A,
		NST_B = 5,
	}			kind;
	struct nst_stats	hist[2];
	unsigned long		tail:2;
};

union nst_reg {
	u32	raw;
	struct {
		u32	en:1;
		u32	mode:2;
	} bits;
	u8	b[4];
};

struct nst_dev nst_dev;
union nst_reg nst_reg;
