/* SPDX-License-Identifier: GPL-2.0 */
/* A delta-resolving worker pool in the style of git's index-pack (gitlike.c). */
#ifndef GITLIKE_H
#define GITLIKE_H

struct gl_entry {
	unsigned int	resolved:1;
	unsigned int	in_pack:1;
	unsigned int	counted:1;
	unsigned int	spare:1;
	int		nr;
};

#endif
