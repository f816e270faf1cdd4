/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_ROOTS_VOCAB_H
#define BITSPLIT_ROOTS_VOCAB_H

#include <stddef.h>

#include "verdict.h"

/*
 * The phase roots of a vocabulary (semantic-patches/roots-*.txt), and the
 * calls of locks-*.txt that take a lock, for the readers that find them
 * in C text rather than through facts.cocci: the same lines, the same
 * meaning.
 */
enum root_what { ROOT_OP, ROOT_ARG, ROOT_ATTR, ROOT_INITCALL, ROOT_FUNC, ROOT_MACRO,
		 ROOT_SYNC, ROOT_IGNORE, ROOT_PAIR };

struct root_entry {
	enum root_what what;
	char *name;
	int index;		/* arg, macro: the argument (from 0) */
	enum phase phase;	/* op, arg, attr, initcall, func */
	char *field;		/* macro: the ops field argument index lands in;
				   pair: the teardown word (name is the setup one) */
};

/*
 * A call that takes a lock exclusively (a lock, trylock or assert line of
 * mode w), for the sweep's cheap tier: the lock is named by the last
 * identifier of its first argument, or of id when the line gives one.
 */
struct lock_take {
	char *name;
	char *id;		/* the line's ID or template, or NULL */
};

struct roots_vocab {
	struct root_entry *v;
	int nr, alloc;
	struct lock_take *takes;
	int nr_takes, alloc_takes;
	/* the phase of a function in an unlisted field or whose address is taken; -1: no root */
	int callbacks;
};

#define ROOTS_VOCAB_INIT { .callbacks = PHASE_RUNTIME }

/*
 * Append the root lines and the exclusive lock takes of a vocabulary
 * (other lines are skipped), after
 * facts_check_vocabulary_buf() says it is good; -1 (and the checker's
 * errors) if not.
 */
int roots_vocab_parse(struct roots_vocab *rv, const char *buf, size_t len, const char *path);
/* roots_vocab_parse() of the file at path; -1 (and an error) if unreadable or bad. */
int roots_vocab_load(struct roots_vocab *rv, const char *path);
/* The entry of what and name (and index, for arg and macro; -1: any), or NULL. */
const struct root_entry *roots_vocab_find(const struct roots_vocab *rv, enum root_what what,
					  const char *name, size_t len, int index);
/* The lock take of the call name[0, len), or NULL. */
const struct lock_take *roots_vocab_take(const struct roots_vocab *rv, const char *name, size_t len);
void roots_vocab_release(struct roots_vocab *rv);

#endif
