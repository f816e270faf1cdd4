/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_WRITER_WORDS_H
#define BITSPLIT_WRITER_WORDS_H

#include <stdbool.h>

#include "util.h"
#include "verdict.h"

/*
 * The context a writer runs in, as a commit message names it: "ioctl",
 * "config-space write", "runtime-PM callback", "reset path", "probe";
 * plural for several writers ("ioctls").  Allocated.
 */
char *writer_context(const struct field_writer *w, bool plural);

/*
 * What a writer holds, as a phrase after its name: "under memory_lock and
 * a runtime-PM reference", "holding only a runtime-PM reference", "with no
 * lock"; nothing when its context says it (a runtime-PM callback, an irq
 * handler that never runs twice at once).
 */
void writer_locks(const struct field_writer *w, struct strbuf *out);

#endif
