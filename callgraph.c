// SPDX-License-Identifier: GPL-2.0
/*
 * The call graph the facts describe: which roots reach each function, and
 * in which contexts (phase, held locks, private parameters) each path
 * from a root enters it.
 */
#include "callgraph.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static size_t hash_fn(const char *file, const char *name)
{
	size_t h = 5381;

	for (const char *s = name; *s; s++)
		h = h * 33 + (unsigned char)*s;
	for (const char *s = file ? file : ""; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static bool same_fn(const struct cg_func *fn, const char *file, const char *name)
{
	if (strcmp(fn->name, name))
		return false;
	return file ? fn->file && !strcmp(fn->file, file) : !fn->file;
}

/* The slot holding (file, name), or the empty slot where it would go. */
static size_t slot_of(const struct callgraph *g, const char *file, const char *name)
{
	size_t i = hash_fn(file, name) & (g->nr_slots - 1);

	while (g->slots[i] >= 0 && !same_fn(&g->fns[g->slots[i]], file, name))
		i = (i + 1) & (g->nr_slots - 1);
	return i;
}

static int lookup(const struct callgraph *g, const char *file, const char *name)
{
	return g->slots[slot_of(g, file, name)];
}

static int graph_intern(struct callgraph *g, const char *file, const char *name)
{
	size_t i = slot_of(g, file, name);

	if (g->slots[i] >= 0)
		return g->slots[i];
	ALLOC_GROW(g->fns, g->nr + 1, g->alloc);
	memset(&g->fns[g->nr], 0, sizeof(g->fns[g->nr]));
	g->fns[g->nr].name = name;
	g->fns[g->nr].file = file;
	g->fns[g->nr].win_fact = -1;
	g->slots[i] = g->nr;
	return g->nr++;
}

static bool is_header(const char *file)
{
	size_t n = strlen(file);

	return n > 2 && !strcmp(file + n - 2, ".h");
}

/* A static function of a header defines name, or -1. */
static int header_static(const struct callgraph *g, const char *name)
{
	for (int i = 0; i < g->nr; i++)
		if (g->fns[i].file && is_header(g->fns[i].file) && !strcmp(g->fns[i].name, name))
			return i;
	return -1;
}

/* What a call to name made in file binds to, created global when unknown. */
static int resolve_call(struct callgraph *g, const char *file, const char *name)
{
	int n = lookup(g, file, name);

	if (n < 0)
		n = lookup(g, NULL, name);
	if (n < 0)
		n = header_static(g, name);
	return n >= 0 ? n : graph_intern(g, NULL, name);
}

int callgraph_find(const struct callgraph *g, const char *file, const char *name)
{
	int n = file ? lookup(g, file, name) : -1;

	return n >= 0 ? n : lookup(g, NULL, name);
}

static bool is_serial_root(const struct fact *r)
{
	static const char *const kinds[] = { "irq", "irq_thread", "work", "timer", "tasklet" };

	for (size_t i = 0; r->why && i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(r->why, kinds[i]))
			return true;
	return false;
}

static void graph_build(struct callgraph *g, const struct facts *f)
{
	size_t want = 16;

	g->f = f;
	while (want < 2 * (size_t)f->nr * 2 + 16)
		want *= 2;
	g->nr_slots = want;
	g->slots = xmalloc(want * sizeof(*g->slots));
	memset(g->slots, 0xff, want * sizeof(*g->slots));

	/* Static definitions first: the calls below bind to them. */
	for (int i = 0; i < f->nr; i++)
		if (f->v[i].kind == FACT_FUNC && f->v[i].is_static)
			graph_intern(g, f->v[i].file, f->v[i].func);
	for (int i = 0; i < f->nr; i++) {
		const struct fact *x = &f->v[i];
		struct cg_func *fn;
		int a, b;

		switch (x->kind) {
		case FACT_CALL:
			a = callgraph_find(g, x->file, x->func);
			if (a < 0)
				a = graph_intern(g, NULL, x->func);
			b = resolve_call(g, x->callee_file ? x->callee_file : x->file, x->callee);
			fn = &g->fns[a];
			ALLOC_GROW(fn->out, fn->nr_out + 1, fn->alloc_out);
			fn->out[fn->nr_out++] = (struct cg_edge){ .fact = i, .callee = b };
			g->fns[b].nr_in++;
			break;
		case FACT_ROOT:
			a = resolve_call(g, x->file, x->func);
			fn = &g->fns[a];
			ALLOC_GROW(fn->roots, fn->nr_roots + 1, fn->alloc_roots);
			fn->roots[fn->nr_roots++] = i;
			if (!fn->serial_id && root_phase(x->phase) == PHASE_RUNTIME &&
			    is_serial_root(x))
				fn->serial_id = xstrfmt("%s %s", x->why, x->func);
			break;
		case FACT_FUNC:
			a = callgraph_find(g, x->file, x->func);
			if (a < 0)
				a = graph_intern(g, NULL, x->func);
			if (!g->fns[a].begin) {
				g->fns[a].begin = x->line;
				g->fns[a].end = x->end_line;
			}
			break;
		case FACT_FNLOCK:
			a = callgraph_find(g, x->file, x->func);
			if (a < 0)
				a = graph_intern(g, NULL, x->func);
			fn = &g->fns[a];
			for (int l = 0; l < x->nr_locks; l++)
				lockset_add(&fn->own, &x->locks[l], NULL);
			break;
		case FACT_THREAD:
			a = callgraph_find(g, x->file, x->func);
			if (a < 0)
				a = graph_intern(g, NULL, x->func);
			fn = &g->fns[a];
			ALLOC_GROW(fn->threads, fn->nr_threads + 1, fn->alloc_threads);
			fn->threads[fn->nr_threads++] = i;
			break;
		case FACT_APART:
			a = callgraph_find(g, x->file, x->func);
			if (a < 0)
				a = graph_intern(g, NULL, x->func);
			fn = &g->fns[a];
			ALLOC_GROW(fn->aparts, fn->nr_aparts + 1, fn->alloc_aparts);
			fn->aparts[fn->nr_aparts++] = i;
			break;
		default:
			break;
		}
	}
}

/*
 * What a caller holds when it makes a call: what its context entered
 * with, what it holds throughout, and what it holds at that call site.
 * Seen from the callee all of it is "caller", except what the root was
 * entered with and its own exclusion, which keep their names.
 */
static const char *inherited_how(const struct fact_lock *l)
{
	return l->how && (!strcmp(l->how, "pm") || !strcmp(l->how, "root") ||
			  !strcmp(l->how, "entry")) ? NULL : "caller";
}

static void call_context(const struct cg_func *caller, const struct cg_ctx *from,
			 const struct fact *c, struct lockset *out)
{
	out->nr = 0;
	for (int i = 0; i < c->nr_locks; i++)
		lockset_add(out, &c->locks[i], inherited_how(&c->locks[i]));
	for (int i = 0; i < caller->own.nr; i++)
		lockset_add(out, &caller->own.v[i], inherited_how(&caller->own.v[i]));
	for (int i = 0; i < from->locks.nr; i++)
		lockset_add(out, &from->locks.v[i], inherited_how(&from->locks.v[i]));
}

/*
 * A root holds what its caller holds around each call (the vocabulary's
 * op ... holds=): for runtime PM, the exclusion of a PM callback.
 */
static void root_context(const struct cg_func *fn, const struct fact *r,
			 struct lockset *out)
{
	struct fact_lock serial = { .mode = LOCK_EXCLUSIVE, .how = "root" };

	out->nr = 0;
	for (int i = 0; i < r->nr_locks; i++)
		lockset_add(out, &r->locks[i],
			    !strcmp(r->locks[i].id, RUNTIME_PM_LOCK) &&
			    r->locks[i].mode == LOCK_EXCLUSIVE ? "pm" : NULL);
	if (fn->serial_id && root_phase(r->phase) == PHASE_RUNTIME && is_serial_root(r)) {
		serial.id = fn->serial_id;
		lockset_add(out, &serial, NULL);
	}
}

/* The arguments of a call that are private, given the caller's private parameters. */
static unsigned int call_private(const struct callgraph *g, const struct cg_edge *e,
				 unsigned int caller_priv)
{
	unsigned int priv = e->priv;

	for (int i = 0; i < e->nr_forward; i++) {
		const struct fact *p = &g->f->v[e->forward[i]];

		if (!p->own && caller_priv & (1u << p->from_arg))
			priv |= 1u << p->arg;
	}
	return priv;
}

/*
 * The arguments of a call that are the thread's own work items, given the
 * caller's: a parameter passed on as it is, or an object reached from one.
 */
static unsigned int call_own(const struct callgraph *g, const struct cg_edge *e,
			     unsigned int caller_own)
{
	unsigned int own = 0;

	for (int i = 0; i < e->nr_forward; i++) {
		const struct fact *p = &g->f->v[e->forward[i]];

		if (caller_own & (1u << p->from_arg))
			own |= 1u << p->arg;
	}
	return own;
}

/*
 * The parameters a root starts with as its own: a thread whose create gave
 * each thread of a loop another object (a pass fact FROM own at the start).
 */
static unsigned int root_own(const struct callgraph *g, const struct fact *r)
{
	unsigned int own = 0;

	if (!r->why || strcmp(r->why, "thread"))
		return 0;
	for (int i = 0; i < g->f->nr; i++) {
		const struct fact *p = &g->f->v[i];

		if (p->kind == FACT_PASS && p->own && p->from_arg < 0 && p->arg < 32 &&
		    p->line == r->line && !strcmp(p->callee, r->func) &&
		    !strcmp(p->file, r->file))
			own |= 1u << p->arg;
	}
	return own;
}

/* Attach each pass fact to the call edge it describes. */
static void graph_passes(struct callgraph *g)
{
	for (int i = 0; i < g->f->nr; i++) {
		const struct fact *p = &g->f->v[i];
		int n;

		if (p->kind != FACT_PASS || p->arg >= 32 || p->from_arg >= 32 ||
		    (p->own && p->from_arg < 0))
			continue;
		n = callgraph_find(g, p->file, p->func);
		for (int e = 0; n >= 0 && e < g->fns[n].nr_out; e++) {
			struct cg_edge *edge = &g->fns[n].out[e];
			const struct fact *c = &g->f->v[edge->fact];

			if (c->line != p->line || strcmp(c->file, p->file) ||
			    strcmp(c->callee, p->callee))
				continue;
			if (p->from_arg < 0) {
				edge->priv |= 1u << p->arg;
				continue;
			}
			ALLOC_GROW(edge->forward, edge->nr_forward + 1, edge->alloc_forward);
			edge->forward[edge->nr_forward++] = i;
		}
	}
}

/* What folding c into o takes from o: locks, private and own parameters. */
static int fold_loss(const struct cg_ctx *o, const struct cg_ctx *c)
{
	return lockset_lost(&o->locks, &c->locks) +
	       __builtin_popcount(o->priv & ~c->priv) + __builtin_popcount(o->own & ~c->own);
}

/*
 * Add context c to fn unless fn has it already; past the cap, fold it
 * into the context of the same phase it weakens least (one that holds
 * no more than c loses nothing): their common locks and private and own
 * parameters, which is what both paths hold.  Folding into the first
 * one instead made ipr's timer path, which holds host_lock, "hold no
 * lock" for an unlocked path that came later.  Returns the index of a
 * new or weakened context, which must be propagated, else -1.
 */
static int add_context(struct callgraph *g, struct cg_func *fn, struct cg_ctx *c)
{
	int same_phase = -1, least = 0;

	for (int k = 0; k < fn->nr_ctx; k++) {
		struct cg_ctx *o = &fn->ctx[k];
		int loss;

		if (o->phase != c->phase || o->win_begin != c->win_begin ||
		    o->win_end != c->win_end)
			continue;
		if (o->priv == c->priv && o->own == c->own && lockset_equal(&o->locks, &c->locks))
			return -1;
		loss = fold_loss(o, c);
		if (same_phase < 0 || loss < least) {
			same_phase = k;
			least = loss;
		}
	}
	if (fn->nr_ctx < CG_MAX_CONTEXTS || same_phase < 0 || c->win_begin) {
		struct cg_ctx *n;

		ALLOC_GROW(fn->ctx, fn->nr_ctx + 1, fn->alloc_ctx);
		n = &fn->ctx[fn->nr_ctx];
		*n = *c;
		memset(&n->locks, 0, sizeof(n->locks));
		for (int l = 0; l < c->locks.nr; l++)
			lockset_add(&n->locks, &c->locks.v[l], NULL);
		return fn->nr_ctx++;
	} else {
		struct cg_ctx *o = &fn->ctx[same_phase];
		int before = o->locks.nr;
		unsigned int priv = o->priv, own = o->own;

		o->joined = true;
		lockset_intersect(&o->locks, &c->locks);
		o->priv &= c->priv;
		o->own &= c->own;
		return o->locks.nr != before || o->priv != priv || o->own != own ?
		       same_phase : -1;
	}
}

struct thread_events {
	unsigned int first_create, last_create, first_join, last_join;
	int create_fact, join_fact;
};

static void thread_event(struct cg_func *fn, struct thread_events *ev, unsigned int line,
			 bool create, int fact)
{
	if (create) {
		ALLOC_GROW(fn->opens, fn->nr_opens + 1, fn->alloc_opens);
		fn->opens[fn->nr_opens++] = fact;
		if (line < ev->first_create) {
			ev->first_create = line;
			ev->create_fact = fact;
		}
		if (line > ev->last_create)
			ev->last_create = line;
	} else {
		if (line < ev->first_join) {
			ev->first_join = line;
			ev->join_fact = fact;
		}
		if (line > ev->last_join)
			ev->last_join = line;
	}
}

/* Recompute fn's window from its events; true when it changed. */
static bool fn_window(struct cg_func *fn, const struct thread_events *ev)
{
	bool starts = false, stops = false;
	unsigned int begin, end;
	int fact;

	if (ev->create_fact < 0 && ev->join_fact < 0)
		return false;
	if (ev->create_fact < 0 || ev->first_join < ev->first_create) {
		/* it joins what its caller started: alongside them from its start */
		stops = true;
		begin = fn->begin ? fn->begin : 1;
		fact = ev->create_fact >= 0 && ev->first_create < ev->first_join ?
		       ev->create_fact : ev->join_fact;
	} else {
		begin = ev->first_create;
		fact = ev->create_fact;
	}
	if (ev->create_fact >= 0 && (ev->join_fact < 0 || ev->last_create > ev->last_join)) {
		/* it returns with its threads running */
		starts = true;
		end = fn->end ? fn->end : UINT_MAX;
	} else {
		end = ev->last_join;
	}
	if (fn->starts == starts && fn->stops == stops && fn->win_begin == begin &&
	    fn->win_end == end && fn->win_fact == fact)
		return false;
	fn->starts |= starts;
	fn->stops |= stops;
	fn->win_begin = begin;
	fn->win_end = end;
	fn->win_fact = fact;
	return true;
}

/*
 * Thread windows, to a fixed point: a call to a function that returns with
 * its threads running starts threads in the caller, one to a function that
 * joins its caller's threads joins them.  Starting and stopping only grow,
 * so a few rounds settle any call chain seen in practice.
 */
static void graph_windows(struct callgraph *g)
{
	bool changed = true;

	for (int round = 0; changed && round < 8; round++) {
		changed = false;
		for (int n = 0; n < g->nr; n++) {
			struct cg_func *fn = &g->fns[n];
			struct thread_events ev = {
				UINT_MAX, 0, UINT_MAX, 0, -1, -1,
			};

			fn->nr_opens = 0;
			for (int t = 0; t < fn->nr_threads; t++) {
				const struct fact *x = &g->f->v[fn->threads[t]];

				thread_event(fn, &ev, x->line, !strcmp(x->why, "create"),
					     fn->threads[t]);
			}
			for (int e = 0; e < fn->nr_out; e++) {
				const struct cg_func *m = &g->fns[fn->out[e].callee];
				const struct fact *c = &g->f->v[fn->out[e].fact];

				if (m == fn)
					continue;
				if (m->starts)
					thread_event(fn, &ev, c->line, true, fn->out[e].fact);
				if (m->stops)
					thread_event(fn, &ev, c->line, false, fn->out[e].fact);
			}
			changed |= fn_window(fn, &ev);
		}
	}
}

/*
 * Is line on some path from a start of fn's threads, by its apart facts?
 * The call fact skip, a start itself, is not on its own path.
 */
static bool reached(const struct callgraph *g, const struct cg_func *fn, unsigned int line,
		    int skip)
{
	for (int o = 0; o < fn->nr_opens; o++) {
		unsigned int from = g->f->v[fn->opens[o]].line;
		bool apart = false;

		if (from > line || fn->opens[o] == skip)
			continue;
		for (int a = 0; a < fn->nr_aparts && !apart; a++) {
			const struct fact *x = &g->f->v[fn->aparts[a]];

			apart = x->line == line && x->end_line == from;
		}
		if (!apart)
			return true;
	}
	return false;
}

/* Is fact x (a write, or a call) of function n on its context c? */
static bool covers(const struct callgraph *g, int n, int c, unsigned int line, int x)
{
	const struct cg_func *fn = &g->fns[n];
	const struct cg_ctx *ctx = &fn->ctx[c];

	if (!ctx->win_begin)
		return true;
	if (line < ctx->win_begin || line > ctx->win_end)
		return false;
	/* joining what its caller started, it runs alongside them from its start */
	return fn->stops || reached(g, fn, line, x);
}

bool callgraph_ctx_covers(const struct callgraph *g, int n, int c, unsigned int line)
{
	return covers(g, n, c, line, -1);
}

/* Breadth first from the roots, so the path a context reports is a shortest one. */
static void graph_contexts(struct callgraph *g)
{
	struct { int fn, ctx; } *queue = NULL;
	size_t head = 0, tail = 0, alloc = 0;
	struct cg_ctx c = { 0 };

	for (int i = 0; i < g->f->nr; i++) {
		const struct fact *x = &g->f->v[i];
		int n, k;

		if (x->kind != FACT_ROOT)
			continue;
		n = resolve_call(g, x->file, x->func);
		c.phase = root_phase(x->phase);
		c.priv = 0;
		c.own = root_own(g, x);
		c.root = i;
		c.parent = c.parent_ctx = -1;
		root_context(&g->fns[n], x, &c.locks);
		g->fns[n].reach |= 1u << c.phase;
		k = add_context(g, &g->fns[n], &c);
		if (k < 0)
			continue;
		ALLOC_GROW(queue, tail + 1, alloc);
		queue[tail].fn = n;
		queue[tail++].ctx = k;
	}
	for (int n = 0; n < g->nr; n++) {
		struct cg_func *fn = &g->fns[n];
		static const struct fact_lock self = {
			.id = CREATOR_LOCK, .mode = LOCK_EXCLUSIVE, .how = "root",
		};
		int k;

		if (fn->win_fact < 0)
			continue;
		c.phase = PHASE_RUNTIME;
		c.priv = c.own = 0;
		c.root = fn->win_fact;
		c.parent = c.parent_ctx = -1;
		c.locks.nr = 0;
		lockset_add(&c.locks, &self, NULL);
		c.win_begin = fn->win_begin;
		c.win_end = fn->win_end;
		fn->reach |= REACH_RUNTIME;
		k = add_context(g, fn, &c);
		c.win_begin = c.win_end = 0;
		if (k < 0)
			continue;
		ALLOC_GROW(queue, tail + 1, alloc);
		queue[tail].fn = n;
		queue[tail++].ctx = k;
	}
	while (head < tail) {
		int n = queue[head].fn, k = queue[head++].ctx;

		for (int e = 0; e < g->fns[n].nr_out; e++) {
			const struct cg_edge *edge = &g->fns[n].out[e];
			const struct fact *call = &g->f->v[edge->fact];
			const struct cg_ctx *from = &g->fns[n].ctx[k];
			int m = edge->callee, added;

			if (!covers(g, n, k, call->line, edge->fact))
				continue;
			c.phase = from->phase;
			c.priv = call_private(g, edge, from->priv);
			c.own = call_own(g, edge, from->own);
			c.root = from->root;
			c.parent = n;
			c.parent_ctx = k;
			call_context(&g->fns[n], from, call, &c.locks);
			g->fns[m].reach |= 1u << c.phase;
			added = add_context(g, &g->fns[m], &c);
			if (added < 0)
				continue;
			ALLOC_GROW(queue, tail + 1, alloc);
			queue[tail].fn = m;
			queue[tail++].ctx = added;
		}
	}
	free(c.locks.v);
	free(queue);
}

/* Deeper chains of forwarding callers than this are not followed. */
#define MAX_FORWARD_DEPTH 8

/*
 * Callers no root reaches are followed this far up: each level walks every
 * call edge again, so the cost grows as the fan-in to this power.
 */
#define MAX_CALLER_DEPTH 3

/*
 * The locks every call the files make to n holds, through callers no root
 * reaches either; false when some caller is outside the files (n has no
 * caller here) or the chain is deeper than MAX_CALLER_DEPTH.
 */
static bool callers_hold(const struct callgraph *g, int n, struct lockset *out, int depth)
{
	bool any = false;

	out->nr = 0;
	if (!g->fns[n].nr_in || depth > MAX_CALLER_DEPTH)
		return false;
	for (int m = 0; m < g->nr; m++) {
		const struct cg_func *caller = &g->fns[m];

		for (int e = 0; e < caller->nr_out; e++) {
			const struct fact *c = &g->f->v[caller->out[e].fact];
			struct lockset at = { 0 }, up = { 0 };

			if (caller->out[e].callee != n)
				continue;
			for (int i = 0; i < c->nr_locks; i++)
				lockset_add(&at, &c->locks[i], inherited_how(&c->locks[i]));
			for (int i = 0; i < caller->own.nr; i++)
				lockset_add(&at, &caller->own.v[i], inherited_how(&caller->own.v[i]));
			if (m != n && !caller->nr_ctx && callers_hold(g, m, &up, depth + 1))
				for (int i = 0; i < up.nr; i++)
					lockset_add(&at, &up.v[i], NULL);
			if (any) {
				lockset_intersect(out, &at);
			} else {
				for (int i = 0; i < at.nr; i++)
					lockset_add(out, &at.v[i], NULL);
				any = true;
			}
			free(at.v);
			free(up.v);
		}
	}
	return any;
}

void callgraph_callers_hold(const struct callgraph *g, int n, struct lockset *out)
{
	if (n < 0 || g->fns[n].nr_ctx || !callers_hold(g, n, out, 0))
		out->nr = 0;
}

static bool param_private(const struct callgraph *g, int n, int param, int depth)
{
	bool any = false;

	if (param < 0 || param >= 32 || g->fns[n].nr_ctx || !g->fns[n].nr_in ||
	    depth > MAX_FORWARD_DEPTH)
		return false;
	for (int m = 0; m < g->nr; m++) {
		for (int e = 0; e < g->fns[m].nr_out; e++) {
			const struct cg_edge *edge = &g->fns[m].out[e];
			bool priv = edge->priv & (1u << param);

			if (edge->callee != n)
				continue;
			for (int i = 0; !priv && i < edge->nr_forward; i++) {
				const struct fact *p = &g->f->v[edge->forward[i]];

				priv = !p->own && p->arg == param && m != n &&
				       param_private(g, m, p->from_arg, depth + 1);
			}
			if (!priv)
				return false;
			any = true;
		}
	}
	return any;
}

bool callgraph_param_private(const struct callgraph *g, int n, int param)
{
	return n >= 0 && param_private(g, n, param, 0);
}

void callgraph_release(struct callgraph *g)
{
	for (int i = 0; i < g->nr; i++) {
		for (int k = 0; k < g->fns[i].nr_ctx; k++)
			free(g->fns[i].ctx[k].locks.v);
		free(g->fns[i].ctx);
		for (int e = 0; e < g->fns[i].nr_out; e++)
			free(g->fns[i].out[e].forward);
		free(g->fns[i].own.v);
		free(g->fns[i].out);
		free(g->fns[i].roots);
		free(g->fns[i].threads);
		free(g->fns[i].aparts);
		free(g->fns[i].opens);
		free(g->fns[i].serial_id);
	}
	free(g->fns);
	free(g->slots);
}

void callgraph_path(const struct callgraph *g, int n, int c, struct strbuf *sb)
{
	const struct fact *root = &g->f->v[g->fns[n].ctx[c].root];
	int chain[64], len = 0, total = 0, joined = -1;

	if (root->kind == FACT_ROOT)
		strbuf_addf(sb, "%s: ", root->why);
	else
		strbuf_addf(sb, "%s with its threads running (%s:%u): ", root->func,
			    root->file, root->line);
	while (n >= 0) {
		const struct cg_ctx *x = &g->fns[n].ctx[c];

		if (len < (int)ARRAY_SIZE(chain))
			chain[len++] = n;
		if (x->joined && joined < 0)
			joined = n;
		total++;
		/* A context's parent was made before it: the chain ends at a root. */
		n = x->parent;
		c = x->parent_ctx;
	}
	for (int i = len - 1; i >= 0; i--) {
		if (i == len - 1 && total > len)
			strbuf_addstr(sb, "... -> ");
		strbuf_addstr(sb, g->fns[chain[i]].name);
		if (i)
			strbuf_addstr(sb, " -> ");
	}
	/* What it holds is what every path joined into it holds: say so. */
	if (joined >= 0)
		strbuf_addf(sb, ", joined at %s with paths past the context cap",
			    g->fns[joined].name);
}

void callgraph_build(struct callgraph *g, const struct facts *f)
{
	graph_build(g, f);
	graph_passes(g);
	graph_windows(g);
	graph_contexts(g);
}
