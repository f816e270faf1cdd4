/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_LOCK_SUMMARY_H
#define BITSPLIT_LOCK_SUMMARY_H

struct facts_run_opts;
struct opt_list;
struct spatch_tree;

/*
 * Learn the lock wrappers, claims and assumed claims of files (paths
 * relative to the tree st mirrors) with semantic-patches/lock_summary.cocci, to a
 * fixed point, and write them as a vocabulary file under dir, whose path
 * is returned in *learned_path (allocated; the file exists, maybe empty).
 * presets and user are ':'-joined vocabulary paths; user may be ""; funcs
 * names the functions the analysed files and their headers define.
 * Returns -1 on error.
 */
int lock_summary(struct spatch_tree *st, const char *tree, const struct opt_list *files,
		 const char *presets, const char *user, const char *funcs,
		 const struct facts_run_opts *o, const char *dir, char **learned_path);

#endif
