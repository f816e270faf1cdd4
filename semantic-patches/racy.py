# SPDX-License-Identifier: GPL-2.0
"""What racy_bitfields.cocci adds to facts.cocci to stand alone.

facts.cocci gets its candidate fields from bitsplit's layout and leaves the
judgement to bitsplit; a rule "make coccicheck" runs has neither.  This
module finds the memory locations in the headers the files include, joins
the facts rows of every file of the run into writers with a phase and a
lockset, decides which fields race, and prints what each coccicheck mode
wants.  racy_bitfields.cocci carries it inline (scripts/gen-racy-cocci.sh);
tests/unit/test_racy.py tests it outside spatch.
"""
import os
import re

# Spelled out: spatch's lexer of script code trips on backslash escapes.
NUL, TAB, NL = chr(0), chr(9), chr(10)
# and takes two slashes for a comment, even in a string.
SL = chr(47)

# --- the run --------------------------------------------------------------

# spatch options that take an argument (those coccicheck and bitsplit pass).
ARG_OPTS = {"-D", "--dir", "-I", "--include", "--cocci-file", "--sp-file",
	    "--macro-file", "--macro-file-builtins", "--jobs", "-j", "--chunksize",
	    "--timeout", "--patch", "--file-groups", "-o", "--max", "--index",
	    "--debug-file", "--tmp-dir", "--iso-file", "--use-idutils"}


def spatch_args(argv):
	"""(dirs, files, include dirs) of a spatch command line."""
	dirs, files, incs = [], [], []
	i = 1
	while i < len(argv):
		a = argv[i]
		nxt = argv[i + 1] if i + 1 < len(argv) else None
		if a == "--dir" and nxt:
			dirs.append(nxt)
		elif a == "-I" and nxt:
			incs.append(nxt)
		elif a.startswith("-I") and len(a) > 2:
			incs.append(a[2:])
			i += 1
			continue
		elif not a.startswith("-") and a.endswith(".c"):
			files.append(a)
		if a in ARG_OPTS:
			i += 2
		else:
			i += 1
	return dirs, files, incs


def own_argv():
	"""This process's command line: spatch's, which the rule runs in."""
	try:
		with open("/proc/self/cmdline", "rb") as f:
			return f.read().decode(errors="replace").split(NUL)[:-1]
	except OSError:
		return []


def run_files(dirs, files):
	"""The .c files spatch is given, as it names them."""
	out = list(files)
	for d in dirs:
		for top, subdirs, names in os.walk(d):
			subdirs.sort()
			out.extend(os.path.join(top, n) for n in sorted(names) if n.endswith(".c"))
	return out


def read(path):
	try:
		with open(path, errors="replace") as f:
			return f.read()
	except OSError:
		return None


INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^">]+)[">]', re.M)


def resolve(name, quoted, here, incs):
	"""The file #include names: "..." next to the includer first, then -I."""
	for d in ([here] if quoted else []) + incs:
		p = os.path.join(d, name)
		if ".." in p.split(SL):
			p = os.path.normpath(p)
		if os.path.isfile(p):
			return p
	return None


def headers_of(path, incs, text=None):
	"""The headers a file includes: "..." ones with what they include in
	turn, <...> ones (the kernel's headers) alone, as the -I paths find
	them.  Reading <...> ones recursively would take in most of the kernel."""
	seen, out, todo = set(), [], [(path, text)]
	while todo:
		p, t = todo.pop(0)
		t = read(p) if t is None else t
		for m in INCLUDE.finditer(t or ""):
			h = resolve(m.group(2), m.group(1) == '"', os.path.dirname(p), incs)
			if h is None or h in seen:
				continue
			seen.add(h)
			out.append(h)
			if m.group(1) == '"':
				todo.append((h, None))
	return out


# --- memory locations, from the text of a declaration ----------------------

TYPE_WORDS = {"int", "char", "short", "long", "signed", "unsigned", "bool", "_Bool"}


