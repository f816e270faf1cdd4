// SPDX-License-Identifier: GPL-2.0
/*
 * The call graph the facts describe: which roots reach each function (its
 * phase), and which locks are held at every entry of it (what its callers
 * hold, to a fixed point).
 */
#include "callgraph.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static size_t hash_str(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* The slot holding name, or the empty slot where it would go. */
static size_t slot_of(const struct callgraph *g, const char *name)
{
	size_t i = hash_str(name) & (g->nr_slots - 1);

	while (g->slots[i] >= 0 && strcmp(g->fns[g->slots[i]].name, name))
		i = (i + 1) & (g->nr_slots - 1);
	return i;
}

int callgraph_find(const struct callgraph *g, const char *name)
{
	return g->slots[slot_of(g, name)];
}

static int graph_intern(struct callgraph *g, const char *name)
{
	size_t i = slot_of(g, name);

	if (g->slots[i] >= 0)
		return g->slots[i];
	ALLOC_GROW(g->fns, g->nr + 1, g->alloc);
	memset(&g->fns[g->nr], 0, sizeof(g->fns[g->nr]));
	g->fns[g->nr].name = name;
	for (int p = 0; p < 3; p++)
		g->fns[g->nr].via_root[p] = g->fns[g->nr].parent[p] = -1;
	g->slots[i] = g->nr;
	return g->nr++;
}

static bool is_pm_callback(const char *kind)
{
	return kind && (!strcmp(kind, "runtime_suspend") || !strcmp(kind, "runtime_resume"));
}

static bool is_serial_root(const struct fact *r)
{
	static const char *const kinds[] = { "irq", "irq_thread", "work", "timer", "tasklet" };

	for (size_t i = 0; r->why && i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(r->why, kinds[i]))
			return true;
	return false;
}

static int root_phase(const char *s)
{
	if (s && !strcmp(s, "setup"))
		return PHASE_SETUP;
	if (s && !strcmp(s, "teardown"))
		return PHASE_TEARDOWN;
	return PHASE_RUNTIME;
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

	for (int i = 0; i < f->nr; i++) {
		const struct fact *x = &f->v[i];
		struct cg_func *fn;
		int a, b;

		switch (x->kind) {
		case FACT_CALL:
			a = graph_intern(g, x->func);
			b = graph_intern(g, x->callee);
			fn = &g->fns[a];
			ALLOC_GROW(fn->out, fn->nr_out + 1, fn->alloc_out);
			fn->out[fn->nr_out++] = i;
			fn = &g->fns[b];
			ALLOC_GROW(fn->in, fn->nr_in + 1, fn->alloc_in);
			fn->in[fn->nr_in++] = i;
			break;
		case FACT_ROOT:
			a = graph_intern(g, x->func);
			fn = &g->fns[a];
			ALLOC_GROW(fn->roots, fn->nr_roots + 1, fn->alloc_roots);
			fn->roots[fn->nr_roots++] = i;
			if (!fn->serial_id && root_phase(x->phase) == PHASE_RUNTIME &&
			    is_serial_root(x))
				fn->serial_id = xstrfmt("%s %s", x->why, x->func);
			break;
		case FACT_FNLOCK:
			a = graph_intern(g, x->func);
			fn = &g->fns[a];
			for (int l = 0; l < x->nr_locks; l++)
				lockset_add(&fn->own, &x->locks[l], NULL);
			break;
		default:
			break;
		}
	}
}

/* Breadth first from the roots of each phase, so the path printed is a shortest one. */
static void graph_reach(struct callgraph *g)
{
	int *queue = xmalloc(sizeof(*queue) * (size_t)(g->nr + 1));

	for (int p = 0; p < 3; p++) {
		int head = 0, tail = 0;

		for (int i = 0; i < g->f->nr; i++) {
			const struct fact *x = &g->f->v[i];
			int n;

			if (x->kind != FACT_ROOT || root_phase(x->phase) != p)
				continue;
			n = callgraph_find(g, x->func);
			if (g->fns[n].reach & (1u << p))
				continue;
			g->fns[n].reach |= 1u << p;
			g->fns[n].via_root[p] = i;
			queue[tail++] = n;
		}
		while (head < tail) {
			struct cg_func *fn = &g->fns[queue[head++]];

			for (int e = 0; e < fn->nr_out; e++) {
				int c = callgraph_find(g, g->f->v[fn->out[e]].callee);

				if (g->fns[c].reach & (1u << p))
					continue;
				g->fns[c].reach |= 1u << p;
				g->fns[c].via_root[p] = fn->via_root[p];
				g->fns[c].parent[p] = (int)(fn - g->fns);
				queue[tail++] = c;
			}
		}
	}
	free(queue);
}

