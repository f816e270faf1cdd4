// SPDX-License-Identifier: GPL-2.0
/*
 * The verdict: which bitfields of one memory location are written from
 * contexts that do not serialize, and which must move out under each
 * policy.  The reasoning follows the reference thread: a writer's phase
 * comes from which roots reach it over the call graph, its locks from what
 * it takes itself plus what the callers on each path from a root hold, and
 * two fields race when some pair of their run-time writers (one per path
 * lockset) shares no lock that excludes the other.
 */
#include "verdict.h"

#include <stdlib.h>
#include <string.h>

#include "callgraph.h"
#include "lockset.h"
#include "util.h"

static const char *const policy_names[NR_POLICIES] = {
	[POLICY_SETUP_ONLY] = "setup-only",
	[POLICY_PROVEN_RACE] = "proven-race",
};

const char *policy_name(enum policy p)
{
	return policy_names[p];
}

int policy_parse(const char *s, enum policy *p)
{
	for (int i = 0; i < NR_POLICIES; i++) {
		if (!strcmp(s, policy_names[i])) {
			*p = i;
			return 0;
		}
	}
	return -1;
}

const char *phase_name(enum phase p)
{
	static const char *const names[] = { "setup", "teardown", "runtime", "unknown" };

	return names[p];
}

enum phase root_phase(const char *s)
{
	if (s && !strcmp(s, "setup"))
		return PHASE_SETUP;
	if (s && !strcmp(s, "teardown"))
		return PHASE_TEARDOWN;
	return PHASE_RUNTIME;
}

const char *lock_short_name(const char *id)
{
	const char *dot = strrchr(id, '.');

	return dot ? dot + 1 : id;
}

const char *writer_func(const struct field_writer *w)
{
	return w->write->func ? w->write->func : "(file scope)";
}

const struct fact_lock *writers_serializer(const struct field_writer *a,
					   const struct field_writer *b)
{
	const struct fact_lock *l = locks_excluding(a->locks, a->nr_locks, b->locks, b->nr_locks);

	if (!l)
		l = locks_excluding(a->locks, a->nr_locks, b->embedded, b->nr_embedded);
	if (!l)
		l = locks_excluding(a->embedded, a->nr_embedded, b->locks, b->nr_locks);
	return l;
}

bool writers_serialized(const struct field_writer *a, const struct field_writer *b)
{
	return writers_serializer(a, b) != NULL;
}

/*
 * "usb_device.dev.mutex" -> "device.mutex": follow the members the id
 * names through the structs that embed them, as far as the layout knows
 * them; an array of structs embeds its element type ("ipr_ioa_cfg.hrrq._lock",
 * the lock of some cfg->hrrq[i], is "ipr_hrr_queue._lock" to a holder of
 * &hrrq->_lock).  NULL when the first member is no embedded struct.
 */
static char *embedded_lock(struct bs_layout *l, const char *id)
{
	char *st = xstrndup(id, strcspn(id, ".")), *out;
	const char *rest = id + strlen(st);
	bool moved = false;

	while (*rest == '.' && strchr(rest + 1, '.')) {
		size_t n = strcspn(rest + 1, ".");
		const struct bs_struct *s = layout_find(l, st);
		const char *t = NULL;

		for (int k = 0; s && k < s->nr_members && !t; k++) {
			const struct bs_member *m = &s->members[k];

			if (!m->depth && m->name && strlen(m->name) == n &&
			    !strncmp(m->name, rest + 1, n) && m->type &&
			    starts_with(m->type, "struct ") && !strchr(m->type, '*'))
				t = m->type + strlen("struct ");
		}
		if (!t)
			break;
		free(st);
		st = xstrdup(t);
		rest += 1 + n;
		moved = true;
	}
	out = moved ? xstrfmt("%s%s", st, rest) : NULL;
	free(st);
	return out;
}

static void writer_embedded(struct field_writer *w, struct bs_layout *l)
{
	for (int i = 0; l && i < w->nr_locks; i++) {
		char *id = embedded_lock(l, w->locks[i].id);

		if (!id)
			continue;
		w->embedded = xrealloc(w->embedded, (w->nr_embedded + 1) * sizeof(*w->embedded));
		w->embedded[w->nr_embedded++] = (struct fact_lock){
			.id = id, .mode = w->locks[i].mode, .how = w->locks[i].how,
		};
	}
}

/* ---- facts by struct ---- */

/*
 * The write, struct and guard facts of each struct, grouped by name, in
 * facts order.  Where .c files define their own struct of a name (a
 * scope, layout.h), the facts of the name are grouped again by the struct
 * their file sees: owner is its index in the layout plus one, -1 for none;
 * 0 for every fact of any other name.
 */
struct struct_index {
	const struct fact **v;
	int *owner;
	int nr;
};

struct slice {
	const struct fact *const *v;
	int nr;
};

struct index_entry {
	const struct fact *f;
	int owner;
};

static int cmp_by_struct(const void *va, const void *vb)
{
	const struct index_entry *a = va, *b = vb;
	int c = strcmp(a->f->struct_name, b->f->struct_name);

	if (!c)
		c = (a->owner > b->owner) - (a->owner < b->owner);
	return c ? c : (a->f > b->f) - (a->f < b->f);
}

/* Whether some .c file defines its own struct name: usually none does. */
static bool name_scoped(const struct bs_layout *l, const int *scoped, int nr, const char *name)
{
	for (int i = 0; i < nr; i++)
		if (!strcmp(l->structs[scoped[i]].name, name))
			return true;
	return false;
}

static void index_build(struct struct_index *idx, const struct facts *f, struct bs_layout *l)
{
	struct index_entry *e = xmalloc(sizeof(*e) * (size_t)(f->nr + 1));
	int *scoped = xmalloc(sizeof(*scoped) * (size_t)(l->nr_structs + 1)), nr_scoped = 0;

	for (int i = 0; i < l->nr_structs; i++)
		if (l->structs[i].scope)
			scoped[nr_scoped++] = i;
	idx->nr = 0;
	for (int k = 0; k < f->nr; k++) {
		const struct fact *x = &f->v[k];
		const struct bs_struct *s;

		if ((x->kind != FACT_WRITE && x->kind != FACT_STRUCT && x->kind != FACT_GUARD) ||
		    !x->struct_name)
			continue;
		e[idx->nr].f = x;
		e[idx->nr].owner = 0;
		if (nr_scoped && name_scoped(l, scoped, nr_scoped, x->struct_name)) {
			s = layout_find_in(l, x->struct_name, x->file);
			e[idx->nr].owner = s ? (int)(s - l->structs) + 1 : -1;
		}
		idx->nr++;
	}
	qsort(e, (size_t)idx->nr, sizeof(*e), cmp_by_struct);
	idx->v = xmalloc(sizeof(*idx->v) * (size_t)(idx->nr + 1));
	idx->owner = xmalloc(sizeof(*idx->owner) * (size_t)(idx->nr + 1));
	for (int k = 0; k < idx->nr; k++) {
		idx->v[k] = e[k].f;
		idx->owner[k] = e[k].owner;
	}
	free(e);
	free(scoped);
}

