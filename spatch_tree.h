/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_SPATCH_TREE_H
#define BITSPLIT_SPATCH_TREE_H

#include "run_command.h"

/*
 * spatch 1.1.1 hands file names to /bin/sh unquoted (diff and cp of a
 * transformed file, egrep over a file group, rm -rf of its temporary
 * directory), so a file named "$(cmd).c" runs cmd.  Every spatch run goes
 * through a spatch_tree: a scratch directory that mirrors the source tree
 * with symbolic links, where every name spatch is given is made of
 * [A-Za-z0-9._+-] only.
 *
 * The mirror's top level links each entry of the tree under its own name.
 * A directory on the way to a file whose path is not shell-safe becomes a
 * real directory of links in the mirror, its unsafe entries linked as
 * "bitsplit-N.EXT", so the file's local includes ("x.h", "../y.h") still
 * resolve next to it.  A safe path is its own name in the mirror: what
 * spatch prints about it needs no mapping.
 */
struct spatch_tree;

/* The mirror of tree (its top level linked); dies if it cannot be made. */
struct spatch_tree *spatch_tree_open(const char *tree);
/* Remove the scratch directory (never following a link) and free t. */
void spatch_tree_close(struct spatch_tree *t);

/*
 * The name spatch is to be given for path (relative to the tree, or
 * absolute), relative to the mirror; allocated.  NULL with an error
 * printed when no safe name can be made (an absolute path or one leaving
 * the tree that is not itself safe).
 */
char *spatch_tree_name(struct spatch_tree *t, const char *path);
/* Back from a name spatch printed to the tree-relative path; allocated. */
char *spatch_tree_real(const struct spatch_tree *t, const char *name);
/* A directory for spatch's --tmp-dir or other scratch files, shell-safe. */
const char *spatch_tree_tmp(const struct spatch_tree *t);

/* True when s can reach a shell unquoted and stay one word, no option. */
bool shell_safe(const char *s);

/*
 * run_command() in the mirror: cmd->dir is set to it and TMPDIR (where
 * spatch names its output copies after the input) to a safe directory.
 */
int spatch_tree_run(struct spatch_tree *t, struct child *cmd);
/* run_commands() of the nr cmds in the mirror, as spatch_tree_run() does one. */
int spatch_tree_run_all(struct spatch_tree *t, struct child *cmds, int nr, int jobs,
			int *status);

#endif
