/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_OUT_MANIFEST_H
#define BITSPLIT_OUT_MANIFEST_H

#include "parse_options.h"

/*
 * What a command wrote into its --out directory, so a re-run replaces the
 * set: a patch from an earlier run must not sit next to the new ones as if
 * it were current, and a file bitsplit did not write is never removed.
 * DIR/.bitsplit-written lists the names (one a line) of the last run's
 * files; while a run goes on it lists those and every file written so
 * far, so a run that dies still leaves a list that covers its files.
 */
struct out_manifest {
	char *dir, *path;
	struct opt_list old, now;
};

/* Create dir if missing and read its list; dies on error. */
void out_manifest_open(struct out_manifest *m, const char *dir);
/* name (a file directly in dir) was written; -1 with an error if the list was not. */
int out_manifest_add(struct out_manifest *m, const char *name);
/*
 * When the run is complete, remove the files of the last run it did not
 * write again and keep the list of this run's files; else keep both
 * lists for the next run.  Frees m; -1 with an error.
 */
int out_manifest_close(struct out_manifest *m, bool complete);

#endif