/* Every fact of the struct name, whichever struct of the name its file sees. */
static struct slice index_slice(const struct struct_index *idx, const char *name)
{
	int lo = 0, hi = idx->nr, end;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (strcmp(idx->v[mid]->struct_name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < idx->nr && !strcmp(idx->v[end]->struct_name, name); end++)
		;
	return (struct slice){ idx->v + lo, end - lo };
}

/* The facts of struct s of layout l: of its name, from the files that see it. */
static struct slice index_slice_of(const struct struct_index *idx, const struct bs_layout *l,
				   const struct bs_struct *s)
{
	struct slice sf = index_slice(idx, s->name);
	const int *owner = idx->owner + (sf.v - idx->v);
	int want = (int)(s - l->structs) + 1, lo = 0, end;

	if (!sf.nr || !owner[0])
		return sf;
	while (lo < sf.nr && owner[lo] != want)
		lo++;
	for (end = lo; end < sf.nr && owner[end] == want; end++)
		;
	return (struct slice){ sf.v + lo, end - lo };
}

/* ---- writers, fields, races ---- */

static void add_note(char ***v, int *nr, int *alloc, char *note)
{
	for (int i = 0; i < *nr; i++) {
		if (!strcmp((*v)[i], note)) {
			free(note);
			return;
		}
	}
	ALLOC_GROW(*v, *nr + 1, *alloc);
	(*v)[(*nr)++] = note;
}

static void writer_own_locks(struct field_writer *w, const struct cg_func *fn)
{
	const struct fact *x = w->write;

	for (int i = 0; i < x->nr_locks; i++)
		locks_add(&w->locks, &w->nr_locks, &w->alloc_locks, &x->locks[i], NULL);
	for (int i = 0; fn && i < fn->own.nr; i++)
		locks_add(&w->locks, &w->nr_locks, &w->alloc_locks, &fn->own.v[i], NULL);
}

static bool is_instance(const struct fact *x, const char *what)
{
	return x->instance && !strcmp(x->instance, what);
}

/* The writer of x on context c of function n: its phase, path and locks. */
static void writer_context(struct field_writer *w, const struct callgraph *g,
			   const struct fact *x, int n, int c, bool userspace)
{
	const struct cg_func *fn = n >= 0 ? &g->fns[n] : NULL;
	const struct cg_ctx *ctx = fn && c >= 0 ? &fn->ctx[c] : NULL;
	struct strbuf why = STRBUF_INIT;

	memset(w, 0, sizeof(*w));
	w->write = x;
	writer_own_locks(w, fn);
	if (ctx) {
		w->root = &g->f->v[ctx->root];
		for (int i = 0; i < ctx->locks.nr; i++)
			locks_add(&w->locks, &w->nr_locks, &w->alloc_locks, &ctx->locks.v[i], NULL);
	} else if (fn) {
		/* No root reaches it: what every call the files make to it holds. */
		struct lockset callers = { 0 };

		callgraph_callers_hold(g, n, &callers);
		for (int i = 0; i < callers.nr; i++)
			locks_add(&w->locks, &w->nr_locks, &w->alloc_locks, &callers.v[i], NULL);
		free(callers.v);
	}
	/*
	 * In the kernel a list or array cursor reaches sibling devices that
	 * may be running; in a program an array element is one more object,
	 * written in whatever phase its writer runs.
	 */
	if (is_instance(x, "iter") && !userspace) {
		w->phase = PHASE_RUNTIME;
		strbuf_addf(&why, "writes a sibling through %s, which may be running",
			    x->base ? x->base : "a list or array walk");
	} else if (is_instance(x, "closed")) {
		w->phase = PHASE_TEARDOWN;
		strbuf_addf(&why, "writes a sibling through %s only when no other member of "
			    "its set is open (an open-count guard returns first)",
			    x->base ? x->base : "a list or array walk");
	} else if (!ctx) {
		w->phase = userspace ? PHASE_UNKNOWN : PHASE_RUNTIME;
		strbuf_addstr(&why, "no root reaches it");
	} else {
		w->phase = ctx->phase;
		/* after the last join of its own threads: teardown */
		if (w->phase == PHASE_SETUP && fn->win_fact >= 0 && !fn->starts &&
		    x->line > fn->win_end)
			w->phase = PHASE_TEARDOWN;
		strbuf_addstr(&why, "from ");
		callgraph_path(g, n, c, &why);
	}
	w->phase_why = strbuf_detach(&why);
}

/* Two writers on work items of their threads' own never share an object. */
static bool own_apart(const struct field_writer *a, const struct field_writer *b)
{
	return a->own && b->own;
}

static bool same_writer(const struct field_writer *a, const struct field_writer *b)
{
	return a->write == b->write && a->phase == b->phase && a->own == b->own &&
	       locks_equal(a->locks, a->nr_locks, b->locks, b->nr_locks);
}

static void writer_release(struct field_writer *w)
{
	free(w->phase_why);
	free(w->locks);
	for (int i = 0; i < w->nr_embedded; i++)
		free(w->embedded[i].id);
	free(w->embedded);
}

/* The parameter a write goes through, from its wparam fact. */
struct write_param {
	int param;	/* -1: none */
	bool reached;	/* through an object reached from it, not the parameter itself */
};

/* Is context c of fn one on which the write goes through a private parameter? */
static bool private_on(const struct cg_func *fn, int c, struct write_param wp)
{
	return wp.param >= 0 && wp.param < 32 && !wp.reached &&
	       fn->ctx[c].priv & (1u << wp.param);
}

/* ... or through a work item of the thread's own? */
static bool own_on(const struct cg_func *fn, int c, struct write_param wp)
{
	return wp.param >= 0 && wp.param < 32 && fn->ctx[c].own & (1u << wp.param);
}

/* Is the write on context c at all: a window covers only some lines. */
static bool on_ctx(const struct callgraph *g, int n, int c, const struct fact *x)
{
	return callgraph_ctx_covers(g, n, c, x->line);
}

/*
 * The writers a write fact stands for: one per distinct (phase, locks) of
 * the contexts that reach its function, run time only when some context
 * is run time (setup and teardown writers never race), and none on a
 * context where the write goes through a parameter that holds an object
 * private to the call tree.  Returns how many contexts were private.
 */
static int add_writers(struct field_verdict *fv, const struct callgraph *g,
		       struct bs_layout *l, const struct fact *x, struct write_param param,
		       bool userspace)
{
	int n = x->func ? callgraph_find(g, x->file, x->func) : -1;
	const struct cg_func *fn = n >= 0 ? &g->fns[n] : NULL;
	unsigned int reach = 0;
	enum phase want;
	int nr_private = 0, nr_on = 0;
	bool any = false;

	for (int c = 0; fn && c < fn->nr_ctx; c++) {
		if (!on_ctx(g, n, c, x))
			continue;
		nr_on++;
		if (private_on(fn, c, param))
			nr_private++;
		else
			reach |= 1u << fn->ctx[c].phase;
	}
	want = reach & REACH_RUNTIME ? PHASE_RUNTIME :
	       reach & REACH_SETUP ? PHASE_SETUP : PHASE_TEARDOWN;
	if (nr_on && nr_private == nr_on)
		return nr_private;
	/* No root reaches it, but every caller hands it a fresh object. */
	if (fn && !nr_on && !param.reached && callgraph_param_private(g, n, param.param))
		return 1;
	for (int c = nr_on ? 0 : -1; c < (nr_on ? fn->nr_ctx : 0); c++) {
		struct field_writer w;
		bool dup = false;

		if (c >= 0 && (!on_ctx(g, n, c, x) || private_on(fn, c, param) ||
			       fn->ctx[c].phase != want || (want != PHASE_RUNTIME && any)))
			continue;
		writer_context(&w, g, x, n, c, userspace);
		writer_embedded(&w, l);
		w.own = c >= 0 && own_on(fn, c, param);
		for (int i = 0; i < fv->nr_writers && !dup; i++)
			dup = same_writer(&fv->writers[i], &w);
		if (dup) {
			writer_release(&w);
			continue;
		}
		ALLOC_GROW(fv->writers, fv->nr_writers + 1, fv->alloc_writers);
		fv->writers[fv->nr_writers++] = w;
		if (w.phase == PHASE_RUNTIME)
			fv->runtime = true;
		any = true;
		if (c < 0)
			break;
	}
	return nr_private;
}

/*
 * Does the other writer hold another lock of l's short name?  Then the
 * sentence names each by its struct ("lc_arm.state_mutex"): "both hold
 * state_mutex: no common lock" would read as a contradiction.
 */
static bool short_name_clash(const struct fact_lock *l, const struct field_writer *other)
{
	for (int i = 0; other && i < other->nr_locks; i++)
		if (strcmp(other->locks[i].id, l->id) &&
		    !strcmp(lock_short_name(other->locks[i].id), lock_short_name(l->id)))
			return true;
	return false;
}

/*
 * A lock as a sentence says it: "memory_lock", "cfg_lock for reading", "a
 * runtime-PM reference", "memory_lock via wrapper f()".
 */
static void describe_lock(const struct fact_lock *l, const struct field_writer *other,
			  struct strbuf *sb)
{
	if (!strcmp(l->id, RUNTIME_PM_LOCK))
		strbuf_addstr(sb, l->mode == LOCK_SHARED ? "a runtime-PM reference"
							 : "runtime PM (a PM callback)");
	else if (l->how && !strcmp(l->how, "root") && !strcmp(l->id, CREATOR_LOCK))
		strbuf_addstr(sb, "the creating thread's program order");
	else if (l->how && !strcmp(l->how, "root"))
		strbuf_addf(sb, "the %s, which runs on one CPU at a time", l->id);
	else
		strbuf_addf(sb, "%s%s", short_name_clash(l, other) ? l->id + (l->id[0] == '?') :
			    lock_short_name(l->id), l->mode == LOCK_SHARED ? " for reading" : "");
	if (strcmp(l->id, RUNTIME_PM_LOCK) && fact_lock_learned(l)) {
		strbuf_addstr(sb, " via ");
		fact_lock_learned_words(l, sb);
	}
}

/*
 * The locks a sentence names: not a root's own exclusion, which never
 * serializes two different roots and would only make the sentence longer.
 */
static bool sentence_lock(const struct fact_lock *l)
{
	return !l->how || strcmp(l->how, "root");
}

static bool has_sentence_lock(const struct field_writer *w)
{
	for (int i = 0; i < w->nr_locks; i++)
		if (sentence_lock(&w->locks[i]))
			return true;
	return false;
}

/* other: the writer w is set against in the sentence, or NULL */
static void describe_locks(const struct field_writer *w, const struct field_writer *other,
			   struct strbuf *sb)
{
	int nr = 0, n = 0;