def strip_code(text):
	"""Blank comments, strings and preprocessor lines, keeping offsets."""
	def blank(m):
		return re.sub(r"[^\n]", " ", m.group(0))
	text = re.sub(SL + r"\*.*?\*" + SL + "|" + SL + SL + r"[^\n]*|\"(\\.|[^\"\\\n])*\"|'(\\.|[^'\\\n])*'",
		      blank, text, flags=re.S)
	return re.sub(r"(?m)^[ \t]*#([^\n]*\\\n)*[^\n]*", blank, text)


def split_top(body, sep, base=0):
	"""(offset, part) of body split at sep outside (), [] and {}."""
	parts, depth, start = [], 0, 0
	for i, c in enumerate(body):
		if c in "([{":
			depth += 1
		elif c in ")]}":
			depth -= 1
		elif c == sep and depth == 0:
			parts.append((base + start, body[start:i]))
			start = i + 1
	parts.append((base + start, body[start:]))
	return parts


def runs_of(body, base, out):
	"""Append the runs of adjacent non-zero-width bitfields of a struct body
	(C11 3.14: each is one memory location) as [(field, offset)...]; a
	nested struct or union is a level of its own."""
	run = []

	def close():
		named = [f for f in run if f[0]]
		if len(named) > 1:
			out.append(named)
		del run[:]
	for off, member in split_top(body, ";", base):
		if not member.strip():
			continue
		if "{" in member:
			close()
			i, j = member.index("{"), member.rindex("}")
			runs_of(member[i + 1:j], off + i + 1, out)
			continue
		for k, (doff, decl) in enumerate(split_top(member, ",", off)):
			head, colon, width = decl.partition(":")
			words = list(re.finditer(r"\w+", head))
			names = [w.group(0) for w in words]
			if not colon or "(" in head or "[" in head:
				close()
			elif re.fullmatch(r"\s*0[uUlL]*\s*", width):
				close()
			elif not words or (k == 0 and (len(words) < 2 or names[-1] in TYPE_WORDS)):
				run.append(("", doff))
			else:
				run.append((names[-1], doff + words[-1].start()))
	close()


STRUCT = re.compile(r"\bstruct\s+(\w+)\s*((__\w+|__attribute__\s*\(\(.*?\)\))\s*)*\{")


def locations(path, text):
	"""{struct: [[(field, line)...] per memory location of two or more]} of
	the structs a file declares with such a location."""
	code = strip_code(text)
	out = {}
	for m in STRUCT.finditer(code):
		depth, i = 1, m.end()
		while depth and i < len(code):
			depth += {"{": 1, "}": -1}.get(code[i], 0)
			i += 1
		runs = []
		runs_of(code[m.end():i - 1], m.end(), runs)
		if runs and m.group(1) not in out:
			out[m.group(1)] = [[(f, code.count(NL, 0, o) + 1) for f, o in r] for r in runs]
	return out


FUNC_START = re.compile(r"^[A-Za-z_][^;{}()=]*?\b(\w+)\s*\(", re.M)


def functions_of(text):
	"""Names of the functions a file defines: kernel style puts the
	declarator at the start of a line and the body after it, with no ";"
	in between."""
	code = strip_code(text)
	out = set()
	for m in FUNC_START.finditer(code):
		rest = code[m.end():m.end() + 2000]
		semi, brace = rest.find(";"), rest.find("{")
		if brace >= 0 and (semi < 0 or brace < semi):
			out.add(m.group(1))
	return out


# --- the facts rows, joined over the run -----------------------------------

class Write:
	def __init__(self, c):
		self.file, self.line, self.col, self.fn = c[1], int(c[2]), int(c[3]), c[4]
		self.struct, self.field, self.base, self.inst = c[5], c[6], c[7], c[8]
		self.locks = split_locks(c[12])


def split_locks(s):
	"""The (id, mode) of each lock of a facts lock column (ID:MODE@HOW,...)."""
	if s == "-":
		return frozenset()
	out, cur, i = [], "", 0
	while i < len(s):
		if s[i] == chr(92) and i + 1 < len(s):
			cur += s[i + 1]
			i += 2
			continue
		if s[i] == ",":
			out.append(cur)
			cur = ""
		else:
			cur += s[i]
		i += 1
	out.append(cur)
	locks = set()
	for l in out:
		lid, _, mh = l.rpartition(":")
		locks.add((same_path(lid), mh.split("@")[0]))
	return frozenset(locks)


