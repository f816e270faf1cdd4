// SPDX-License-Identifier: GPL-2.0-only
/// Bitfields that share a memory location must not be written from
/// contexts that do not serialize against each other: a store to one is a
/// read-modify-write of the bytes holding all of them, so it can write back
/// a stale value of its neighbour and lose that update.  Give each bitfield
/// written at run time its own memory location.
///
//# A memory location is a maximal run of adjacent non-zero-width bitfields
//# at one nesting level of a struct (C11 3.14).  A function is setup or
//# teardown when it is a probe/remove/open/close/release/init/exit-like
//# callback (by the ops field it is assigned to, or by its name), or when
//# every caller in the same file is one; every other writer runs at run
//# time.  A location is reported when two of its fields are written at run
//# time by different functions; a store into a local variable (or a
//# member of one) is a private copy and does not count.  Locks are not
//# modelled: writers that all hold one lock are reported too, so check
//# each report before sending a patch ("bitsplit check" classifies the
//# locks and proves the race).
//#
//# Only structs declared in the file or in the headers spatch parses with it
//# are seen: local "..." headers by default.  For structs in <linux/...>
//# headers add SPFLAGS=--all-includes (direct includes) or
//# SPFLAGS=--recursive-includes (slow).  A struct followed by
//# __attribute__((aligned(N))) is a parse error for spatch 1.1.1 and is
//# skipped, and bitfields of a nested anonymous struct are not seen.  In
//# patch mode the racy fields lose their width in place ("bool x:1;"
//# becomes "bool x;", "u8 a:1, b:1;" becomes "u8 a, b;"): check that no
//# writer relies on the truncation to the old width.
//
// Confidence: Moderate
// Copyright: (C) 2026 The bitsplit authors.
// URL: https://coccinelle.gitlabpages.inria.fr/website
// Comments: whole-tree "bitsplit sweep" joins writers across files.
// Options: --local-includes --include-headers
// Requires: 1.0.7

virtual patch
virtual context
virtual org
virtual report
// "bitsplit sweep" runs one file with -D sweep -D fields=a,b,... and joins
// the writes it prints with the locations of the whole tree.
virtual sweep

@initialize:python@
@@
import re

# Ops fields and function names that mark a setup or teardown callback.
SETUP_TEARDOWN = {
	"probe", "remove", "shutdown", "init", "exit", "open", "close",
	"release", "setup", "teardown", "create", "destroy", "alloc", "free",
	"open_device", "close_device", "init_dev", "release_dev", "register",
	"unregister", "bind", "unbind", "attach", "detach",
}
TYPE_WORDS = {"int", "char", "short", "long", "signed", "unsigned", "bool",
	      "_Bool"}
SETUP_SUFFIX = re.compile(r"_(%s)$" % "|".join(sorted(SETUP_TEARDOWN)))

decls = {}	# (file, struct) -> {field: location members}, cached per run
sweep_fields = set()	# -D fields=: candidate names of the whole tree
unit = {}	# state of the file being processed

def new_unit():
	unit.clear()
	unit.update(fields={}, roots={}, runtime_roots=set(), callers={},
		    writes=[], racy={}, racy_at=set(), funcs=set(), defs=[],
		    stores=[], types={}, text={})

def strip_code(text):
	"""Blank comments, strings and preprocessor lines, keep offsets."""
	def blank(m):
		return re.sub(r"[^\n]", " ", m.group(0))
	text = re.sub(r"/\*.*?\*/|//[^\n]*|\"(\\.|[^\"\\\n])*\"|'(\\.|[^'\\\n])*'",
		      blank, text, flags=re.S)
	return re.sub(r"(?m)^[ \t]*#([^\n]*\\\n)*[^\n]*", blank, text)

def split_top(body, sep):
	"""Split at sep outside (), [] and {}."""
	parts, depth, start = [], 0, 0
	for i, c in enumerate(body):
		if c in "([{":
			depth += 1
		elif c in ")]}":
			depth -= 1
		elif c == sep and depth == 0:
			parts.append(body[start:i])
			start = i + 1
	parts.append(body[start:])
	return parts

def runs_of(body, out):
	"""Append each run of adjacent non-zero-width bitfields of body."""
	run = []
	def close():
		named = [f for f in run if f]
		if len(named) > 1:
			out.append(named)
		del run[:]
	for member in split_top(body, ";"):
		member = member.strip()
		if not member:
			continue
		if "{" in member:
			close()
			inner = member[member.index("{") + 1:member.rindex("}")]
			runs_of(inner, out)
			continue
		for i, decl in enumerate(split_top(member, ",")):
			head, colon, width = decl.partition(":")
			words = re.findall(r"\w+", head)
			if not colon or "(" in head or "[" in head:
				close()
			elif re.fullmatch(r"\s*0[uUlL]*\s*", width):
				close()
			elif not words or (i == 0 and (len(words) < 2 or words[-1] in TYPE_WORDS)):
				run.append("")
			else:
				run.append(words[-1])
	close()

