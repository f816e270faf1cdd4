// SPDX-License-Identifier: GPL-2.0
/// Facts for bitsplit: every write to a candidate bitfield, the locks held
/// there, the call graph with the locks held at each call, phase roots and
/// lock annotations.  Run by "bitsplit facts", one spatch run per file set:
///
///   spatch --macro-file kernel-macros.h --include HEADER... -D bitsplit_cands=F
///          -D bitsplit_funcs=F -D bitsplit_members=F -D bitsplit_dispatch=F
///          -D bitsplit_macros=F --include-headers-for-types
///          -D bitsplit_data=LOCKS:ROOTS... -D bitsplit_out=OUT
///          -D bitsplit_lib=DIR --jobs N
///          --timeout S --file-groups G --sp-file facts.cocci
///
/// bitsplit_cands holds "STRUCT<TAB>HEADER<TAB>FIELD,FIELD..." lines,
/// bitsplit_members "STRUCT<TAB>MEMBER<TAB>KIND<TAB>TYPE" for every struct of
/// the layout (KIND s: of struct TYPE or a pointer to one, a: an anonymous
/// aggregate, o: anything else), bitsplit_funcs
/// the names of the functions the file set defines; bitsplit_macros the
/// function-like macros its headers define that name a candidate field
/// (the headers are files of their own, read by another worker than the
/// uses, so such a use is kept and finalize decides whether it writes);
/// bitsplit_data the lock and root vocabularies (locks-*.txt, roots-*.txt,
/// and the wrappers lock_summary.cocci learned); bitsplit_lib the directory
/// of lockvocab.py, which reads the lock lines;
/// finalize writes the facts TSV (see facts.h) to bitsplit_out.
// Requires: 1.1.1
// Confidence: Moderate
// Options: --macro-file kernel-macros.h
//
// racy_bitfields.cocci, the rule "make coccicheck" runs, is generated from
// this file (scripts/gen-racy-cocci.sh): its initialize, rules and finalize
// are taken as they are, except the lines between "# >>> facts only: NAME"
// and "# <<< facts only", which read bitsplit's inputs and write the facts
// and which racy_bitfields.in.cocci replaces.  Run "make" after editing
// this file and commit the regenerated rule with it.

@initialize:python@
cands << virtual.bitsplit_cands;
data << virtual.bitsplit_data;
out << virtual.bitsplit_out;
state << virtual.bitsplit_state;
funcs_path << virtual.bitsplit_funcs;
reach_path << virtual.bitsplit_reach;
dispatch_path << virtual.bitsplit_dispatch;
lib << virtual.bitsplit_lib;
members_path << virtual.bitsplit_members;
macros_path << virtual.bitsplit_macros;
@@
import os
import re
import sys
# >>> facts only: lib
sys.dont_write_bytecode = True	# never write into the data directory
sys.path.insert(0, lib)
import lockvocab
# <<< facts only

coccinelle.sites = []		# (key, kind, file, line, col, func, a, b, c, d, local)
coccinelle.owner = []		# (key, struct) struct of the written member
coccinelle.held = []		# (key, lock)
coccinelle.notheld = []		# (key, lock id) trylock failure paths
coccinelle.tried = []		# (key, lock) held through a trylock
coccinelle.iters = []		# keys written through a loop cursor
coccinelle.loops = []		# (file, (line, col), (line, col)) of for loops
coccinelle.funcs = []		# (file, line, func, end)
coccinelle.fnlocks = []		# (file, line, func, lock)
coccinelle.roots = []		# (file, line, func, phase, kind)
coccinelle.ops = []		# (field, func, file, line): fn stored in an ops field
coccinelle.addrs = []		# (key, func, file, line, in_func): a function named as a value
coccinelle.cbargs = []		# (key, callee, caller, call key, arg index): fn handed to callee()
coccinelle.dispatch = []	# (file, line, func, field) of X->field(...) outside the PATHs
coccinelle.opstype = []		# (field, func, file, line, struct) of "struct S x = { .field = func }"
coccinelle.assigntype = []	# (field, func, file, line, struct) of "x->field = func", x a struct S variable
coccinelle.unknown = []		# (file, line, func, callee)
coccinelle.allocw = []		# (key, x): write to x, reached from x = alloc()
coccinelle.pubw = []	# (key, x): ... and from a publication of x
coccinelle.passes = []		# (file, line, caller, callee, index, from)
coccinelle.pubcalls = []	# (file, line): a private-looking pass that is not
coccinelle.wparams = []		# (file, line, col, func, index, "" or "reached") of writes
				# through a parameter, or reached from one
coccinelle.ownstarts = []	# (file, line, caller, entry, arg key) of creates that give
				# each thread its own argument
coccinelle.threads = []		# (file, line, func, event, entry) of thread starts and joins
coccinelle.opens = []		# (file, func, line) of calls that may start threads
coccinelle.reached = []		# (file, func, line, site line): a path from the first reaches it
coccinelle.bases = []		# (key, struct) the layout says a written base has
coccinelle.wmacros = []		# (macro, field, op, value) of the writer macros defined

CANDS = {}			# struct -> (header, set of fields)
FIELDS = set()
LOCKS = {}			# name -> lockvocab.Entry
GUARDS = {}			# guard class -> mode
LOCK_TYPES = set()
ROOT_OPS = {}			# field -> phase
ROOT_HOLDS = {}			# field -> [(lock, mode)] its caller holds around the call
ROOT_ARGS = {}			# function -> [(index, phase, kind)]
ROOT_ATTRS = {}			# attribute -> phase
INITCALLS = {}			# initcall macro -> phase
ROOT_FUNCS = {}			# function name -> phase
INIT_MACROS = {}		# macro -> [(index, field, pattern)]: arg index lands in .field
IGNORE = set()			# a function handed to these is not thereby a root
SYNC = set()			# these call the function handed to them before returning
THREAD_CALLS = {}		# function -> ("create", entry index) or ("join", None)
CALLBACKS = "runtime"		# phase of a function stored in an unlisted field or
				# whose address is taken; None: no root (the caller decides)
ALLOCS = set()			# functions returning a fresh object nobody else sees
FILLS = set()			# functions that fill an object without publishing it
PARAMS = {}			# (file, func, name) -> parameter index
PARAM_NAMES = set()		# the names in PARAMS, VARS: what sfwd, sstack bind
VAR_NAMES = set()
MAYBE_WRITERS = set()		# macros a header may write with (bitsplit_macros)
CALL_MACROS = {}		# (defining .c file or None, macro) -> functions of the file set it calls
MACRO_NAMES = set()		# the macros of CALL_MACROS, whatever defines them
REACH = None			# callees on a way to a candidate write (facts_reach.c):
				# only the locks at their calls are worth analysing; None: all
# >>> facts only: out
OUT = out
STATE = state			# "-", "save:FILE" or "load:FILE:FILE..." (finalize)
# <<< facts only
# Escapes spelled out: the lexer spatch runs over script code trips on backslashes.
BS, TAB, NL = chr(92), chr(9), chr(10)

def esc(s, in_list=False):
	"""A TSV field as facts.h defines it."""
	if s is None or s == "":
		return "-"
	s = s.replace(BS, BS + BS).replace(TAB, BS + "t").replace(NL, BS + "n")
	return s.replace(",", BS + ",") if in_list else s

# C comments, spelled without their delimiters, which would end the script.
SL = chr(47)
C_COMMENT = re.compile(SL + r"\*\s*(.*?)\s*\*" + SL + "|" + SL + SL + r"\s*(.*)$")

def row(*cols):
	return TAB.join(str(c) for c in cols)

MEMBERS = {}			# (struct, member) -> (kind, type), from the layout
STRUCTS = set()			# the structs MEMBERS names

# >>> facts only: inputs
for line in open(cands):
	f = line.rstrip(NL).split(TAB)
	if len(f) == 3:
		CANDS[f[0]] = (f[1], set(f[2].split(",")))
		FIELDS.update(f[2].split(","))

OURS = set(l.strip() for l in open(funcs_path))	# functions the file set defines
REACH = set(l.strip() for l in open(reach_path))
for line in open(macros_path):
	f = line.rstrip(NL).split(TAB)
	if len(f) == 2:		# a macro that calls a function of the set
		CALL_MACROS.setdefault((None, f[0]), set()).add(f[1])
		MACRO_NAMES.add(f[0])
	elif f[0]:
		MAYBE_WRITERS.add(f[0])

for line in open(members_path):
	f = line.rstrip(NL).split(TAB)
	if len(f) == 4:
		MEMBERS[(f[0], f[1])] = (f[2], f[3])
STRUCTS.update(st for st, _ in MEMBERS)

# Files outside the PATHs analysed for their dispatch sites:
# file -> field -> the ops structs the PATHs initialize with that field.
DISPATCH = {}
for line in open(dispatch_path):
	f = line.rstrip(NL).split(TAB)
	if len(f) == 3:
		DISPATCH.setdefault(f[0], {}).setdefault(f[1], set()).add(f[2])
# <<< facts only

def norm(path):
	return os.path.normpath(path)

def vocab_line(f):
	"""Take in the words of one vocabulary line (locks-*.txt, roots-*.txt)."""
	global CALLBACKS
	if not f or f[0].startswith("#"):
		return
	if f[0] in lockvocab.ACTIONS:
		LOCKS[f[1]] = lockvocab.parse(f)
	elif f[0] == "guard":
		GUARDS[f[1]] = f[2]
	elif f[0] == "type":
		LOCK_TYPES.add(" ".join(f[1:]))
	elif f[0] == "op":
		ROOT_OPS[f[1]] = f[2]
		if len(f) > 3:
			ROOT_HOLDS[f[1]] = [tuple((h + ":w").split(":")[:2])
					    for h in f[3][len("holds="):].split(",")]
	elif f[0] == "arg":
		ROOT_ARGS.setdefault(f[1], []).append((int(f[2]), f[3], f[4]))
	elif f[0] == "attr":
		ROOT_ATTRS[f[1]] = f[2]
	elif f[0] == "initcall":
		INITCALLS[f[1]] = f[2]
	elif f[0] == "func":
		ROOT_FUNCS[f[1]] = f[2]
	elif f[0] == "macro":
		m = (int(f[2]), f[3], f[4] if len(f) > 4 else "%")
		if m not in INIT_MACROS.setdefault(f[1], []):
			INIT_MACROS[f[1]].append(m)
	elif f[0] == "ignore":
		IGNORE.add(f[1])
	elif f[0] == "sync":
		SYNC.add(f[1])
	elif f[0] == "thread":
		THREAD_CALLS[f[1]] = ("create", int(f[2]))
		ROOT_ARGS.setdefault(f[1], []).append((int(f[2]), "runtime", "thread"))
	elif f[0] == "join":
		THREAD_CALLS[f[1]] = ("join", None)
	elif f[0] == "callbacks":
		CALLBACKS = None if f[1] == "none" else f[1]
	elif f[0] == "alloc":
		ALLOCS.add(f[1])
	elif f[0] == "fill":
		FILLS.add(f[1])

