/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_VERDICT_H
#define BITSPLIT_VERDICT_H

#include <stdbool.h>

#include "facts.h"
#include "layout.h"

/*
 * The verdict: per struct, per memory location, per field, who writes it,
 * in which phase, under which locks, and whether it must move out of the
 * location under each policy.  "bitsplit check" prints it; the planner of
 * "bitsplit fix" consumes it.
 */

enum policy {
	POLICY_SETUP_ONLY,	/* only setup/teardown writers may share a location */
	POLICY_PROVEN_RACE,	/* move the fewest fields that leave no racing pair */
	NR_POLICIES
};

const char *policy_name(enum policy p);		/* "setup-only", "proven-race" */
int policy_parse(const char *s, enum policy *p);	/* -1 on an unknown name */

/* PHASE_UNKNOWN: no root reaches the writer, and the preset does not call that run time. */
enum phase { PHASE_SETUP, PHASE_TEARDOWN, PHASE_RUNTIME, PHASE_UNKNOWN };

const char *phase_name(enum phase p);		/* "setup", "teardown", "runtime", "unknown" */
/* The phase a root vocabulary or fact names: setup, teardown, anything else run time. */
enum phase root_phase(const char *s);

/*
 * The pseudo-lock a runtime-PM usage reference holds shared (the facts give
 * "runtime_pm:r@lexical" where pm_runtime_resume_and_get() is called);
 * runtime PM callbacks hold it exclusive, which the verdict adds itself
 * with HOW "pm".
 */
#define RUNTIME_PM_LOCK "runtime_pm"

/*
 * The exclusion a thread window holds (how "root"): the stores a function
 * makes while the threads it started run are one thread's, in program
 * order with each other, whichever function of that thread makes them.
 */
#define CREATOR_LOCK "creating thread"

struct field_writer {
	const struct fact *write;	/* the FACT_WRITE */
	const struct fact *root;	/* where the path of its context starts, or NULL */
	enum phase phase;
	char *phase_why;		/* "from open_device: vfpci_open_device -> vfpci_enable" */
	/*
	 * On a work item of the thread's own (an object reached from the
	 * argument its create gave it alone): another such writer works on
	 * another object.
	 */
	bool own;
	/*
	 * Own locks plus those the context's path holds: a write reached by
	 * paths holding different locks is one writer per path.  id and how point into the
	 * facts (or are string literals): they are not freed with the verdict.
	 */
	struct fact_lock *locks;
	int nr_locks, alloc_locks;
	/*
	 * The locks by the struct each is a member of ("usb_device.dev.mutex"
	 * is a "device.mutex"), where the layout says so; ids owned here.
	 */
	struct fact_lock *embedded;
	int nr_embedded;
};

/* The writing function's name, or "(file scope)". */
const char *writer_func(const struct field_writer *w);
/* "memory_lock" for "vfpci_device.memory_lock", the text after the last '.'. */
const char *lock_short_name(const char *id);
/*
 * Does some lock held by both writers exclude the other (not two readers)?
 * A lock named by its own struct ("device.mutex": device_lock(dev), or what
 * the vocabulary says a root holds) is also the one the other writer holds
 * through a struct that embeds it ("usb_device.dev.mutex"); two locks of
 * different embedding structs ("pci_dev.dev.mutex") stay two.
 */
bool writers_serialized(const struct field_writer *a, const struct field_writer *b);
/* The first lock of a's that does it, or NULL. */
const struct fact_lock *writers_serializer(const struct field_writer *a,
					   const struct field_writer *b);

struct field_verdict;
/* Does every run-time writer of fv hold lock id exclusively? */
bool runtime_writers_hold(const struct field_verdict *fv, const char *id);

struct field_verdict {
	int member;			/* index into bs_struct.members */
	struct field_writer *writers;
	int nr_writers, alloc_writers;
	bool runtime;			/* some writer runs at run time */
	bool local_only;		/* no writer, but writes to local or private objects */
	int nr_private;			/* writes (or contexts) on thread-private objects */
	int nr_tls;			/* writes to __thread objects */
	int nr_out_of_scope;		/* writes in header inlines nothing analysed reaches */
	bool moves[NR_POLICIES];
	char *why;			/* one sentence, in a maintainer's words */
	/*
	 * What serializes the run-time writers of this field, for the comment
	 * the patch puts on it: a lock member name ("memory_lock"), "runtime
	 * PM" when they are all runtime PM callbacks, or NULL when no single
	 * lock is held exclusively by all of them.
	 */
	char *serialized_by;
	/*
	 * Two run-time writers of this very field in different functions with
	 * no common lock: a plain data race that splitting cannot fix.  NULL
	 * when there is none.
	 */
	char *data_race;
};

struct race {
	int a, b;			/* indices into location_verdict.fields */
	int wa, wb;			/* the pair of writers named in why: fields[a].writers[wa] */
	char *why;
};

struct location_verdict {
	struct bs_location *loc;
	struct field_verdict *fields;
	int nr_fields;
	struct race *races;		/* proven-race pairs */
	int nr_races, alloc_races;
	bool cover_not_minimal;		/* search gave up: greedy cover used */
};

struct struct_verdict {
	struct bs_struct *s;
	char *file;			/* where the struct is defined, or NULL */
	unsigned int line;
	struct location_verdict *locs;	/* only locations with two or more fields */
	int nr_locs;
	char **notes;			/* lowered confidence, assumptions */
	int nr_notes, alloc_notes;
};

/* A struct written in the analysed code whose instances are never shared. */
struct left_out {
	char *name;
	char *why;
	bool by_name;	/* not seen written: its stores matched a field name only */
};

struct verdict {
	/*
	 * Set before verdict_compute(), from the preset: a userspace program,
	 * where a write no root reaches is of unknown phase (not run time) and
	 * setup and teardown are ordered by thread creation and join.
	 */
	bool userspace;
	struct struct_verdict *v;
	int nr, alloc;
	struct left_out *left_out;	/* in layout order */
	int nr_left_out, alloc_left_out;
	char **notes;			/* run-wide: unparsed files, unknown wrappers */
	int nr_notes, alloc_notes;
	int nr_not_analysed;		/* skip facts "not analysed": lines spatch gave up on */
	char **owned;			/* lock ids the writers point to: "irq edge_irq" */
	int nr_owned, alloc_owned;
};

/*
 * The race that explains field i's move under proven-race: one with a field
 * that moves too (it explains both), then one between writers in two
 * functions (no need for a function to run twice at once); NULL when the
 * field races with none.
 */
const struct race *field_race(const struct location_verdict *lv, int i);

int verdict_compute(struct verdict *v, struct bs_layout *l, const struct facts *f);
/* True when any field moves under p: "check" exits 1. */
bool verdict_has_race(const struct verdict *v, enum policy p);
void verdict_release(struct verdict *v);

#endif