UNTYPED = re.compile(r"^[?]\(?\w+\)?(->|[.])")


def same_path(lid):
	"""A lock facts.cocci could not name by its struct (?vdev->set->lock:
	the path goes through a pointer it has no type for) by its path alone,
	so ?device->set->lock in another function is the same lock."""
	return UNTYPED.sub(lambda m: "?*" + m.group(1), lid)


def serialized(a, b):
	"""Two locksets exclude each other: one lock in both, taken for
	writing by at least one."""
	return any((lid, "w") in b or (mode == "w" and (lid, "r") in b) for lid, mode in a)


MAX_CTX = 16		# contexts (phase, lockset) kept per function


class Model:
	"""Functions, calls and roots of the whole run; the contexts each
	function runs in: (phase, locks held by its callers) per path from a root."""

	def __init__(self, rows):
		self.writes, self.calls, self.roots, self.static = [], [], [], {}
		self.fnlocks = {}
		for r in rows:
			c = r.split(TAB)
			if c[0] == "write":
				self.writes.append(Write(c))
			elif c[0] == "call":
				self.calls.append((c[1], c[3], c[4], split_locks(c[5])))
			elif c[0] == "root":
				self.roots.append((c[1], c[3], c[4]))
			elif c[0] == "func" and len(c) > 5 and c[5] == "static":
				self.static.setdefault(c[3], set()).add(c[1])
		self.ctx = {}
		self.propagate()

	def node(self, file, fn):
		"""A function as the run names it: static ones by file and name."""
		return (file, fn) if file in self.static.get(fn, ()) else ("", fn)

	def propagate(self):
		edges = {}
		for file, caller, callee, locks in self.calls:
			edges.setdefault(self.node(file, caller), []).append(
				(self.node(file, callee), locks))
		todo = []
		for file, fn, phase in self.roots:
			n = self.node(file, fn)
			ctx = (phase, frozenset())
			if ctx not in self.ctx.setdefault(n, set()):
				self.ctx[n].add(ctx)
				todo.append((n, ctx))
		while todo:
			n, (phase, held) = todo.pop()
			for callee, locks in edges.get(n, ()):
				ctx = (phase, held | locks)
				have = self.ctx.setdefault(callee, set())
				if ctx in have or len(have) >= MAX_CTX:
					continue
				have.add(ctx)
				todo.append((callee, ctx))

	def writers(self, w):
		"""(phase, lockset) of each context a write runs in; "runtime"
		with its own locks when no root reaches it."""
		if w.inst in ("local", "private"):
			return []
		if w.inst == "iter":
			return [("runtime", w.locks)]
		if w.inst == "closed":
			return [("teardown", w.locks)]
		ctx = self.ctx.get(self.node(w.file, w.fn))
		if not ctx:
			return [("runtime", w.locks)]
		return [(p, w.locks | held) for p, held in ctx]


def races(rows, cands):
	"""{(struct, field): [(write, other field, other write)...]}: run-time
	writes of a field that no common lock serializes against a run-time
	write of another field of its memory location in another function.
	cands: {struct: (header, [[(field, line)...]...])}."""
	model = Model(rows)
	by = {}
	for w in model.writes:
		rt = [l for p, l in model.writers(w) if p == "runtime"]
		if rt:
			by.setdefault((w.struct, w.field), []).append((w, rt))
	out = {}
	for s, (hdr, runs) in cands.items():
		for run in runs:
			names = [f for f, _ in run]
			for a in names:
				for b in names:
					if a == b:
						continue
					for wa, la in by.get((s, a), ()):
						for wb, lb in by.get((s, b), ()):
							if wa.fn == wb.fn:
								continue
							if any(not serialized(x, y) for x in la for y in lb):
								out.setdefault((s, a), []).append((wa, b, wb))
	return out


# --- what each mode prints --------------------------------------------------

class Pos:
	"""A position as coccilib's report and org printers take it (0-based columns)."""

	def __init__(self, file, line, column, column_end):
		self.file, self.line = file, str(line)
		self.column, self.column_end = str(column), str(column_end)