# >>> facts only: vocabulary
for path in data.split(":"):
	for line in open(path):
		vocab_line(line.split())
# <<< facts only

def action(name):
	return LOCKS[name].action if name in LOCKS else None

def is_cand_field(f):
	return f in FIELDS

def is_acquire(f):
	return action(f) in lockvocab.ACQUIRE

# A lock that is an argument itself needs no other spelling: argument 0
# (no ID, or "@0") or argument 1 ("@1").
def arg_lock(f, n):
	return LOCKS[f].tmpl in ((None, "@0") if n == 0 else ("@%d" % n,))

def is_plain_acquire(f):
	return is_acquire(f) and arg_lock(f, 0)

def is_plain_release(f):
	return action(f) == "unlock" and arg_lock(f, 0)

def is_plain_acquire1(f):
	return is_acquire(f) and arg_lock(f, 1)

def is_plain_release1(f):
	return action(f) == "unlock" and arg_lock(f, 1)

def is_trylock(f):
	return action(f) == "trylock"

def is_trylock0(f):
	return action(f) == "trylock0"

def is_assert(f):
	return action(f) == "assert"

def is_guard(f):
	return f in GUARDS

def is_argroot(f):
	return f in ROOT_ARGS

def is_thread_call(f):
	return f in THREAD_CALLS

THREAD_FILES = set()		# files with a thread start or join
OPENERS = {}			# file -> its functions that start threads, its site lines
JOINERS = set()			# functions of those files that join threads and start none

def openers(file):
	"""The functions of file that start threads, directly or through a
	call to another such function of file (git's start_threads()), and
	the (func, line) of its sites; the functions that only join go to
	JOINERS."""
	if file not in OPENERS:
		calls, lines = {}, set()
		for s in coccinelle.sites:
			if s[2] == file:
				lines.add((s[5], s[3]))
				if s[1] == "call":
					calls.setdefault(s[5], set()).add(s[6])
		grow = {"create": set(), "join": set()}
		for f, line, fn, event, entry in coccinelle.threads:
			if f == file:
				grow[event].add(fn)
		for fns in grow.values():
			n = -1
			while n != len(fns):
				n = len(fns)
				fns |= set(fn for fn, cs in calls.items() if cs & fns)
		OPENERS[file] = (grow["create"], lines)
		JOINERS.update(grow["join"] - grow["create"])
	return OPENERS[file]

def opens_threads(c, p):
	pos = p[0]
	if pos.file not in THREAD_FILES or pos.current_element == "something_else":
		return False
	return THREAD_CALLS.get(c, ("",))[0] == "create" or c in openers(pos.file)[0]

def joins_threads(j):
	return THREAD_CALLS.get(j, ("",))[0] == "join" or j in JOINERS

def thread_site(p):
	pos = p[0]
	return pos.file in OPENERS and (pos.current_element, int(pos.line)) in OPENERS[pos.file][1]

def is_alloc(f):
	return f in ALLOCS

def is_ours(f):
	return f in OURS

def publishes(f):
	"""Handing an object to f may share it: f is outside the file set and
	not a known filler or lock call."""
	return f not in OURS and f not in FILLS and f not in LOCKS and f not in ALLOCS

WRITER_MACROS = {}		# macro -> (field, op, value) of the write inside

def macro_callees(file, mac):
	"""What a use of mac in file calls: a macro a .c file defines counts
	in that file only (rpc_call_sync of nfs3proc.c is not the one of
	proc.c), one a header defines everywhere."""
	return CALL_MACROS.get((file, mac), set()) | CALL_MACROS.get((None, mac), set())
LOCKED_FNS = set()		# (file, func) that take a lock or a guard
SITES = set()			# keys of sites in those functions
WRITES = set()			# keys of write sites

def in_fn(fn, p):
	return p[0].current_element == fn

def worth_locks(file, callee, ofld):
	"""The locks at a call matter on a way to a write: an ops call, a
	callee that may reach one or runs what it is handed, a macro calling
	such a callee."""
	if REACH is None or ofld or callee in REACH or callee in SYNC:
		return True
	return any(g in REACH for g in macro_callees(file, callee))

def locked_site(p):
	return key(p[0]) in SITES

def write_site(p):
	return key(p[0]) in WRITES

def is_var_name(y):
	return y in VAR_NAMES

def is_param_name(y):
	return y in PARAM_NAMES

def is_writer_macro(m):
	return m in WRITER_MACROS or m in MAYBE_WRITERS

TAKES_LOCK = re.compile(r"\b(%s)\s*\(" % "|".join(
	[re.escape(n) for n in LOCKS if is_acquire(n)]
	+ ["guard", "scoped_guard"]))

LOCKISH = re.compile(r"(^|_)(try)?(un)?lock(_|$)|(^|_)(down|up)_(read|write)")

def is_callee(f):
	# Only our own functions can reach a writer; lock calls are the
	# vocabulary, not edges, but a learned wrapper is both; a lock-like
	# name we do not know is evidence.
	if f in LOCKS:
		return f in OURS and LOCKS[f].how is not None
	return f in OURS or f in SYNC or f in MACRO_NAMES or LOCKISH.search(f) is not None

def in_file_set(f):
	return f in OURS

def macro_of(file, line):
	"""The function-like macro whose #define holds line, or None."""
	ls = lines_of(file)
	for i in range(line - 1, -1, -1):
		m = re.match(r"^\s*#\s*define\s+(\w+)\(", ls[i])
		if m:
			return m.group(1)
		if i < line - 1 and not ls[i].rstrip().endswith(chr(92)):
			return None
	return None

def macro_passes(file, mac, i):
	"""(function, index) of each function of the file set that the
	#define of mac in file calls with its parameter i as an argument."""
	ls = lines_of(file)
	for l, text in enumerate(ls):
		m = re.match(r"^\s*#\s*define\s+%s\(([^)]*)\)" % re.escape(mac), text)
		if not m:
			continue
		params = [x.strip() for x in m.group(1).split(",")]
		if i >= len(params):
			return []
		out = []
		for g in sorted(macro_callees(file, mac)):
			c = re.search(r"\b%s\s*\(" % re.escape(g), text[m.end():])
			if not c:
				continue
			args = lockvocab.call_args(ls, l + 1, m.end() + c.end() - 1)
			out += [(g, j) for j, a in enumerate(args)
				if a.strip("() ") == params[i]]
		return out
	return []

INIT_MACRO_USE = re.compile(r"\b(%s)\s*\(" % "|".join(
	re.escape(m) for m in sorted(INIT_MACROS, key=len, reverse=True))) if INIT_MACROS else None
# Handing a function to these registers nothing new: the initcalls are
# roots of their own, EXPORT_SYMBOL() only links it.
NOT_A_HANDOFF = re.compile(r"^(EXPORT_SYMBOL\w*|%s)$" % "|".join(
	[re.escape(n) for n in sorted(IGNORE | set(INITCALLS))] or ["$^"]))

def call_args(src, i):
	"""The argument texts of the call whose '(' ends just before src[i]."""
	args, depth, start = [], 0, i
	for j in range(i, min(len(src), i + 4000)):
		c = src[j]
		if c in "([{":
			depth += 1
		elif c in ")]}":
			if depth == 0:
				args.append((start, src[start:j]))
				return args
			depth -= 1
		elif c == "," and depth == 0:
			args.append((start, src[start:j]))
			start = j + 1
	return args

def init_macro_ops(path):
	"""Functions an initializer macro of the vocabulary stores in a field."""
	if INIT_MACRO_USE is None:
		return
	src = NL.join(lines_of(path))
	for m in INIT_MACRO_USE.finditer(src):
		args = call_args(src, m.end())
		for idx, field, pat in INIT_MACROS[m.group(1)]:
			if idx < len(args):
				start, a = args[idx]
				if re.match(r"^\s*\w+\s*$", a):
					at = start + len(a) - len(a.lstrip())
					coccinelle.ops.append((field, pat.replace("%", a.strip()),
							       path, src.count(NL, 0, at) + 1))

def handed_to_nothing(pos):
	"""Named as an argument of EXPORT_SYMBOL(), module_init(), ... on its line."""
	l = lines_of(pos.file)[int(pos.line) - 1][:int(pos.column)]
	depth = 0
	for i in range(len(l) - 1, -1, -1):
		if l[i] == ")":
			depth += 1
		elif l[i] == "(":
			if depth == 0:
				m = re.search(r"(\w+)\s*$", l[:i])
				return m is not None and NOT_A_HANDOFF.match(m.group(1)) is not None
			depth -= 1
	return False

TEXT = {}

def lines_of(path):
	if path not in TEXT:
		try:
			TEXT[path] = open(path, errors="replace").read().split(NL)
		except OSError:
			TEXT[path] = []
	return TEXT[path]

def text(pos):
	"""The source text a position covers, blanks squeezed."""
	ls = lines_of(pos.file)
	l0, l1 = int(pos.line) - 1, int(pos.line_end) - 1
	c0, c1 = int(pos.column), int(pos.column_end)
	# The position of a[i] covers a alone: take in the subscripts.
	while c1 < len(ls[l1]) and ls[l1][c1] == "[":
		depth = 0
		for c in range(c1, len(ls[l1])):
			depth += {"[": 1, "]": -1}.get(ls[l1][c], 0)
			if depth == 0:
				c1 = c + 1
				break
		else:
			break
	if l0 == l1:
		s = ls[l0][c0:c1]
	else:
		s = NL.join([ls[l0][c0:]] + ls[l0 + 1:l1] + [ls[l1][:c1]])
	return " ".join(s.split())

def loop_extent(pos):
	"""From a loop's keyword (for, an iterator, scoped_guard) to the end of its body, in the text."""
	return (pos.file, (int(pos.line), int(pos.column)),
		lockvocab.stmt_end(lines_of(pos.file), int(pos.line), int(pos.column)))

def key(pos):
	return (pos.file, int(pos.line), int(pos.column))

def within(extent, k):
	"""Is the site key k inside a loop_extent()?"""
	f, b, e = extent
	return k[0] == f and b <= (k[1], k[2]) <= e

def in_extent(extent, keys):
	"""The keys inside a loop_extent(), sorted."""
	return sorted(k for k in keys if within(extent, k))

# Variable types per function, for lock identities and local copies:
# (file, func or None, name) -> (struct, is_pointer, is_static)
VARS = {}

def base_type(t):
	t = t.replace("const ", "").replace("volatile ", "").strip()
	ptr = t.endswith("*")
	t = t.rstrip("* ").strip()
	if t.startswith("struct "):
		t = t[len("struct "):].strip()
	return t, ptr

