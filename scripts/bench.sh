#!/bin/sh
# "make bench": run every scripts/bench-*.sh in turn.  Each prints its own
# measurements; none of them is a pass/fail test.
cd "$(dirname "$0")/.." || exit 2
status=0
for b in scripts/bench-*.sh; do
	[ -e "$b" ] || continue
	echo "=== $b"
	sh "$b" || status=1
done
exit $status
