// SPDX-License-Identifier: GPL-2.0
/// Lock summaries for bitsplit: the functions of the analysed files that act
/// as a lock call at their call sites, written as vocabulary lines (the
/// format of locks-kernel.txt) for facts.cocci.  Run by "bitsplit facts"
/// before the facts pass, again while a round learns a new name:
///
///   spatch --macro-file kernel-macros.h -D bitsplit_data=LOCKS:...
///          -D bitsplit_user=LOCKS:...|- -D bitsplit_out=OUT -D bitsplit_lib=DIR
///          --sp-file lock_summary.cocci FILE...
///
/// bitsplit_data is every vocabulary (what earlier rounds learned among
/// them), bitsplit_user the --data files, whose entries are never
/// overridden; a function the files define overrides a preset entry of its
/// name.  OUT gets "FILE<TAB>VOCABULARY-LINE" lines, FILE defining the
/// wrapper (or calling the pair of an assumed claim).
///
/// A function is
///   a lock wrapper    when every path through it passes a lock call on a
///                     lock named from a parameter (&p->lock, p->lock, p)
///                     or a global, and it never releases that lock;
///   a release wrapper likewise for an unlock call it never re-takes;
///   a trylock wrapper when it returns a trylock call (or its negation);
///   a conditional pair when one function takes a lock only under
///                     "if (C)" and another releases it under the same C
///                     (a get/put pair that skips devices without PM ops);
///   a claim           when it waits until p->F is clear (a loop or if on
///                     it and a sleep) and sets p->F under a lock; the paired
///                     release clears p->F and wakes the waiters;
///   an assumed claim  when only names show it: a caller calls X_claim*(E)
///                     and X_release*(E), lock_X(E) and unlock_X(E), or
///                     X_lock(E) and X_unlock(E), none of them known;
///   an allocator      when it returns an object it got from an allocator
///                     (kzalloc(), or one learned in an earlier round), on
///                     no path handed to anyone first, and returns nothing
///                     else but NULL or an error pointer: "alloc NAME", the
///                     line of objects-kernel.txt, so the facts pass treats
///                     what it returns as the fresh object it is.
// Requires: 1.1.1
// Confidence: Moderate

@initialize:python@
data << virtual.bitsplit_data;
out << virtual.bitsplit_out;
lib << virtual.bitsplit_lib;
user << virtual.bitsplit_user;
funcs_path << virtual.bitsplit_funcs;
@@
import re
import sys
sys.dont_write_bytecode = True	# never write into the data directory
sys.path.insert(0, lib)
import lockvocab

LOCKS = lockvocab.load(data.split(":"))
KEEP = set(lockvocab.load(user.split(":")) if user != "-" else ())

def object_names(paths):
	"""The names of the object-vocabulary lines, by kind (alloc, fill)."""
	names = {"alloc": set(), "fill": set()}
	for path in paths:
		for line in open(path):
			f = line.split()
			if len(f) > 1 and f[0] in names:
				names[f[0]].add(f[1])
	return names

OBJECTS = object_names(data.split(":"))
ALLOCS, FILLS = OBJECTS["alloc"], OBJECTS["fill"]
# A function the user's --data names as an allocator or a filler is what
# that says, never learned otherwise.
for kind in object_names(user.split(":") if user != "-" else ()).values():
	KEEP |= kind
coccinelle.params = []		# (file, func, name, index, struct, is_pointer)
coccinelle.vars = []		# (file, func or None, name, struct, is_pointer)
coccinelle.ops = []		# (kind, file, func, first, last, callee, line, col)
coccinelle.sets = []		# (file, func, first, last, base, field, value, line)
coccinelle.pcalls = []		# (file, func, callee, line, col)
LOCK_CALLS = {}			# file -> lock calls of the functions that may wrap one
coccinelle.conds = []		# (file, func, first, last, callee, cond, if line, line, col)
coccinelle.defs = []		# functions these files define
coccinelle.rets = []		# (file, func, line, col, expression) of each return
coccinelle.unshared = []		# (file, func, line, col, name) of a return of a fresh object
coccinelle.pubret = []		# (file, func, line, col) of one some path hands out or fills otherwise

# Name pairs that read as a claim and its release.
PAIRS = [(re.compile(r"^(\w*)_claim(\w*)$"), r"\1_release\2"),
	 (re.compile(r"^lock_(\w+)$"), r"unlock_\1"),
	 (re.compile(r"^(\w+)_lock$"), r"\1_unlock")]