TLS = re.compile(r"\b(__thread|_Thread_local|thread_local)\b")
TLS_VARS = set()		# (file, func or None, name) of thread-local objects, not pointers

def add_var(pos, name, ty, is_param):
	fn = pos.current_element
	scope = None if fn == "something_else" else fn
	st, ptr = base_type(ty)
	static = False
	if not is_param:
		line = lines_of(pos.file)[int(pos.line) - 1]
		static = re.search(r"\bstatic\b", line[:int(pos.column)]) is not None
		# A file-scope declaration is its own current element.
		if TLS.search(line[:int(pos.column)]) and not ptr:
			TLS_VARS.add((pos.file, None if fn == name else scope, name))
	VARS[(pos.file, scope, name)] = (st, ptr, static)
	VAR_NAMES.add(name)

LOCAL_CHAIN = re.compile(r"^(\w+)(?:\.\w+)*$")
BASE_CHAIN = re.compile(r"^\(?\*?(\w+)\)?((?:(?:->|\.)\w+)*)$")

def base_struct(file, fn, base):
	"""The struct a written base really has, followed from its variable's
	declared type through the layout's members; None when unknown."""
	m = BASE_CHAIN.match("".join(base.split()))
	v = m and var(file, fn, m.group(1))
	if not v:
		return None
	st = v[0]
	for mem in re.findall(r"\w+", m.group(2)):
		kind, ty = MEMBERS.get((st, mem), (None, None))
		if kind == "s":
			st = ty
		elif kind != "a":
			return None
	return st

def is_tls(file, fn, base):
	return (file, fn, base) in TLS_VARS or \
		((file, fn, base) not in VARS and (file, None, base) in TLS_VARS)

def var(file, fn, name):
	return VARS.get((file, fn, name)) or VARS.get((file, None, name))

def var_struct(file, fn, base):
	"""The struct a plain variable base points to or is, else None."""
	base = "".join(base.split())
	v = re.match(r"^\w+$", base) and var(file, fn, base)
	return v[0] if v else None

# A thread's own work items: in the files that start threads, what each
# local of a function is assigned (ASSIGNS) and what is stored into the
# object it points to (STORED, by member), so that a store or a call
# argument can be followed back to the function's parameters.  What a
# thread reaches from the argument its create gave it alone (&w[i] in a
# loop) is its own.
OWN_FILES = set()		# the files whose assignments are followed
ASSIGNS = {}			# (file, func, local) -> values assigned to it
STORED = {}			# (file, func, local) -> [(member or None, value)]
WORD = re.compile(r"(\*\s*)?(?<![\w.>])([A-Za-z_]\w*)\s*(\(|->\s*(\w+)|\.\s*(\w+)|\[)?")
NOT_CALLS = {"sizeof", "typeof", "__typeof__", "offsetof", "_Alignof", "__alignof__"}

def note_assign(pos, lhs, rhs):
	fn = pos.current_element
	lhs = "".join(lhs.split())
	m = re.match(r"^\(*(\*?)(\w+)", lhs)
	if fn == "something_else" or not m or (pos.file, fn, m.group(2)) not in VARS:
		return
	root = m.group(2)
	if lhs == root:
		ASSIGNS.setdefault((pos.file, fn, root), []).append(rhs)
		return
	mem = re.match(r"^\w+(?:\[[^]]*\])?(?:->|\.)(\w+)", lhs)
	st = var(pos.file, fn, root)[0]
	if mem and MEMBERS.get((st, mem.group(1)), ("o", "*")) == ("o", "-"):
		return		# an integer member carries no object
	STORED.setdefault((pos.file, fn, root), []).append((mem.group(1) if mem else None, rhs))

def holds_object(file, fn, name):
	"""Can the variable lead to an object: a pointer or an aggregate, not
	an index, a count or a flag (a global is judged by own_of)."""
	v = VARS.get((file, fn, name))
	return v is None or v[1] or v[0] in STRUCTS

def aliases(file, fn, name):
	"""The locals that point where name does: copied from or to it, or
	offset from it ("n = array + idx")."""
	out, todo = set([name]), [name]
	while todo:
		x = todo.pop()
		for (f, g, y), values in ASSIGNS.items():
			if f != file or g != fn:
				continue
			for v in values:
				plain = set(m.group(2) for m in WORD.finditer(squeeze(v))
					    if not m.group(1) and not m.group(3))
				for z in plain if y == x else [y] if x in plain else []:
					if z not in out and (file, fn, z) in VARS and \
					   holds_object(file, fn, z):
						out.add(z)
						todo.append(z)
	return out

def squeeze(expr):
	"""Coccinelle's spacing gone from member accesses: "me->list[k]"."""
	return re.sub(r"\s*(->|\.)\s*", r"\1", expr)

def contents(file, fn, name, member, seen):
	"""What was stored into the object name points to, in member (None:
	any), as own_of() sees it; None when some of it comes from elsewhere."""
	out = set()
	for a in aliases(file, fn, name):
		for mem, v in STORED.get((file, fn, a), []):
			if member is not None and mem is not None and mem != member:
				continue
			got = own_of(file, fn, v, seen)
			if got is None:
				return None
			out |= got
	return out

def own_of(file, fn, expr, seen=None):
	"""The parameters the value of expr is reached from: a set of indices,
	or None when some of it comes from elsewhere (a global, a call's
	result).  A load (p->f, p[i], *p) also takes what was stored there."""
	seen = set() if seen is None else seen
	out = set()
	for m in WORD.finditer(squeeze(expr)):
		star, name, after, arrow, dot = m.groups()
		if after == "(":
			if name in NOT_CALLS or is_alloc(name):
				continue
			return None
		if not holds_object(file, fn, name):
			continue	# an index or a count leads to no object
		load = bool(star) or after is not None
		member = arrow or dot
		if (file, fn, name) in PARAMS:
			got = set([PARAMS[(file, fn, name)]])
		elif (file, fn, name) in VARS:
			got = set()
			if (name, "value") not in seen:
				seen.add((name, "value"))
				for v in ASSIGNS.get((file, fn, name), []):
					g = own_of(file, fn, v, seen)
					if g is None:
						return None
					got |= g
		elif var(file, fn, name) is not None or (file, name, name) in VARS:
			return None	# a global: anyone may reach it
		else:
			continue	# a type, a constant, an enumerator
		if load and (name, member) not in seen:
			seen.add((name, member))
			c = contents(file, fn, name, member, seen)
			if c is None:
				return None
			got |= c
		out |= got
	return out

def own_param(file, fn, expr, loads_all=False):
	"""The one parameter expr is reached from and nothing else, or None.
	loads_all: the value goes to a callee, which may load any member: a
	local object (n = array + idx) is its thread's own by what was stored
	in it (n->entry = entry), an object reached from the parameter by
	that alone."""
	if file not in OWN_FILES:
		return None
	got = own_of(file, fn, expr)
	if got == set() and loads_all:
		for m in WORD.finditer(squeeze(expr)):
			if got is None:
				break
			star, name, after = m.group(1), m.group(2), m.group(3)
			if (file, fn, name) in VARS and not after and not star:
				c = contents(file, fn, name, None, set())
				got = None if c is None else got | c
	return next(iter(got)) if got is not None and len(got) == 1 else None

PER_THREAD_ARG = re.compile(r"^(?:\(\s*[\w\s]+\*\s*\)\s*)?"
			    r"(?:&\s*\w+\s*\[\s*\w+\s*\]|\w+\s*\+\s*\w+)$")

MEMBER = re.compile(r"^\(?(\w+)\)?(->|\.)(\w+(?:\.\w+)*)$")

def lock_id(expr, file, fn):
	"""&vdev->memory_lock -> vfpci_device.memory_lock, else ?expr.
	Behind a pointer member the lock is that struct's: through the
	layout, &migf->mvdev->state_mutex is mlx5vf_pci_core_device.state_mutex,
	as the callee that takes &mvdev->state_mutex spells it.  An array
	element is its array: &cfg->hrrq[i]._lock and &cfg->hrrq[j]._lock are
	one lock, as two objects of one type are."""
	e = "".join(expr.split())
	if e.startswith("&"):
		e = e[1:]
	while "[" in e:
		f = re.sub(r"\[[^\[\]]*\]", "", e)
		if f == e:
			break
		e = f
	at = e.rfind("->")
	if at > 0 and re.search(r"->|\.", e[:at]):
		st = base_struct(file, fn, e[:at])
		return st + "." + e[at + 2:] if st else "?" + e
	m = MEMBER.match(e)
	if m:
		v = var(file, fn, m.group(1))
		if v and v[1] == (m.group(2) == "->"):
			return v[0] + "." + m.group(3)
	elif re.match(r"^\w+$", e):
		return e
	return "?" + e

def call_lock(name, pos):
	"""The vocabulary entry of the lock call at pos and its lock expression
	(None for a fixed identity)."""
	e = LOCKS[name]
	args = lockvocab.call_args(lines_of(pos.file), int(pos.line), int(pos.column_end))
	return e, lockvocab.lock_expr(e, args)

def held_id(e, le, file, fn):
	if le is None:
		return e.tmpl if e.fixed() else "?" + e.name
	lid = lock_id(le, file, fn)
	# A wrapper knows the type of its parameter where the caller may not.
	if e.defid and (lid.startswith("?") or "." not in lid):
		return e.defid
	return lid

def lock_str(name, pos, fn, how=None):
	e, le = call_lock(name, pos)
	return "%s:%s@%s" % (esc(held_id(e, le, pos.file, fn), True), e.mode,
			     how or lockvocab.how_of(e))

# Other spellings of one lock, for the paths that must avoid it: wrappers
# whose template names it (with the argument that makes it so) and the
# entries of a fixed identity.  A bounded number of each: SLOTS.
TEMPLATED = [e for e in LOCKS.values()
	     if e.tmpl and not e.fixed() and e.tmpl not in ("@0", "@1")]
FIXED = [e for e in LOCKS.values() if e.fixed()]
SLOTS = {"I": 4, "J": 2, "N": 6}

def spellings(name, pos, fn):
	e, le = call_lock(name, pos)
	lid = held_id(e, le, pos.file, fn)
	if le is None and re.match(r"^\w+$", lid):
		le = "&" + lid
	out = {"LEX": le}
	for side, acts in (("A", lockvocab.ACQUIRE), ("R", ("unlock",))):
		by = {"I": [], "J": [], "N": []}
		# The lock call's own entry first, should the slots not suffice.
		for t in sorted(TEMPLATED, key=lambda t: t.name != name):
			arg = t.action in acts and le and lockvocab.template_args(t.tmpl, le)
			if arg and arg[0] < 2:
				by["IJ"[arg[0]]].append((t.name, arg[1]))
		by["N"] = [(f.name, None) for f in sorted(FIXED, key=lambda f: f.name != name)
			   if f.action in acts and f.tmpl == lid]
		for k, n in SLOTS.items():
			for i in range(n):
				out[side + k + str(i)] = by[k][i] if i < len(by[k]) else (None, None)
	return out

