// SPDX-License-Identifier: GPL-2.0
/*
 * Driver-style flag words: "bool x:1", "u8 x:1", "unsigned int x:3", a
 * source ":0", holes before and after, an enum member, function pointers
 * and arrays, and a bitfield whose "unsigned int" unit overlaps the char
 * array before it (pahole prints it as "0:24").
 */
#include "../include/kshim.h"

enum flg_state { FLG_IDLE, FLG_RUNNING, FLG_DEAD };

struct flg_dev {
	char		name[3];
	unsigned int	started:1;	/* overlaps name[]'s unit */
	unsigned int	stopped:1;
	int		refcnt;
	unsigned int	irq_en:1;
	long		stamp;		/* 4-byte hole before it */
	bool		flag;
	unsigned int	dirty:1;	/* shares flag's int unit */
	unsigned int	busy:1;
	short		id;
	void		*priv;
	int		(*probe)(struct flg_dev *dev, unsigned long flags);
	void		(*remove)(struct flg_dev *dev);
	enum flg_state	state;
	u32		regs[2][3];
	u8		armed:1;
	u8		masked:1;
	u8		:0;
	u8		pending:1;	/* own location after the source :0 */
	unsigned int	mode:3;
	unsigned int	level:5;
	unsigned int	prio:4;
	bool		live:1;
};

struct flg_dev flg_dev;
