/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_REMEDY_H
#define BITSPLIT_REMEDY_H

#include <stdbool.h>

#include "fix.h"
#include "plan.h"

/*
 * Which remedy a struct's racing bitfields get (README "Remedies"): every
 * remedy that applies is planned, so that the report and the commit
 * message can say what each costs, and one is chosen by the rule, or by
 * --fix.  The serialization facts come from the verdict: the lock every
 * run-time writer holds (runtime_writers_hold()), the writers' contexts
 * and phases.
 */
struct remedy_choice {
	enum remedy chosen;
	char *why;			/* the rule that chose it, a sentence */
	bool applies[NR_REMEDIES];	/* it could be planned */
	int cost[NR_REMEDIES];		/* bytes the struct grows by */
	char *na[NR_REMEDIES];		/* why it does not apply, or NULL */
};

/* Plan every remedy and choose one.  0, or -1 when none can be planned. */
int remedy_choose(const struct fix_opts *o, const struct fix_job *job,
		  struct remedy_choice *c);

/* Plan remedy r for the job (as remedy_choose() planned it). */
int remedy_plan(const struct fix_opts *o, const struct fix_job *job, enum remedy r,
		struct plan *p);

/*
 * "  remedy regroup: WHY\n  alternatives: split +0 bytes, bitops +8 bytes\n",
 * and the same as sentences for a commit message: "Regrouping was chosen
 * because WHY. The alternatives: split +0 bytes, bitops +8 bytes."
 */
void remedy_describe(const struct remedy_choice *c, struct strbuf *out);
void remedy_sentence(const struct remedy_choice *c, struct strbuf *out);
void remedy_choice_release(struct remedy_choice *c);

#endif
