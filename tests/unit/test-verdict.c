// SPDX-License-Identifier: GPL-2.0
/*
 * The verdict on hand-built layouts and facts.  Every expectation below is
 * worked out from the code the facts describe, not from the tool's output;
 * the comment before each says why it is what it is.
 */
#include <stdlib.h>

#include "callgraph.h"
#include "verdict.h"
#include "unit.h"
#include "util.h"

/* ---- builders: facts as "bitsplit facts" would print them ---- */

static struct fact *fact_new(struct facts *f, enum fact_kind kind, const char *file,
			     unsigned int line, const char *func)
{
	struct fact *x;

	ALLOC_GROW(f->v, f->nr + 1, f->alloc);
	x = &f->v[f->nr++];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->file = (char *)file;
	x->line = line;
	x->col = 2;
	x->func = (char *)func;
	return x;
}

/* "a.m:w@lexical,runtime_pm:r@lexical": the LOCKS column, split in place. */
static void fact_locks(struct fact *x, char *spec)
{
	for (char *tok = strtok(spec, ","); tok; tok = strtok(NULL, ",")) {
		char *colon = strrchr(tok, ':');
		char *at = strrchr(tok, '@');

		*colon = *at = '\0';
		ALLOC_GROW(x->locks, x->nr_locks + 1, x->alloc_locks);
		x->locks[x->nr_locks++] = (struct fact_lock){
			.id = tok,
			.mode = colon[1] == 'r' ? LOCK_SHARED : LOCK_EXCLUSIVE,
			.how = at + 1,
		};
	}
}

/* Enough for test_context_cap's NR_CAP_OPS calls and the rest. */
static char spec_pool[256][128];
static int nr_spec;

static void with_locks(struct fact *x, const char *locks)
{
	if (!locks)
		return;
	if (nr_spec == (int)(sizeof(spec_pool) / sizeof(spec_pool[0])))
		abort();
	snprintf(spec_pool[nr_spec], sizeof(spec_pool[0]), "%s", locks);
	fact_locks(x, spec_pool[nr_spec++]);
}

static void fw(struct facts *f, unsigned int line, const char *func, const char *st,
	       const char *field, const char *instance, const char *locks)
{
	struct fact *x = fact_new(f, FACT_WRITE, "drv.c", line, func);

	x->struct_name = (char *)st;
	x->field = (char *)field;
	x->base = "dev";
	x->instance = (char *)instance;
	x->op = "=";
	x->value = "1";
	x->typed = true;
	with_locks(x, locks);
}

static void fc(struct facts *f, const char *caller, const char *callee, const char *locks)
{
	struct fact *x = fact_new(f, FACT_CALL, "drv.c", 1, caller);

	x->callee = (char *)callee;
	with_locks(x, locks);
}

static void fr(struct facts *f, const char *func, const char *phase, const char *kind)
{
	struct fact *x = fact_new(f, FACT_ROOT, "drv.c", 1, func);

	x->phase = (char *)phase;
	x->why = (char *)kind;
}

/* A root whose caller holds locks around it (the vocabulary's holds=). */
static void fr_holding(struct facts *f, const char *func, const char *phase, const char *kind,
		       const char *locks)
{
	fr(f, func, phase, kind);
	with_locks(&f->v[f->nr - 1], locks);
}

static void free_facts(struct facts *f)
{
	for (int i = 0; i < f->nr; i++)
		free(f->v[i].locks);
	free(f->v);
	memset(f, 0, sizeof(*f));
	nr_spec = 0;
}

/* One struct whose named one-bit fields all share the first memory location. */
static void one_location(struct bs_layout *l, const char *name, const char *const *fields)
{
	struct bs_struct *s;
	struct bs_location *loc;
	int n = 0;

	while (fields[n])
		n++;
	l->structs = xcalloc(1, sizeof(*l->structs));
	l->nr_structs = l->alloc_structs = 1;
	s = &l->structs[0];
	s->name = (char *)name;
	s->size = 4;
	s->members = xcalloc((size_t)n, sizeof(*s->members));
	s->nr_members = s->alloc_members = n;
	s->locations = loc = xcalloc(1, sizeof(*loc));
	s->nr_locations = s->alloc_locations = 1;
	loc->fields = xcalloc((size_t)n, sizeof(int));
	loc->nr_fields = n;
	loc->bit_end = (unsigned int)n;
	loc->byte_end = (unsigned int)(n + 7) / 8;
	loc->nr_units = 1;
	for (int i = 0; i < n; i++) {
		s->members[i] = (struct bs_member){
			.type = "unsigned int", .name = (char *)fields[i], .bit_size = 1,
			.size = 4, .unit_bit = (unsigned int)i, .bit_offset = (unsigned int)i,
			.parent = -1,
		};
		loc->fields[i] = i;
	}
}

static void free_layout(struct bs_layout *l)
{
	free(l->structs[0].members);
	free(l->structs[0].locations[0].fields);
	free(l->structs[0].locations);
	free(l->structs);
	memset(l, 0, sizeof(*l));
}

static const struct field_verdict *field(const struct verdict *v, const char *name)
{
	const struct location_verdict *lv = &v->v[0].locs[0];

	for (int i = 0; i < lv->nr_fields; i++)
		if (!strcmp(v->v[0].s->members[lv->fields[i].member].name, name))
			return &lv->fields[i];
	return NULL;
}

/* "a/b" for each proven-race pair, in order. */
static char *race_pairs(const struct verdict *v)
{
	const struct location_verdict *lv = &v->v[0].locs[0];
	const struct bs_struct *s = v->v[0].s;
	struct strbuf sb = STRBUF_INIT;

	for (int r = 0; r < lv->nr_races; r++)
		strbuf_addf(&sb, "%s%s/%s", r ? " " : "",
			    s->members[lv->fields[lv->races[r].a].member].name,
			    s->members[lv->fields[lv->races[r].b].member].name);
	return strbuf_detach(&sb);
}

/* The fields that move under p, space separated. */
static char *movers(const struct verdict *v, enum policy p)
{
	const struct location_verdict *lv = &v->v[0].locs[0];
	const struct bs_struct *s = v->v[0].s;
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < lv->nr_fields; i++)
		if (lv->fields[i].moves[p])
			strbuf_addf(&sb, "%s%s", sb.len ? " " : "",
				    s->members[lv->fields[i].member].name);
	strbuf_addstr(&sb, "");
	return strbuf_detach(&sb);
}

#define CHECK_OWNED_STR(expr, want, desc)		\
	do {						\
		char *s_ = (expr);			\
		CHECK_STR(s_, want, desc);		\
		free(s_);				\
	} while (0)

/*
 * samples/vfio/vfpci_core.c as the facts helper reads it.  Phases: probe
 * and open_device are setup, close_device teardown; write, ioctl,
 * sriov_configure and the runtime PM callbacks run at run time.  Every
 * run-time path except the PM callbacks holds a runtime-PM reference
 * (pm_runtime_resume_and_get), which the facts give as runtime_pm:r at the
 * call sites it covers.
 */