def struct_runs(path, name, line):
	"""The memory locations of struct name declared around line of path."""
	key = (path, name)
	if key in decls:
		return decls[key]
	runs = []
	try:
		with open(path, errors="replace") as f:
			text = strip_code(f.read())
	except OSError:
		text = ""
	for m in re.finditer(r"\bstruct\s+%s\s*(__\w+(\([^)]*\))?\s*)*\{" % re.escape(name), text):
		depth, i = 1, m.end()
		while depth and i < len(text):
			depth += {"{": 1, "}": -1}.get(text[i], 0)
			i += 1
		first = text.count("\n", 0, m.start()) + 1
		last = text.count("\n", 0, i) + 1
		if first <= line <= last:
			runs_of(text[m.end():i - 1], runs)
			break
	decls[key] = {f: run for run in runs for f in run}
	return decls[key]

def add_bitfield(s, fld, p):
	locs = struct_runs(p.file, s, int(p.line))
	if fld in locs:
		unit["fields"].setdefault(fld, {})[s] = (p, locs[fld])

def add_write(fld, p, ty):
	"""Attribute a write to the structs it can be a write of."""
	m = re.fullmatch(r"(struct\s+)?(\w+)", ty or "")
	# a store in a macro body belongs to no function
	p = [q for q in p if q.current_element != "something_else"]
	for q in p:
		unit["funcs"].add(q.current_element)
	if fld in sweep_fields:
		for q in p:
			unit["writes"].append((q, m.group(2) if m else "-", fld,
					       q.current_element))
		return
	owner = m.group(2) if m and m.group(1) else None
	for s in unit["fields"].get(fld, {}):
		if owner and owner != s:
			continue
		for q in p:
			unit["writes"].append((q, s, fld, q.current_element))

NOT_TYPES = {"return", "else", "case", "goto", "sizeof", "typeof", "do"}

def code_of(path):
	"""A file's text with comments and strings blanked, once per unit."""
	if path not in unit["text"]:
		try:
			with open(path, errors="replace") as fh:
				unit["text"][path] = strip_code(fh.read()).split("\n")
		except OSError:
			unit["text"][path] = []
	return unit["text"][path]

def is_local(q, base, fld):
	"""A store into a struct object that is a local variable (or a by-value
	parameter) of the writing function, or a member of one: a copy no
	other context sees."""
	names = [t.strip() for t in base.split(".")]
	if not all(re.fullmatch(r"\w+", t) for t in names):
		return False
	lines = code_of(q.file)
	line = int(q.line)
	store = r"\b" + r"\s*\.\s*".join(names + [fld]) + r"\b"
	if line > len(lines) or not re.search(store, lines[line - 1]):
		return False
	body = "\n".join(lines[int(q.current_element_line) - 1:int(q.current_element_line_end)])
	for m in re.finditer(r"\b([A-Za-z_]\w*)\s+%s\s*[;=\[,)]" % names[0], body):
		if m.group(1) not in NOT_TYPES:
			return True
	return False

def attribute():
	"""Turn the stores into writes of the structs they can be writes of."""
	for fld, p, base in unit["stores"]:
		for q in p:
			if is_local(q, base, fld):
				continue
			add_write(fld, [q], unit["types"].get((q.file, q.line, q.column)))

def is_candidate(fld):
	return fld in unit["fields"] or fld in sweep_fields

def is_setup(fn):
	return fn in SETUP_TEARDOWN or bool(SETUP_SUFFIX.search(fn))

def call_graph():
	"""Who calls each function defined in this file, read from the text:
	a pass of a regex is far cheaper than a script call per call site.  A
	function named without a call inside a body is registered as a
	callback there, so it runs whenever that code says: run time."""
	defined = {f for _, _, _, f in unit["defs"]}
	ident = re.compile(r"\b([A-Za-z_]\w*)\b(\s*\()?")
	for path in sorted({d[0] for d in unit["defs"]}):
		extents = sorted((b, e, f) for fp, b, e, f in unit["defs"] if fp == path)
		try:
			with open(path, errors="replace") as fh:
				text = strip_code(fh.read())
		except OSError:
			continue
		line, pos = 1, 0
		for m in ident.finditer(text):
			name = m.group(1)
			if name not in defined:
				continue
			line += text.count("\n", pos, m.start())
			pos = m.start()
			inside = [f for b, e, f in extents if b <= line <= e]
			if not inside or (inside[-1] == name and m.group(2)):
				continue
			if m.group(2):
				unit["callers"].setdefault(name, set()).add(inside[-1])
			else:
				unit["runtime_roots"].add(name)
		unit["funcs"].update(f for _, _, f in extents)

def phases():
	"""Functions of this file that only run at setup or teardown.

	Roots are functions assigned to a setup/teardown ops field, and
	functions named like one that nothing in this file calls (a helper
	called "__foo_exit" from an ioctl is not a root)."""
	call_graph()
	callers = unit["callers"]
	rt = unit["runtime_roots"]
	setup = {fn for fn in unit["roots"] if fn not in rt}
	setup |= {fn for fn in unit["funcs"]
		  if fn not in callers and fn not in rt and is_setup(fn)}
	changed = True
	while changed:
		changed = False
		for fn, by in callers.items():
			if fn not in setup and fn not in rt and by <= setup:
				setup.add(fn)
				changed = True
	return setup