NONE = "__bitsplit_none"

def make_slots(name, pos, fn):
	sp = spellings(name, pos, fn)
	def expr(s):
		try:
			return cocci.make_expr(s or NONE)
		except Exception:
			return cocci.make_expr(NONE)
	coccinelle.LEX = expr(sp["LEX"])
	for side in "AR":
		for k, n in SLOTS.items():
			for i in range(n):
				ident, arg = sp[side + k + str(i)]
				setattr(coccinelle, side + k + str(i), cocci.make_ident(ident or NONE))
				if k != "N":
					setattr(coccinelle, side + k + "E" + str(i), expr(arg))

def guard_str(cls, expr, file, fn, how):
	return "%s:%s@%s" % (esc(lock_id(expr, file, fn), True), GUARDS[cls], how)

@vparam@
// Types of parameters and locals, so that lock expressions and written
// bases can be named by their struct.
identifier fn, x;
type S;
position p;
@@
fn(..., S x@p, ...) { ... }

@script:python@
x << vparam.x;
S << vparam.S;
p << vparam.p;
@@
add_var(p[0], x, S, True)

@pidx@
// Parameter indices: a write through a parameter, or a parameter passed
// on, is private when the caller's argument is.
identifier fn, x;
type S;
parameter list[n] ps;
position p;
@@
fn(ps, S x@p, ...) { ... }

@script:python@
x << pidx.x;
n << pidx.n;
p << pidx.p;
fn << pidx.fn;
@@
PARAMS[(p[0].file, fn, x)] = int(n)
PARAM_NAMES.add(x)

@vlocal@
// A local, its initializer an expression or a brace list
// ("struct mpage_da_data mpd = { .inode = ..., };").
identifier x;
type S;
initializer I;
position p;
@@
(
 S x@p;
|
 S x@p = I;
)

@script:python@
x << vlocal.x;
S << vlocal.S;
p << vlocal.p;
@@
add_var(p[0], x, S, False)

@othr@
// The files that start threads: only there are locals followed back to a
// thread's own argument (oasg, odecl), so other files pay nothing.
identifier f : script:python() { is_thread_call(f) };
position p;
@@
f@p(...)

@script:python@
p << othr.p;
@@
OWN_FILES.add(p[0].file)

@oasg depends on othr@
expression X, E;
position p;
@@
X@p = E

@script:python@
X << oasg.X;
E << oasg.E;
p << oasg.p;
@@
note_assign(p[0], X, E)

@odecl depends on othr@
identifier x;
type T;
expression E;
position p;
@@
T x@p = E;

@script:python@
x << odecl.x;
E << odecl.E;
p << odecl.p;
@@
note_assign(p[0], x, E)

@fdef@
// Function extents, __init/__exit, __must_hold (defined away for the
// parser, so read from the text between the name and the body) and
// the initcalls of the file.
identifier fn;
position p;
@@
fn@p(...) { ... }

@script:python@
fn << fdef.fn;
p << fdef.p;
@@
pos = p[0]
ls = lines_of(pos.file)
first, last = int(pos.current_element_line), int(pos.current_element_line_end)
decl = NL.join(ls[first - 1:int(pos.line) - 1] + [ls[int(pos.line) - 1][:int(pos.column)]])
coccinelle.funcs.append((pos.file, first, fn, last,
			 "static" if re.search(r"\bstatic\b", decl) else "global"))
if fn in ROOT_FUNCS:
	coccinelle.roots.append((pos.file, first, fn, ROOT_FUNCS[fn], fn))
if TAKES_LOCK.search(NL.join(ls[first - 1:last])):
	LOCKED_FNS.add((pos.file, fn))
head = " ".join(ls[max(first - 2, 0):first])
for attr, phase in ROOT_ATTRS.items():
	if re.search(r"\b%s\b" % re.escape(attr), head):
		coccinelle.roots.append((pos.file, first, fn, phase, attr))
sig = []
for l in ls[first - 1:last]:
	sig.append(l)
	if "{" in l:
		break
for m in re.finditer(r"__must_hold\s*\((.*?)\)\s*(?=\{|$|__)", " ".join(sig)):
	coccinelle.fnlocks.append((pos.file, first, fn,
		"%s:w@must_hold" % esc(lock_id(m.group(1), pos.file, fn), True)))
if ("initcalls", pos.file) not in TEXT:
	TEXT[("initcalls", pos.file)] = True
	init_macro_ops(pos.file)
	for i, l in enumerate(ls):
		m = re.match(r"^\s*(\w+)\s*\(\s*(\w+)\s*\)\s*;", l)
		if m and m.group(1) in INITCALLS:
			coccinelle.roots.append((pos.file, i + 1, m.group(2),
						 INITCALLS[m.group(1)], m.group(1)))

@mw@
// Writes inside a #define: remember the macro, its uses are the writes.
expression X, V;
identifier fld : script:python() { is_cand_field(fld) };
assignment operator aop;
position p;
@@
(
 X->fld aop V@p
|
 X.fld aop V@p
|
 X->fld ++@p
|
 X->fld --@p
|
 ++@p X->fld
|
 --@p X->fld
)

@script:python@
fld << mw.fld;
p << mw.p;
aop << mw.aop = "";
@@
pos = p[0]
if pos.current_element == "something_else":
	for l in reversed(lines_of(pos.file)[:int(pos.line)]):
		m = re.match(r"^\s*#\s*define\s+(\w+)", l)
		if m:
			WRITER_MACROS[m.group(1)] = (fld, aop.strip() or text(pos),
						     text(pos) if aop else "-")
			coccinelle.wmacros.append((m.group(1),) + WRITER_MACROS[m.group(1)])
			break

@site@
// Every place whose held locks matter: candidate writes (matched by
// name here, typed below) and uses of writer macros ...
expression X, V;
identifier fld : script:python() { is_cand_field(fld) };
identifier mac : script:python() { is_writer_macro(mac) };
assignment operator aop;
position p, pb;
@@
(
 X@pb->fld aop V@p
|
 X@pb.fld aop V@p
|
 X@pb->fld ++@p
|
 X@pb->fld --@p
|
 ++@p X@pb->fld
|
 --@p X@pb->fld
|
 X@pb.fld ++@p
|
 X@pb.fld --@p
|
 ++@p X@pb.fld
|
 --@p X@pb.fld
|
 mac@p(...)
)

@script:python@
p << site.p;
pb << site.pb = [];
fld << site.fld = "";
mac << site.mac = "";
aop << site.aop = "";
@@
pos = p[0]
fn = pos.current_element
if fn != "something_else":
	k = key(pos)
	if (pos.file, fn) in LOCKED_FNS:
		SITES.add(k)
	WRITES.add(k)
	if fld:
		b = pb[0]
		base = text(b)
		# A member of a member of a local is the local's too: the
		# register image "union flash_status hsfsts; hsfsts.hsf_status.flcdone = 1".
		m = LOCAL_CHAIN.match("".join(base.split()))
		v = VARS.get((pos.file, fn, m.group(1))) if m else None
		local = "tls" if is_tls(pos.file, fn, base) else \
			v is not None and not v[1] and not v[2]
		st = base_struct(pos.file, fn, base)
		if st is not None and (st, fld) in MEMBERS:
			coccinelle.bases.append((k, st))
		# The write starts at its base, or at a prefix ++/--.
		at = min((int(b.line), int(b.column)), (int(pos.line), int(pos.column)))
		coccinelle.sites.append((k, "write", pos.file, at[0], at[1] + 1,
			fn, fld, base, aop.strip() or text(pos),
			text(pos) if aop else "-", local))
		reached = None if (pos.file, fn, base) in PARAMS else own_param(pos.file, fn, base)
		if (pos.file, fn, base) in PARAMS:
			coccinelle.wparams.append((pos.file, at[0], at[1] + 1, fn,
						   PARAMS[(pos.file, fn, base)], ""))
		elif reached is not None:
			coccinelle.wparams.append((pos.file, at[0], at[1] + 1, fn, reached,
						   "reached"))
	else:
		use = re.match(r"\w+\s*\([^()]*\)",
			       lines_of(pos.file)[int(pos.line) - 1][int(pos.column):])
		use = use.group(0) if use else mac
		if mac in WRITER_MACROS:
			f, op, val = WRITER_MACROS[mac]
			coccinelle.sites.append((k, "macro", pos.file, int(pos.line),
				int(pos.column) + 1, fn, f, use, op, val, False))
		else:
			coccinelle.sites.append((k, "use", pos.file, int(pos.line),
				int(pos.column) + 1, fn, mac, use, None, None, False))

@mcall@
// Calls inside a function-like macro: a use of the macro calls them
// (SET_SIZE(e, n) expanding to set_size(e, n)).
identifier mg : script:python() { in_file_set(mg) };
position p;
@@
mg@p(...)

@script:python@
mg << mcall.mg;
p << mcall.p;
@@
pos = p[0]
if pos.current_element == "something_else":
	mac = macro_of(pos.file, int(pos.line))
	if mac and mac != mg:
		at = pos.file if pos.file.endswith(".c") else None
		CALL_MACROS.setdefault((at, mac), set()).add(mg)
		MACRO_NAMES.add(mac)

@csite@
// ... direct calls, and calls through an ops field: a rule of their own,
// for a disjunction with the writes above matches one of them per
// statement and loses the call in "x->f = g(x)".
expression X;
identifier callee : script:python() { is_callee(callee) };
identifier ofld;
position p, pb;
@@
(
 X@pb->ofld@p(...)
|
 X@pb.ofld@p(...)
|
 callee@p(...)
)

@script:python@
p << csite.p;
pb << csite.pb = [];
X << csite.X = "";
callee << csite.callee = "";
ofld << csite.ofld = "";
@@
pos = p[0]
fn = pos.current_element
if fn != "something_else":
	# The locks at X->f(...) are those at X: the field name is no
	# expression of its own for the lock rules to find.
	k = key(pb[0] if ofld else pos)
	if (pos.file, fn) in LOCKED_FNS and worth_locks(pos.file, callee, ofld):
		SITES.add(k)
	if ofld:
		coccinelle.sites.append((k, "icall", pos.file, int(pos.line),
			int(pos.column) + 1, fn, ofld, var_struct(pos.file, fn, str(X)),
			None, None, False))
		# Only a run-time field: a setup or teardown field keeps the phase
		# the vocabulary gives it, which a partial view of the core (its
		# open path runs through files we do not analyse) would lose.
		if ofld in DISPATCH.get(norm(pos.file), ()) and \
		   ROOT_OPS.get(ofld, "runtime") == "runtime":
			coccinelle.dispatch.append((pos.file, int(pos.line), fn, ofld))
	elif macro_callees(pos.file, callee) and callee not in OURS:
		for g in sorted(macro_callees(pos.file, callee)):
			coccinelle.sites.append((k, "call", pos.file, int(pos.line),
				int(pos.column) + 1, fn, g, None, None, None, False))
	else:
		coccinelle.sites.append((k, "call", pos.file, int(pos.line),
			int(pos.column) + 1, fn, callee, None, None, None, False))
		if callee not in LOCKS and LOCKISH.search(callee):
			coccinelle.unknown.append((pos.file, int(pos.line), fn, callee))