#define MEM "vfpci_device.memory_lock"
static void vfio_facts(struct facts *f)
{
	const char *S = "vfpci_device";

	fr(f, "vfpci_probe", "setup", "probe");
	fr(f, "vfpci_remove", "teardown", "remove");
	fr(f, "vfpci_open_device", "setup", "open_device");
	fr(f, "vfpci_close_device", "teardown", "close_device");
	fr(f, "vfpci_write", "runtime", "write");
	fr(f, "vfpci_ioctl", "runtime", "ioctl");
	fr_holding(f, "vfpci_runtime_suspend", "runtime", "runtime_suspend", "runtime_pm:w@entry");
	fr_holding(f, "vfpci_runtime_resume", "runtime", "runtime_resume", "runtime_pm:w@entry");
	fr(f, "vfpci_sriov_configure", "runtime", "sriov_configure");
	fc(f, "vfpci_probe", "vfpci_init_caps", NULL);
	fc(f, "vfpci_open_device", "vfpci_enable", NULL);
	fc(f, "vfpci_write", "vfpci_basic_config_write", "runtime_pm:r@lexical");
	fc(f, "vfpci_ioctl", "vfpci_try_reset", "runtime_pm:r@lexical");
	fc(f, "vfpci_ioctl", "vfpci_pm_entry", "runtime_pm:r@lexical");
	fc(f, "vfpci_ioctl", "vfpci_pm_exit", "runtime_pm:r@lexical");
	fc(f, "vfpci_pm_exit", "__vfpci_pm_exit", MEM ":w@lexical");
	fw(f, 45, "vfpci_init_caps", S, "extended_caps", "self", NULL);
	fw(f, 46, "vfpci_init_caps", S, "has_dyn_msix", "self", NULL);
	fw(f, 53, "vfpci_probe", S, "has_vga", "self", NULL);
	fw(f, 65, "vfpci_enable", S, "reset_works", "self", NULL);
	fw(f, 66, "vfpci_enable", S, "pci_2_3", "self", NULL);
	fw(f, 67, "vfpci_enable", S, "nointx", "self", NULL);
	fw(f, 68, "vfpci_enable", S, "needs_pm_restore", "self", NULL);
	fw(f, 69, "vfpci_enable", S, "virq_disabled", "self", NULL);
	fw(f, 70, "vfpci_enable", S, "bardirty", "self", NULL);
	fw(f, 81, "vfpci_close_device", S, "needs_reset", "self", NULL);
	fw(f, 96, "vfpci_basic_config_write", S, "virq_disabled", "self", NULL);
	fw(f, 99, "vfpci_basic_config_write", S, "virq_disabled", "self", NULL);
	fw(f, 105, "vfpci_basic_config_write", S, "bardirty", "self", NULL);
	fw(f, 130, "vfpci_try_reset", S, "needs_reset", "self", MEM ":w@trylock");
	fw(f, 138, "vfpci_pm_entry", S, "pm_runtime_engaged", "self", MEM ":w@guard");
	fw(f, 144, "__vfpci_pm_exit", S, "pm_runtime_engaged", "self", MEM ":w@lockdep");
	fw(f, 180, "vfpci_runtime_suspend", S, "pm_intx_masked", "self", NULL);
	fw(f, 186, "vfpci_runtime_resume", S, "pm_intx_masked", "self", NULL);
	fw(f, 198, "vfpci_sriov_configure", S, "sriov_pwr_active", "self",
	   MEM ":w@lexical,runtime_pm:r@lexical");
}

static const char *const vfio_fields[] = {
	"has_dyn_msix", "pci_2_3", "virq_disabled", "reset_works", "extended_caps",
	"bardirty", "has_vga", "needs_reset", "nointx", "needs_pm_restore",
	"pm_intx_masked", "pm_runtime_engaged", "sriov_pwr_active", NULL,
};

static void test_vfio(void)
{
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };
	const struct field_verdict *fv;

	one_location(&l, "vfpci_device", vfio_fields);
	vfio_facts(&f);
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.nr, 1, "vfio: one struct analysed");
	CHECK_INT(v.v[0].nr_locs, 1, "vfio: one shared location");

	/*
	 * Proven races: the config-space writers of virq_disabled and bardirty
	 * hold only a runtime-PM reference (shared), so they race with each
	 * other and with every memory_lock writer; the memory_lock writers
	 * (needs_reset, pm_runtime_engaged, sriov_pwr_active) serialize among
	 * themselves, and the PM callbacks (pm_intx_masked) hold runtime PM
	 * exclusive against every reference holder.
	 */
	CHECK_OWNED_STR(race_pairs(&v),
			"virq_disabled/bardirty virq_disabled/needs_reset "
			"virq_disabled/pm_runtime_engaged virq_disabled/sriov_pwr_active "
			"bardirty/needs_reset bardirty/pm_runtime_engaged "
			"bardirty/sriov_pwr_active",
			"vfio: the race graph is the config-space pair against the rest");
	/* The smallest cover of that graph is the config-space pair itself. */
	CHECK_OWNED_STR(movers(&v, POLICY_PROVEN_RACE), "virq_disabled bardirty",
			"vfio: proven-race moves virq_disabled and bardirty");
	CHECK_OWNED_STR(movers(&v, POLICY_SETUP_ONLY),
			"virq_disabled bardirty needs_reset pm_intx_masked "
			"pm_runtime_engaged sriov_pwr_active",
			"vfio: setup-only moves every field with a run-time writer");
	CHECK(verdict_has_race(&v, POLICY_PROVEN_RACE), "vfio: a race under proven-race");

	fv = field(&v, "virq_disabled");
	CHECK_STR(fv->why,
		  "virq_disabled and bardirty are both written by vfpci_basic_config_write "
		  "(from write: vfpci_write -> vfpci_basic_config_write), which may run on "
		  "two CPUs at once with nothing to exclude the other (it holds only a "
		  "runtime-PM reference)",
		  "vfio: why virq_disabled moves, in the thread's terms");
	CHECK_INT(fv->nr_writers, 3, "vfio: virq_disabled has three writers");
	CHECK_INT(fv->writers[0].phase, PHASE_SETUP, "vfio: vfpci_enable is setup");
	CHECK_STR(fv->writers[0].phase_why, "from open_device: vfpci_open_device -> vfpci_enable",
		  "vfio: the setup path is named");
	CHECK(fv->serialized_by == NULL, "vfio: virq_disabled is serialized by nothing");
	CHECK(fv->data_race == NULL, "vfio: one function writing a field is no data race");

	/* needs_reset: close (teardown) plus the reset ioctl under memory_lock. */
	fv = field(&v, "needs_reset");
	CHECK_INT(fv->writers[0].phase, PHASE_TEARDOWN, "vfio: close_device is teardown");
	CHECK_STR(fv->writers[1].locks[0].how, "trylock", "vfio: trylock success path holds it");
	CHECK_STR(fv->writers[1].locks[1].id, "runtime_pm", "vfio: the PM reference ...");
	CHECK_STR(fv->writers[1].locks[1].how, "caller", "vfio: ... comes via the caller");
	CHECK_STR(fv->serialized_by, "memory_lock", "vfio: needs_reset written under memory_lock");
	CHECK_STR(fv->why,
		  "needs_reset races only with virq_disabled and bardirty, which move out, "
		  "and the other run-time writers that stay here are serialized against it "
		  "by runtime PM and memory_lock",
		  "vfio: why needs_reset stays under proven-race");

	/* __vfpci_pm_exit asserts memory_lock, and its only caller takes it. */
	fv = field(&v, "pm_runtime_engaged");
	CHECK_STR(fv->writers[1].locks[0].how, "lockdep", "vfio: the assertion is the own lock");
	CHECK_INT(fv->writers[1].nr_locks, 2, "vfio: caller's memory_lock merges with the assertion");
	CHECK_STR(fv->serialized_by, "memory_lock", "vfio: pm_runtime_engaged under memory_lock");

	/* Runtime PM callbacks hold runtime PM exclusive: no real lock though. */
	fv = field(&v, "pm_intx_masked");
	CHECK_INT(fv->writers[0].nr_locks, 1, "vfio: runtime_suspend holds runtime PM");
	CHECK_INT(fv->writers[0].locks[0].mode, LOCK_EXCLUSIVE, "vfio: ... exclusive");
	CHECK_STR(fv->serialized_by, "runtime PM", "vfio: PM callbacks are serialized by runtime PM");
	CHECK(fv->moves[POLICY_SETUP_ONLY] && !fv->moves[POLICY_PROVEN_RACE],
	      "vfio: pm_intx_masked moves only under setup-only");
	CHECK_STR(fv->why, "pm_intx_masked is written at run time, and the other run-time "
		  "writers that stay here are serialized against it by runtime PM",
		  "vfio: runtime PM is what keeps pm_intx_masked in place");

	fv = field(&v, "has_vga");
	CHECK(!fv->runtime && !fv->moves[0] && !fv->moves[1], "vfio: probe-only field stays");
	CHECK_STR(fv->why, "has_vga is written only at setup or teardown, which the driver's "
		  "lifecycle orders against run time", "vfio: why has_vga stays");
	CHECK_INT(v.v[0].nr_notes, 1, "vfio: one note");
	CHECK_STR(v.v[0].notes[0], "assumed: setup and teardown (probe, open, close, remove) are "
		  "ordered against run time by the driver's lifecycle; the lock that orders "
		  "them is outside the analysed code", "vfio: the lifecycle assumption is said");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