	for (int i = 0; i < w->nr_locks; i++)
		nr += sentence_lock(&w->locks[i]);
	if (!nr)
		strbuf_addstr(sb, "no lock");
	for (int i = 0; i < w->nr_locks; i++) {
		if (!sentence_lock(&w->locks[i]))
			continue;
		if (n)
			strbuf_addstr(sb, n == nr - 1 ? " and " : ", ");
		describe_lock(&w->locks[i], other, sb);
		n++;
	}
}

/* Do two fields share a byte? */
static bool same_byte(const struct bs_member *a, const struct bs_member *b)
{
	unsigned long long a0 = a->bit_offset / 8, a1 = (a->bit_offset + a->bit_size - 1) / 8;
	unsigned long long b0 = b->bit_offset / 8, b1 = (b->bit_offset + b->bit_size - 1) / 8;

	return a0 <= b1 && b0 <= a1;
}

/* The sentence a maintainer would write about one racing pair of writers. */
static char *race_sentence(const struct bs_member *ma, const struct field_writer *a,
			   const struct bs_member *mb, const struct field_writer *b)
{
	struct strbuf sb = STRBUF_INIT;

	if (!strcmp(writer_func(a), writer_func(b)) &&
	    locks_equal(a->locks, a->nr_locks, b->locks, b->nr_locks)) {
		strbuf_addf(&sb, "%s and %s are both written by %s (%s), which may run on "
			    "two CPUs at once with nothing to exclude the other (it holds %s",
			    ma->name, mb->name, writer_func(a), a->phase_why,
			    has_sentence_lock(a) ? "only " : "");
		describe_locks(a, NULL, &sb);
		strbuf_addch(&sb, ')');
	} else if (!strcmp(writer_func(a), writer_func(b))) {
		strbuf_addf(&sb, "%s and %s are both written by %s (%s), %s holding ", ma->name,
			    mb->name, writer_func(a), a->phase_why, ma->name);
		describe_locks(a, b, &sb);
		strbuf_addf(&sb, " and %s holding ", mb->name);
		describe_locks(b, a, &sb);
		strbuf_addf(&sb, ": two CPUs running %s at once share no lock that "
			    "serializes them", writer_func(a));
	} else {
		strbuf_addf(&sb, "%s is written by %s (%s) holding ", ma->name, writer_func(a),
			    a->phase_why);
		describe_locks(a, b, &sb);
		strbuf_addf(&sb, ", and %s by %s (%s) holding ", mb->name, writer_func(b),
			    b->phase_why);
		describe_locks(b, a, &sb);
		strbuf_addstr(&sb, ": no common lock serializes them");
	}
	if (!same_byte(ma, mb))
		strbuf_addstr(&sb, "; they sit in different bytes, but one memory location "
				   "lets the compiler merge their stores into one wider "
				   "read-modify-write");
	return strbuf_detach(&sb);
}

/*
 * A pair of run-time writers of fields a and b that no lock serializes,
 * preferring writers in two different functions: a pair within one
 * function races only if that function runs on two CPUs at once.
 */
static bool fields_race(const struct field_verdict *a, const struct field_verdict *b,
			int *wa, int *wb)
{
	bool found = false;

	for (int i = 0; i < a->nr_writers; i++) {
		if (a->writers[i].phase != PHASE_RUNTIME)
			continue;
		for (int j = 0; j < b->nr_writers; j++) {
			if (b->writers[j].phase != PHASE_RUNTIME ||
			    own_apart(&a->writers[i], &b->writers[j]) ||
			    writers_serialized(&a->writers[i], &b->writers[j]))
				continue;
			if (!found) {
				*wa = i;
				*wb = j;
				found = true;
			}
			if (strcmp(writer_func(&a->writers[i]), writer_func(&b->writers[j]))) {
				*wa = i;
				*wb = j;
				return true;
			}
		}
	}
	return found;
}

static char *field_data_race(const char *name, const struct field_verdict *fv)
{
	for (int i = 0; i < fv->nr_writers; i++) {
		const struct field_writer *a = &fv->writers[i];

		if (a->phase != PHASE_RUNTIME)
			continue;
		for (int j = i + 1; j < fv->nr_writers; j++) {
			const struct field_writer *b = &fv->writers[j];

			if (b->phase != PHASE_RUNTIME || !strcmp(writer_func(a), writer_func(b)) ||
			    own_apart(a, b) || writers_serialized(a, b))
				continue;
			return xstrfmt("%s is written by %s (%s:%u) and %s (%s:%u) with no "
				       "common lock: a data race on the field itself, which "
				       "splitting the bitfield does not fix", name,
				       writer_func(a), a->write->file, a->write->line,
				       writer_func(b), b->write->file, b->write->line);
		}
	}
	return NULL;
}

/* Is lock id a member of struct st ("st.lock"), or a global? */
static bool own_lock(const char *id, const char *st)
{
	size_t n = strlen(st);

	return !strchr(id, '.') || (!strncmp(id, st, n) && id[n] == '.');
}

/*
 * A lock member every run-time writer holds exclusive, for the patch's
 * comment; "runtime PM" when the only such lock is runtime PM's (writers
 * that are all runtime PM callbacks).
 */
bool runtime_writers_hold(const struct field_verdict *fv, const char *id)
{
	for (int i = 0; i < fv->nr_writers; i++) {
		const struct field_writer *w = &fv->writers[i];
		const struct fact_lock *o;

		if (w->phase != PHASE_RUNTIME)
			continue;
		o = lockset_find(w->locks, w->nr_locks, id);
		if (!o || o->mode != LOCK_EXCLUSIVE)
			return false;
	}
	return true;
}

static char *field_serialized_by(const struct field_verdict *fv, const char *st)
{
	const struct field_writer *first = NULL;
	bool pm = false;

	for (int i = 0; i < fv->nr_writers; i++) {
		if (fv->writers[i].phase == PHASE_RUNTIME) {
			first = &fv->writers[i];
			break;
		}
	}
	if (!first)
		return NULL;
	for (int l = 0; l < first->nr_locks; l++) {
		const struct fact_lock *cand = &first->locks[l];
		bool all = cand->mode == LOCK_EXCLUSIVE && cand->id[0] != '?' &&
			   strcmp(cand->how, "root") && runtime_writers_hold(fv, cand->id);

		if (all && !strcmp(cand->id, RUNTIME_PM_LOCK))
			pm = true;
		else if (all && own_lock(cand->id, st))
			return xstrdup(lock_short_name(cand->id));
		else if (all)
			return xstrdup(cand->id);	/* another struct's: "lc_arm.state_mutex" */
	}
	return pm ? xstrdup("runtime PM") : NULL;
}

/*
 * Minimum vertex cover of the race graph by branch and bound: take the
 * field with the most uncovered races, then either move it or move all its
 * uncovered partners; prune when a maximal matching of what is left shows
 * the cover cannot beat the best one.  These graphs are small; a search
 * that runs past its budget falls back to a greedy cover and says so.
 * A field marked forbid may not move: the tie-break below asks whether a
 * cover of the minimum size exists under such constraints.
 */
struct cover {
	const struct race *races;
	int nr_races, nr_fields;
	bool *cur, *best, *matched, *forbid;
	int best_size;
	long budget;
};

static bool uncovered(const struct cover *c, const struct race *r)
{
	return !c->cur[r->a] && !c->cur[r->b];
}

/* A lower bound on how many more fields must move: a greedy maximal matching. */
static int matching_bound(struct cover *c)
{
	int m = 0;

	memset(c->matched, 0, sizeof(bool) * (size_t)c->nr_fields);
	for (int e = 0; e < c->nr_races; e++) {
		const struct race *r = &c->races[e];

		if (uncovered(c, r) && !c->matched[r->a] && !c->matched[r->b]) {
			c->matched[r->a] = c->matched[r->b] = true;
			m++;
		}
	}
	return m;
}

static void cover_search(struct cover *c, int size)
{
	int pick = -1, pick_deg = 0, added = 0, *partners;

	if (c->budget-- <= 0)
		return;
	for (int f = 0; f < c->nr_fields; f++) {
		int deg = 0;

		for (int e = 0; e < c->nr_races; e++)
			if (uncovered(c, &c->races[e]) &&
			    (c->races[e].a == f || c->races[e].b == f))
				deg++;
		if (deg > pick_deg) {
			pick = f;
			pick_deg = deg;
		}
	}
	if (pick < 0) {
		if (size < c->best_size) {
			memcpy(c->best, c->cur, sizeof(bool) * (size_t)c->nr_fields);
			c->best_size = size;
		}
		return;
	}
	if (size + matching_bound(c) >= c->best_size)
		return;
	if (!c->forbid[pick]) {
		c->cur[pick] = true;
		cover_search(c, size + 1);
		c->cur[pick] = false;
	}
	/* pick stays: every partner it still races with moves */
	partners = xmalloc(sizeof(int) * (size_t)c->nr_fields);

	for (int e = 0; e < c->nr_races; e++) {
		const struct race *r = &c->races[e];
		int o = r->a == pick ? r->b : r->b == pick ? r->a : -1;

		if (o >= 0 && !c->cur[o]) {
			c->cur[o] = true;
			partners[added++] = o;
			if (c->forbid[o])
				size = c->best_size;	/* the race would stay */
		}
	}
	if (size < c->best_size)
		cover_search(c, size + added);
	while (added)
		c->cur[partners[--added]] = false;
	free(partners);
}

static void cover_greedy(struct cover *c)
{
	memset(c->best, 0, sizeof(bool) * (size_t)c->nr_fields);
	for (;;) {
		int deg_best = 0, pick = -1;

		for (int f = 0; f < c->nr_fields; f++) {
			int deg = 0;

			for (int e = 0; e < c->nr_races; e++)
				if (!c->best[c->races[e].a] && !c->best[c->races[e].b] &&
				    (c->races[e].a == f || c->races[e].b == f))
					deg++;
			if (deg > deg_best) {
				deg_best = deg;
				pick = f;
			}
		}
		if (pick < 0)
			return;
		c->best[pick] = true;
	}
}

/*
 * Does a field have a run-time writer holding no exclusive lock (a root's
 * own exclusion aside)?  Moving such a field is what the evidence
 * demands most plainly: no lock anyone could add later would keep it.
 */
static bool field_unlocked(const struct field_verdict *fv)
{
	for (int w = 0; w < fv->nr_writers; w++) {
		const struct field_writer *fw = &fv->writers[w];
		bool locked = false;

		if (fw->phase != PHASE_RUNTIME)
			continue;
		for (int l = 0; l < fw->nr_locks && !locked; l++)
			locked = fw->locks[l].mode == LOCK_EXCLUSIVE &&
				 (!fw->locks[l].how || strcmp(fw->locks[l].how, "root"));
		if (!locked)
			return true;
	}
	return false;
}

/* How many distinct roots the field's run-time writers are reached from. */
static int field_roots(const struct field_verdict *fv)
{
	int n = 0;

	for (int w = 0; w < fv->nr_writers; w++) {
		const struct field_writer *fw = &fv->writers[w];
		bool seen = false;

		if (fw->phase != PHASE_RUNTIME || !fw->root)
			continue;
		for (int o = 0; o < w && !seen; o++)
			seen = fv->writers[o].phase == PHASE_RUNTIME &&
			       fv->writers[o].root == fw->root;
		n += !seen;
	}
	return n;
}

struct preference {
	int field;
	bool unlocked;
	int roots;
};

static int cmp_preference(const void *va, const void *vb)
{
	const struct preference *a = va, *b = vb;

	if (a->unlocked != b->unlocked)
		return a->unlocked ? -1 : 1;
	if (a->roots != b->roots)
		return a->roots > b->roots ? -1 : 1;
	return a->field - b->field;
}

/* Is there a cover of at most size fields that moves every cur field and no forbid one? */
static bool cover_exists(struct cover *c, const bool *in, int size)
{
	int forced = 0;

	for (int f = 0; f < c->nr_fields; f++) {
		c->cur[f] = in[f];
		forced += in[f];
	}
	c->best_size = size + 1;
	c->budget = 1000000;
	cover_search(c, forced);
	return c->budget >= 0 && c->best_size <= size;
}

/*
 * Among the minimum covers, the one that moves the most preferred fields:
 * those with an unlocked run-time writer, then those written from more
 * run-time roots, then the first declared.  Fields are decided one at a
 * time in that order, each moved if a minimum cover still exists with it,
 * so adding evidence about one field does not flip the choice elsewhere.
 */
static void cover_prefer(struct cover *c, const struct location_verdict *lv, int size)
{
	struct preference *pref = xcalloc((size_t)lv->nr_fields, sizeof(*pref));
	bool *in = xcalloc((size_t)lv->nr_fields, sizeof(bool));
	bool *fallback = xmalloc(sizeof(bool) * (size_t)lv->nr_fields);

	memcpy(fallback, c->best, sizeof(bool) * (size_t)lv->nr_fields);
	for (int i = 0; i < lv->nr_fields; i++)
		pref[i] = (struct preference){ i, field_unlocked(&lv->fields[i]),
					       field_roots(&lv->fields[i]) };
	qsort(pref, (size_t)lv->nr_fields, sizeof(*pref), cmp_preference);
	for (int i = 0; i < lv->nr_fields; i++) {
		int f = pref[i].field;

		in[f] = true;
		if (cover_exists(c, in, size))
			continue;
		if (c->budget < 0)
			goto out;
		in[f] = false;
		c->forbid[f] = true;
	}
	memcpy(fallback, in, sizeof(bool) * (size_t)lv->nr_fields);
out:
	memcpy(c->best, fallback, sizeof(bool) * (size_t)lv->nr_fields);
	free(fallback);
	free(in);
	free(pref);
}

static void location_cover(struct location_verdict *lv)
{
	struct cover c = {
		.races = lv->races, .nr_races = lv->nr_races, .nr_fields = lv->nr_fields,
		.best_size = lv->nr_fields + 1, .budget = 1000000,
	};

	c.cur = xcalloc((size_t)lv->nr_fields, sizeof(bool));
	c.best = xcalloc((size_t)lv->nr_fields, sizeof(bool));
	c.matched = xcalloc((size_t)lv->nr_fields, sizeof(bool));
	c.forbid = xcalloc((size_t)lv->nr_fields, sizeof(bool));
	cover_search(&c, 0);
	if (c.budget < 0) {
		cover_greedy(&c);
		lv->cover_not_minimal = true;
	} else if (lv->nr_races) {
		cover_prefer(&c, lv, c.best_size);
	}
	for (int i = 0; i < lv->nr_fields; i++)
		lv->fields[i].moves[POLICY_PROVEN_RACE] = c.best[i];
	free(c.cur);
	free(c.best);
	free(c.matched);
	free(c.forbid);
}

static const char *field_name(const struct location_verdict *lv, const struct bs_struct *s, int i)
{
	return s->members[lv->fields[i].member].name;
}

/* "a, b and c" of the fields at indices idx[0..n) */
static void list_fields(const struct location_verdict *lv, const struct bs_struct *s,
			const int *idx, int n, struct strbuf *sb)
{
	for (int i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? (i == n - 1 ? " and " : ", ") : "",
			    field_name(lv, s, idx[i]));
}

/*
 * What keeps field i's run-time writers from racing with those of the
 * other fields that stay: the first excluding lock of each pair, once.
 */
static void serializers(const struct location_verdict *lv, int i, struct strbuf *sb)
{
	const struct field_verdict *fv = &lv->fields[i];
	const struct fact_lock **seen = NULL;
	int nr = 0, alloc = 0, others = 0;
	bool own = false;

	for (int o = 0; o < lv->nr_fields; o++) {
		const struct field_verdict *ov = &lv->fields[o];

		if (o == i || !ov->runtime || ov->moves[POLICY_PROVEN_RACE])
			continue;
		others++;
		for (int a = 0; a < fv->nr_writers; a++) {
			for (int b = 0; b < ov->nr_writers; b++) {
				const struct field_writer *wa = &fv->writers[a], *wb = &ov->writers[b];
				const struct fact_lock *l;
				bool dup = false;

				if (wa->phase != PHASE_RUNTIME || wb->phase != PHASE_RUNTIME)
					continue;
				if (own_apart(wa, wb)) {
					own = true;
					continue;
				}
				l = writers_serializer(wa, wb);
				/* printed by short name: "_lock and _lock" says nothing */
				for (int k = 0; l && k < nr; k++)
					dup |= !strcmp(lock_short_name(seen[k]->id),
						       lock_short_name(l->id));
				if (!l || dup)
					continue;
				ALLOC_GROW(seen, nr + 1, alloc);
				seen[nr++] = l;
			}
		}
	}
	if (!others) {
		strbuf_addstr(sb, ", and no other field that stays here is written at run time");
		free(seen);
		return;
	}
	strbuf_addstr(sb, ", and the other run-time writers that stay here ");
	if (nr)
		strbuf_addstr(sb, "are serialized against it by ");
	for (int k = 0; k < nr; k++) {
		if (k)
			strbuf_addstr(sb, k == nr - 1 ? " and " : ", ");
		strbuf_addstr(sb, !strcmp(seen[k]->id, RUNTIME_PM_LOCK) ? "runtime PM"
									: lock_short_name(seen[k]->id));
	}
	if (own)
		strbuf_addf(sb, "%swrite other objects: each thread writes work items of "
			    "its own", nr ? ", or " : "");
	free(seen);
}

const struct race *field_race(const struct location_verdict *lv, int i)
{
	const struct race *best = NULL;
	int best_score = -1;

	for (int r = 0; r < lv->nr_races; r++) {
		const struct race *rc = &lv->races[r];
		int other = rc->a == i ? rc->b : rc->a, score;

		if (rc->a != i && rc->b != i)
			continue;
		score = 2 * lv->fields[other].moves[POLICY_PROVEN_RACE] +
			!!strcmp(writer_func(&lv->fields[rc->a].writers[rc->wa]),
				 writer_func(&lv->fields[rc->b].writers[rc->wb]));
		if (score > best_score) {
			best = rc;
			best_score = score;
		}
	}
	return best;
}

/* Is some writer of fv reached from no root, its phase unknown? */
static bool field_unknown(const struct field_verdict *fv)
{
	for (int w = 0; w < fv->nr_writers; w++)
		if (fv->writers[w].phase == PHASE_UNKNOWN)
			return true;
	return false;
}

static char *field_why(const struct location_verdict *lv, const struct bs_struct *s, int i,
		       bool userspace)
{
	const struct field_verdict *fv = &lv->fields[i];
	const char *name = field_name(lv, s, i);
	struct strbuf sb = STRBUF_INIT;
	int *moved = xmalloc(sizeof(int) * (size_t)lv->nr_fields), nr_moved = 0;

	if (fv->local_only && fv->nr_tls && !fv->nr_private) {
		strbuf_addf(&sb, "%s is written only on thread-local objects (__thread, "
			    "_Thread_local): each thread writes its own copy", name);
		goto out;
	}
	if (fv->local_only && !fv->nr_private) {
		strbuf_addf(&sb, "%s is written only on local copies, which no other context "
			    "sees", name);
		goto out;
	}
	if (fv->local_only) {
		strbuf_addf(&sb, "%s is written only on objects private to the writer's call "
			    "tree (a stack object, or one allocated and not yet published), "
			    "which no other context sees", name);
		goto out;
	}
	if (!fv->nr_writers) {
		strbuf_addf(&sb, "%s has no writer in the analysed code", name);
		goto out;
	}
	if (!fv->runtime && field_unknown(fv)) {
		strbuf_addf(&sb, "%s is written only where no root reaches: its phase is "
			    "unknown, and it is not counted as run time (name the entry "
			    "point with --data to decide)", name);
		goto out;
	}
	if (!fv->runtime && userspace) {
		strbuf_addf(&sb, "%s is written only before its threads start, in a once "
			    "routine, or after they are joined: thread creation, the once "
			    "and the join order it against the threads", name);
		goto out;
	}
	if (!fv->runtime) {
		strbuf_addf(&sb, "%s is written only at setup or teardown, which the driver's "
			    "lifecycle orders against run time", name);
		goto out;
	}
	if (fv->moves[POLICY_PROVEN_RACE]) {
		strbuf_addstr(&sb, field_race(lv, i)->why);
		goto out;
	}
	for (int r = 0; r < lv->nr_races; r++) {
		const struct race *rc = &lv->races[r];
		int other = rc->a == i ? rc->b : rc->b == i ? rc->a : -1;

		if (other >= 0)
			moved[nr_moved++] = other;
	}
	if (nr_moved) {
		strbuf_addf(&sb, "%s races only with ", name);
		list_fields(lv, s, moved, nr_moved, &sb);
		strbuf_addf(&sb, ", which move%s out", nr_moved == 1 ? "s" : "");
	} else {
		strbuf_addf(&sb, "%s is written at run time", name);
	}
	serializers(lv, i, &sb);
out:
	free(moved);
	return strbuf_detach(&sb);
}

static struct write_param write_param(const struct facts *f, const struct fact *x)
{
	for (int k = 0; k < f->nr; k++) {
		const struct fact *p = &f->v[k];

		if (p->kind == FACT_WPARAM && p->line == x->line && p->col == x->col &&
		    !strcmp(p->file, x->file))
			return (struct write_param){ .param = p->arg, .reached = p->own };
	}
	return (struct write_param){ .param = -1 };
}

static bool is_header_file(const char *file)
{
	size_t n = strlen(file);

	return n > 2 && !strcmp(file + n - 2, ".h");
}

/*
 * A write in a header inline that no analysed function calls and no root
 * names: the header is included, but what runs it is outside the PATHs.
 */
static bool unreached_inline(const struct callgraph *g, const struct fact *x)
{
	int n;

	if (!is_header_file(x->file) || !x->func)
		return false;
	n = callgraph_find(g, x->file, x->func);
	return n < 0 || (!g->fns[n].nr_in && !g->fns[n].nr_roots);
}

static void location_compute(struct location_verdict *lv, const struct bs_struct *s,
			     const struct callgraph *g, struct bs_layout *l,
			     const struct slice *sf, bool userspace)
{
	int *nr_local;

	lv->nr_fields = lv->loc->nr_fields;
	lv->fields = xcalloc((size_t)lv->nr_fields, sizeof(*lv->fields));
	nr_local = xcalloc((size_t)lv->nr_fields, sizeof(*nr_local));
	for (int i = 0; i < lv->nr_fields; i++) {
		struct field_verdict *fv = &lv->fields[i];
		const char *name = s->members[lv->loc->fields[i]].name;

		fv->member = lv->loc->fields[i];
		for (int k = 0; k < sf->nr; k++) {
			const struct fact *x = sf->v[k];

			if (x->kind != FACT_WRITE || strcmp(x->field, name))
				continue;
			/*
			 * A stack copy nobody else sees, or an object the writer
			 * allocated and has not published, is not a writer of
			 * the shared object.
			 */
			if (is_instance(x, "local")) {
				nr_local[i]++;
				continue;
			}
			if (is_instance(x, "private")) {
				fv->nr_private++;
				continue;
			}
			if (is_instance(x, "tls")) {
				fv->nr_tls++;
				continue;
			}
			if (unreached_inline(g, x)) {
				fv->nr_out_of_scope++;
				continue;
			}
			fv->nr_private += add_writers(fv, g, l, x, write_param(g->f, x),
						      userspace);
		}
		fv->moves[POLICY_SETUP_ONLY] = fv->runtime;
		fv->serialized_by = field_serialized_by(fv, s->name);
		fv->data_race = field_data_race(name, fv);
	}
	for (int a = 0; a < lv->nr_fields; a++) {
		for (int b = a + 1; b < lv->nr_fields; b++) {
			int wa, wb;

			if (!fields_race(&lv->fields[a], &lv->fields[b], &wa, &wb))
				continue;
			ALLOC_GROW(lv->races, lv->nr_races + 1, lv->alloc_races);
			lv->races[lv->nr_races++] = (struct race){
				.a = a, .b = b, .wa = wa, .wb = wb,
				.why = race_sentence(&s->members[lv->fields[a].member],
						     &lv->fields[a].writers[wa],
						     &s->members[lv->fields[b].member],
						     &lv->fields[b].writers[wb]),
			};
		}
	}
	location_cover(lv);
	for (int i = 0; i < lv->nr_fields; i++) {
		lv->fields[i].local_only = !lv->fields[i].nr_writers &&
					   (nr_local[i] || lv->fields[i].nr_private ||
					    lv->fields[i].nr_tls);
		lv->fields[i].why = field_why(lv, s, i, userspace);
	}
	free(nr_local);
}

static bool struct_has_writes(const struct slice *sf)
{
	for (int k = 0; k < sf->nr; k++)
		if (sf->v[k]->kind == FACT_WRITE)
			return true;
	return false;
}

/*
 * A field annotated as guarded by a lock (__guarded_by) that a run-time
 * writer writes without it: the annotation or the code is wrong, and the
 * maintainer should know whichever it is.
 */
static void guard_notes(struct struct_verdict *sv, const struct slice *sf)
{
	for (int k = 0; k < sf->nr; k++) {
		const struct fact *g = sf->v[k];

		if (g->kind != FACT_GUARD || !g->field || !strcmp(g->field, "-") || !g->nr_locks)
			continue;
		for (int l = 0; l < sv->nr_locs; l++) {
			const struct location_verdict *lv = &sv->locs[l];

			for (int i = 0; i < lv->nr_fields; i++) {
				const struct field_verdict *fv = &lv->fields[i];

				if (strcmp(sv->s->members[fv->member].name, g->field))
					continue;
				for (int w = 0; w < fv->nr_writers; w++) {
					const struct field_writer *fw = &fv->writers[w];

					if (fw->phase != PHASE_RUNTIME ||
					    lockset_find(fw->locks, fw->nr_locks, g->locks[0].id))
						continue;
					add_note(&sv->notes, &sv->nr_notes, &sv->alloc_notes,
						 xstrfmt("%s is annotated as guarded by %s (%s:%u), "
							 "but %s writes it at %s:%u without it",
							 g->field, lock_short_name(g->locks[0].id),
							 g->file, g->line, writer_func(fw),
							 fw->write->file, fw->write->line));
					break;
				}
			}
		}
	}
}

/* One note for the writes no analysed function reaches: "drv.h:12, 30". */
static void scope_note(struct struct_verdict *sv, const struct slice *sf,
		       const struct callgraph *g)
{
	struct strbuf sb = STRBUF_INIT;
	const char *file = NULL;

	for (int k = 0; k < sf->nr; k++) {
		const struct fact *x = sf->v[k];

		if (x->kind != FACT_WRITE || !unreached_inline(g, x))
			continue;
		if (file && !strcmp(file, x->file)) {
			strbuf_addf(&sb, ", %u", x->line);
			continue;
		}
		strbuf_addf(&sb, "%s%s:%u", file ? ", " : "", x->file, x->line);
		file = x->file;
	}
	if (sb.len)
		add_note(&sv->notes, &sv->nr_notes, &sv->alloc_notes,
			 xstrfmt("not counted: the writes at %s are in header inlines that "
				 "no analysed function calls", sb.buf));
	strbuf_release(&sb);
}

static void struct_notes(struct struct_verdict *sv, const struct slice *sf,
			 const struct callgraph *g, bool userspace)
{
	int untyped = 0;
	bool lifecycle = false, unreached = false, unknown = false;

	for (int k = 0; k < sf->nr; k++)
		if (sf->v[k]->kind == FACT_WRITE && !sf->v[k]->typed)
			untyped++;
	for (int l = 0; l < sv->nr_locs; l++) {
		const struct location_verdict *lv = &sv->locs[l];

		if (lv->cover_not_minimal)
			add_note(&sv->notes, &sv->nr_notes, &sv->alloc_notes,
				 xstrfmt("the race graph of the location at byte %u was too large "
					 "for an exact search: the proven-race cover is greedy, "
					 "not proven minimal", lv->loc->byte_begin));
		for (int i = 0; i < lv->nr_fields; i++) {
			for (int w = 0; w < lv->fields[i].nr_writers; w++) {
				const struct field_writer *fw = &lv->fields[i].writers[w];

				if (fw->phase == PHASE_UNKNOWN)
					unknown = true;
				else if (fw->phase != PHASE_RUNTIME)
					lifecycle = true;
				else if (!strcmp(fw->phase_why, "no root reaches it"))
					unreached = true;
				for (int n = 0; n < fw->nr_locks; n++)
					if (fw->locks[n].id[0] == '?')
						add_note(&sv->notes, &sv->nr_notes, &sv->alloc_notes,
							 xstrfmt("lock %s has no known type: it is "
								 "matched by its text only",
								 fw->locks[n].id + 1));
			}
		}
	}
	guard_notes(sv, sf);
	scope_note(sv, sf, g);
	if (untyped)
		add_note(&sv->notes, &sv->nr_notes, &sv->alloc_notes,
			 xstrfmt("%d write%s matched by field name only (untyped): the "
				 "field may belong to another struct", untyped,
				 untyped == 1 ? " was" : "s were"));
	if (unreached)
		add_note(&sv->notes, &sv->nr_notes, &sv->alloc_notes,
			 xstrdup("some writers are reached from no known root: they are "
				 "counted as run time, and their callers' locks are unknown"));
	if (unknown)
		add_note(&sv->notes, &sv->nr_notes, &sv->alloc_notes,
			 xstrdup("some writers are reached from no known root: their phase is "
				 "unknown and they are not counted as run time; a thread "
				 "entry point or callback the facts miss is named with --data "
				 "(func NAME runtime)"));
	if (lifecycle && userspace)
		add_note(&sv->notes, &sv->nr_notes, &sv->alloc_notes,
			 xstrdup("assumed: setup (before a function's first pthread_create(), "
				 "or in a once routine) and teardown (after its last "
				 "pthread_join()) are ordered against the threads by their "
				 "creation, the once and the join"));
	else if (lifecycle)
		add_note(&sv->notes, &sv->nr_notes, &sv->alloc_notes,
			 xstrdup("assumed: setup and teardown (probe, open, close, remove) "
				 "are ordered against run time by the driver's lifecycle; "
				 "the lock that orders them is outside the analysed code"));
}

static void struct_location(const struct slice *sf, const struct bs_struct *s,
			    char **file, unsigned int *line)
{
	for (int k = 0; k < sf->nr; k++) {
		if (sf->v[k]->kind == FACT_STRUCT) {
			*file = xstrdup(sf->v[k]->file);
			*line = sf->v[k]->line;
			return;
		}
	}
	*file = s->decl_file ? xstrdup(s->decl_file) : NULL;
	*line = s->decl_line;
}

static bool same_skip(const struct fact *a, const struct fact *b)
{
	return !strcmp(a->file, b->file) && !strcmp(a->why, b->why) &&
	       !strcmp(a->reason ? a->reason : "-", b->reason ? b->reason : "-");
}

/*
 * Evidence spatch could not get, one note per file and reason with every
 * line, so a header with fifty unparsed inlines is one line, not fifty.
 */
static void skip_notes(struct verdict *v, const struct facts *f)
{
	for (int k = 0; k < f->nr; k++) {
		const struct fact *x = &f->v[k];
		struct strbuf lines = STRBUF_INIT;
		int n = 0;
		bool seen = false;

		if (x->kind != FACT_SKIP)
			continue;
		v->nr_not_analysed += !strcmp(x->why, "not analysed");
		for (int j = 0; j < k && !seen; j++)
			seen = f->v[j].kind == FACT_SKIP && same_skip(&f->v[j], x);
		if (seen)
			continue;
		for (int j = k; j < f->nr; j++)
			if (f->v[j].kind == FACT_SKIP && same_skip(&f->v[j], x))
				strbuf_addf(&lines, "%s%u", n++ ? ", " : "", f->v[j].line);
		if (n == 1)
			add_note(&v->notes, &v->nr_notes, &v->alloc_notes,
				 xstrfmt("%s:%u: %s: %s", x->file, x->line, x->why,
					 x->reason ? x->reason : "-"));
		else
			add_note(&v->notes, &v->nr_notes, &v->alloc_notes,
				 xstrfmt("%s: %s: %s, at lines %s", x->file, x->why,
					 x->reason ? x->reason : "-", lines.buf));
		strbuf_release(&lines);
	}
}

/*
 * What a subsystem core outside the PATHs holds when it calls an ops
 * member now counts: say which dispatch sites were read to learn it.
 */
static void dispatch_notes(struct verdict *v, const struct facts *f)
{
	for (int k = 0; k < f->nr; k++) {
		const struct fact *x = &f->v[k];

		if (x->kind != FACT_DISPATCH)
			continue;
		add_note(&v->notes, &v->nr_notes, &v->alloc_notes,
			 xstrfmt("what %s holds when %s() calls ->%s() was analysed (%s:%u)",
				 x->file, x->func, x->field, x->file, x->line));
	}
}

static void run_notes(struct verdict *v, struct bs_layout *l, const struct facts *f,
		      const struct struct_index *idx, int skipped_structs)
{
	skip_notes(v, f);
	dispatch_notes(v, f);
	for (int k = 0; k < idx->nr; ) {
		struct slice sf = index_slice(idx, idx->v[k]->struct_name);
		const struct fact *first = NULL;
		int writes = 0;

		k = (int)(sf.v - idx->v) + sf.nr;
		if (layout_find(l, sf.v[0]->struct_name))
			continue;
		for (int w = 0; w < sf.nr; w++) {
			if (sf.v[w]->kind != FACT_WRITE)
				continue;
			if (!writes++)
				first = sf.v[w];
		}
		if (!first)
			continue;
		if (writes == 1)
			add_note(&v->notes, &v->nr_notes, &v->alloc_notes,
				 xstrfmt("struct %s is written (%s:%u) but has no layout: it was "
					 "not in the objects given", first->struct_name,
					 first->file, first->line));
		else
			add_note(&v->notes, &v->nr_notes, &v->alloc_notes,
				 xstrfmt("struct %s is written (%s:%u and %d more) but has no "
					 "layout: it was not in the objects given",
					 first->struct_name, first->file, first->line, writes - 1));
	}
	if (skipped_structs)
		add_note(&v->notes, &v->nr_notes, &v->alloc_notes,
			 xstrfmt("%d other struct%s share%s bitfield memory locations "
				 "but no writer was found in the analysed paths",
				 skipped_structs, skipped_structs == 1 ? "" : "s",
				 skipped_structs == 1 ? "s" : ""));
}

static void struct_verdict_release(struct struct_verdict *sv);

/*
 * A struct none of whose bitfields has a writer of a shared instance:
 * every write is to a stack object, to an object private to its writer's
 * call tree, or in a header inline nothing analysed reaches.  Or one the
 * analysed code is not seen to write at all: every store matched a field
 * name only, and a name is no evidence of the struct (a "vector" of
 * another struct is not x86's fred_ss.vector).  It stays out of the
 * verdict, and the reason is kept for the report.
 */
static bool struct_left_out(struct verdict *v, const struct struct_verdict *sv)
{
	bool private = false, scope = false, tls = false, written = false, typed = false;

	for (int l = 0; l < sv->nr_locs; l++) {
		for (int i = 0; i < sv->locs[l].nr_fields; i++) {
			const struct field_verdict *fv = &sv->locs[l].fields[i];

			for (int w = 0; w < fv->nr_writers; w++)
				typed |= fv->writers[w].write->typed;
			written |= fv->nr_writers > 0;
			private |= fv->local_only;
			tls |= fv->nr_tls > 0;
			scope |= fv->nr_out_of_scope > 0;
		}
	}
	if (typed || (!written && !private && !scope))
		return false;
	ALLOC_GROW(v->left_out, v->nr_left_out + 1, v->alloc_left_out);
	v->left_out[v->nr_left_out++] = (struct left_out){
		sv->s->scope ? xstrfmt("%s (%s)", sv->s->name, sv->s->scope) : xstrdup(sv->s->name),
		xstrdup(written ?
			"no store is typed as this struct: every write to its bitfields "
			"matched a field name only, which other structs may have" :
			tls && !scope ?
			"its instances are never shared: every bitfield write is to a "
			"thread-local object (__thread, _Thread_local), a stack object or an "
			"object its writer's call tree allocated and has not published" :
			private && scope ?
			"its instances are never shared: every bitfield write is to a stack "
			"object, to an object its writer's call tree allocated and has not "
			"published, or in a header inline no analysed function reaches" :
			private ?
			"its instances are never shared: every bitfield write is to a stack "
			"object or to an object its writer's call tree allocated and has not "
			"published" :
			"its bitfields are written only in header inlines that no analysed "
			"function reaches"),
		written,
	};
	return true;
}

int verdict_compute(struct verdict *v, struct bs_layout *l, const struct facts *f)
{
	struct callgraph g = { 0 };
	struct struct_index idx;
	int skipped_structs = 0;

	index_build(&idx, f, l);
	callgraph_build(&g, f);
	for (int i = 0; i < l->nr_structs; i++) {
		struct bs_struct *s = &l->structs[i];
		struct slice sf = index_slice_of(&idx, l, s);
		struct struct_verdict *sv;
		int shared = 0;

		for (int k = 0; k < s->nr_locations; k++)
			if (s->locations[k].nr_fields > 1)
				shared++;
		if (!shared)
			continue;
		if (!struct_has_writes(&sf)) {
			skipped_structs++;
			continue;
		}
		ALLOC_GROW(v->v, v->nr + 1, v->alloc);
		sv = &v->v[v->nr++];
		memset(sv, 0, sizeof(*sv));
		sv->s = s;
		struct_location(&sf, s, &sv->file, &sv->line);
		sv->locs = xcalloc((size_t)shared, sizeof(*sv->locs));
		for (int k = 0; k < s->nr_locations; k++) {
			if (s->locations[k].nr_fields < 2)
				continue;
			sv->locs[sv->nr_locs].loc = &s->locations[k];
			location_compute(&sv->locs[sv->nr_locs++], s, &g, l, &sf, v->userspace);
		}
		if (struct_left_out(v, sv)) {
			struct_verdict_release(sv);
			v->nr--;
			continue;
		}
		struct_notes(sv, &sf, &g, v->userspace);
	}
	run_notes(v, l, f, &idx, skipped_structs);
	/* The writers' locks point at the roots' exclusion ids: keep them. */
	for (int i = 0; i < g.nr; i++) {
		if (!g.fns[i].serial_id)
			continue;
		ALLOC_GROW(v->owned, v->nr_owned + 1, v->alloc_owned);
		v->owned[v->nr_owned++] = g.fns[i].serial_id;
		g.fns[i].serial_id = NULL;
	}
	callgraph_release(&g);
	free(idx.v);
	free(idx.owner);
	return 0;
}

bool verdict_has_race(const struct verdict *v, enum policy p)
{
	for (int i = 0; i < v->nr; i++)
		for (int l = 0; l < v->v[i].nr_locs; l++)
			for (int k = 0; k < v->v[i].locs[l].nr_fields; k++)
				if (v->v[i].locs[l].fields[k].moves[p])
					return true;
	return false;
}

static void struct_verdict_release(struct struct_verdict *sv)
{
	for (int l = 0; l < sv->nr_locs; l++) {
		struct location_verdict *lv = &sv->locs[l];

		for (int k = 0; k < lv->nr_fields; k++) {
			struct field_verdict *fv = &lv->fields[k];

			for (int w = 0; w < fv->nr_writers; w++)
				writer_release(&fv->writers[w]);
			free(fv->writers);
			free(fv->why);
			free(fv->serialized_by);
			free(fv->data_race);
		}
		for (int r = 0; r < lv->nr_races; r++)
			free(lv->races[r].why);
		free(lv->fields);
		free(lv->races);
	}
	for (int n = 0; n < sv->nr_notes; n++)
		free(sv->notes[n]);
	free(sv->notes);
	free(sv->locs);
	free(sv->file);
}

void verdict_release(struct verdict *v)
{
	for (int i = 0; i < v->nr; i++)
		struct_verdict_release(&v->v[i]);
	free(v->v);
	for (int i = 0; i < v->nr_left_out; i++) {
		free(v->left_out[i].name);
		free(v->left_out[i].why);
	}
	free(v->left_out);
	for (int n = 0; n < v->nr_notes; n++)
		free(v->notes[n]);
	free(v->notes);
	for (int n = 0; n < v->nr_owned; n++)
		free(v->owned[n]);
	free(v->owned);
	memset(v, 0, sizeof(*v));
}