def field_pos(lines, w):
	"""The field's name in a write: where the old rule and a reader point."""
	l = lines[w.line - 1] if w.line <= len(lines) else ""
	m = re.compile(r"(->|[.])\s*(%s)\b" % re.escape(w.field)).search(l, max(w.col - 1, 0))
	if not m:
		return Pos(w.file, w.line, w.col - 1, w.col - 1)
	return Pos(w.file, w.line, m.start(2), m.end(2))


def findings(found, cands, lines_of):
	"""(pos, message) per racy write, once each, in file order."""
	out = {}
	for (s, f), pairs in found.items():
		hdr, runs = cands[s]
		line = [l for r in runs for n, l in r if n == f][0]
		for w, _, _ in pairs:
			others = sorted(set(b for x, b, _ in pairs if x is w))
			wb = min((y for x, b, y in pairs if x is w), key=lambda y: (y.file, y.line))
			key = (w.file, w.line, w.col, s, f)
			if key in out:
				continue
			p = field_pos(lines_of(w.file), w)
			out[key] = (p, "WARNING: racy bitfield %s.%s written in %s() shares a memory "
				    "location (%s:%d) with %s, written in %s() (%s:%d) with no common lock"
				    % (s, f, w.fn, hdr, line, ", ".join(others), wb.fn, wb.file, wb.line))
	return [out[k] for k in sorted(out)]


def hunk_head(lines, first):
	"""The text after @@ in a hunk, as diff -p finds it: the last line
	before the hunk that starts with a letter, _ or $, cut at 40."""
	for i in range(first - 2, -1, -1):
		if re.match(r"[A-Za-z_$]", lines[i]):
			return " " + lines[i][:40].rstrip()
	return ""


def hunks(lines, changed):
	"""Unified-diff hunks, three lines of context, for {line: new text or
	None to delete}."""
	out, todo, delta = [], sorted(changed), 0
	while todo:
		first = max(todo[0] - 3, 1)
		group = [todo.pop(0)]
		while todo and todo[0] - group[-1] <= 6:
			group.append(todo.pop(0))
		last = min(group[-1] + 3, len(lines))
		body, new, added = [], 0, []
		for n in range(first, last + 1):
			if n in changed:
				body.append("-" + lines[n - 1])
				if changed[n] is not None:
					added.append("+" + changed[n])
				continue
			body += added
			new += len(added) + 1
			added = []
			body.append(" " + lines[n - 1])
		body += added
		new += len(added)
		old = last - first + 1
		out.append("@@ -%d,%d +%d,%d @@%s" % (first, old, first + delta, new,
						     hunk_head(lines, first)))
		out.extend(body)
		delta += new - old
	return out


def diff(path, lines, changed, new_path):
	"""A file's diff as spatch prints it."""
	if not changed:
		return []
	return (["diff -u -p %s %s" % (path, new_path), "--- " + path, "+++ " + new_path]
		+ hunks(lines, changed))


def unwidth(line, field):
	"""The declaration line with field's width removed: "bool x:1;" is
	"bool x;", "u8 a:1, b:1;" with a is "u8 a, b:1;"."""
	return re.sub(r"\b(%s)\s*:\s*\w+" % re.escape(field), r"\1", line, count=1)


def patch(found, cands, lines_of):
	"""The diff that gives each racy field its own memory location."""
	by = {}
	for s, f in found:
		hdr, runs = cands[s]
		line = [l for r in runs for n, l in r if n == f][0]
		ls = lines_of(hdr)
		cur = by.setdefault(hdr, {}).get(line, ls[line - 1])
		by[hdr][line] = unwidth(cur, f)
	out = []
	for hdr in sorted(by):
		name = os.path.normpath(hdr)
		out += diff("a/" + name, lines_of(hdr), by[hdr], "b/" + name)
	return out


def context(found, cands, lines_of):
	"""The starred lines of context mode: the racy declarations and writes."""
	by = {}
	for (s, f), pairs in found.items():
		hdr, runs = cands[s]
		for n, l in [x for r in runs for x in r]:
			if n == f:
				by.setdefault(hdr, {})[l] = None
		for w, _, _ in pairs:
			by.setdefault(w.file, {})[w.line] = None
	out = []
	for path in sorted(by):
		out += diff(path, lines_of(path), by[path], "/tmp/nothing/" + os.path.normpath(path))
	return out
