/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_SWEEP_H
#define BITSPLIT_SWEEP_H

#include <stdbool.h>

#include "util.h"

/*
 * Whole-tree sweeps.  A sweep (or one shard of it) writes its results as
 * TSV, one record a line, fields separated by a TAB:
 *
 *   shard  I N
 *   stat   FILES CANDIDATES PARSED CACHED FAILED LAYOUT
 *   loc    FILE LINE STRUCT FIELD,FIELD,...
 *   write  FILE LINE COL FUNC STRUCT FIELD PHASE
 *   skip   FILE REASON
 *
 * FILES counts the .c and .h files of the shard, CANDIDATES those the prefilter
 * kept (they can write a field of a shared location), PARSED those spatch
 * ran on now, CACHED those whose result came from the cache.  LAYOUT is
 * "declarations" or "build".  STRUCT in a write is "-" when spatch could
 * not infer the type; PHASE is setup or runtime.  "bitsplit merge" reads
 * the results of every shard and prints the same summary as an unsharded
 * sweep.
 */
struct sweep_loc {
	char *file;
	unsigned int line;
	char *struct_name;
	char **fields;
	int nr_fields;
};

struct sweep_write {
	char *file;
	unsigned int line, col;
	char *func;
	char *struct_name;
	char *field;
	bool runtime;
};

struct sweep_results {
	int nr_shards;
	bool *have_shard;		/* [nr_shards] */
	long files, candidates, parsed, cached, failed;
	bool from_build;
	struct sweep_loc *locs;
	int nr_locs, alloc_locs;
	struct sweep_write *writes;
	int nr_writes, alloc_writes;
	char **skips;			/* "FILE\tREASON" */
	int nr_skips, alloc_skips;
};

struct sweep_opts {
	const char *tree;
	const char *build;
	const char *out;
	const char **paths;
	int jobs;
	int shard, nr_shards;		/* 1-based shard of nr_shards */
	bool resume;
	bool progress;
};

/* Run one shard of a sweep; writes OUT/results-I-of-N.tsv.  Exits 2 on error. */
void sweep_run(const struct sweep_opts *o, struct sweep_results *r);

/* Parse results TSV (appending); errors say "name:line: error: expected ...". */
int sweep_results_parse(struct sweep_results *r, const char *buf, size_t len,
			const char *name);
void sweep_results_print(const struct sweep_results *r, int shard, struct strbuf *out);
/* The ranked summary; returns how many structs have racy fields. */
int sweep_summary(const struct sweep_results *r, struct strbuf *out);
void sweep_results_release(struct sweep_results *r);

#endif