def partner(f):
	for pat, rel in PAIRS:
		if pat.match(f):
			return pat.sub(rel, f)
	return None

OURS = set(l.strip() for l in open(funcs_path))	# functions the files define

def is_lock(f):
	return f in LOCKS

def is_ours(f):
	return f in OURS and f not in LOCKS

def is_known(f):
	return f in LOCKS or f in OURS

def is_alloc(f):
	return f in ALLOCS

def publishes(f):
	"""Handing an object to f may share it: the facts pass's rule."""
	return f not in OURS and f not in FILLS and f not in LOCKS and f not in ALLOCS

def ret_at(facts, p, *more):
	pos = p[0]
	if pos.current_element != "something_else":
		facts.append((pos.file, pos.current_element, int(pos.line), int(pos.column)) + more)

TEXT = {}
def lines_of(path):
	if path not in TEXT:
		TEXT[path] = open(path, errors="replace").read().split(chr(10))
	return TEXT[path]

# A wrapper is short, and its lock calls do not pair up: the rule over
# every path is not tried on longer or balanced functions (its cost grows
# with the paths of a function).
MAX_WRAPPER_LINES = 60
ACQ_NAMES = set(n for n in LOCKS if LOCKS[n].action in ("lock", "trylock", "trylock0"))
REL_NAMES = set(n for n in LOCKS if LOCKS[n].action == "unlock")

def may_wrap(pos):
	first, last = int(pos.current_element_line), int(pos.current_element_line_end)
	if last - first > MAX_WRAPPER_LINES:
		return False
	names = [m.group(1) for l in lines_of(pos.file)[first - 1:last]
		 for m in re.finditer(r"\b(\w+)\s*\(", l)]
	return (sum(n in ACQ_NAMES for n in names) != sum(n in REL_NAMES for n in names))

COND = re.compile(r"^(if|else|while|for|do|switch|case|default)\b")

def unconditional(pos):
	"""Is the call at pos a statement of its function's outermost block,
	with no return or goto before it?"""
	ls = lines_of(pos.file)
	first, line, col = int(pos.current_element_line), int(pos.line), int(pos.column)
	text = chr(10).join(ls[first - 1:line - 1] + [ls[line - 1][:col]])
	body = text[text.find("{") + 1:] if "{" in text else None
	if body is None:
		return False
	depth, last = 0, 0
	for i, c in enumerate(body):
		if c in "({[":
			depth += 1
		elif c in ")}]":
			depth -= 1
		if depth == 0 and c in ";{}":
			last = i + 1
	stmt = body[last:].strip()
	return (depth == 0 and not re.search(r"\b(return|goto)\b", body[:last]) and
		not COND.match(stmt) and not re.search(r"[?:]", stmt))

def pairish(f):
	# An assumption of an earlier round is made again, or not, from the calls.
	known = f in LOCKS and LOCKS[f].how != "assumed-claim"
	return not known and f not in KEEP and (partner(f) is not None or
				   re.search(r"_release|unlock", f) is not None)

def base_type(t):
	t = t.replace("const ", "").replace("volatile ", "").strip()
	ptr = t.endswith("*")
	t = t.rstrip("* ").strip()
	if t.startswith("struct "):
		t = t[len("struct "):].strip()
	return t, ptr

def op(kind, p, callee):
	pos = p[0]
	if pos.current_element != "something_else":
		coccinelle.ops.append((kind, pos.file, pos.current_element,
			int(pos.current_element_line), int(pos.current_element_line_end),
			callee, int(pos.line), int(pos.column_end)))

@vparam@
identifier fn, x;
type S;
parameter list[n] ps;
position p;
@@
fn(ps, S x@p, ...) { ... }

@script:python@
fn << vparam.fn;
x << vparam.x;
S << vparam.S;
n << vparam.n;
p << vparam.p;
@@
st, ptr = base_type(S)
coccinelle.params.append((p[0].file, fn, x, int(n), st, ptr))

@vlocal@
identifier x;
type S;
expression E;
position p;
@@
(
 S x@p;
|
 S x@p = E;
)

@script:python@
x << vlocal.x;
S << vlocal.S;
p << vlocal.p;
@@
fn = p[0].current_element
st, ptr = base_type(S)
coccinelle.vars.append((p[0].file, None if fn == "something_else" else fn, x, st, ptr))