@lsite@
// The sites in functions that take a lock, for cand, tlfail and grd: the
// lock rules are not tried where no lock can be held.  They inherit the
// position: free, cand's paths from every lock call to every site of a
// function cost 207 s on fs/ext4/xattr.c.  (The rules about writes bind
// their own: inherited, each was applied once per site to every function.)
// Only the shapes a site has, each tried against the constraint: any
// expression "V2@p" called it for every subexpression of the file (8.7 of
// the 139 s of facts on fs/nfs).
position p : script:python() { locked_site(p) };
expression V2, E1, X;
identifier f, ofld;
assignment operator aop;
@@
(
 V2 ++@p
|
 V2 --@p
|
 ++@p V2
|
 --@p V2
|
 E1 aop V2@p
|
 f@p(...)
|
 X@p->ofld(...)
|
 X@p.ofld(...)
)

@own@
// The struct of the written member, from the declared type of its base:
// with the layout's bitfields, the typing of a store.  (Coccinelle's own
// bitfield typing, T:b, needs the struct's definition parsed, which a
// header's parse errors lose; the layout does not.)
position p : script:python() { write_site(p) };
type S;
S *Y;
S Z;
identifier fld;
expression V;
assignment operator aop;
@@
(
 Y->fld aop V@p
|
 Y->fld ++@p
|
 Y->fld --@p
|
 ++@p Y->fld
|
 --@p Y->fld
|
 Z.fld aop V@p
|
 Z.fld ++@p
|
 Z.fld --@p
|
 ++@p Z.fld
|
 --@p Z.fld
)

@script:python@
p << own.p;
S << own.S;
@@
# An anonymous nested struct has no name of its own: its members are the
# enclosing struct's in the layout, so the field name decides.
coccinelle.owner.append((key(p[0]), "" if "{" in S else base_type(S)[0]))

@iter@
// Written through a loop cursor: a sibling object, not the own one of the
// caller.  The loop's extent is taken from the text: "<+... p ...+>" with
// a free position is exponential in nested loops.
iterator I =~ "for_each";
expression Y;
statement S;
position pi;
@@
I@pi(Y, ...) S

@script:python@
pi << iter.pi;
Y << iter.Y;
@@
cursor = "".join(Y.split())
for k in in_extent(loop_extent(pi[0]), WRITES):
	coccinelle.iters.append((k, cursor))

@loop@
// Loops, for array walks: an element of an array written in a loop is a
// sibling too.  (A for pattern with a body wildcard also matched code
// outside any loop; the extent is taken from the text instead.)
expression E1, E2, E3;
statement S;
type T;
identifier x;
position pf;
@@
(
for@pf (E1; E2; E3) S
|
for@pf (T x = E1; E2; E3) S
)

@script:python@
pf << loop.pf;
@@
coccinelle.loops.append(loop_extent(pf[0]))

@palloc exists@
// Thread-private objects: a write to an object this function allocated
// (also one it frees at the end of its scope, "T *x __free(kfree) = ...");
// "when any", for the dots would otherwise stop at the first write ...
identifier x;
identifier alloc : script:python() { is_alloc(alloc) };
position p : script:python() { write_site(p) };
expression V2, E;
type T;
attribute name __free;
@@
(
 x = alloc(...);
|
 T x = alloc(...);
|
 T x __free(...) = alloc(...);
)
 ... when != x = E
     when any
 \( V2 ++@p \| V2 --@p \| ++@p V2 \| --@p V2 \| V2@p \)

@script:python@
p << palloc.p;
x << palloc.x;
@@
coccinelle.allocw.append((key(p[0]), x))

@ppub exists@
// ... unless some path reaches it after the object was handed out:
// stored anywhere, or passed to a function that may share it.
identifier palloc.x;
position palloc.p;
identifier f : script:python() { publishes(f) };
identifier fld;
expression V2, E, E2;
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
 \( V2 ++@p \| V2 --@p \| ++@p V2 \| --@p V2 \| V2@p \)

@script:python@
p << palloc.p;
x << palloc.x;
q << ppub.q;
@@
coccinelle.pubw.append((key(p[0]), x))

@fpass exists@
// A fresh object passed to a function of the file set before it is
// published: that callee writes a private object through its parameter.
identifier x;
identifier alloc : script:python() { is_alloc(alloc) };
identifier g : script:python() { is_ours(g) };
expression list[n] Es;
expression E;
position pc;
type T;
attribute name __free;
@@
(
 x = alloc(...);
|
 T x = alloc(...);
|
 T x __free(...) = alloc(...);
)
 ... when != x = E
 g@pc(Es, x, ...)

@script:python@
pc << fpass.pc;
g << fpass.g;
n << fpass.n;
@@
pos = pc[0]
coccinelle.passes.append((pos.file, int(pos.line), pos.current_element, g, int(n),
			  "private"))

@fpub exists@
identifier fpass.x;
position fpass.pc;
identifier f : script:python() { publishes(f) };
identifier g, fld;
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
 g@pc(...)

@script:python@
pc << fpass.pc;
q << fpub.q;
@@
coccinelle.pubcalls.append((pc[0].file, int(pc[0].line)))

@sstack@
// The address of a stack object passed to the file set ...
identifier g : script:python() { is_ours(g) };
expression list[n] Es;
identifier y : script:python() { is_var_name(y) };
position pc;
@@
g@pc(Es, &y, ...)

@script:python@
pc << sstack.pc;
g << sstack.g;
n << sstack.n;
y << sstack.y;
@@
pos = pc[0]
fn = pos.current_element
v = VARS.get((pos.file, fn, y))
if v is not None and not v[1] and not v[2]:
	coccinelle.passes.append((pos.file, int(pos.line), fn, g, int(n), "private"))

@sfwd@
// ... or a parameter passed on, private when the caller's argument is.
identifier g : script:python() { is_ours(g) };
expression list[n] Es;
identifier y : script:python() { is_param_name(y) };
position pc;
@@
g@pc(Es, y, ...)

@script:python@
pc << sfwd.pc;
g << sfwd.g;
n << sfwd.n;
y << sfwd.y;
@@
pos = pc[0]
fn = pos.current_element
if (pos.file, fn, y) in PARAMS:
	coccinelle.passes.append((pos.file, int(pos.line), fn, g, int(n),
				  "arg=%d" % PARAMS[(pos.file, fn, y)]))

@ofwd depends on othr@
// ... or an argument reached from a parameter, a thread's own work item
// when that parameter holds one, and a parameter a macro passes on
// (SET_SIZE(e, n) expanding to set_size(pack, e, n)).
identifier g : script:python() { is_ours(g) or g in MACRO_NAMES };
expression list[n] Es;
expression A;
position pc;
@@
g@pc(Es, A, ...)

@script:python@
pc << ofwd.pc;
g << ofwd.g;
n << ofwd.n;
A << ofwd.A;
@@
pos = pc[0]
fn = pos.current_element
a = "".join(A.split())
k = PARAMS.get((pos.file, fn, a))
frm = "arg=%d" % k if k is not None else None
if k is None:
	k = own_param(pos.file, fn, a, True)
	frm = "own=%d" % k if k is not None else None
if frm and g in OURS and not frm.startswith("arg="):
	coccinelle.passes.append((pos.file, int(pos.line), fn, g, int(n), frm))
elif frm and g not in OURS:
	for callee, i in macro_passes(pos.file, g, int(n)):
		coccinelle.passes.append((pos.file, int(pos.line), fn, callee, i, frm))

@ostart depends on othr@
// A thread's own argument: the one after the start routine, when each
// create in a loop gives its thread another object (&w[i], w + i).
identifier f : script:python() { is_thread_call(f) };
expression list[n] Es;
identifier fn;
expression A;
position p, pa;
@@
f(Es, fn@p, A@pa, ...)

@script:python@
f << ostart.f;
n << ostart.n;
fn << ostart.fn;
A << ostart.A;
p << ostart.p;
pa << ostart.pa;
@@
if THREAD_CALLS[f] == ("create", int(n)) and PER_THREAD_ARG.match(A.strip()):
	coccinelle.ownstarts.append((p[0].file, int(p[0].line), p[0].current_element, fn,
				     key(pa[0])))

@cand exists@
// Lexical locks: a lock call reaches the site on some path ...
position lsite.p, pl;
expression V2;
identifier fn : script:python(p) { in_fn(fn, p) };
identifier lk : script:python() { is_acquire(lk) };
@@
fn(...) { ... when any
 lk@pl(...)
 ... when any
 \( V2 ++@p \| V2 --@p \| ++@p V2 \| --@p V2 \| V2@p \)
 ... when any
}

@script:python spell@
lk << cand.lk;
pl << cand.pl;
fn << cand.fn;
LEX; AI0; AI1; AI2; AI3; AJ0; AJ1; AN0; AN1; AN2; AN3; AN4; AN5; AIE0; AIE1; AIE2; AIE3; AJE0; AJE1;
RI0; RI1; RI2; RI3; RJ0; RJ1; RN0; RN1; RN2; RN3; RN4; RN5; RIE0; RIE1; RIE2; RIE3; RJE0; RJE1;
@@
make_slots(lk, pl[0], fn)

