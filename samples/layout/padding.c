// SPDX-License-Identifier: GPL-2.0
/*
 * Tail padding wider than a pointer: pahole prints a "Force padding:"
 * block of unnamed "u8 :8;" lines that are not members.  Also a volatile
 * member and a location declared as "a:1, b:1" on one line.
 */
#include "../include/kshim.h"

struct pad_tail {
	__int128	stamp;
	volatile int	refs;
	char		tag;
	u8		open:1, busy:1;
};

struct pad_tail pad_tail;