@fdef@
identifier fn;
position p;
@@
fn@p(...) { ... }

@script:python@
fn << fdef.fn;
p << fdef.p;
@@
coccinelle.defs.append((p[0].file, fn))

@must@
// The lock calls every path through a function passes (the rule is not
// "exists") ...
identifier fn, f : script:python() { is_lock(f) };
position pf : script:python() { may_wrap(pf[0]) };
position pl;
@@
fn@pf(...) {
 ...
 f@pl(...)
 ...
}

@script:python@
f << must.f;
pl << must.pl;
@@
op("must", pl, f)

@ocall@
// ... and the calls of the functions the files define, which the fixed
// point below may learn as wrappers: every path passes such a call when it
// is a statement of the function's outermost block with no return before
// it (the text says so; a rule per callee over every path costs too much).
identifier f : script:python() { is_ours(f) };
position pc;
@@
f@pc(...)

@script:python@
f << ocall.f;
pc << ocall.pc;
@@
if unconditional(pc[0]):
	op("must", pc, f)

@try@
identifier tl : script:python() { is_known(tl) };
position pt;
@@
(
 return tl@pt(...);
|
 return tl@pt(...) != 0;
)

@script:python@
tl << try.tl;
pt << try.pt;
@@
op("try", pt, tl)

@tryneg@
identifier tl : script:python() { is_known(tl) };
position pt;
@@
(
 return !(tl@pt(...));
|
 return tl@pt(...) == 0;
)

@script:python@
tl << tryneg.tl;
pt << tryneg.pt;
@@
op("tryneg", pt, tl)

@flag@
// Stores into a member of a parameter: the owner flag of a claim.
identifier x, fld;
expression V;
position ps;
@@
x@ps->fld = V

@script:python@
x << flag.x;
fld << flag.fld;
V << flag.V;
ps << flag.ps;
@@
pos = ps[0]
if pos.current_element != "something_else":
	coccinelle.sets.append((pos.file, pos.current_element,
		int(pos.current_element_line), int(pos.current_element_line_end), x, fld,
		"".join(V.split()), int(pos.line)))

@lkcall@
// Lock calls of the functions that may wrap one, for condop.
identifier f : script:python() { is_lock(f) };
position pl : script:python() { may_wrap(pl[0]) };
@@
f@pl(...)

@script:python@
f << lkcall.f;
pl << lkcall.pl;
@@
pos = pl[0]
if pos.current_element != "something_else":
	LOCK_CALLS.setdefault(pos.file, []).append((int(pos.line), int(pos.column), f,
		pos.current_element, int(pos.current_element_line),
		int(pos.current_element_line_end), int(pos.column_end)))

@condop@
// Lock calls under an if: a get/put pair guarded by one condition.  The
// calls inside the braces are taken from the text: a free position under
// "<+... ...+>" is tried from every if of the function (10 s of the
// 11 s on fs/nfs/pnfs.c).
expression C;
position pi : script:python() { pi[0].file in LOCK_CALLS };
@@
if@pi (C) { ... }

@script:python@
C << condop.C;
pi << condop.pi;
@@
pos = pi[0]
end = lockvocab.stmt_end(lines_of(pos.file), int(pos.line), int(pos.column))
for line, col, f, fn, first, last, col_end in LOCK_CALLS.get(pos.file, ()):
	if fn == pos.current_element and (int(pos.line), int(pos.column)) < (line, col) <= end:
		coccinelle.conds.append((pos.file, fn, first, last, f, "".join(C.split()),
			int(pos.line), line, col_end))

@pcall@
identifier f : script:python() { pairish(f) };
position pc;
@@
f@pc(...)

@script:python@
f << pcall.f;
pc << pcall.pc;
@@
pos = pc[0]
if pos.current_element != "something_else":
	coccinelle.pcalls.append((pos.file, pos.current_element, f, int(pos.line),
				  int(pos.column_end)))

@aret exists@
// Allocators: a return of an object got from an allocator ...
identifier x;
identifier a : script:python() { is_alloc(a) };
expression E;
type T;
position pr;
@@
(
 x = a(...);
|
 T x = a(...);
)
 ... when != x = E
 return x@pr;

@script:python@
x << aret.x;
pr << aret.pr;
@@
ret_at(coccinelle.unshared, pr, x)