@unprot exists@
// ... and no path reaches the site without the lock or after its release,
// the lock spelt as its expression, a wrapper over it or its fixed identity
// (the spellings spell made).
position lsite.p;
identifier cand.fn;
expression spell.LEX, spell.AIE0, spell.AIE1, spell.AIE2, spell.AIE3, spell.AJE0, spell.AJE1, spell.RIE0, spell.RIE1, spell.RIE2, spell.RIE3, spell.RJE0, spell.RJE1;
identifier spell.AI0, spell.AI1, spell.AI2, spell.AI3, spell.AJ0, spell.AJ1, spell.AN0, spell.AN1, spell.AN2, spell.AN3, spell.AN4, spell.AN5, spell.RI0, spell.RI1, spell.RI2, spell.RI3, spell.RJ0, spell.RJ1, spell.RN0, spell.RN1, spell.RN2, spell.RN3, spell.RN4, spell.RN5;
expression V2, E, E1, E2;
identifier lk2 : script:python() { is_plain_acquire(lk2) };
identifier ul : script:python() { is_plain_release(ul) };
identifier lk3 : script:python() { is_plain_acquire1(lk3) };
identifier ul3 : script:python() { is_plain_release1(ul3) };
@@
fn(...) {
(
 ... when != lk2(LEX, ...)
     when != lk3(E2, LEX, ...)
     when != AI0(AIE0, ...)
     when != AI1(AIE1, ...)
     when != AI2(AIE2, ...)
     when != AI3(AIE3, ...)
     when != AJ0(E2, AJE0, ...)
     when != AJ1(E2, AJE1, ...)
     when != AN0(...)
     when != AN1(...)
     when != AN2(...)
     when != AN3(...)
     when != AN4(...)
     when != AN5(...)
 \( V2 ++@p \| V2 --@p \| ++@p V2 \| --@p V2 \| V2@p \)
|
 ...
 \( ul(LEX, ...)
  \| ul3(E1, LEX, ...)
  \| RI0(RIE0, ...)
  \| RI1(RIE1, ...)
  \| RI2(RIE2, ...)
  \| RI3(RIE3, ...)
  \| RJ0(E, RJE0, ...)
  \| RJ1(E, RJE1, ...)
  \| RN0(...)
  \| RN1(...)
  \| RN2(...)
  \| RN3(...)
  \| RN4(...)
  \| RN5(...)
 \)
 ... when != lk2(LEX, ...)
     when != lk3(E2, LEX, ...)
     when != AI0(AIE0, ...)
     when != AI1(AIE1, ...)
     when != AI2(AIE2, ...)
     when != AI3(AIE3, ...)
     when != AJ0(E2, AJE0, ...)
     when != AJ1(E2, AJE1, ...)
     when != AN0(...)
     when != AN1(...)
     when != AN2(...)
     when != AN3(...)
     when != AN4(...)
     when != AN5(...)
 \( V2 ++@p \| V2 --@p \| ++@p V2 \| --@p V2 \| V2@p \)
)
 ... when any
}

@script:python depends on !unprot@
p << lsite.p;
lk << cand.lk;
pl << cand.pl;
fn << cand.fn;
@@
l = lock_str(lk, pl[0], fn)
coccinelle.held.append((key(p[0]), l))
if action(lk) in ("trylock", "trylock0"):
	coccinelle.tried.append((key(p[0]), l))

@tlfail@
// The failure branch of a trylock holds nothing.
position lsite.p, pt;
expression V2;
identifier tl : script:python() { is_trylock(tl) };
identifier tl0 : script:python() { is_trylock0(tl0) };
statement S;
@@
(
 if (!tl@pt(...)) { <+... \( V2 ++@p \| V2 --@p \| ++@p V2 \| --@p V2 \| V2@p \) ...+> }
|
 if (!tl@pt(...)) S else { <+... \( V2 ++@p \| V2 --@p \| ++@p V2 \| --@p V2 \| V2@p \) ...+> }
|
 if (tl@pt(...)) S else { <+... \( V2 ++@p \| V2 --@p \| ++@p V2 \| --@p V2 \| V2@p \) ...+> }
|
 if (tl0@pt(...)) { <+... \( V2 ++@p \| V2 --@p \| ++@p V2 \| --@p V2 \| V2@p \) ...+> }
|
 if (tl0@pt(...) != 0) { <+... \( V2 ++@p \| V2 --@p \| ++@p V2 \| --@p V2 \| V2@p \) ...+> }
|
 if (tl0@pt(...) == 0) S else { <+... \( V2 ++@p \| V2 --@p \| ++@p V2 \| --@p V2 \| V2@p \) ...+> }
)

@script:python@
p << lsite.p;
pt << tlfail.pt;
tl << tlfail.tl = "";
tl0 << tlfail.tl0 = "";
@@
pos = p[0]
e, le = call_lock(tl or tl0, pt[0])
coccinelle.notheld.append((key(pos), held_id(e, le, pos.file, pos.current_element)))

@grd exists@
// guard(class)(&l): held from there to the end of the scope, taken here
// as the end of the function.
position lsite.p;
identifier fn : script:python(p) { in_fn(fn, p) };
identifier cls : script:python() { is_guard(cls) };
expression L, V2;
@@
fn(...) { ... when any
 guard(cls)(L);
 ... when any
 \( V2 ++@p \| V2 --@p \| ++@p V2 \| --@p V2 \| V2@p \)
 ... when any
}

@script:python@
p << lsite.p;
cls << grd.cls;
L << grd.L;
fn << grd.fn;
@@
coccinelle.held.append((key(p[0]), guard_str(cls, L, p[0].file, fn, "guard")))

@sgd@
// scoped_guard(class, &l) S: held in S, its extent taken from the text
// (as iter's).
iterator name scoped_guard;
identifier cls : script:python() { is_guard(cls) };
expression L;
statement S;
position ps;
@@
scoped_guard@ps(cls, L) S

@script:python@
ps << sgd.ps;
cls << sgd.cls;
L << sgd.L;
@@
pos = ps[0]
held = guard_str(cls, L, pos.file, pos.current_element, "scoped_guard")
for k in in_extent(loop_extent(pos), SITES):
	coccinelle.held.append((k, held))

@lda@
// lockdep_assert_held(l) anywhere: the function runs with l held.
identifier fn, la : script:python() { is_assert(la) };
expression L;
position p;
@@
fn(...) { ... when any
 la@p(L);
 ... when any
}

@script:python@
fn << lda.fn;
la << lda.la;
p << lda.p;
@@
coccinelle.fnlocks.append((p[0].file, int(p[0].line), fn,
			   lock_str(la, p[0], fn, "lockdep")))

@tcall@
// Thread starts and joins: from the first start to the last join the
// function runs alongside its threads.
identifier f : script:python() { is_thread_call(f) };
position p;
@@
f@p(...)

@script:python@
f << tcall.f;
p << tcall.p;
@@
pos = p[0]
if pos.current_element != "something_else":
	event, idx = THREAD_CALLS[f]
	entry = None
	if idx is not None:
		args = lockvocab.call_args(lines_of(pos.file), int(pos.line), int(pos.column_end))
		if idx < len(args) and re.match(r"^&?\s*\w+$", args[idx].strip()):
			entry = args[idx].strip().lstrip("&").strip()
	coccinelle.threads.append((pos.file, int(pos.line), pos.current_element, event, entry))
	THREAD_FILES.add(pos.file)

@topen depends on tcall@
// ... and the calls that may start threads: a create, or a call to a
// function of the file that starts some (git's start_threads()).  Only
// the sites some path from one reaches before a join run alongside the
// threads: not an else branch that starts none ("if (nr > 1)
// start_threads(); else work_inline();"), although it follows by line.
identifier c;
position pa : script:python(c) { opens_threads(c, pa) };
@@
c@pa(...)

@script:python@
pa << topen.pa;
@@
coccinelle.opens.append((pa[0].file, pa[0].current_element, int(pa[0].line)))

@treach depends on topen exists@
identifier c;
position pa : script:python(c) { opens_threads(c, pa) };
identifier j : script:python() { joins_threads(j) };
expression V;
position p : script:python() { thread_site(p) };
@@
c@pa(...)
... when != j(...)
    when any
V@p

@script:python@
pa << treach.pa;
p << treach.p;
@@
if p[0].current_element == pa[0].current_element:
	coccinelle.reached.append((pa[0].file, pa[0].current_element, int(pa[0].line),
				   int(p[0].line)))

@opsinit@
// Phase roots and ops edges: functions stored in ops fields ...
identifier fld, fn, x;
type T;
position p;
@@
T x = { ..., .fld = fn@p, ... };

@script:python@
fld << opsinit.fld;
fn << opsinit.fn;
p << opsinit.p;
T << opsinit.T;
@@
coccinelle.ops.append((fld, fn, p[0].file, int(p[0].line)))
coccinelle.opstype.append((fld, fn, p[0].file, int(p[0].line), base_type(T)[0]))

@opsset@
identifier fld, fn;
expression X;
position p;
@@
(
 X->fld = fn@p
|
 X.fld = fn@p
)

@script:python@
fld << opsset.fld;
fn << opsset.fn;
X << opsset.X;
p << opsset.p;
@@
coccinelle.ops.append((fld, fn, p[0].file, int(p[0].line)))
st = var_struct(p[0].file, p[0].current_element, str(X))
if st:
	coccinelle.assigntype.append((fld, fn, p[0].file, int(p[0].line), st))

@argroot@
// ... and functions handed to request_irq(), INIT_WORK(), ...
identifier f : script:python() { is_argroot(f) };
expression list[n] Es;
identifier fn;
type T;
position p;
@@
(
f(Es, fn@p, ...)
|
// tasklet_init(&t, (void *)fn, data) in older drivers
f(Es, (T)fn@p, ...)
)

@script:python@
f << argroot.f;
n << argroot.n;
fn << argroot.fn;
p << argroot.p;
@@
for idx, phase, kind in ROOT_ARGS[f]:
	if idx == int(n):
		coccinelle.roots.append((p[0].file, int(p[0].line), fn, phase, kind))
		coccinelle.cbargs.append((key(p[0]), f, None, None, int(n)))

@addr@
// Every other place a function of the file set is named as a value: its
// address is taken, so something may call it at any time.
identifier fn : script:python() { is_ours(fn) };
position p;
@@
fn@p

@script:python@
fn << addr.fn;
p << addr.p;
@@
pos = p[0]
line = lines_of(pos.file)[int(pos.line) - 1]
before, after = line[:int(pos.column)], line[int(pos.column_end):]
m = re.search(r"(?:\.|->)\s*(\w+)\s*=\s*&?\s*$", before)
lv = re.search(r"\b(\w+)\s*=\s*&?\s*$", before)
if re.match(r"\s*\(", after):
	pass		# a call, which csite sees
elif m:
	# "[0 ... N] = { .readfn = f }" and the like, which opsinit misses.
	coccinelle.ops.append((m.group(1), fn, pos.file, int(pos.line)))
elif lv and (pos.file, pos.current_element, lv.group(1)) in VARS:
	# A local function pointer: called by the function that sets it.
	coccinelle.cbargs.append((key(pos), fn, pos.current_element, key(pos), None))
	coccinelle.addrs.append((key(pos), fn, pos.file, int(pos.line)))
elif not handed_to_nothing(pos):
	coccinelle.addrs.append((key(pos), fn, pos.file, int(pos.line)))

@cbarg@
// A function handed to a function: a call edge when the callee is ours or
// calls it before returning (SYNC), with the locks held at the call.
identifier f : script:python() { is_ours(f) or f in SYNC };
identifier fn : script:python() { is_ours(fn) };
expression list[n] Es;
position p, pc;
@@
f@pc(Es, fn@p, ...)

