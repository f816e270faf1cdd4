/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_FACTS_H
#define BITSPLIT_FACTS_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

/*
 * Facts about the source, as found by semantic-patches/facts.cocci and
 * printed by "bitsplit facts --format tsv".  One fact per line, fields
 * separated by a TAB, "-" for an empty field, lists joined by ",".
 * Inside a field TAB, newline and backslash are written \t, \n and \\, and
 * a "," inside a list element as \, (a stored value may hold anything);
 * a field that is "-" itself is written \-.  A NUL byte is an error.
 * Empty lines and lines starting with '#' are ignored.
 * The TSV text is the contract between the Coccinelle side and the C side;
 * the verdict tests feed hand-written TSV through facts_parse().
 *
 *   write  FILE LINE COL FUNC STRUCT FIELD BASE INSTANCE OP VALUE TYPING LOCKS
 *   call   FILE LINE CALLER CALLEE LOCKS [DEFINED]
 *   root   FILE LINE FUNC PHASE KIND [LOCKS]
 *   func   FILE LINE FUNC END_LINE [LINKAGE]
 *   fnlock FILE LINE FUNC LOCK
 *   guard  FILE LINE STRUCT FIELD LOCK SOURCE
 *   struct FILE LINE STRUCT
 *   skip   FILE LINE WHAT REASON
 *   pass   FILE LINE CALLER CALLEE INDEX FROM
 *   wparam FILE LINE COL FUNC INDEX [REACHED]
 *   dispatch FILE LINE FUNC FIELD
 *   thread FILE LINE FUNC EVENT ENTRY
 *   apart  FILE LINE FUNC FROM
 *
 * LOCK is ID:MODE@HOW, e.g. "vfio_pci_core_device.memory_lock:w@lexical".
 *   ID    the lock member path "STRUCT.member" when the type is known, else
 *         the expression text prefixed with '?' ("?m")
 *   MODE  w (exclusive: mutex, spin, down_write, write_lock) or
 *         r (shared: down_read, read_lock; two readers do not serialize)
 *   HOW   lexical | trylock | guard | scoped_guard | lockdep | must_hold |
 *         caller | annotation | entry (held around every call of a root,
 *         the roots vocabulary's op ... holds=), or how a learned lock was taken:
 *         wrapper=FUNC (a lock, release or trylock wrapper the lock
 *         summaries learned), claim=FUNC (a claim-style primitive, by its
 *         shape or its vocabulary entry), assumed-claim=FUNC/RELEASE (a
 *         claim assumed from a pair of names alone)
 * INSTANCE is self (the function's own object), tls (a __thread or
 *   _Thread_local object: each thread writes its own copy), iter (an object reached by
 *   walking a list or array: a sibling that may be running), local (a
 *   stack copy nobody else sees), private (an object this function
 *   allocated, kzalloc() and the like, and has not yet linked, returned,
 *   stored in a shared pointer or passed out of the file set) or closed
 *   (a sibling written after a guard on the set's open or user count
 *   returned early: no other member of the set is open).
 * pass says that at the call CALLER makes at FILE:LINE, argument INDEX
 *   (from 0) is thread-private: FROM is "private" (a stack object or one
 *   the caller allocated and has not published) or "arg=K" (the caller's
 *   own parameter K, private when the caller's is).  A thread's own work
 *   items are passes too: FROM "own" at a create (FILE:LINE the start
 *   routine's, CALLEE the routine, INDEX its parameter) that gives each
 *   thread of a loop another object (&w[i]), and "own=K" for an argument
 *   reached from the caller's parameter K (through loads, pointer
 *   arithmetic or a local it was stored in), the thread's own when K is.
 * wparam says that the write at FILE:LINE:COL is through FUNC's parameter
 *   INDEX, or with REACHED "reached" through an object reached from it;
 *   printed only for the parameters some pass fact names.
 * TYPING is typed (Coccinelle inferred the bitfield's type) or untyped
 *   (matched by name only: lower confidence).
 * PHASE is setup | teardown | runtime; KIND says why (the ops field name,
 *   __init, __exit, module_init, irq, work, timer, ..., or address-taken:
 *   the function's address goes somewhere the vocabulary does not name;
 *   or "lifecycle pair with OTHER (assumed)": an exported add/remove pair
 *   no root reaches, FILE:LINE its EXPORT_SYMBOL*(), facts_lifecycle.c).
 *   A root's LOCKS are those its caller holds around each call (how entry):
 *   the driver core holds the device's lock around .probe.
 * LINKAGE is static (the function is seen only from its FILE: a call from
 *   another file never binds to it) or global; printed only when static, and
 *   absent means global.
 * DEFINED, on a call through an ops field, is the file whose ops table holds
 *   a static CALLEE: the call binds to that file's function.
 * dispatch is a call X->FIELD(...) in FUNC of a file outside the PATHs (a
 *   subsystem core) that the facts pass analysed: the functions stored in
 *   FIELD get call edges from FUNC instead of root facts of KIND FIELD.
 * thread is a call in FUNC that starts a thread (EVENT create, ENTRY the
 *   function the thread runs, "-" when it is not named) or waits for one
 *   (EVENT join, ENTRY "-"), as the roots vocabulary's thread and join
 *   entries name them: from the first create to the last join FUNC runs
 *   alongside its threads.
 * apart says that no path through FUNC from its call at line FROM, one that
 *   may start threads (a create, or a call to a function of FILE that
 *   starts some), reaches the write or call at FILE:LINE before a join:
 *   LINE follows FROM but lies on a branch that excludes it, or behind a
 *   join or a return.  Printed for the lines after FROM; absent, a line
 *   after FROM is reached.
 * skip records evidence the tool could not get: a file spatch could not
 *   parse, a lock-like call it does not know, a write through a macro.
 */