@aother exists@
// ... on every path: not a local that some path fills otherwise ...
identifier aret.x;
position aret.pr;
expression E, E2;
type T;
position q;
@@
(
 x@q = E;
|
 T x@q = E;
)
 ... when != x = E2
 return x@pr;

@script:python@
E << aother.E;
pr << aret.pr;
q << aother.q;
@@
m = re.match(r"^[(\s]*(\w+)\s*[(]", E)
if not (m and is_alloc(m.group(1))):
	ret_at(coccinelle.pubret, pr)

@apub exists@
// ... that no path hands out before it returns it ...
identifier aret.x;
position aret.pr;
identifier f : script:python() { publishes(f) };
identifier fld;
expression E, E2;
position q;
@@
(
 f@q(..., <+... x ...+>, ...)
|
 E@q = x
|
 E@q = &x->fld
)
 ... when != x = E2
 return x@pr;

@script:python@
pr << aret.pr;
q << apub.q;
@@
ret_at(coccinelle.pubret, pr)

@aall@
// ... and every return, for the rest must be NULL or an error.
expression R;
position pr;
@@
return R@pr;

@script:python@
R << aall.R;
pr << aall.pr;
@@
ret_at(coccinelle.rets, pr, "".join(R.split()))

@finalize:python@
all_params << merge.params;
all_vars << merge.vars;
all_ops << merge.ops;
all_sets << merge.sets;
all_pcalls << merge.pcalls;
all_conds << merge.conds;
all_defs << merge.defs;
all_rets << merge.rets;
all_unshared << merge.unshared;
all_pubret << merge.pubret;
@@
def flat(x):
	# Sorted for a stable fixed point; a column may be None (no struct).
	return sorted(set(e for part in x for e in part),
		      key=lambda e: tuple((0, 0) if v is None else (1, v) for v in e))

PARAMS = {}
for file, fn, x, n, st, ptr in flat(all_params):
	PARAMS.setdefault((file, fn), {})[x] = (n, st, ptr)
VARS = {}
for file, fn, x, st, ptr in flat(all_vars):
	VARS[(file, fn, x)] = (st, ptr)

VOCAB = dict(LOCKS)		# the vocabulary, then what is learned on top

def lock_key(file, name, line, col):
	"""The lock a call names: its expression without blanks, "=ID" if fixed."""
	e = VOCAB[name]
	le = lockvocab.lock_expr(e, lockvocab.call_args(lines_of(file), line, col))
	if le is None:
		return "=" + e.tmpl if e.fixed() else None
	return "".join(le.split())

def keys_of(file, first, last, actions):
	names = [n for n in VOCAB if VOCAB[n].action in actions]
	return set(lock_key(file, n, l, c)
		   for n, l, c in lockvocab.calls_in(lines_of(file), first, last, names))

MEMBER_ID = re.compile(r"^(&?)\(?(\w+)\)?((?:->|\.)[\w.>-]*)?$")

def template(key, file, fn, inner):
	"""(template, id) of a lock named in fn, relative to fn's parameters;
	None for a lock on a local."""
	if key.startswith("="):
		return key[1:], None
	m = MEMBER_ID.match(key)
	if not m:
		return None
	amp, base, rest = m.group(1), m.group(2), m.group(3) or ""
	p = PARAMS.get((file, fn), {})
	if base in p:
		n, st, ptr = p[base]
		lid = None
		if rest.startswith("->") and ptr and "->" not in rest[2:]:
			lid = st + "." + rest[2:]
		elif rest.startswith(".") and not ptr and "->" not in rest:
			lid = st + rest
		return amp + "@%d" % n + rest, lid or inner.defid
	if (file, fn, base) in VARS or "->" in rest:
		return None
	g = VARS.get((file, None, base))
	if g and rest.startswith("."):
		return g[0] + rest, None
	return base + rest, None

def entry(name, action, mode, tmpl, how, lid):
	return lockvocab.Entry(name, action, mode, tmpl, how, lid)

# Claims: wait until x->fld is clear, set it under a lock; clear it and wake.
WAIT = re.compile(r"\b(schedule\w*|io_schedule\w*|wait_event\w*|wait_for_completion\w*|"
		  r"prepare_to_wait\w*|msleep|usleep_range|cond_resched)\s*\(")