@script:python@
f << cbarg.f;
n << cbarg.n;
p << cbarg.p;
pc << cbarg.pc;
@@
q = pc[0]
if q.current_element != "something_else":
	coccinelle.cbargs.append((key(p[0]), f, q.current_element, key(q), int(n)))

@finalize:python@
all_sites << merge.sites;
all_owner << merge.owner;
all_held << merge.held;
all_notheld << merge.notheld;
all_tried << merge.tried;
all_iters << merge.iters;
all_loops << merge.loops;
all_funcs << merge.funcs;
all_fnlocks << merge.fnlocks;
all_roots << merge.roots;
all_ops << merge.ops;
all_unknown << merge.unknown;
all_addrs << merge.addrs;
all_cbargs << merge.cbargs;
all_dispatch << merge.dispatch;
all_allocw << merge.allocw;
all_pubw << merge.pubw;
all_passes << merge.passes;
all_pubcalls << merge.pubcalls;
all_wparams << merge.wparams;
all_bases << merge.bases;
all_opstype << merge.opstype;
all_assigntype << merge.assigntype;
all_threads << merge.threads;
all_opens << merge.opens;
all_reached << merge.reached;
all_wmacros << merge.wmacros;
all_ownstarts << merge.ownstarts;
@@
# >>> facts only: batches
# Files that need different headers to be typed go through several runs,
# each given only the headers its files need (facts_run.c): each run saves
# what its files found, and one last run over no file loads it all and
# decides for the whole set.
if STATE != "-":
	import pickle
	mode, paths = STATE.split(":", 1)
	found = dict((n, v) for n, v in globals().items() if n.startswith("all_"))
	if mode == "save":
		with open(paths, "wb") as fp:
			pickle.dump(dict((n, list(v)) for n, v in found.items()), fp)
		for n in found:
			globals()[n] = []
	else:
		for p in paths.split(":"):
			with open(p, "rb") as fp:
				for n, v in pickle.load(fp).items():
					globals()[n] = list(globals()[n]) + v
# <<< facts only
def flat(x):
	return set(e for part in x for e in part)

owner = {}
for k, s in flat(all_owner):
	owner.setdefault(k, set()).add(s)
held = {}
for k, l in flat(all_held):
	held.setdefault(k, set()).add(l)
notheld = {}
for k, l in flat(all_notheld):
	notheld.setdefault(k, set()).add(l)
tried = {}
for k, l in flat(all_tried):
	tried.setdefault(k, set()).add(l)
iters = {}
for k, y in flat(all_iters):
	iters.setdefault(k, set()).add(y)
loops = flat(all_loops)

def in_loop(k):
	return any(within(l, k) for l in loops)
funcs = flat(all_funcs)
defined = set(f[2] for f in funcs)
dispatch = flat(all_dispatch)
fnlocks = flat(all_fnlocks)
fnheld = {}
for file, line, fn, l in fnlocks:
	fnheld.setdefault((file, fn), set()).add(l)
ops = flat(all_ops)

# A function handed to one of ours that only stores the parameter in a
# field, itself or through the functions it hands it on to (ibmvfc's
# done, set by ibmvfc_init_event() for the completion to call), runs
# when that field is called, with the locks held there: not in the
# function that handed it, as a call would.
PARAM_WORD = re.compile(r"\(\s*\*\s*(\w+)\s*\)|(\w+)\s*(?:\[[^]]*\]\s*)*$")

def params_of(file, first, fn):
	"""The parameter names of fn, defined from line first of file."""
	head = " ".join(lines_of(file)[first - 1:first + 8])
	m = re.search(r"\b%s\s*\(" % re.escape(fn), head)
	if not m:
		return None
	names = []
	for start, a in call_args(head, m.end()):
		w = PARAM_WORD.search(a.strip())
		names.append(w and (w.group(1) or w.group(2)))
	return names

C_WORDS = {"if", "while", "for", "switch", "return", "sizeof"}

def param_uses(file, first, last, name):
	"""How a function body uses its parameter name: ("call",),
	("store", field, struct) or ("pass", callee, index); None for any
	other use, or a store into an object of no struct the text declares."""
	whole = NL.join(lines_of(file)[first - 1:last])
	body = whole[whole.find("{") + 1:]
	uses = set()
	for m in re.finditer(r"(?<![\w.>])%s\b" % re.escape(name), body):
		before, after = body[:m.start()], body[m.end():]
		st = re.search(r"\b(\w+)\s*(?:->|\.)\s*(\w+)\s*=\s*$", before)
		if re.match(r"\s*\(", after):
			uses.add(("call",))
		elif st and re.match(r"\s*;", after):
			d = re.search(r"\bstruct\s+(\w+)\s*\**\s*%s\b" % re.escape(st.group(1)), whole)
			uses.add(("store", st.group(2), d.group(1)) if d else None)
		elif re.match(r"\s*[,)]", after):
			depth, i, idx = 0, m.start() - 1, 0
			while i >= 0 and depth >= 0:
				ch = body[i]
				depth += (ch == ")") - (ch == "(")
				idx += depth == 0 and ch == ","
				i -= 1
			g = re.search(r"(\w+)\s*$", body[:i + 1])
			if depth < 0 and g and g.group(1) not in C_WORDS:
				uses.add(("pass", g.group(1), idx))
			else:
				uses.add(None)
		elif not re.match(r"\s*[,;)]", after) or not re.search(r"[(,]\s*$", before):
			uses.add(None)	# compared, assigned, declared: unknown
	return uses

extent_of = {}			# (file, fn) and fn -> (file, first, last)
for file, first, fn, last, linkage in funcs:
	extent_of[(file, fn)] = (file, first, last)
	extent_of.setdefault(fn, (file, first, last))

def stored_fields(f, idx, file, depth=0):
	"""The (field, struct) pairs the function handed as argument idx of f
	ends up in, or None when f calls it, hands it to a function we do not read, or
	uses it otherwise."""
	ext = extent_of.get((file, f)) or extent_of.get(f)
	if ext is None or depth > 4:
		return None
	names = params_of(ext[0], ext[1], f)
	if not names or idx >= len(names) or not names[idx]:
		return None
	out = set()
	for u in param_uses(ext[0], ext[1], ext[2], names[idx]) or {None}:
		if u is None or u[0] == "call":
			return None
		if u[0] == "store":
			out.add(u[1:])
			continue
		sub = stored_fields(u[1], u[2], ext[0], depth + 1)
		if sub is None:
			return None
		out |= sub
	return out or None

addr_fn = dict((k, (fn, file, line)) for k, fn, file, line in flat(all_addrs))
stored_only = set()		# keys of the handings that are stores
handed_ops = set()		# (field, func, file, line, struct) they store
for k, f, caller, ck, idx in flat(all_cbargs):
	if caller is None or idx is None or k not in addr_fn or f in SYNC:
		continue
	flds = stored_fields(f, idx, k[0])
	if flds:
		stored_only.add((k, f))
		fn, file, line = addr_fn[k]
		handed_ops |= set((fld, fn, file, line, st) for fld, st in flds)
ops |= set(h[:4] for h in handed_ops)
byfield = {}
for fld, fn, file, line in ops:
	byfield.setdefault(fld, set()).add(fn)
statics = set((f[0], f[2]) for f in funcs if f[4] == "static")
stored_in = {}			# (field, static function) -> files of its ops tables
for fld, fn, file, line in ops:
	if (file, fn) in statics:
		stored_in.setdefault((fld, fn), set()).add(file)
opstype = {}
bytyped = {}			# (struct, field) -> functions
for fld, fn, file, line, st in flat(all_opstype):
	opstype[(fld, fn, file, line)] = st
	bytyped.setdefault((st, fld), set()).add(fn)
storetype = dict(opstype)	# (field, func, file, line) -> the struct stored into
for fld, fn, file, line, st in flat(all_assigntype) | handed_ops:
	storetype[(fld, fn, file, line)] = st
	bytyped.setdefault((st, fld), set()).add(fn)
untyped = {}			# field -> functions stored in it on an object of no known struct
for o in ops:
	if o not in storetype:
		untyped.setdefault(o[0], set()).add(o[1])

def icallees(file, fld, st):
	"""What X->fld() may call: in a core file, only the ops it dispatches;
	else, when X is a variable of struct st, the functions stored in the
	fld of an st or of an object of no known type (two drivers of a sweep
	both call ->done(), each its own)."""
	types = DISPATCH.get(norm(file), {}).get(fld)
	if norm(file) not in DISPATCH:
		if st is None:
			return byfield.get(fld, ())
		return bytyped.get((st, fld), set()) | untyped.get(fld, set())
	return set(fn for st in types or () for fn in bytyped.get((st, fld), ()))

def locks_at(k, file, fn):
	ls = set(held.get(k, ())) | fnheld.get((file, fn), set())
	dropped = notheld.get(k, set())
	ls = [l for l in ls if l.rsplit(":", 1)[0] not in dropped
	      or l not in tried.get(k, ())]
	# One lock taken two ways (a lock call and a wrapper) is one lock: the
	# plainest way names it.
	by = {}
	for l in sorted(ls, key=lambda l: (l.rsplit("@", 1)[1] not in ("lexical", "trylock"), l)):
		by.setdefault(l.rsplit(":", 1)[0], l)
	return ",".join(sorted(by.values())) or "-"

fresh = flat(all_allocw) - flat(all_pubw)
base_of = dict(flat(all_bases))
pubcalls = flat(all_pubcalls)

# Passes: private objects first, then the parameters that forward them,
# to a fixed point; only those are printed, and the writes through them.
passes = [p for p in flat(all_passes)
	  if p[5] != "private" or (p[0], p[1]) not in pubcalls]
private_params = set()
printed_passes = set()
changed = True
while changed:
	changed = False
	for file, line, fn, g, n, frm in passes:
		if frm.startswith("own="):
			continue	# a work item of a thread is not private to a call tree
		if frm != "private" and (fn, int(frm[4:])) not in private_params:
			continue
		if (file, line, fn, g, n, frm) in printed_passes:
			continue
		printed_passes.add((file, line, fn, g, n, frm))
		if (g, n) not in private_params:
			private_params.add((g, n))
			changed = True

# Open-count guards: "if (open_count(set) > 1) return ...;" at the top
# level of a function, or "if (!pred(set)) return;" where pred returns
# false behind such a test, dominates the walk of the set after it.
COUNT = re.compile(r"(open|user)\w*(count|cnt)|\bnr_(open|users)\b|\busers\b")
TOP_IF = re.compile(r"^\tif\s*\((.*)\)\s*(return\b[^;]*;)?\s*$")
def top_guards(file, first, upto):
	ls = lines_of(file)
	for i in range(first, min(upto, len(ls))):
		m = TOP_IF.match(ls[i])
		if not m:
			continue
		ret = m.group(2) or (ls[i + 1].strip() if i + 1 < len(ls) else "")
		if ret.startswith("return"):
			yield i + 1, m.group(1), ret

