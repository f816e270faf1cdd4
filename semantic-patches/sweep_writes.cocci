// SPDX-License-Identifier: GPL-2.0
/// The writes "bitsplit sweep" joins: one file at a time, with
///   spatch -D sweep -D fields=a,b,... --no-includes --sp-file sweep_writes.cocci FILE
/// prints "write FILE LINE COL FUNC STRUCT FIELD setup|runtime" per store to
/// one of the fields, STRUCT the type spatch inferred or "-", and the phase
/// the file alone gives the function: setup when it is a setup or teardown
/// callback (by its ops field or its name) or only such callbacks of the
/// file call it.  The coccicheck rule is racy_bitfields.cocci.
// Confidence: Moderate
// Requires: 1.0.7

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
SETUP_SUFFIX = re.compile(r"_(%s)$" % "|".join(sorted(SETUP_TEARDOWN)))

sweep_fields = set()	# -D fields=: candidate names of the whole tree
unit = {}	# state of the file being processed

def new_unit():
	unit.clear()
	unit.update(roots={}, runtime_roots=set(), callers={}, writes=[],
		    funcs=set(), defs=[], stores=[], types={}, text={})

def strip_code(text):
	"""Blank comments, strings and preprocessor lines, keep offsets."""
	def blank(m):
		return re.sub(r"[^\n]", " ", m.group(0))
	text = re.sub(r"/\*.*?\*/|//[^\n]*|\"(\\.|[^\"\\\n])*\"|'(\\.|[^'\\\n])*'",
		      blank, text, flags=re.S)
	return re.sub(r"(?m)^[ \t]*#([^\n]*\\\n)*[^\n]*", blank, text)

def add_write(fld, p, ty):
	"""A write of fld, of the struct spatch inferred or "-"."""
	m = re.fullmatch(r"(struct\s+)?(\w+)", ty or "")
	# a store in a macro body belongs to no function
	p = [q for q in p if q.current_element != "something_else"]
	for q in p:
		unit["funcs"].add(q.current_element)
		unit["writes"].append((q, m.group(2) if m else "-", fld, q.current_element))

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
	return fld in sweep_fields

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

@initialize:python depends on sweep@
fields << virtual.fields;
@@
sweep_fields.update(f for f in fields.split(",") if f)

@script:python start@
@@
new_unit()

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

@script:python depends on sweep@
@@
attribute()
setup = phases()
for p, s, fld, fn in sorted(unit["writes"], key=lambda w: (w[0].file, int(w[0].line), int(w[0].column), w[1])):
	print("write\t%s\t%s\t%s\t%s\t%s\t%s\t%s" % (p.file, p.line, p.column, fn, s, fld,
		"setup" if fn in setup else "runtime"))
