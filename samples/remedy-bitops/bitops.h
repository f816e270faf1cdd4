/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's atomic bitops, declared (as the lock functions are) for
 * the samples that use them, with assign_bit() as include/linux/bitops.h
 * defines it.
 */
#ifndef BITOPS_H
#define BITOPS_H

#include <stdbool.h>

void set_bit(long nr, volatile unsigned long *addr);
void clear_bit(long nr, volatile unsigned long *addr);
bool test_bit(long nr, const volatile unsigned long *addr);

static inline void assign_bit(long nr, volatile unsigned long *addr, bool value)
{
	if (value)
		set_bit(nr, addr);
	else
		clear_bit(nr, addr);
}

#endif
