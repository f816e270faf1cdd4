/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_SWEEP_H
#define BITSPLIT_SWEEP_H

#include <stdbool.h>

#include "parse_options.h"
#include "util.h"
#include "verdict.h"

/*
 * Whole-tree sweeps.  A sweep (or one shard of it) writes its results as
 * TSV, one record a line, fields separated by a TAB:
 *
 *   shard  I N
 *   stat   FILES CANDIDATES PARSED CACHED FAILED LAYOUT
 *   loc    FILE LINE STRUCT FIELD,FIELD,...
 *   write  FILE LINE COL FUNC STRUCT FIELD PHASE
 *   reach  FILE FUNC ROOT,ROOT,... LOCK,LOCK,...
 *   skip   FILE REASON
 *
 * FILES counts the .c and .h files of the shard, CANDIDATES those the prefilter
 * kept (they can write a field of a shared location), PARSED those read
 * for their stores now (sweep_scan()), CACHED those whose result came
 * from the cache.  LAYOUT is "declarations" or "build".  A loc's LINE is
 * its struct's declaration line.  STRUCT in a write is "-" when the text
 * does not declare the store's base; PHASE is setup or runtime.  A reach
 * names, for a function with a run-time write, the run-time roots of its
 * file that reach it (itself included), "-" when none does: the cheap
 * tier's count of entry points; and the locks its body takes exclusively
 * by the lock vocabulary, each by its last identifier (memory_lock for
 * "&vdev->memory_lock"), "-" for none.  These are the cheap tier's records: "bitsplit
 * merge" reads those of every shard and runs the full tier once
 * (sweep_full.c), so its summary is an unsharded sweep's.
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

struct sweep_reach {
	char *file;
	char *func;
	char *roots;		/* comma-separated, or "-" */
	char *locks;		/* comma-separated, or "-" */
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
	struct sweep_reach *reach;
	int nr_reach, alloc_reach;
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

struct roots_vocab;

/* A member of struct outer whose type is struct inner, which has a location. */
struct sweep_member {
	const char *outer, *member, *inner;
};

/* Bumped whenever sweep_scan()'s records change: part of the cache key. */
#define SWEEP_SCAN_VERSION "sweep_scan 4"

/* By outer, then member. */
int sweep_member_cmp(const void *a, const void *b);

/* What the cheap tier reads a file with. */
struct sweep_scan_ctx {
	const struct roots_vocab *roots;	/* the preset's roots vocabulary */
	char **structs;				/* the locations' struct names, sorted */
	int nr_structs;
	const struct sweep_member *members;	/* sorted by outer, member */
	int nr_members;
};

/*
 * Append the write records of the stores buf (file's text) makes to the
 * fields (comma-separated names) in the functions it defines
 * (sweep_scan.c): STRUCT the struct the text declares the base as
 * (through members of the declared struct, "d->m.fld"), or "-"; PHASE setup when only setup and teardown roots of the file reach
 * the function.  A store to a local struct object is none.
 */
void sweep_scan(const struct sweep_scan_ctx *c, const char *buf, size_t len, const char *file,
		const char *fields, struct strbuf *out);

/* Parse results TSV (appending); errors say "name:line: error: expected ...". */
int sweep_results_parse(struct sweep_results *r, const char *buf, size_t len,
			const char *name);
void sweep_results_print(const struct sweep_results *r, int shard, struct strbuf *out);
/* Where the full tier finds the tree and, if given, the build. */
struct sweep_full_opts {
	const char *tree;
	const char *build;
	int jobs;
	/*
	 * At most this many .c files for the full tier, given to the
	 * candidates with the strongest cheap evidence first; <= 0: all.
	 */
	int budget;
};

/*
 * The default --budget.  The files the strongest candidates of the 6.12
 * tree cost are large drivers (ipr.c, qla_target.c, intel/iommu.c:
 * 2,000-11,000 lines).  With the candidates whose writers lock apart
 * first, the full tier on 60 files took 457 s wall and 804 CPU s on 2
 * cores, which with the cheap tier leaves no margin under the 10 minutes
 * a sweep is for; on 45 files it takes 358 s and 631 CPU s (167 MB) and
 * judges 51 candidates of 985.
 */
#define SWEEP_BUDGET 45
#define SWEEP_STR_(x) #x
#define SWEEP_STR(x) SWEEP_STR_(x)
/* The options of the full tier that sweep and merge share. */
#define OPT_SWEEP_BUDGET(var) \
	{ "budget", 0, OPT_INT, (var), "FILES", "at most FILES .c files for the full tier, " \
	  "strongest candidates first (default: " SWEEP_STR(SWEEP_BUDGET) "; 0: all)" }

/* A proven race as ranked, with its evidence. */
struct sweep_rank {
	const struct struct_verdict *sv;
	const struct location_verdict *lv;
	const char *header;
	int cross;		/* races whose two writers run from two different roots */
	int typed;		/* typed writes among the racing writers */
	int unlocked;		/* races whose two writers hold no lock at all */
	int roots;		/* distinct roots the racing writers run from */
	struct opt_list files;	/* the .c files that store its struct's fields */
};

/* A racy struct that refuse_struct() will not patch. */
struct sweep_apart {
	const struct struct_verdict *sv;
	const char *header;
	char *why;
};

/*
 * The full tier's judgement of a sweep: what every format prints.  The
 * counts are of candidate locations the verdict cleared.
 */
struct sweep_summary {
	const struct sweep_results *r;
	const struct sweep_full_opts *o;
	int ambiguous;		/* untyped writes to a name several locations have */
	int nr_cands, nr_files;	/* candidate locations; .c files the facts ran on */
	int unjudged;		/* candidates left out by the budget */
	int private, setup, serialized, unwritten;
	struct sweep_rank *rk;	/* strongest evidence first */
	int nr_rk, alloc_rk;
	struct sweep_apart *apart;
	int nr_apart, alloc_apart;
	struct verdict v;
	struct bs_layout layout;
	struct facts facts;
};

/* The full tier on the candidates of r: exits 2 on error. */
void sweep_judge(const struct sweep_results *r, const struct sweep_full_opts *o,
		 struct sweep_summary *s);
void sweep_summary_release(struct sweep_summary *s);

/* The summary's formats (sweep_report.c): text, json, sarif. */
typedef void sweep_print_fn(struct strbuf *out, const struct sweep_summary *s);
sweep_print_fn sweep_print_text, sweep_print_json, sweep_print_sarif;
/* The printer and file extension of a --format; dies on an unknown one. */
sweep_print_fn *sweep_format(const char *name, const char **ext);
/* "bitsplit fix --tree T --build O -C NAME FILE...", for cmd "fix" or "series" */
char *sweep_command(const struct sweep_summary *s, const struct sweep_rank *k,
		    const char *cmd);

void sweep_results_release(struct sweep_results *r);

#endif