static const char *const ab[] = { "a", "b", NULL };

/*
 * A lock held only by the caller: helper() writes a with no lock of its
 * own; both callers hold m.  b is written by another run-time path under
 * m.  Nothing races.  Then a third caller without m breaks it.
 */
static void test_caller_lock(void)
{
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };

	one_location(&l, "s", ab);
	fr(&f, "op1", "runtime", "ioctl");
	fr(&f, "op2", "runtime", "write");
	fc(&f, "op1", "helper", "s.m:w@lexical");
	fc(&f, "op2", "mid", "s.m:w@lexical");
	fc(&f, "mid", "helper", NULL);
	fw(&f, 10, "helper", "s", "a", "self", NULL);
	fw(&f, 20, "op2", "s", "b", "self", "s.m:w@lexical");
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.v[0].locs[0].nr_races, 0, "caller lock: every caller holds m, no race");
	CHECK_STR(field(&v, "a")->writers[0].locks[0].how, "caller",
		  "caller lock: learned from the callers");
	CHECK_STR(field(&v, "a")->serialized_by, "m", "caller lock: a written under m");
	CHECK(!verdict_has_race(&v, POLICY_PROVEN_RACE), "caller lock: clean under proven-race");
	CHECK(verdict_has_race(&v, POLICY_SETUP_ONLY), "caller lock: setup-only still moves");
	verdict_release(&v);

	/*
	 * The timer's path holds no m: helper's write of a is two writers
	 * now, one per lockset, and the timer's races with b.
	 */
	fr(&f, "op3", "runtime", "timer");
	fc(&f, "op3", "helper", NULL);
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.v[0].locs[0].nr_races, 1, "caller lock: one caller without m is a race");
	CHECK_INT(field(&v, "a")->nr_writers, 2, "caller lock: one writer per path lockset");
	CHECK_STR(field(&v, "a")->writers[0].locks[0].id, "s.m", "caller lock: op1's path holds m");
	CHECK_STR(field(&v, "a")->writers[1].phase_why, "from timer: op3 -> helper",
		  "caller lock: the timer's path is named");
	CHECK_STR(field(&v, "a")->writers[1].locks[0].how, "root",
		  "caller lock: the timer's path holds only its own exclusion");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/*
 * Recursion keeps what the outer caller holds: walk() calls itself and is
 * entered only from op1 under m, so its write of a holds m.
 */
static void test_recursion(void)
{
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };

	one_location(&l, "s", ab);
	fr(&f, "op1", "runtime", "ioctl");
	fc(&f, "op1", "walk", "s.m:w@lexical");
	fc(&f, "walk", "walk", NULL);
	fw(&f, 10, "walk", "s", "a", "self", NULL);
	fw(&f, 20, "op1", "s", "b", "self", "s.m:w@lexical");
	verdict_compute(&v, &l, &f);
	CHECK_INT(field(&v, "a")->writers[0].nr_locks, 1, "recursion: m survives the cycle");
	CHECK_INT(v.v[0].locs[0].nr_races, 0, "recursion: no race");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/* Two readers of one rwsem do not exclude each other; a reader and a writer do. */
static void test_modes(void)
{
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };

	one_location(&l, "s", ab);
	fr(&f, "r1", "runtime", "read");
	fr(&f, "r2", "runtime", "write");
	fw(&f, 10, "r1", "s", "a", "self", "s.sem:r@lexical");
	fw(&f, 20, "r2", "s", "b", "self", "s.sem:r@lexical");
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.v[0].locs[0].nr_races, 1, "modes: r vs r races");
	CHECK_STR(v.v[0].locs[0].races[0].why,
		  "a is written by r1 (from read: r1) holding sem for reading, and b by r2 "
		  "(from write: r2) holding sem for reading: no common lock serializes them",
		  "modes: the sentence names both writers and their locks");
	CHECK_OWNED_STR(movers(&v, POLICY_PROVEN_RACE), "a",
			"modes: one of the pair moves (the first)");
	CHECK(field(&v, "b")->serialized_by == NULL, "modes: a shared hold is no serialization");
	verdict_release(&v);
	free_facts(&f);

	fr(&f, "r1", "runtime", "read");
	fr(&f, "r2", "runtime", "write");
	fw(&f, 10, "r1", "s", "a", "self", "s.sem:r@lexical");
	fw(&f, 20, "r2", "s", "b", "self", "s.sem:w@lexical");
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.v[0].locs[0].nr_races, 0, "modes: r vs w is serialized");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/*
 * Phases: a close path clearing a flag on each sibling (INSTANCE=iter) is
 * run time for that write; a function no root reaches is run time and says
 * so; a local copy is no writer at all; a function reached from setup and
 * run time is run time.
 */
