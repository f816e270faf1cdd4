/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_PRESET_H
#define BITSPLIT_PRESET_H

#include <stdbool.h>

#include "parse_options.h"

/*
 * The world a run analyses, chosen with --preset, never stacked: the lock,
 * root and object vocabularies of the Linux kernel, or of POSIX/C11
 * threads.  A preset also says what code no root reaches means: in the
 * kernel it is run time (a driver's entry points are its ops tables, and
 * one the vocabulary misses is still called by someone); in a userspace
 * program whose threads the facts see start and stop, it is unknown.
 */
enum preset { PRESET_KERNEL, PRESET_PTHREAD };

/* "kernel" or "pthread"; -1 for another name. */
int preset_parse(const char *name, enum preset *p);
const char *preset_name(enum preset p);
/*
 * --preset NAME (dies on an unknown one), else the default for the tree
 * and the PATHs under it: a kernel tree (include/linux/ at its top) is
 * kernel; a userspace project (configure, configure.ac, CMakeLists.txt or
 * meson.build at its top) is pthread; any other tree is pthread when a
 * .c file under the PATHs includes <pthread.h> or <threads.h>, else kernel.
 */
enum preset preset_resolve(const char *name, const char *tree, const struct opt_list *paths);
/* The vocabulary files of p in the data directory, NULL-terminated. */
const char *const *preset_vocabularies(enum preset p);
/* Is a write no root reaches of unknown phase (pthread), not run time (kernel)? */
bool preset_unreached_unknown(enum preset p);

#endif
