// SPDX-License-Identifier: GPL-2.0
/*
 * The struct from issue 2.  Expected memory locations (C11 3.14):
 *   {a, b}  byte 0
 *   {d}     byte 2     (the source ":0" ends it)
 *   {e}     byte 3
 *   {f, g}  bytes 8-9  (g does not fit in f's byte, so pahole prints a
 *                       ":0" that is not in the source; still one location)
 * c and x are plain members and belong to no location.
 */
#include "../include/kshim.h"

struct issue_sample {
	bool	a:1;
	bool	b:1;
	u8	c;
	u8	d:2;
	u8	:0;
	u8	e:1;
	int	x;
	u8	f:7;
	u8	g:3;
};

struct issue_sample issue_sample;