static void test_phases(void)
{
	static const char *const abcd[] = { "a", "b", "c", "d", NULL };
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };
	const struct field_verdict *fv;

	one_location(&l, "s", abcd);
	fr(&f, "drv_close", "teardown", "close_device");
	fr(&f, "drv_probe", "setup", "probe");
	fr(&f, "drv_ioctl", "runtime", "ioctl");
	fc(&f, "drv_probe", "shared_helper", NULL);
	fc(&f, "drv_ioctl", "shared_helper", NULL);
	fw(&f, 10, "drv_close", "s", "a", "iter", NULL);
	fw(&f, 11, "drv_close", "s", "b", "self", NULL);
	fw(&f, 20, "orphan", "s", "c", "self", NULL);
	fw(&f, 30, "drv_probe", "s", "d", "local", NULL);
	fw(&f, 31, "shared_helper", "s", "d", "self", NULL);
	verdict_compute(&v, &l, &f);
	fv = field(&v, "a");
	CHECK_INT(fv->writers[0].phase, PHASE_RUNTIME, "phases: a sibling write is run time");
	CHECK_STR(fv->writers[0].phase_why, "writes a sibling through dev, which may be running",
		  "phases: ... and says why");
	CHECK_INT(field(&v, "b")->writers[0].phase, PHASE_TEARDOWN, "phases: own close is teardown");
	fv = field(&v, "c");
	CHECK_INT(fv->writers[0].phase, PHASE_RUNTIME, "phases: unreached is run time");
	CHECK_STR(fv->writers[0].phase_why, "no root reaches it", "phases: ... and says so");
	fv = field(&v, "d");
	CHECK_INT(fv->nr_writers, 1, "phases: a local copy is not a writer");
	CHECK_INT(fv->writers[0].phase, PHASE_RUNTIME, "phases: setup and run time is run time");
	CHECK_STR(fv->writers[0].phase_why, "from ioctl: drv_ioctl -> shared_helper",
		  "phases: the run-time path is the one named");
	CHECK_OWNED_STR(race_pairs(&v), "a/c a/d c/d", "phases: three run-time fields race");
	/*
	 * Any two of the triangle are a minimum cover; a and d are written
	 * from a root each, c from none, so a and d move (see test_stable_cover).
	 */
	CHECK_OWNED_STR(movers(&v, POLICY_PROVEN_RACE), "a d",
			"phases: a triangle needs two moves");
	CHECK_STR(v.v[0].notes[0], "some writers are reached from no known root: they are "
		  "counted as run time, and their callers' locks are unknown",
		  "phases: the unreached writer lowers confidence");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/*
 * A star: hub races with three fields that are serialized among themselves
 * by m.  Moving hub alone is the minimum cover.  The same field written by
 * two functions with no common lock is a data race, not a split.
 */
static void test_cover_and_data_race(void)
{
	static const char *const star[] = { "x", "y", "hub", "z", NULL };
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };
	const struct field_verdict *fv;

	one_location(&l, "s", star);
	fr(&f, "op1", "runtime", "ioctl");
	fr(&f, "op2", "runtime", "irq");
	fw(&f, 10, "op1", "s", "x", "self", "s.m:w@lexical");
	fw(&f, 11, "op1", "s", "y", "self", "s.m:w@lexical");
	fw(&f, 12, "op1", "s", "z", "self", "s.m:w@lexical");
	fw(&f, 20, "op2", "s", "hub", "self", NULL);
	fw(&f, 21, "op1", "s", "hub", "self", "s.m:w@lexical");
	verdict_compute(&v, &l, &f);
	CHECK_OWNED_STR(movers(&v, POLICY_PROVEN_RACE), "hub", "cover: the hub alone moves");
	fv = field(&v, "hub");
	CHECK_STR(fv->data_race,
		  "hub is written by op2 (drv.c:20) and op1 (drv.c:21) with no common lock: "
		  "a data race on the field itself, which splitting the bitfield does not fix",
		  "data race: reported on the field");
	CHECK(field(&v, "x")->data_race == NULL, "data race: none where m is held");
	CHECK_STR(field(&v, "x")->why, "x races only with hub, which moves out, and the "
		  "other run-time writers that stay here are serialized against it by m",
		  "cover: why x stays");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/*
 * Thirty run-time fields with no lock race pairwise: the minimum cover of
 * that complete graph is all fields but one, and the search must prove it
 * without falling back to the greedy cover.
 */
static void test_dense(void)
{
	static char names[30][16];
	const char *fields[31] = { NULL };
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };
	int moved = 0;

	for (int i = 0; i < 30; i++) {
		snprintf(names[i], sizeof(names[i]), "f%d", i);
		fields[i] = names[i];
	}
	one_location(&l, "s", fields);
	fr(&f, "op1", "runtime", "ioctl");
	fr(&f, "op2", "runtime", "write");
	for (int i = 0; i < 30; i++)
		fw(&f, 10 + (unsigned int)i, i % 2 ? "op1" : "op2", "s", names[i], "self", NULL);
	verdict_compute(&v, &l, &f);
	for (int i = 0; i < 30; i++)
		moved += v.v[0].locs[0].fields[i].moves[POLICY_PROVEN_RACE];
	CHECK_INT(v.v[0].locs[0].nr_races, 30 * 29 / 2, "dense: every pair races");
	CHECK_INT(moved, 29, "dense: all but one field moves");
	CHECK(!v.v[0].locs[0].cover_not_minimal, "dense: the cover is proven minimal");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/*
 * An irq handler never runs on two CPUs at once for one device, and a work
 * item neither: a and b, written only from the handler (b through a helper
 * it calls), do not race with each other; c, written from the work item
 * too, races with both; d, written by a helper that both reach, holds
 * neither root's exclusion.
 */
static void test_serial_roots(void)
{
	static const char *const abcd[] = { "a", "b", "c", "d", NULL };
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };

	one_location(&l, "s", abcd);
	fr(&f, "drv_irq", "runtime", "irq");
	fr(&f, "drv_work", "runtime", "work");
	fc(&f, "drv_irq", "irq_helper", NULL);
	fc(&f, "drv_irq", "both_helper", NULL);
	fc(&f, "drv_work", "both_helper", NULL);
	fw(&f, 10, "drv_irq", "s", "a", "self", NULL);
	fw(&f, 11, "irq_helper", "s", "b", "self", NULL);
	fw(&f, 20, "drv_work", "s", "c", "self", NULL);
	fw(&f, 30, "both_helper", "s", "d", "self", NULL);
	verdict_compute(&v, &l, &f);
	CHECK_OWNED_STR(race_pairs(&v), "a/c a/d b/c b/d c/d",
			"serial roots: the handler's own fields do not race");
	CHECK_STR(field(&v, "b")->writers[0].locks[0].id, "irq drv_irq",
		  "serial roots: the helper holds the handler's exclusion");
	CHECK_INT(field(&v, "d")->nr_writers, 2,
		  "serial roots: a helper of two roots is a writer on each path");
	CHECK_STR(field(&v, "d")->writers[0].locks[0].id, "irq drv_irq",
		  "serial roots: ... one holding the handler's exclusion");
	CHECK_STR(field(&v, "d")->writers[1].locks[0].id, "work drv_work",
		  "serial roots: ... the other the work item's");
	CHECK(field(&v, "a")->serialized_by == NULL,
	      "serial roots: a root's exclusion is no lock for the patch comment");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/* The fact last added, in another file than drv.c. */
static void in_file(struct facts *f, const char *file)
{
	f->v[f->nr - 1].file = (char *)file;
}