enum fact_kind {
	FACT_WRITE,
	FACT_CALL,
	FACT_ROOT,
	FACT_FUNC,
	FACT_FNLOCK,
	FACT_GUARD,
	FACT_STRUCT,
	FACT_SKIP,
	FACT_PASS,
	FACT_WPARAM,
	FACT_DISPATCH,
	FACT_THREAD,
	FACT_APART,
};

enum lock_mode { LOCK_EXCLUSIVE, LOCK_SHARED };

struct fact_lock {
	char *id;
	enum lock_mode mode;
	char *how;
};

struct fact {
	enum fact_kind kind;
	char *file;
	unsigned int line;
	unsigned int col;		/* write, wparam */
	char *func;			/* write, root, func, fnlock, wparam; caller for call, pass */
	char *callee;			/* call, pass; thread: ENTRY */
	char *callee_file;		/* call: DEFINED, or NULL */
	char *struct_name;		/* write, guard, struct */
	char *field;			/* write, guard */
	char *base;			/* write: the expression whose field is written */
	char *instance;			/* write: self | tls | iter | local | private | closed */
	char *op;			/* write: "=", "|=", "++", ... */
	char *value;			/* write: stored expression, "-" for ++/-- */
	bool typed;			/* write */
	char *phase;			/* root */
	char *why;			/* root kind, skip what/reason, guard source, thread EVENT */
	char *reason;			/* skip */
	unsigned int end_line;		/* func; apart: FROM */
	bool is_static;			/* func: LINKAGE static (keyed by file) */
	int arg;			/* pass, wparam: the argument INDEX */
	int from_arg;			/* pass: -1 for FROM private or own, else K */
	bool own;			/* pass: FROM own or own=K; wparam: REACHED */
	struct fact_lock *locks;	/* write, call, fnlock, guard */
	int nr_locks, alloc_locks;
};

struct facts {
	struct fact *v;
	int nr, alloc;
};