def count_test(cond):
	return COUNT.search(cond) is not None and re.search(r">|!=", cond) is not None

def closed_predicate(g):
	if g not in extent_of:
		return False
	file, first, last = extent_of[g]
	return any(count_test(c) and re.match(r"return\s*(false|0)\s*;", r)
		   for l, c, r in top_guards(file, first, last))

def closed_guard(file, fn, line):
	for f, first, name, last, _ in funcs:
		if f != file or name != fn or not first <= line <= last:
			continue
		for l, c, r in top_guards(file, first, line):
			m = re.match(r"^!\s*(\w+)\s*\(", c.strip())
			if count_test(c) or (m and closed_predicate(m.group(1))):
				return True
	return False

# A thread's own work items: a create in a loop that gives each thread
# another object starts the thread with parameter 0 its own; what the
# thread reaches from it, and passes on, is its own too.
own_params = set()
for file, line, caller, entry, k in flat(all_ownstarts):
	if in_loop(k):
		printed_passes.add((file, line, caller, entry, 0, "own"))
		own_params.add((entry, 0))
changed = True
while changed:
	changed = False
	for file, line, fn, g, n, frm in passes:
		if not frm.startswith(("arg=", "own=")) or (fn, int(frm[4:])) not in own_params:
			continue
		printed_passes.add((file, line, fn, g, n, frm))
		if (g, n) not in own_params:
			own_params.add((g, n))
			changed = True

lines = set()
writers = set()
for file, line, fn, g, n, frm in printed_passes:
	lines.add(row("pass", esc(file), line, esc(fn), g, n, frm))
for file, line, col, fn, n, how in flat(all_wparams):
	if (fn, n) in own_params or ((fn, n) in private_params and not how):
		lines.add(row("wparam", esc(file), line, col, esc(fn), n, *([how] if how else [])))
# A use of a macro another worker learned: a write where it writes.
wmacros = {}
for name, f, op, val in sorted(flat(all_wmacros)):
	wmacros.setdefault(name, (f, op, val))
sites = set()
for k, kind, file, line, col, fn, a, b, c, d, local in flat(all_sites):
	if kind != "use":
		sites.add((k, kind, file, line, col, fn, a, b, c, d, local))
	elif a in wmacros:
		f, op, val = wmacros[a]
		sites.add((k, "macro", file, line, col, fn, f, b, op, val, local))
calls_at = set()
for k, kind, file, line, col, fn, a, b, c, d, local in sites:
	if kind == "call":
		calls_at.add(k)
for k, kind, file, line, col, fn, a, b, c, d, local in sites:
	locks = locks_at(k, file, fn)
	if kind in ("write", "macro"):
		if norm(file) in DISPATCH:
			continue	# outside the PATHs: read for its calls alone
		structs = owner.get(k, set())
		known = [s for s in structs if s in CANDS and a in CANDS[s][1]]
		if structs and not known and "" not in structs:
			continue	# typed, and not a candidate: a name collision
		is_typed = kind == "write" and bool(structs)
		if not known and kind == "write":
			# Untyped: the struct its base really has, if the layout
			# knows the way there ("dmab->dev.type" is a
			# snd_dma_device's, not a segment descriptor's).
			st = base_of.get(k)
			if st is not None:
				if st not in CANDS or a not in CANDS[st][1]:
					continue	# a name collision
				known = [st]
		if not known:
			# By name alone (an anonymous owner is no typing either).
			known = sorted(s for s in CANDS if a in CANDS[s][1])
			is_typed = False
		inst = "self"
		base = "".join(b.split()) if kind == "write" else b
		cursors = iters.get(k, set())
		if base in cursors or ("[" in base and in_loop(k)):
			inst = "closed" if closed_guard(file, fn, line) else "iter"
		elif local == "tls":
			inst = "tls"
		elif local:
			inst = "local"
		elif (k, base) in fresh:
			inst = "private"
		for s in known:
			lines.add(row("write", esc(file), line, col, esc(fn), s, a,
				      esc(b), inst, esc(c), esc(d),
				      "typed" if is_typed else "untyped", locks))
		writers.add((file, fn))
	elif kind == "call" and a in defined:
		lines.add(row("call", esc(file), line, esc(fn), a, locks))
	elif kind == "icall":
		# A setup or teardown op keeps its phase whoever calls it (the
		# core closes a device from an ioctl's error path): its root
		# stands, and the caller's run-time path does not reach it.
		if ROOT_OPS.get(a, "runtime") != "runtime":
			continue
		for callee in sorted(icallees(file, a, b)):
			for at in sorted(stored_in.get((a, callee), ())) or [None]:
				if callee not in defined:
					continue
				if at is None:
					lines.add(row("call", esc(file), line, esc(fn), callee, locks))
				else:	# a static function binds in the file of its ops table
					lines.add(row("call", esc(file), line, esc(fn), callee, locks,
						      esc(at)))
for file, line, fn, end, linkage in funcs:
	if linkage == "static":
		lines.add(row("func", esc(file), line, fn, end, linkage))
	else:
		lines.add(row("func", esc(file), line, fn, end))
for file, line, fn, l in fnlocks:
	lines.add(row("fnlock", esc(file), line, fn, l))
for file, line, fn, phase, kind in flat(all_roots):
	lines.add(row("root", esc(file), line, fn, phase, kind))
# A function stored in a field runs when the field is called: a root of
# the field's phase, run time for a field the vocabulary does not know.
# A field the vocabulary does not know, called in the file set itself, is
# the file set's own dispatch table: its call sites are the edges.
called = set(s[6] for s in sites if s[1] == "icall" and norm(s[2]) not in DISPATCH)

# An ops field whose dispatch site in the core was analysed gets call
# edges from there (the icall sites) instead of roots, if some root
# reaches the dispatching function: else the core's own entry is in a file
# we did not read, and the root stays.
def reached():
	out = {}
	for l in lines:
		c = l.split(TAB)
		if c[0] == "call":
			out.setdefault(c[3], set()).add(c[4])
	seen = set(r[2] for r in flat(all_roots))
	seen |= set(fn for fld, fn, file, line in ops if fn in defined)
	todo = list(seen)
	while todo:
		for callee in out.get(todo.pop(), ()):
			if callee not in seen:
				seen.add(callee)
				todo.append(callee)
	return seen
live = reached()
dispatch = [d for d in dispatch if d[2] in live]
dispatched = set((st, d[3]) for d in dispatch for st in DISPATCH[norm(d[0])][d[3]])
for fld, fn, file, line in ops:
	if fld not in ROOT_OPS and fld in called:
		continue
	if fld not in ROOT_OPS and CALLBACKS is None:
		continue
	if fn in defined and (opstype.get((fld, fn, file, line)), fld) not in dispatched:
		entry = ",".join("%s:%s@entry" % (esc(l, True), m) for l, m in ROOT_HOLDS.get(fld, ()))
		lines.add(row("root", esc(file), line, fn, ROOT_OPS.get(fld, CALLBACKS), fld,
			      *([entry] if entry else [])))
for file, line, fn, fld in dispatch:
	lines.add(row("dispatch", esc(file), line, fn, fld))
for file, line, fn, event, entry in flat(all_threads):
	if norm(file) not in DISPATCH:
		lines.add(row("thread", esc(file), line, esc(fn), event, esc(entry)))
# A site after a call that may start threads and on no path from it
# before a join: the thread window (callgraph.c) leaves it out.
opens = set(o for o in flat(all_opens) if norm(o[0]) not in DISPATCH)
reached = flat(all_reached)
sitelines = {}
for k, kind, file, line, col, fn, a, b, c, d, local in flat(all_sites) if opens else ():
	sitelines.setdefault((file, fn), set()).add(line)
for file, fn, line in opens:
	for l in sitelines.get((file, fn), ()):
		if l > line and (file, fn, line, l) not in reached:
			lines.add(row("apart", esc(file), l, esc(fn), line))
stored = set((fn, file, line) for fld, fn, file, line in ops)
handed = {}
for k, f, caller, ck, idx in flat(all_cbargs):
	if (k, f) not in stored_only:
		handed.setdefault(k, []).append((f, caller, ck))
for k, fn, file, line in flat(all_addrs):
	if fn not in defined or k in calls_at or (fn, file, line) in stored:
		continue
	hs = handed.get(k, [])
	if any(caller is None for f, caller, ck in hs):
		continue	# a root of the vocabulary's arg rules already
	edges = [(f, caller, ck) for f, caller, ck in hs
		 if f in defined or f in SYNC or ck == k]
	for f, caller, ck in edges:
		lines.add(row("call", esc(file), ck[1], esc(caller), fn, locks_at(ck, file, caller)))
	if not edges and CALLBACKS is not None:
		lines.add(row("root", esc(file), line, fn, CALLBACKS, "address-taken"))
for file, line, fn, callee in flat(all_unknown):
	if (file, fn) in writers:
		lines.add(row("skip", esc(file), line, "unknown lock-like call", callee))

# Struct definitions and their lock annotations, from the text of the
# defining header: __guarded_by() breaks the parse of the struct, and a
# comment on a lock member is not in the AST at all.
for s in sorted(CANDS):
	hdr = CANDS[s][0]
	ls = lines_of(hdr)
	start = None
	for i, l in enumerate(ls):
		if re.match(r"^\s*(typedef\s+)?struct\s+%s\s*\{" % re.escape(s), l):
			start = i
			break
	if start is None:
		continue
	lines.add(row("struct", esc(hdr), start + 1, s))
	depth = 0
	for i in range(start, len(ls)):
		l = ls[i]
		code = C_COMMENT.sub("", l)
		if depth == 1 and i > start:
			g = re.search(r"(\w+)\s*(?::\s*\d+\s*)?__guarded_by\s*\((.*?)\)\s*;", code)
			if g:
				lk = "".join(g.group(2).split()).lstrip("&")
				lines.add(row("guard", esc(hdr), i + 1, s, g.group(1),
					      esc(s + "." + lk, True) + ":w@annotation",
					      esc("__guarded_by(%s)" % g.group(2).strip())))
			m = re.match(r"^\s*(.*?)\s*\b(\w+)\s*;", code)
			c = C_COMMENT.search(l)
			if m and c and " ".join(m.group(1).split()) in LOCK_TYPES:
				lines.add(row("guard", esc(hdr), i + 1, s, "-",
					      esc(s + "." + m.group(2), True) + ":w@annotation",
					      esc(c.group(1) or c.group(2))))
		depth += code.count("{") - code.count("}")
		if depth <= 0 and i > start:
			break

# >>> facts only: output
with open(OUT, "w") as fp:
	for l in sorted(lines):
		fp.write(l + NL)
# <<< facts only

