/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_CALLGRAPH_H
#define BITSPLIT_CALLGRAPH_H

#include <stddef.h>

#include "facts.h"
#include "lockset.h"
#include "verdict.h"

struct strbuf;

enum { REACH_SETUP = 1 << PHASE_SETUP, REACH_TEARDOWN = 1 << PHASE_TEARDOWN,
       REACH_RUNTIME = 1 << PHASE_RUNTIME };

/*
 * One way a function is entered: from a root of one phase, holding locks,
 * with some of its parameters pointing at objects the call tree allocated
 * and has not published.  Two contexts that differ in any of these are
 * kept apart, so that one unlocked caller does not erase the lock another
 * path holds; the path that first produced a context is the one reported.
 */
struct cg_ctx {
	enum phase phase;
	struct lockset locks;		/* held at entry on this path */
	unsigned int priv;		/* bit N: parameter N is thread-private here */
	/* bit N: parameter N is (or leads to) a work item of this thread's own */
	unsigned int own;
	int root;			/* the root fact the path starts at */
	int parent, parent_ctx;		/* the caller and its context, -1 at a root */
	/*
	 * A window: the lines [win_begin, win_end] of the function in which it
	 * runs alongside the threads it started; only its writes and calls
	 * there are on this context.  0, 0: the whole function.
	 */
	unsigned int win_begin, win_end;
	/* other paths past the cap were joined into it: it holds what all of them hold */
	bool joined;
};

struct cg_edge {
	int fact;			/* the call fact */
	int callee;			/* the function it binds to */
	unsigned int priv;		/* pass facts: arguments private at this call */
	int *forward, nr_forward, alloc_forward; /* pass facts forwarding a parameter */
};

struct cg_func {
	const char *name;
	const char *file;		/* where a static function is defined, else NULL */
	unsigned int reach;		/* REACH_* bits */
	struct lockset own;		/* fnlock facts: held throughout the function */
	struct cg_edge *out;
	int nr_out, alloc_out;
	int nr_in;			/* call facts naming it as callee */
	int *roots, nr_roots, alloc_roots;
	char *serial_id;		/* "irq edge_irq": a root that never runs twice at once */
	unsigned int begin, end;	/* its lines, from the func fact; 0 when unknown */
	/*
	 * Threads: the function starts threads it does not join before it
	 * returns (starts), or joins threads its caller started (stops); its
	 * window runs from the first start to the last stop, win_fact being
	 * the thread or call fact that opens it (-1: no window).
	 */
	bool starts, stops;
	unsigned int win_begin, win_end;
	int win_fact;
	int *threads, nr_threads, alloc_threads;	/* its thread facts */
	int *aparts, nr_aparts, alloc_aparts;	/* its apart facts */
	int *opens, nr_opens, alloc_opens;	/* its thread and call facts that start threads */
	struct cg_ctx *ctx;		/* breadth first: a shortest path comes first */
	int nr_ctx, alloc_ctx;
};

struct callgraph {
	const struct facts *f;
	struct cg_func *fns;
	int nr, alloc;
	int *slots;			/* open addressing over fns by (file, name) */
	size_t nr_slots;
};

/* At most this many contexts per function; more are merged by intersection. */
#define CG_MAX_CONTEXTS 64

/*
 * Functions from func, call, root and fnlock facts.  A static function
 * (func ... static) is keyed by its file: a call from file F to N binds to
 * the static N defined in F if there is one, else to the global N, else
 * to a static N of a header (an inline every includer sees).  Each
 * function's contexts come from the roots breadth first: a root's context
 * holds what the root itself implies, a callee's what the caller's context
 * holds plus what the caller holds throughout and at the call site.  A
 * root holds the LOCKS of its fact (how "entry": the roots vocabulary's
 * holds=); a runtime PM callback's RUNTIME_PM_LOCK keeps how "pm".  A run-time root the kernel never runs on two CPUs at once for
 * one object (an irq handler, its thread, a work item, a timer, a tasklet)
 * holds a pseudo-lock of its own, "KIND FUNC" with how "root".  A pass fact
 * makes the callee's parameter private in the context it produces; an own
 * pass makes it the thread's own work item (a thread root whose create
 * gave it an argument of its own, and what is reached from it).
 * A function that starts threads (thread facts, or calls to a function
 * that returns with its threads running) gets a run-time context for the
 * lines from its first start to its last join, the end of the function
 * when it returns with them running, from its start when it joins threads
 * its caller started; of those lines, only the ones some start reaches (no
 * apart fact of that start names them), and not the start itself: a
 * function that starts threads runs before its own first create as before
 * any; the context holds CREATOR_LOCK (how "root"): the
 * thread that starts and joins the others is one thread, whatever runs
 * alongside it (a worker that starts threads of its own is not told apart).
 */
void callgraph_build(struct callgraph *g, const struct facts *f);
/* The function a write, fnlock or the caller of a call in file names, or -1. */
int callgraph_find(const struct callgraph *g, const char *file, const char *name);
/*
 * For a function no root reaches: is parameter param private on every
 * call the files make to it (an object the caller allocated and has not
 * published, or a parameter of the caller for which this holds)?  False
 * when nothing calls it: its callers are outside the files.
 */
bool callgraph_param_private(const struct callgraph *g, int n, int param);
/*
 * For a function no root reaches: the locks held at every call the files
 * make to it (at the call, or throughout the caller, or by the same rule
 * for a caller no root reaches, up to 3 callers up), how "caller"; empty
 * when nothing calls it.
 */
void callgraph_callers_hold(const struct callgraph *g, int n, struct lockset *out);
/*
 * "open_device: vfpci_open_device -> vfpci_enable" for context c of n, long
 * middles elided; "main with its threads running (pool.c:80): main -> f"
 * for a window.
 */
void callgraph_path(const struct callgraph *g, int n, int c, struct strbuf *sb);
/* Is line of function n on its context c (c is no window, or line is inside it)? */
bool callgraph_ctx_covers(const struct callgraph *g, int n, int c, unsigned int line);
void callgraph_release(struct callgraph *g);

#endif
