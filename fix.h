/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_FIX_H
#define BITSPLIT_FIX_H

#include <stdbool.h>
#include <stdio.h>

#include "facts.h"
#include "plan.h"
#include "source.h"
#include "verdict.h"

/*
 * What "bitsplit fix" works from: the options, and per struct which
 * fields split and why (the verdict, or --split naming them).
 */
struct out_manifest;

struct fix_opts {
	struct source_opts src;
	const char *policy_name;
	enum policy policy;
	struct plan_opts plan;
	struct opt_list split;		/* STRUCT.FIELD, overriding the verdict */
	enum remedy remedy;		/* with remedy_forced: --fix */
	bool remedy_forced;
	const char *facts_file;
	struct facts_run_opts run;	/* -j, --timeout, --data of the facts pass */
	const char *out;
	struct out_manifest *written;	/* what went into out, or NULL */
	const struct bs_layout *layout;
	struct facts facts;
	struct verdict verdict;
	FILE *report;			/* the account of each struct: stdout for "fix" */
};

struct fix_job {
	const struct bs_struct *s;
	bool *split;			/* per member index */
	const struct struct_verdict *sv;	/* NULL with --split */
	const char *file;		/* where the verdict says it is declared */
};

struct fix_jobs {
	struct fix_job *v;
	int nr, alloc;
};

/* One job per struct with a field to split; -1 after an error. */
int fix_jobs_collect(struct fix_opts *o, struct fix_jobs *jobs);
void fix_jobs_release(struct fix_opts *o, struct fix_jobs *jobs);

/* The verdict of member m, or NULL. */
const struct field_verdict *fix_field_verdict(const struct struct_verdict *sv, int m);
/*
 * The lock every run-time writer of fv holds exclusively, as the patch's
 * comment names it: the verdict's serialized_by, else a lock held by its
 * text only ("?vdev->vdev.dev_set->lock"); NULL when there is none.
 */
const char *fix_field_lock(const struct field_verdict *fv);

/*
 * The distinct run-time contexts of the writers of the given members, as
 * the messages name them ("config-space writes, ioctls and timers"),
 * appended to out; returns how many.
 */
int fix_contexts(const struct struct_verdict *sv, const int *members, int nr,
		 struct strbuf *out);

/*
 * The comments the reviewer asked for: above the packed run, the rule
 * that lets its fields share; above a split field, what serializes it.
 */
void fix_comment(const struct fix_opts *o, const struct fix_job *job, struct plan *p);

/*
 * Print each store or declaration whose meaning the split would change,
 * with its location; returns how many there are (the patch is withheld).
 */
int fix_hazards(const struct fix_opts *o, const struct fix_job *job,
		const struct plan *p, const char *header, const char *text);

/*
 * The name of s's files in OUT (NAME.diff, NAME.plan, NAME.cocci): the
 * struct's, and for one a .c file keeps apart (layout.h's scope) the
 * file's too, "state@scan.c", so that two structs state do not meet.
 */
char *fix_out_name(const struct bs_struct *s);

/* Plan, edit and write one struct's patch.  0 written, 1 refused, -1 error. */
int fix_write_struct(const struct fix_opts *o, const struct fix_job *job,
		     struct opt_list *diffs);
/* The .c files (relative to the tree) that store into p's split fields. */
void fix_store_files(const struct fix_opts *o, const struct plan *p, struct opt_list *files);
/*
 * The files under the PATHs, header aside, that name a field that became
 * a bit ("->f" or ".f"): the ones the bitops semantic patch rewrites.
 */
void fix_access_files(const struct fix_opts *o, const struct plan *p, const char *header,
		      struct opt_list *files);

#endif