WAKE = re.compile(r"\bwake_up\w*\s*\(")
ZERO = ("0", "false", "NULL")
seeds = {}			# claims and macros: name -> (file, Entry)
claimed = set(e.defid for e in LOCKS.values() if e.how == "claim" and e.action == "lock")
releases = []
for file, fn, first, last, x, fld, v, line in flat(all_sets):
	p = PARAMS.get((file, fn), {}).get(x)
	if fn in KEEP or fn in seeds or not p or not p[2]:
		continue
	body = chr(10).join(lines_of(file)[first - 1:last])
	lid = p[1] + "." + fld
	tmpl = "&@%d->%s" % (p[0], fld)
	if v in ZERO:
		if WAKE.search(body):
			releases.append((file, fn, tmpl, lid))
		continue
	tested = re.search(r"\b(while|if)\s*\(.*\b%s\s*->\s*%s\b" % (re.escape(x), re.escape(fld)),
			   body)
	before = chr(10).join(lines_of(file)[first - 1:line - 1])
	locked = any(re.search(r"\b%s\s*\(" % re.escape(n), before)
		     for n in LOCKS if LOCKS[n].action == "lock")
	if tested and locked and WAIT.search(body):
		seeds[fn] = (file, entry(fn, "lock", "w", tmpl, "claim", lid))
		claimed.add(lid)
for file, fn, tmpl, lid in releases:
	if lid in claimed and fn not in seeds:
		seeds[fn] = (file, entry(fn, "unlock", "w", tmpl, "claim", lid))

# Conditional pairs: F takes a lock only under "if (C)" and never releases
# it, G releases it only under the same C and never takes it: where C is
# false neither does anything, so a call of F holds the lock until G.
# (vfio_device_pm_runtime_get() takes a runtime-PM reference only when the
# driver has PM ops, and without them no runtime-PM callback runs.)
inner = {}			# the innermost if of each call
for file, fn, first, last, f, cond, ifl, line, col in flat(all_conds):
	k = (file, fn, first, last, f, line, col)
	if k not in inner or ifl > inner[k][0]:
		inner[k] = (ifl, cond)
halves = {}			# (file, template, mode, cond) -> {action: [(fn, entry)]}
for (file, fn, first, last, f, line, col), (ifl, cond) in sorted(inner.items()):
	e = LOCKS[f]
	if fn in KEEP or fn in seeds or e.action not in ("lock", "unlock"):
		continue
	k = lock_key(file, f, line, col)
	other = ("unlock",) if e.action == "lock" else lockvocab.ACQUIRE
	if k is None or k in keys_of(file, first, last, other):
		continue
	t = template(k, file, fn, e)
	if t:
		halves.setdefault((file, t[0], e.mode, cond), {}).setdefault(
			e.action, []).append((fn, entry(fn, e.action, e.mode, t[0], "wrapper", t[1])))
for key, by in sorted(halves.items()):
	if len(by.get("lock", ())) == 1 and len(by.get("unlock", ())) == 1:
		for fn, e in by["lock"] + by["unlock"]:
			seeds[fn] = (key[0], e)

# Wrappers, to a fixed point: each pass starts from the vocabulary, the
# claims, the macros and what the last pass learned, and learns everything
# again (a function balanced by a newly learned wrapper is no release
# wrapper).
FLIP = {"trylock": "trylock0", "trylock0": "trylock"}
OPS = flat(all_ops)
learned = {}
# What earlier runs learned about these files' functions is learned again.
# Function-like macros over one lock call are wrappers too: "#define
# read_lock() pthread_mutex_lock(&read_mutex)", "#define dev_lock(d)
# mutex_lock(&(d)->lock)".  (Coccinelle does not expand them, so their
# uses are calls of the macro's name.)
DEFINE = re.compile(r"^\s*#\s*define\s+(\w+)\(([\w\s,]*)\)\s+(.*?)\s*$")
MACRO_CALL = re.compile(r"^(?:do\s*\{\s*)?\(?\s*(\w+)\s*\((.*)\)\s*\)?\s*;?\s*(?:\}\s*while\s*\(\s*0\s*\))?$")