/* Parse TSV facts; errors say "name:line: error: expected ..." and return -1. */
int facts_parse(struct facts *f, const char *buf, const char *name);
/*
 * The same for spatch's own output, which a run must survive: a bad line
 * is a warning "name:line: warning: ..." and is dropped, a func that ends
 * before it starts is kept as one line.  Returns how many were dropped.
 */
int facts_parse_lenient(struct facts *f, const char *buf, const char *name);
/* The same on len bytes that need not end in a NUL and must hold none. */
int facts_parse_buf(struct facts *f, const char *buf, size_t len, const char *name);
/* Sort into the stable order "bitsplit facts" prints (kind, file, line, col). */
/* facts_parse() on a saved facts file ("-" is stdin), as --facts takes it. */
int facts_load_file(struct facts *f, const char *path);
void facts_sort(struct facts *f);
void facts_print_tsv(const struct facts *f, struct strbuf *out);
/* The same facts as a JSON array of objects, one key per TSV column. */
void facts_print_json(const struct facts *f, struct strbuf *out);
void facts_release(struct facts *f);

const char *fact_kind_name(enum fact_kind k);

struct source_opts;
struct bs_layout;

struct facts_run_opts {
	int jobs;		/* spatch --jobs; 0: the online CPUs */
	int timeout;		/* spatch --timeout per file, seconds; 0: 120 */
	const char **data;	/* more lock/root vocabularies, NULL-terminated */
	bool quiet;		/* no summary on stderr */
	bool skips_in_report;	/* the caller's report lists the skips: no warning each */
	const char *preset;	/* --preset kernel|pthread; NULL: from the tree (preset.h) */
	const char *macro_file;	/* --macro-file: the project's parse hints for spatch */
	/* Set by facts_run(): the hints file spatch reads, preset and project's. */
	const char *spatch_macros;
};

struct opt_list;
/*
 * Append spatch's --jobs, --chunksize 1 and --timeout for o to argv (the
 * strings it allocates go to owned): the facts pass and the lock summary
 * pass run spatch alike.
 */
void facts_spatch_jobs(const struct facts_run_opts *o, struct opt_list *argv,
		       struct opt_list *owned);

/*
 * Run semantic-patches/facts.cocci over the .c files of src (the tree and
 * its PATHs) that name a field of a multi-field memory location in l, and
 * append the sorted facts to f.  Files spatch cannot parse are warned
 * about on stderr and become skip facts.  Returns -1 on error.
 */
int facts_run(const struct source_opts *src, const struct bs_layout *l,
	      const struct facts_run_opts *o, struct facts *f);
/*
 * Check a lock or root vocabulary file (the format of semantic-patches/
 * locks-kernel.txt and roots-kernel.txt); errors say "path:line: error:
 * expected ..." and return -1.
 */
int facts_check_vocabulary(const char *path);
struct opt_list;
/*
 * Append the names a lock summary learns from (allocated): the calls a
 * vocabulary file takes, releases or trylocks with, and its allocators.
 */
int facts_vocabulary_summary_names(const char *path, struct opt_list *names);
/* The same on len bytes read from path. */
int facts_check_vocabulary_buf(const char *buf, size_t len, const char *path);
/*
 * Append a roots vocabulary of "macro NAME INDEX FIELD PATTERN" lines
 * learned from the #define lines of files (relative to tree): argument
 * INDEX of NAME(), "%" in PATTERN replaced by it, is stored in .FIELD.
 */
void facts_learn_macros(const char *tree, const struct opt_list *files, struct strbuf *out);
/* Append "ID:MODE@HOW" as it appears in the TSV. */
void fact_lock_format(const struct fact_lock *l, struct strbuf *out);
/* Was l taken through what the lock summaries learned (wrapper=, claim=, assumed-claim=)? */
bool fact_lock_learned(const struct fact_lock *l);
/* How, for such a lock: "wrapper F()", "claim-style F()", "assumed claim-style by name: F()/G()". */
void fact_lock_learned_words(const struct fact_lock *l, struct strbuf *out);

#endif