static void ffunc(struct facts *f, const char *file, const char *func, bool is_static)
{
	struct fact *x = fact_new(f, FACT_FUNC, file, 1, func);

	x->end_line = 2;
	x->is_static = is_static;
}

static void fpass(struct facts *f, const char *caller, const char *callee, int arg,
		  int from_arg)
{
	struct fact *x = fact_new(f, FACT_PASS, "drv.c", 1, caller);

	x->callee = (char *)callee;
	x->arg = arg;
	x->from_arg = from_arg;
}

static void fwparam(struct facts *f, unsigned int line, const char *func, int arg)
{
	struct fact *x = fact_new(f, FACT_WPARAM, "drv.c", line, func);

	x->arg = arg;
}

/*
 * Locksets by path.  helper() writes a; ioctl reaches it holding m, and
 * probe (setup) without any lock.  b is written at run time under m.  The
 * intersection over both callers was empty, so a "raced" with b; on the
 * only run-time path a holds m.  Then two run-time paths holding two
 * different locks, m and n, and b written holding both: each path of a
 * is serialized with b by its own lock.
 */
static void test_per_path(void)
{
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };

	one_location(&l, "s", ab);
	fr(&f, "drv_probe", "setup", "probe");
	fr(&f, "drv_ioctl", "runtime", "ioctl");
	fr(&f, "drv_write", "runtime", "write");
	fc(&f, "drv_probe", "helper", NULL);
	fc(&f, "drv_ioctl", "helper", "s.m:w@lexical");
	fw(&f, 10, "helper", "s", "a", "self", NULL);
	fw(&f, 20, "drv_write", "s", "b", "self", "s.m:w@lexical");
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.v[0].locs[0].nr_races, 0, "per path: an unlocked setup caller erases nothing");
	CHECK_INT(field(&v, "a")->nr_writers, 1, "per path: only the run-time path is a writer");
	CHECK_STR(field(&v, "a")->writers[0].phase_why, "from ioctl: drv_ioctl -> helper",
		  "per path: ... named by its path");
	verdict_release(&v);
	free_facts(&f);

	fr(&f, "op1", "runtime", "ioctl");
	fr(&f, "op2", "runtime", "read");
	fr(&f, "op3", "runtime", "write");
	fc(&f, "op1", "helper", "s.m:w@lexical");
	fc(&f, "op2", "helper", "s.n:w@lexical");
	fw(&f, 10, "helper", "s", "a", "self", NULL);
	fw(&f, 20, "op3", "s", "b", "self", "s.m:w@lexical,s.n:w@lexical");
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.v[0].locs[0].nr_races, 0, "per path: each path's own lock serializes");
	CHECK_INT(field(&v, "a")->nr_writers, 2, "per path: one writer per path lockset");
	verdict_release(&v);

	/* A third path holding neither races, and the sentence names that path. */
	fr(&f, "op4", "runtime", "mmap");
	fc(&f, "op4", "helper", NULL);
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.v[0].locs[0].nr_races, 1, "per path: a path holding neither races");
	CHECK_STR(v.v[0].locs[0].races[0].why,
		  "a is written by helper (from mmap: op4 -> helper) holding no lock, and b by "
		  "op3 (from write: op3) holding m and n: no common lock serializes them",
		  "per path: the racing path and its locks are the ones said");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/*
 * Bounded: more ioctls than CG_MAX_CONTEXTS each call helper() holding m
 * and a lock of their own.  Past the cap the contexts fold into their
 * intersection, which still holds m: at most that many writers, and
 * still no race with b, written under m.
 */
#define NR_CAP_OPS (CG_MAX_CONTEXTS + 16)
static void test_context_cap(void)
{
	static char names[NR_CAP_OPS][16], locks[NR_CAP_OPS][40];
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };

	one_location(&l, "s", ab);
	for (int i = 0; i < NR_CAP_OPS; i++) {
		snprintf(names[i], sizeof(names[i]), "op%d", i);
		snprintf(locks[i], sizeof(locks[i]), "s.m:w@lexical,s.l%d:w@lexical", i);
		fr(&f, names[i], "runtime", "ioctl");
		fc(&f, names[i], "helper", locks[i]);
	}
	fw(&f, 10, "helper", "s", "a", "self", NULL);
	fw(&f, 20, "op0", "s", "b", "self", "s.m:w@lexical");
	verdict_compute(&v, &l, &f);
	CHECK(field(&v, "a")->nr_writers <= CG_MAX_CONTEXTS, "cap: the contexts of helper are bounded");
	CHECK_INT(v.v[0].locs[0].nr_races, 0, "cap: folding keeps the common lock");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/*
 * Two static helper()s: a.c's writes a and is called under m; b.c's is
 * called without a lock and writes nothing here.  Merged by name, a.c's
 * helper would be entered without m from b.c and race with b.
 */
static void test_static_functions(void)
{
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };

	one_location(&l, "s", ab);
	ffunc(&f, "a.c", "helper", true);
	ffunc(&f, "b.c", "helper", true);
	fr(&f, "op1", "runtime", "ioctl");
	in_file(&f, "a.c");
	fr(&f, "op2", "runtime", "read");
	in_file(&f, "b.c");
	fc(&f, "op1", "helper", "s.m:w@lexical");
	in_file(&f, "a.c");
	fc(&f, "op2", "helper", NULL);
	in_file(&f, "b.c");
	fw(&f, 10, "helper", "s", "a", "self", NULL);
	in_file(&f, "a.c");
	fw(&f, 20, "op1", "s", "b", "self", "s.m:w@lexical");
	in_file(&f, "a.c");
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.v[0].locs[0].nr_races, 0, "static: a.c's helper is entered only under m");
	CHECK_INT(field(&v, "a")->nr_writers, 1, "static: one path reaches a.c's helper");
	verdict_release(&v);

	/* Without LINKAGE (an older facts file) they are one global function. */
	f.v[0].is_static = f.v[1].is_static = false;
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.v[0].locs[0].nr_races, 1, "static: global by default, merged by name");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/*
 * Thread-private objects.  ioctl allocates an argument block and passes
 * it to fill() (argument 0), which passes it on to fill2() (argument 1);
 * both write a through that parameter.  write() writes b with no lock.
 * A direct write to a fresh object (INSTANCE private) is no writer
 * either.  Then a path passing a shared object to fill() is a writer.
 */