def macro_wrappers():
	out = []
	for file in sorted(set(f for f, fn in flat(all_defs))):
		for line in lines_of(file):
			m = DEFINE.match(line)
			c = m and MACRO_CALL.match(m.group(3))
			if not c or c.group(1) not in LOCKS or m.group(1) in KEEP:
				continue
			params = [x.strip() for x in m.group(2).split(",") if x.strip()]
			e = LOCKS[c.group(1)]
			args = lockvocab.call_args([c.group(1) + "(" + c.group(2) + ")"], 1, len(c.group(1)))
			le = lockvocab.lock_expr(e, args)
			if le is None:
				tmpl = e.tmpl if e.fixed() else None
			else:
				le = "".join(le.split())
				for i, x in enumerate(params):
					le = re.sub(r"\(%s\)|\b%s\b" % (x, x), "@%d" % i, le)
				tmpl = le if "@" in le else le.lstrip("&")
			if tmpl and e.action != "assert":
				out.append((m.group(1), (file, entry(m.group(1), e.action, e.mode, tmpl,
					e.how if e.how in INHERIT else "wrapper", e.defid))))
	return out

DEFS = set(fn for f, fn in flat(all_defs))
BASE = dict((n, e) for n, e in LOCKS.items() if not (e.how and n in DEFS))
INHERIT = ("claim", "assumed-claim")
for name, fe in macro_wrappers():
	seeds.setdefault(name, fe)
for rounds in range(10):
	VOCAB = dict(BASE)
	VOCAB.update((n, fe[1]) for n, fe in seeds.items())
	VOCAB.update((n, fe[1]) for n, fe in learned.items())
	now = dict(seeds)
	for kind, file, fn, first, last, callee, line, col in OPS:
		e = VOCAB.get(callee)
		if not e or fn in KEEP or fn in now or callee == fn:
			continue
		if kind == "must" and e.action not in ("lock", "unlock"):
			continue
		if kind != "must" and e.action not in ("trylock", "trylock0"):
			continue
		k = lock_key(file, callee, line, col)
		if k is None:
			continue
		if e.action == "lock" and k in keys_of(file, first, last, ("unlock",)):
			continue
		if e.action == "unlock" and k in keys_of(file, first, last, lockvocab.ACQUIRE):
			continue
		t = template(k, file, fn, e)
		if not t:
			continue
		action = FLIP[e.action] if kind == "tryneg" else e.action
		now[fn] = (file, entry(fn, action, e.mode, t[0],
				       e.how if e.how in INHERIT else "wrapper", t[1]))
	same = sorted((n, f, e.line()) for n, (f, e) in now.items()) == \
	       sorted((n, f, e.line()) for n, (f, e) in learned.items())
	learned = now
	if same:
		break

# Assumed claims: a pair of names called on one object in one function.
def object_id(file, fn, arg):
	a = "".join(arg.split())
	v = PARAMS.get((file, fn), {}).get(a)
	v = (v[1], v[2]) if v else VARS.get((file, fn, a)) or VARS.get((file, None, a))
	return v[0] if v and v[1] else None

calls = {}
for file, fn, f, line, col in flat(all_pcalls):
	args = lockvocab.call_args(lines_of(file), line, col)
	if args:
		calls.setdefault((file, fn, "".join(args[0].split())), {})[f] = args[0]
for (file, fn, obj), names in sorted(calls.items()):
	for f in sorted(names):
		r = partner(f)
		if r in names and f not in learned and r not in learned:
			learned[f] = (file, entry(f, "lock", "w", "@0", "assumed-claim",
						  object_id(file, fn, obj)))
			learned[f][1].pair = r
			learned[r] = (file, entry(r, "unlock", "w", "@0", "assumed-claim", None))

# Allocators: every return is of a fresh object nobody was handed, or of
# nothing (NULL, an error pointer), and at least one is of the object.
NOTHING = re.compile(r"^(NULL|0|\(void\*\)0|ERR_PTR\(.*\)|ERR_CAST\(.*\))$")
# A global filled once is a shared object, whatever path fills it.
fresh = set(r[:4] for r in flat(all_unshared) if (r[0], r[1], r[4]) in VARS)
fresh -= set(flat(all_pubret))
returns = {}
for file, fn, line, col, r in flat(all_rets):
	returns.setdefault((file, fn), []).append(((file, fn, line, col) in fresh, r))
allocators = {}
for (file, fn), rs in sorted(returns.items()):
	if fn in KEEP or fn in learned or not any(f for f, r in rs):
		continue
	if all(f or NOTHING.match(r) for f, r in rs):
		allocators.setdefault(fn, file)

with open(out, "w") as fp:
	for name in sorted(learned):
		fp.write(learned[name][0] + chr(9) + learned[name][1].line() + chr(10))
	for name in sorted(allocators):
		fp.write(allocators[name] + chr(9) + "alloc" + chr(9) + name + chr(10))