def decide():
	"""Run-time writes of a field whose location has another field written
	at run time by a different function: two writers that can overlap."""
	attribute()
	setup = phases()
	fns = {}
	for p, s, fld, fn in unit["writes"]:
		if fn not in setup:
			fns.setdefault((s, fld), []).append((p, fn))
	for (s, fld), where in fns.items():
		p, run = unit["fields"][fld][s]
		mine = {fn for _, fn in where}
		others = [f for f in run if f != fld and
			  any({fn for _, fn in fns.get((s, f), [])} - {fn} for fn in mine)]
		if not others:
			continue
		unit["racy"][(s, fld)] = (p, others, where)
		for q, _ in where:
			unit["racy_at"].add((q.file, q.line, q.column))

def is_racy(s, fld):
	return (s, fld) in unit["racy"]

def message(s, fld):
	p, others, where = unit["racy"][(s, fld)]
	return ("WARNING: racy bitfield %s.%s written in %%s() shares a memory "
		"location with %s, also written at run time (%s:%s)" %
		(s, fld, ", ".join(others), p.file, p.line))

def findings():
	"""One message per run-time write of a racy field, in file order."""
	out = []
	for (s, fld), (_, _, where) in unit["racy"].items():
		for p, fn in where:
			key = (p.file, int(p.line), int(p.column), s, fld)
			out.append((key, p, message(s, fld) % fn))
	return [(p, msg) for _, p, msg in sorted(out, key=lambda t: t[0])]

@initialize:python depends on sweep@
fields << virtual.fields;
@@
sweep_fields.update(f for f in fields.split(",") if f)

@script:python start@
@@
new_unit()

@bf depends on !sweep@
identifier S, fld;
type T;
expression n;
position p;
@@
struct S { ... T fld@p:n; ... };

@script:python@
S << bf.S;
fld << bf.fld;
p << bf.p;
@@
add_bitfield(S, fld, p[0])

@ops@
identifier I, op, fn;
type T;
@@
T I = { ..., .op = fn, ... };

@script:python@
op << ops.op;
fn << ops.fn;
@@
if is_setup(op):
	unit["roots"][fn] = op
else:
	unit["runtime_roots"].add(fn)

@fdef@
identifier f;
position p;
@@
f@p(...) { ... }

@script:python@
f << fdef.f;
p << fdef.p;
@@
unit["defs"].append((p[0].file, int(p[0].current_element_line),
		     int(p[0].current_element_line_end), f))

// Every store to a candidate field: an assignment, ++ or --.
@w@
identifier fld : script:python () { is_candidate(fld) };
expression E, V;
assignment operator aop;
position p;
@@
(
 E->fld@p aop V
|
 E->fld@p ++
|
 E->fld@p --
|
 ++E->fld@p
|
 --E->fld@p
|
 E.fld@p aop V
|
 E.fld@p ++
|
 E.fld@p --
|
 ++E.fld@p
|
 --E.fld@p
)

@script:python@
fld << w.fld;
p << w.p;
E << w.E;
@@
unit["stores"].append((fld, p, E))

// The struct type of the stores where spatch inferred it: matching only
// the field reference at a known store is cheaper than typing every store
// pattern.
@wt@
identifier w.fld;
position w.p;
type T;
T *Ep;
T Es;
@@
(
 Ep->fld@p
|
 Es.fld@p
)

@script:python@
p << w.p;
T << wt.T;
@@
for q in p:
	unit["types"][(q.file, q.line, q.column)] = T

@script:python decided depends on !sweep@
@@
decide()

@ctx_decl depends on context@
identifier S;
identifier fld : script:python (S) { is_racy(S, fld) };
type T;
expression n;
@@
struct S { ...
* T fld:n;
  ... };

@ctx_write depends on context@
identifier fld;
expression E;
position p : script:python () { (p[0].file, p[0].line, p[0].column) in unit["racy_at"] };
@@
(
* E->fld@p
|
* E.fld@p
)

@fix depends on patch@
identifier S;
identifier fld : script:python (S) { is_racy(S, fld) };
type T;
expression n;
@@
struct S { ...
  T fld
- :n
  ;
  ... };

@script:python depends on report@
@@
for p, msg in findings():
	coccilib.report.print_report(p, msg)

@script:python depends on org@
@@
for p, msg in findings():
	coccilib.org.print_todo(p, msg)

@script:python depends on sweep@
@@
attribute()
setup = phases()
for p, s, fld, fn in sorted(unit["writes"], key=lambda w: (w[0].file, int(w[0].line), int(w[0].column), w[1])):
	print("write\t%s\t%s\t%s\t%s\t%s\t%s\t%s" % (p.file, p.line, p.column, fn, s, fld,
		"setup" if fn in setup else "runtime"))
