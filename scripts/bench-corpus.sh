#!/bin/sh
# The evaluation corpus (scripts/corpus/): build it from Debian's
# linux-source-6.12 (or reuse the one built in $BITSPLIT_CORPUS), judge
# bitsplit against its labels (per case recall, over-moves and false
# structs; per directory true, false and unlabelled structs moved), and time
# check of a 64-file filesystem directory with 2 jobs (issue 9's target:
# 60 s for about 70 files).  Prints; asserts nothing.
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
now() { date +%s; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-corpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
dir=${BITSPLIT_CORPUS:-$tmp/corpus}

t=$(now)
sh scripts/corpus/build.sh -j2 "$dir" >"$tmp/build.log" 2>&1
rc=$?
if [ $rc = 77 ]; then
	echo "SKIP corpus: $(tail -1 "$tmp/build.log")"
	exit 0
elif [ $rc != 0 ]; then
	tail -20 "$tmp/build.log"
	exit 2
fi
echo "corpus build: $(($(now) - t)) s ($(tail -1 "$tmp/build.log"))"

t=$(now)
BITSPLIT=$ROOT/bitsplit sh scripts/corpus/eval.sh "$dir" "$tmp/eval" || exit 2
echo "corpus evaluation: $(($(now) - t)) s"

sh scripts/bench-fs.sh "$dir"