static void test_private(void)
{
	static const char *const abc[] = { "a", "b", "c", NULL };
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };
	const struct field_verdict *fv;

	one_location(&l, "s", abc);
	fr(&f, "drv_ioctl", "runtime", "ioctl");
	fr(&f, "drv_write", "runtime", "write");
	fc(&f, "drv_ioctl", "fill", NULL);
	fc(&f, "fill", "fill2", NULL);
	fpass(&f, "drv_ioctl", "fill", 0, -1);
	fpass(&f, "fill", "fill2", 1, 0);
	fw(&f, 10, "fill", "s", "a", "self", NULL);
	fwparam(&f, 10, "fill", 0);
	fw(&f, 11, "fill2", "s", "a", "self", NULL);
	fwparam(&f, 11, "fill2", 1);
	fw(&f, 12, "drv_ioctl", "s", "c", "private", NULL);
	fw(&f, 20, "drv_write", "s", "b", "self", NULL);
	fw(&f, 21, "drv_write", "s", "c", "self", "s.m:w@lexical");
	verdict_compute(&v, &l, &f);
	fv = field(&v, "a");
	CHECK_INT(fv->nr_writers, 0, "private: writes through a private parameter are no writers");
	CHECK(fv->local_only, "private: ... the field is written on private objects only");
	CHECK_STR(fv->why, "a is written only on objects private to the writer's call tree "
		  "(a stack object, or one allocated and not yet published), which no other "
		  "context sees", "private: and says so");
	CHECK_INT(field(&v, "c")->nr_writers, 1, "private: a fresh object's write is no writer");
	CHECK_OWNED_STR(race_pairs(&v), "b/c", "private: only the shared writers race");
	verdict_release(&v);

	fr(&f, "drv_read", "runtime", "read");
	fc(&f, "drv_read", "fill", NULL);
	verdict_compute(&v, &l, &f);
	fv = field(&v, "a");
	CHECK_INT(fv->nr_writers, 2, "private: a shared object passed in makes both writers");
	CHECK_STR(fv->writers[1].phase_why, "from read: drv_read -> fill -> fill2",
		  "private: ... on the path that passes it");
	verdict_release(&v);
	free_facts(&f);

	/* Every write private or on the stack: the struct is left out, with why. */
	fr(&f, "drv_ioctl", "runtime", "ioctl");
	fw(&f, 10, "drv_ioctl", "s", "a", "private", NULL);
	fw(&f, 11, "drv_ioctl", "s", "b", "local", NULL);
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.nr, 0, "private: a struct never shared is not in the verdict");
	CHECK_INT(v.nr_left_out, 1, "private: ... but in the list of those left out");
	CHECK_STR(v.left_out[0].why, "its instances are never shared: every bitfield write is "
		  "to a stack object or to an object its writer's call tree allocated and has "
		  "not published", "private: ... with the reason");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/*
 * Scope: a header inline nothing analysed calls writes a; it is no
 * writer.  A sibling written after an open-count guard (INSTANCE closed)
 * is teardown, not run time.
 */
static void test_scope(void)
{
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };

	one_location(&l, "s", ab);
	fr(&f, "drv_ioctl", "runtime", "ioctl");
	fr(&f, "drv_close", "teardown", "close_device");
	fw(&f, 10, "wake_inline", "s", "a", "self", NULL);
	in_file(&f, "include/pm.h");
	fw(&f, 20, "drv_ioctl", "s", "b", "self", NULL);
	fw(&f, 30, "drv_close", "s", "b", "closed", NULL);
	verdict_compute(&v, &l, &f);
	CHECK_INT(field(&v, "a")->nr_writers, 0, "scope: an unreached header inline is no writer");
	CHECK_INT(v.v[0].locs[0].nr_races, 0, "scope: so nothing races");
	CHECK_INT(field(&v, "b")->writers[1].phase, PHASE_TEARDOWN,
		  "scope: a sibling of a closed set is teardown");
	CHECK_STR(field(&v, "b")->writers[1].phase_why, "writes a sibling through dev only "
		  "when no other member of its set is open (an open-count guard returns first)",
		  "scope: ... and says why");
	verdict_release(&v);

	fc(&f, "drv_ioctl", "wake_inline", NULL);
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.v[0].locs[0].nr_races, 1, "scope: an inline ioctl calls is a writer");
	verdict_release(&v);
	free_facts(&f);

	/* A dispatch site the facts pass read outside the PATHs is said. */
	fr(&f, "drv_feature", "runtime", "device_feature");
	fw(&f, 10, "drv_feature", "s", "a", "self", NULL);
	fw(&f, 11, "drv_feature", "s", "b", "self", NULL);
	fact_new(&f, FACT_DISPATCH, "drivers/vfio/vfio_main.c", 1234,
		 "vfio_ioctl_device_feature")->field = "device_feature";
	verdict_compute(&v, &l, &f);
	CHECK_INT(v.nr_notes, 1, "scope: one run note for the dispatch site");
	CHECK_STR(v.notes[0], "what drivers/vfio/vfio_main.c holds when "
		  "vfio_ioctl_device_feature() calls ->device_feature() was analysed "
		  "(drivers/vfio/vfio_main.c:1234)", "scope: ... naming it");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}


/*
 * A stable cover: p and q race only with each other, so either is a
 * minimum cover.  p's writer holds m, q's no lock: q moves, though p is
 * declared first and the search meets it first.  Then r and s, both
 * unlocked: s is written from two run-time roots, r from one: s moves.
 */
static void test_stable_cover(void)
{
	static const char *const pq[] = { "p", "q", NULL };
	static const char *const rs[] = { "r", "s", NULL };
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };

	one_location(&l, "s", pq);
	fr(&f, "op1", "runtime", "ioctl");
	fr(&f, "op2", "runtime", "write");
	fw(&f, 10, "op1", "s", "p", "self", "s.m:w@lexical");
	fw(&f, 20, "op2", "s", "q", "self", NULL);
	verdict_compute(&v, &l, &f);
	CHECK_OWNED_STR(movers(&v, POLICY_PROVEN_RACE), "q", "stable: the unlocked field moves");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);

	one_location(&l, "s", rs);
	fr(&f, "op1", "runtime", "ioctl");
	fr(&f, "op2", "runtime", "write");
	fr(&f, "op3", "runtime", "read");
	fw(&f, 10, "op1", "s", "r", "self", NULL);
	fw(&f, 20, "op2", "s", "s", "self", NULL);
	fw(&f, 21, "op3", "s", "s", "self", NULL);
	verdict_compute(&v, &l, &f);
	CHECK_OWNED_STR(movers(&v, POLICY_PROVEN_RACE), "s",
			"stable: the field written from more roots moves");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/*
 * The example, with the evidence complete: pm_runtime_engaged is
 * written under memory_lock (through the wrapper) and a runtime-PM
 * reference, virq_disabled and bardirty under the reference alone, and
 * pm_intx_masked by the PM callbacks.  The race graph is the triangle
 * virq_disabled, bardirty, pm_runtime_engaged; any two are a minimum
 * cover.  The one to move is the unlocked pair, whatever the order of
 * declaration (here pm_runtime_engaged first, which a search by degree
 * and index moved) and however many roots reach pm_runtime_engaged.
 */
