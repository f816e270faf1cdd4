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

struct cg_func {
	const char *name;
	unsigned int reach;		/* REACH_* bits */
	int via_root[3];		/* per phase: the root fact whose path reached it first */
	int parent[3];			/* per phase: previous function on that path, -1 at a root */
	struct lockset entry;		/* held at every entry: callers' locks, root implicit */
	struct lockset own;		/* fnlock facts: held throughout the function */
	int *in, nr_in, alloc_in;	/* call facts naming it as callee */
	int *out, nr_out, alloc_out;	/* call facts naming it as caller */
	int *roots, nr_roots, alloc_roots;
	char *serial_id;		/* "irq edge_irq": a root that never runs twice at once */
};

struct callgraph {
	const struct facts *f;
	struct cg_func *fns;
	int nr, alloc;
	int *slots;			/* open addressing over fns by name */
	size_t nr_slots;
};

/*
 * Functions by name from call, root and fnlock facts (static functions of
 * two files with one name are one function); their phases by breadth-first
 * reachability from the roots; their entry locks as the greatest fixed
 * point of the intersection over roots and call sites.  A runtime PM
 * callback root holds RUNTIME_PM_LOCK exclusively, with how "pm".  A
 * run-time root the kernel never runs on two CPUs at once for one object
 * (an irq handler, its thread, a work item, a timer, a tasklet) holds a
 * pseudo-lock of its own, "KIND FUNC" with how "root", so that what only
 * it reaches is serialized with itself.
 */
void callgraph_build(struct callgraph *g, const struct facts *f);
/* The function's index, or -1. */
int callgraph_find(const struct callgraph *g, const char *name);
/* "open_device: vfpci_open_device -> vfpci_enable" for phase p, long middles elided. */
void callgraph_path(const struct callgraph *g, int n, int p, struct strbuf *sb);
void callgraph_release(struct callgraph *g);

#endif
