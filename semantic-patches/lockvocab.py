# SPDX-License-Identifier: GPL-2.0
"""The lock vocabulary as facts.cocci and lock_summary.cocci read it.

A line is  ACTION NAME MODE [ID] [how=KIND] [id=LOCKID]  (locks-kernel.txt
documents it).  ID is either a fixed lock identity (a pseudo-lock such as
runtime_pm, or a global lock a zero-argument wrapper takes) or a template
of the lock expression in which @N stands for the call's argument N:
"&@0->memory_lock", "@0->lock", "@1".  Without ID the lock is argument 0.
"""
import re

ACQUIRE = ("lock", "trylock", "trylock0")
ACTIONS = ACQUIRE + ("unlock", "assert")


class Entry:
	def __init__(self, name, action, mode, tmpl=None, how=None, defid=None):
		self.name, self.action, self.mode = name, action, mode
		self.tmpl = tmpl		# None: argument 0; "@..." template; else fixed id
		self.how = how			# None, "wrapper", "claim", "assumed-claim"
		self.defid = defid		# the lock id where the wrapper is defined
		self.pair = None		# the release of an assumed claim

	def fixed(self):
		return self.tmpl is not None and "@" not in self.tmpl

	def line(self):
		cols = [self.action, self.name, self.mode, self.tmpl or "-"]
		if self.how:
			cols.append("how=" + self.how)
		if self.defid:
			cols.append("id=" + self.defid)
		if self.pair:
			cols.append("pair=" + self.pair)
		return "\t".join(cols)


def parse(fields):
	"""An Entry from the fields of a lock line, or None."""
	if len(fields) < 3 or fields[0] not in ACTIONS:
		return None
	tmpl = how = defid = pair = None
	for f in fields[3:]:
		if f.startswith("how="):
			how = f[4:]
		elif f.startswith("id="):
			defid = f[3:]
		elif f.startswith("pair="):
			pair = f[5:]
		elif f != "-":
			tmpl = f
	e = Entry(fields[1], fields[0], fields[2], tmpl, how, defid)
	e.pair = pair
	return e


def call_args(lines, line, col):
	"""The argument texts of the call whose callee ends at (line, col), 1-based line."""
	depth, cur, out = 0, [], []
	for l in range(line - 1, len(lines)):
		s = lines[l][col:] if l == line - 1 else lines[l]
		for ch in s:
			if ch == "(":
				depth += 1
				if depth == 1:
					continue
			elif ch == ")":
				depth -= 1
				if depth == 0:
					a = " ".join("".join(cur).split())
					return out + [a] if a or out else out
			elif ch == "," and depth == 1:
				out.append(" ".join("".join(cur).split()))
				cur = []
				continue
			if depth >= 1:
				cur.append(ch)
			elif not ch.isspace():
				return out
		cur.append(" ")
	return out


SIMPLE = re.compile(r"^[\w.]+(->[\w.]+)*$")


def subst(tmpl, args):
	"""The lock expression a template names for these arguments, or None."""
	m = re.search(r"@(\d+)", tmpl)
	n = int(m.group(1))
	if n >= len(args):
		return None
	a, rest = args[n], tmpl[m.end():]
	# (&x.y)->f is x.y.f: spelled as a lock call on the member would be.
	if a.startswith("&") and SIMPLE.match(a[1:]) and rest.startswith("->"):
		a, rest = a[1:], "." + rest[2:]
	elif not SIMPLE.match(a) and rest:
		a = "(" + a + ")"
	return tmpl[:m.start()] + a + rest


def lock_expr(e, args):
	"""The expression of the lock a call of entry e takes, or None for a fixed id."""
	if e.tmpl is None:
		return args[0] if args else None
	if e.fixed():
		return None
	return subst(e.tmpl, args)


def template_args(tmpl, le):
	"""Invert subst(): the (index, argument) that makes tmpl name le, or None."""
	m = re.search(r"@(\d+)", tmpl)
	pre, post = tmpl[:m.start()], tmpl[m.end():]
	le = "".join(le.split())
	if not le.startswith(pre) or len(le) <= len(pre) + len(post):
		return None
	if le.endswith(post):
		return int(m.group(1)), le[len(pre):len(le) - len(post)]
	if post.startswith("->") and le.endswith("." + post[2:]):
		return int(m.group(1)), "&" + le[len(pre):len(le) - len(post) + 1]
	return None


def how_of(e):
	"""The HOW a lock taken through e is reported with."""
	if e.how:
		return "%s=%s%s" % (e.how, e.name, "/" + e.pair if e.pair else "")
	return "trylock" if e.action in ("trylock", "trylock0") else "lexical"


def load(paths):
	"""The lock entries of vocabulary files, by name (a later file wins)."""
	locks = {}
	for path in paths:
		for line in open(path):
			e = parse(line.split())
			if e:
				locks[e.name] = e
	return locks


CALL = re.compile(r"\b(\w+)\s*\(")


def calls_in(lines, first, last, names):
	"""(name, line, column after the name) of each call of names in the lines first..last."""
	for i in range(first - 1, min(last, len(lines))):
		for m in CALL.finditer(lines[i]):
			if m.group(1) in names:
				yield m.group(1), i + 1, m.end(1)


def stmt_end(lines, line, col):
	"""The end (line, column) of the statement whose keyword (for, if, an
	iterator, scoped_guard) starts at line (1-based), col (0-based): past
	its parenthesized head, the brace closing its body or the semicolon
	ending its single statement, in the text."""
	line -= 1
	depth, state = 0, "head"
	while line < len(lines):
		l = lines[line]
		while col < len(l):
			c = l[col]
			if c in "({":
				depth += 1
			elif c in ")}":
				depth -= 1
				if depth == 0 and (state == "body" or c == "}"):
					return (line + 1, col)
				if depth == 0:
					state = "after"
			elif c == ";" and depth == 0 and state in ("after", "stmt"):
				return (line + 1, col)
			elif not c.isspace() and depth == 0 and state == "after" and c != "{":
				state = "stmt"
			if c == "{" and depth == 1 and state == "after":
				state = "body"
			col += 1
		line, col = line + 1, 0
	return (len(lines), 0)