/*
 * What a caller holds when it makes call c: what it was entered with, what
 * it holds throughout, and what it holds at that call site.  Seen from the
 * callee all of it is "caller", except runtime PM, which keeps its name.
 */
static const char *inherited_how(const struct fact_lock *l)
{
	return l->how && (!strcmp(l->how, "pm") || !strcmp(l->how, "root")) ? NULL : "caller";
}

static void call_context(const struct callgraph *g, const struct fact *c, struct lockset *out)
{
	const struct cg_func *caller = &g->fns[callgraph_find(g, c->func)];

	out->nr = 0;
	out->top = caller->entry.top;
	if (out->top)
		return;
	for (int i = 0; i < c->nr_locks; i++)
		lockset_add(out, &c->locks[i], inherited_how(&c->locks[i]));
	for (int i = 0; i < caller->own.nr; i++)
		lockset_add(out, &caller->own.v[i], inherited_how(&caller->own.v[i]));
	for (int i = 0; i < caller->entry.nr; i++)
		lockset_add(out, &caller->entry.v[i], inherited_how(&caller->entry.v[i]));
}

static void root_context(const struct cg_func *fn, const struct fact *r,
			 struct lockset *out)
{
	static const struct fact_lock pm_exclusive = {
		.id = RUNTIME_PM_LOCK, .mode = LOCK_EXCLUSIVE, .how = "pm",
	};
	struct fact_lock serial = { .mode = LOCK_EXCLUSIVE, .how = "root" };

	out->nr = 0;
	out->top = false;
	if (is_pm_callback(r->why))
		lockset_add(out, &pm_exclusive, NULL);
	if (fn->serial_id && root_phase(r->phase) == PHASE_RUNTIME && is_serial_root(r)) {
		serial.id = fn->serial_id;
		lockset_add(out, &serial, NULL);
	}
}

/*
 * Locks held at every entry of every function: the greatest fixed point of
 * entry(f) = ∩ over f's roots and call sites, starting from "every lock"
 * so that recursion does not wipe out what the outer callers hold.
 */
static void graph_locks(struct callgraph *g)
{
	struct lockset next = { 0 }, ctx = { 0 };
	bool changed = true;

	for (int i = 0; i < g->nr; i++)
		g->fns[i].entry.top = g->fns[i].nr_in || g->fns[i].nr_roots;
	while (changed) {
		changed = false;
		for (int i = 0; i < g->nr; i++) {
			struct cg_func *fn = &g->fns[i];

			if (!fn->nr_in && !fn->nr_roots)
				continue;
			next.nr = 0;
			next.top = true;
			for (int r = 0; r < fn->nr_roots; r++) {
				root_context(fn, &g->f->v[fn->roots[r]], &ctx);
				lockset_intersect(&next, &ctx);
			}
			for (int e = 0; e < fn->nr_in; e++) {
				call_context(g, &g->f->v[fn->in[e]], &ctx);
				lockset_intersect(&next, &ctx);
			}
			if (lockset_equal(&next, &fn->entry))
				continue;
			fn->entry.nr = 0;
			fn->entry.top = next.top;
			for (int l = 0; l < next.nr; l++)
				lockset_add(&fn->entry, &next.v[l], NULL);
			changed = true;
		}
	}
	/* Only reachable through a cycle nothing enters: nothing is known. */
	for (int i = 0; i < g->nr; i++) {
		if (g->fns[i].entry.top) {
			g->fns[i].entry.top = false;
			g->fns[i].entry.nr = 0;
		}
	}
	free(next.v);
	free(ctx.v);
}

void callgraph_release(struct callgraph *g)
{
	for (int i = 0; i < g->nr; i++) {
		free(g->fns[i].entry.v);
		free(g->fns[i].own.v);
		free(g->fns[i].in);
		free(g->fns[i].out);
		free(g->fns[i].roots);
		free(g->fns[i].serial_id);
	}
	free(g->fns);
	free(g->slots);
}

void callgraph_path(const struct callgraph *g, int n, int p, struct strbuf *sb)
{
	int chain[64], len = 0, total = 0;

	for (int c = n; c >= 0; c = g->fns[c].parent[p], total++)
		if (len < (int)ARRAY_SIZE(chain))
			chain[len++] = c;
	strbuf_addf(sb, "%s: ", g->f->v[g->fns[n].via_root[p]].why);
	for (int i = len - 1; i >= 0; i--) {
		if (i == len - 1 && total > len)
			strbuf_addstr(sb, "... -> ");
		strbuf_addstr(sb, g->fns[chain[i]].name);
		if (i)
			strbuf_addstr(sb, " -> ");
	}
}

void callgraph_build(struct callgraph *g, const struct facts *f)
{
	graph_build(g, f);
	graph_reach(g);
	graph_locks(g);
}