static void test_vfio_cover(void)
{
	static const char *const order[] = {
		"pm_runtime_engaged", "virq_disabled", "bardirty", "pm_intx_masked", NULL,
	};
	const char *S = "vfpci_device";
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };

	one_location(&l, S, order);
	fr(&f, "vfpci_write", "runtime", "write");
	fr(&f, "vfpci_feature", "runtime", "device_feature");
	fr_holding(&f, "vfpci_runtime_suspend", "runtime", "runtime_suspend", "runtime_pm:w@entry");
	fc(&f, "vfpci_write", "vfpci_basic_config_write", "runtime_pm:r@lexical");
	fc(&f, "vfpci_feature", "vfpci_pm_entry", "runtime_pm:r@lexical");
	fw(&f, 96, "vfpci_basic_config_write", S, "virq_disabled", "self", NULL);
	fw(&f, 105, "vfpci_basic_config_write", S, "bardirty", "self", NULL);
	fw(&f, 138, "vfpci_pm_entry", S, "pm_runtime_engaged", "self", MEM ":w@lexical");
	fw(&f, 180, "vfpci_runtime_suspend", S, "pm_intx_masked", "self", NULL);
	verdict_compute(&v, &l, &f);
	CHECK_OWNED_STR(race_pairs(&v), "pm_runtime_engaged/virq_disabled "
			"pm_runtime_engaged/bardirty virq_disabled/bardirty",
			"vfio cover: the triangle of the config-space pair and the PM entry");
	CHECK_OWNED_STR(movers(&v, POLICY_PROVEN_RACE), "virq_disabled bardirty",
			"vfio cover: the unlocked pair moves");
	verdict_release(&v);

	/* More evidence for pm_runtime_engaged: a second root. Same cover. */
	fr(&f, "vfpci_ioctl", "runtime", "ioctl");
	fc(&f, "vfpci_ioctl", "vfpci_pm_entry", "runtime_pm:r@lexical");
	verdict_compute(&v, &l, &f);
	CHECK_OWNED_STR(movers(&v, POLICY_PROVEN_RACE), "virq_disabled bardirty",
			"vfio cover: a new root does not flip it");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

static void fthread(struct facts *f, unsigned int line, const char *func, const char *event,
		    const char *entry)
{
	struct fact *x = fact_new(f, FACT_THREAD, "drv.c", line, func);

	x->why = (char *)event;
	x->callee = (char *)entry;
}

static void fspan(struct facts *f, const char *func, unsigned int begin, unsigned int end)
{
	struct fact *x = fact_new(f, FACT_FUNC, "drv.c", begin, func);

	x->end_line = end;
}

/*
 * Thread windows.  main (lines 10-30) starts worker at 15 and joins it at
 * 25: a at 12 is setup, b at 20 runs alongside worker (which writes c),
 * d at 28 is teardown.  main calls helper at 21, inside the window:
 * helper's e is run time too, and holds the creating thread's order with
 * b.  start() (40-45) returns with its threads running and stop() (50-55)
 * joins them; run() (60-70) calls them at 62 and 66 and writes f at 64 in
 * between.  orphan() is called by nothing: its g is unknown in userspace,
 * run time in the kernel, and so is h, which it writes through an array
 * cursor (a sibling device that may be running in the kernel, one more
 * object in a program).
 */
