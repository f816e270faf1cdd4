/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_VERIFY_H
#define BITSPLIT_VERIFY_H

#include <stdbool.h>

/*
 * Prove a patch with the compiler: apply it in a scratch copy of the tree
 * (symlinks to the tree, real copies of the files the patch touches),
 * rebuild the objects that read the patched files by replaying their
 * recorded compile (BUILD/compile_commands.json, or the .o.cmd files of a
 * kernel build), run pahole on them and compare with the
 * plan written next to the patch (STRUCT.plan): every member where the
 * plan put it, each split field alone in its memory location, every
 * shared location made only of fields the plan keeps packed, the planned
 * size.  The user's tree is only written by apply, after every patch
 * passed, with one "git apply" (all or nothing).
 */
struct verify_opts {
	const char *tree;
	const char *build;
	bool apply;
	/* where a kernel build's .o.cmd records are looked for, NULL: everywhere */
	const char **paths;
};

/* 0 when every patch passed (and was applied with apply), -1 otherwise. */
int verify_patches(const struct verify_opts *o, const char **diffs, int nr);

#endif
