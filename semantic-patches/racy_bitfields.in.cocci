// SPDX-License-Identifier: GPL-2.0-only
/// Bitfields that share a memory location must not be written from
/// contexts that do not serialize against each other: a store to one is a
/// read-modify-write of the bytes holding all of them, so it can write back
/// a stale value of its neighbour and lose that update.  Give each bitfield
/// written at run time its own memory location.
///
//# A memory location is a maximal run of adjacent non-zero-width bitfields
//# at one nesting level of a struct (C11 3.14), read from the declaration
//# in the file or in a header it includes (found on the -I paths
//# coccicheck passes: "..." headers with what they include, <...> headers
//# alone).  The files of one run are joined: a function stored in a
//# setup or teardown ops field (.probe, .open_device, .init, .remove, ...)
//# or an initcall is a setup root, any other ops field, callback argument
//# or address taken a run-time root, and a function runs at setup only if
//# only setup roots reach it over the calls of the run.  The locks are
//# those a path to the store takes (spin_lock, mutex_lock, guard(), ...,
//# __must_hold, lockdep_assert_held) and those its callers hold at every
//# call.  A field is reported where it is written at run time in one
//# function and another field of its location in another function with
//# no lock both hold; stores into local copies and objects not yet shared
//# do not count.
//#
//# Not seen: lock wrappers outside the lock vocabulary this rule carries
//# (the driver's own, which "bitsplit check" learns), callers and roots
//# outside the files given (M= decides what is joined), a function that
//# races with itself on two CPUs, structs declared in headers included
//# only through other <...> headers, and what the preprocessor hides from
//# spatch without a macro file.  A lock reached through a pointer the rule
//# cannot type (p->set->lock) is known by its member path alone.
//# "bitsplit check" reads the layout the compiler chose from the objects'
//# DWARF, learns the wrappers and proves each race with the paths that
//# make it.  In patch mode the racy fields lose their width in place
//# ("bool x:1;" becomes "bool x;"): check that no writer relies on the
//# truncation to the old width.
//
// Confidence: Moderate
// Copyright: (C) 2026 The bitsplit authors.
// URL: https://coccinelle.gitlabpages.inria.fr/website
// Comments: generated from bitsplit's facts.cocci; do not edit.
// Options: --no-includes
// Requires: 1.1.1

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import types
//! module lockvocab.py lockvocab
//! module racy.py racy
//! text VOCABULARY locks-kernel.txt roots-kernel.txt objects-kernel.txt
MODES = set()
//! facts initialize
# >>> racy: lib
# <<< racy
# >>> racy: out
# <<< racy
# >>> racy: inputs
# The candidates: every struct with a memory location of two bitfields
# declared in the files of the run or the headers they include; the
# functions the files define are the run's own.
RUN_ARGS = racy.spatch_args(racy.own_argv())
LOCS = {}			# struct -> (header, memory locations)
OURS = set()
HEADERS = {}
for path in racy.run_files(RUN_ARGS[0], RUN_ARGS[1]):
	src = racy.read(path) or ""
	OURS |= racy.functions_of(src)
	for h in [path] + racy.headers_of(path, RUN_ARGS[2], src):
		if h not in HEADERS:
			HEADERS[h] = racy.locations(h, racy.read(h) or "")
		for s, runs in HEADERS[h].items():
			LOCS.setdefault(s, (h, runs))
for s, (h, runs) in LOCS.items():
	CANDS[s] = (h, set(f for r in runs for f, l in r))
	FIELDS.update(CANDS[s][1])
DISPATCH = {}
# <<< racy
# >>> racy: vocabulary
for line in VOCABULARY.split(NL):
	vocab_line(line.split())
# <<< racy

@initialize:python depends on report@
@@
MODES.add("report")

@initialize:python depends on org@
@@
MODES.add("org")

@initialize:python depends on context@
@@
MODES.add("context")

@initialize:python depends on patch@
@@
MODES.add("patch")

//! facts rules
//! facts finalize
# >>> racy: batches
# <<< racy
# >>> racy: output
# Every file of the run is in: decide, and print what the mode asks for.
found = racy.races(lines, LOCS)
if "report" in MODES:
	for p, msg in racy.findings(found, LOCS, lines_of):
		coccilib.report.print_report(p, msg)
if "org" in MODES:
	for p, msg in racy.findings(found, LOCS, lines_of):
		coccilib.org.print_todo(p, msg)
if "context" in MODES:
	for l in racy.context(found, LOCS, lines_of):
		print(l)
if "patch" in MODES:
	for l in racy.patch(found, LOCS, lines_of):
		print(l)
# <<< racy