static void test_thread_windows(void)
{
	static const char *const fields[] = { "a", "b", "c", "d", "e", "f", "g", "h", NULL };
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { .userspace = true };

	one_location(&l, "s", fields);
	fr(&f, "main", "setup", "main");
	fr(&f, "worker", "runtime", "thread");
	fspan(&f, "main", 10, 30);
	fspan(&f, "start", 40, 45);
	fspan(&f, "stop", 50, 55);
	fspan(&f, "run", 60, 70);
	fthread(&f, 15, "main", "create", "worker");
	fthread(&f, 25, "main", "join", NULL);
	fthread(&f, 42, "start", "create", "worker");
	fthread(&f, 53, "stop", "join", NULL);
	fc(&f, "main", "helper", NULL);
	f.v[f.nr - 1].line = 21;
	fc(&f, "main", "run", NULL);
	f.v[f.nr - 1].line = 29;
	fc(&f, "run", "start", NULL);
	f.v[f.nr - 1].line = 62;
	fc(&f, "run", "stop", NULL);
	f.v[f.nr - 1].line = 66;
	fw(&f, 12, "main", "s", "a", "self", NULL);
	fw(&f, 20, "main", "s", "b", "self", NULL);
	fw(&f, 33, "worker", "s", "c", "self", NULL);
	fw(&f, 28, "main", "s", "d", "self", NULL);
	fw(&f, 35, "helper", "s", "e", "self", NULL);
	fw(&f, 64, "run", "s", "f", "self", NULL);
	fw(&f, 80, "orphan", "s", "g", "self", NULL);
	fw(&f, 81, "orphan", "s", "h", "iter", NULL);
	verdict_compute(&v, &l, &f);
	CHECK_INT(field(&v, "a")->writers[0].phase, PHASE_SETUP, "windows: before the create is setup");
	CHECK_INT(field(&v, "b")->writers[0].phase, PHASE_RUNTIME, "windows: between create and join is run time");
	CHECK_INT(field(&v, "d")->writers[0].phase, PHASE_TEARDOWN, "windows: after the join is teardown");
	CHECK_INT(field(&v, "e")->writers[0].phase, PHASE_RUNTIME, "windows: a call in the window carries it");
	CHECK_INT(field(&v, "f")->writers[0].phase, PHASE_RUNTIME,
		  "windows: between a starting and a joining helper is run time");
	CHECK_INT(field(&v, "g")->writers[0].phase, PHASE_UNKNOWN, "windows: unreached is unknown in userspace");
	CHECK_INT(field(&v, "h")->writers[0].phase, PHASE_UNKNOWN,
		  "windows: an array cursor is no running sibling in userspace");
	CHECK_STR(field(&v, "b")->writers[0].locks[0].id, CREATOR_LOCK,
		  "windows: the window holds the creating thread's order");
	CHECK_OWNED_STR(race_pairs(&v), "b/c c/e c/f",
			"windows: the creator races with its threads, not with itself");
	verdict_release(&v);
	v = (struct verdict){ 0 };
	verdict_compute(&v, &l, &f);
	CHECK_INT(field(&v, "g")->writers[0].phase, PHASE_RUNTIME, "windows: unreached is run time in the kernel");
	CHECK_INT(field(&v, "h")->writers[0].phase, PHASE_RUNTIME,
		  "windows: an array cursor is a running sibling in the kernel");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

static void fapart(struct facts *f, unsigned int line, const char *func, unsigned int from)
{
	struct fact *x = fact_new(f, FACT_APART, "drv.c", line, func);

	x->end_line = from;
}

/*
 * A function no root reaches holds what every call the files make to it
 * holds: pcie_update_aspm_capable(), whose two callers take aspm_lock
 * around the call.  helper() writes a and is called from f1() and, through
 * f3() (reached by no root either), f2(), each call under m; drv_ioctl
 * writes b under m.  Then a caller that takes no lock: the writer holds
 * nothing and a races with b.
 */
static void test_unreached_callers(void)
{
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };
	const struct field_writer *w;

	one_location(&l, "s", ab);
	fr(&f, "drv_ioctl", "runtime", "ioctl");
	fc(&f, "f1", "helper", "s.m:w@lexical");
	fc(&f, "f2", "f3", "s.m:w@lexical");
	fc(&f, "f3", "helper", NULL);
	fw(&f, 10, "helper", "s", "a", "self", NULL);
	fw(&f, 20, "drv_ioctl", "s", "b", "self", "s.m:w@lexical");
	verdict_compute(&v, &l, &f);
	w = &field(&v, "a")->writers[0];
	CHECK(w->nr_locks == 1 && !strcmp(w->locks[0].id, "s.m") && !strcmp(w->locks[0].how, "caller"),
	      "unreached callers: helper holds m, as every call to it does");
	CHECK_OWNED_STR(race_pairs(&v), "", "unreached callers: so a does not race with b");
	verdict_release(&v);
	fc(&f, "f4", "helper", NULL);
	verdict_compute(&v, &l, &f);
	CHECK_INT(field(&v, "a")->writers[0].nr_locks, 0,
		  "unreached callers: one call without m, and helper holds nothing");
	CHECK_OWNED_STR(race_pairs(&v), "a/b", "unreached callers: ... and a races with b");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/*
 * A thread's own work items.  Each worker thread (a root of kind thread at
 * drv.c:1) gets an argument of its own from its create (pass FROM own);
 * it writes a on an object reached from it and hands it to help(), which
 * writes b through its parameter (own=0).  Two workers write other
 * objects, so a and b do not race; another thread, other(), writes c
 * with no such argument and races with both.  Without the own start the
 * workers share their objects and a races with b.
 */
static void own_facts(struct facts *f, bool own_start)
{
	fr(f, "worker", "runtime", "thread");
	fr(f, "other", "runtime", "thread");
	fc(f, "worker", "help", NULL);
	if (own_start) {
		fpass(f, "main", "worker", 0, -1);
		f->v[f->nr - 1].own = true;
	}
	fpass(f, "worker", "help", 0, 0);
	f->v[f->nr - 1].own = true;
	fw(f, 10, "worker", "s", "a", "self", NULL);
	fwparam(f, 10, "worker", 0);
	f->v[f->nr - 1].own = true;
	fw(f, 11, "help", "s", "b", "self", NULL);
	fwparam(f, 11, "help", 0);
	fw(f, 20, "other", "s", "c", "self", NULL);
}

static void test_own_items(void)
{
	static const char *const abc[] = { "a", "b", "c", NULL };
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { 0 };

	one_location(&l, "s", abc);
	own_facts(&f, true);
	verdict_compute(&v, &l, &f);
	CHECK(field(&v, "a")->writers[0].own && field(&v, "b")->writers[0].own,
	      "own items: the workers' writers are on their own items");
	CHECK(!field(&v, "c")->writers[0].own, "own items: ... other()'s is not");
	CHECK_OWNED_STR(race_pairs(&v), "a/c b/c",
			"own items: two workers write other objects; other() races with both");
	verdict_release(&v);
	free_facts(&f);
	own_facts(&f, false);
	verdict_compute(&v, &l, &f);
	CHECK_OWNED_STR(race_pairs(&v), "a/b a/c b/c",
			"own items: without an argument of its own a worker races with itself");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

/*
 * Windows by paths.  main (10-30) starts worker at 15 and at 18 and joins
 * at 25; no path from 15 reaches a at 16 (its else branch), nor from
 * either start b at 20 and the call to helper at 21; c at 22 is apart from
 * 15 only, and the start at 18 reaches it.  run() (60-70) calls start() at
 * 62, which returns with its threads running, and stop() at 68: d at 64 is
 * apart from 62, e at 65 is not; start()'s p at 41, before its own create,
 * is setup although run()'s window opens at the call to start().
 */
static void test_thread_apart(void)
{
	static const char *const fields[] = { "a", "b", "c", "d", "e", "h", "p", "w", NULL };
	struct bs_layout l = { 0 };
	struct facts f = { 0 };
	struct verdict v = { .userspace = true };

	one_location(&l, "s", fields);
	fr(&f, "main", "setup", "main");
	fr(&f, "worker", "runtime", "thread");
	fspan(&f, "main", 10, 30);
	fspan(&f, "start", 40, 45);
	fspan(&f, "stop", 50, 55);
	fspan(&f, "run", 60, 70);
	fthread(&f, 15, "main", "create", "worker");
	fthread(&f, 18, "main", "create", "worker");
	fthread(&f, 25, "main", "join", NULL);
	fthread(&f, 42, "start", "create", "worker");
	fthread(&f, 53, "stop", "join", NULL);
	fapart(&f, 16, "main", 15);
	fapart(&f, 20, "main", 15);
	fapart(&f, 20, "main", 18);
	fapart(&f, 21, "main", 15);
	fapart(&f, 21, "main", 18);
	fapart(&f, 22, "main", 15);
	fapart(&f, 64, "run", 62);
	fc(&f, "main", "helper", NULL);
	f.v[f.nr - 1].line = 21;
	fc(&f, "main", "run", NULL);
	f.v[f.nr - 1].line = 29;
	fc(&f, "run", "start", NULL);
	f.v[f.nr - 1].line = 62;
	fc(&f, "run", "stop", NULL);
	f.v[f.nr - 1].line = 68;
	fw(&f, 16, "main", "s", "a", "self", NULL);
	fw(&f, 20, "main", "s", "b", "self", NULL);
	fw(&f, 22, "main", "s", "c", "self", NULL);
	fw(&f, 64, "run", "s", "d", "self", NULL);
	fw(&f, 65, "run", "s", "e", "self", NULL);
	fw(&f, 35, "helper", "s", "h", "self", NULL);
	fw(&f, 33, "worker", "s", "w", "self", NULL);
	fw(&f, 41, "start", "s", "p", "self", NULL);
	verdict_compute(&v, &l, &f);
	CHECK_INT(field(&v, "p")->writers[0].phase, PHASE_SETUP,
		  "apart: a start is not in the window it opens");
	CHECK_INT(field(&v, "a")->writers[0].phase, PHASE_SETUP,
		  "apart: a branch no start reaches is setup");
	CHECK_INT(field(&v, "b")->writers[0].phase, PHASE_SETUP,
		  "apart: a store apart from every start is setup");
	CHECK_INT(field(&v, "h")->writers[0].phase, PHASE_SETUP,
		  "apart: a call apart from every start carries no window");
	CHECK_INT(field(&v, "c")->writers[0].phase, PHASE_RUNTIME,
		  "apart: another start that reaches it makes it run time");
	CHECK_INT(field(&v, "d")->writers[0].phase, PHASE_SETUP,
		  "apart: after a starting helper, on another branch, is setup");
	CHECK_INT(field(&v, "e")->writers[0].phase, PHASE_RUNTIME,
		  "apart: after a starting helper, on its path, is run time");
	CHECK_OWNED_STR(race_pairs(&v), "c/w e/w",
			"apart: only the stores on a path from a start race");
	verdict_release(&v);
	free_facts(&f);
	free_layout(&l);
}

int main(void)
{
	enum policy p;

	CHECK(policy_parse("proven-race", &p) == 0 && p == POLICY_PROVEN_RACE,
	      "policy: proven-race parses");
	CHECK(policy_parse("setup-only", &p) == 0 && p == POLICY_SETUP_ONLY,
	      "policy: setup-only parses");
	CHECK(policy_parse("strict", &p) == -1, "policy: unknown name is refused");
	CHECK_STR(lock_short_name("vfpci_device.memory_lock"), "memory_lock", "short lock name");
	test_vfio();
	test_caller_lock();
	test_recursion();
	test_modes();
	test_phases();
	test_cover_and_data_race();
	test_dense();
	test_serial_roots();
	test_per_path();
	test_context_cap();
	test_static_functions();
	test_private();
	test_scope();
	test_stable_cover();
	test_vfio_cover();
	test_thread_windows();
	test_thread_apart();
	test_own_items();
	test_unreached_callers();
	return unit_done();
}
