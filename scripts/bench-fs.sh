#!/bin/sh
# Usage: scripts/bench-fs.sh CORPUS
#
# check of the timed filesystem directory (scripts/corpus/timed: fs/nfs,
# 64 .c files; issue 9's target is 60 s on 2 cores) on a corpus built by
# scripts/corpus/build.sh, as a maintainer runs it (--build of the corpus,
# -j 2), timed against a yardstick in the same run: one trivial spatch
# pass over the same .c files with the same jobs.  Prints wall, CPU
# (user+sys, children included) and peak memory of both, and the ratios;
# on a shared machine the CPU figures and the ratios are the honest ones.
# bench-corpus.sh runs it on the corpus it builds; asserts nothing.
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
if [ $# = 0 ]; then
	echo "bench-fs: run by bench-corpus.sh on its corpus (or: scripts/bench-fs.sh CORPUS)"
	exit 0
fi
dir=$1
T=$(sed -n 's/^path[	 ]\{1,\}//p' scripts/corpus/timed)
if [ ! -d "$dir/src/$T" ] || [ ! -d "$dir/O/$T" ]; then
	echo "bench-fs: SKIP: no built corpus with $T in $dir"
	exit 0
fi
command -v /usr/bin/time >/dev/null || { echo "bench-fs: needs GNU time (apt-get install time)"; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-fs.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
# A rule spatch cannot skip by grep, so it parses every file, and that
# matches nothing.
printf '@@\nexpression E;\n@@\n* E = E;\n' >"$tmp/trivial.cocci"

measure() {	# name, command...: "wall user sys rss" in $tmp/name.time
	name=$1
	shift
	(cd "$dir/src" && /usr/bin/time -f "%e %U %S %M" -o "$tmp/$name.time" "$@" \
		>"$tmp/$name.out" 2>"$tmp/$name.err")
	echo $? >"$tmp/$name.rc"
	# GNU time puts "Command exited with non-zero status N" first
	set -- $(tail -n 1 "$tmp/$name.time")
	printf '%s: %s s wall, %.1f s CPU, peak %d MiB (exit %s)\n' "$name" "$1" \
		"$(echo "$2 + $3" | bc)" $(($4 / 1024)) "$(cat "$tmp/$name.rc")"
}

echo "$T: $(find "$dir/src/$T" -name '*.c' | wc -l) .c files, -j 2"
measure spatch spatch --very-quiet --sp-file "$tmp/trivial.cocci" --no-includes \
	--timeout 120 -j 2 --chunksize 1 --dir "$T"
measure check "$ROOT/bitsplit" check -j 2 --build "$dir/O" --tree "$dir/src" \
	--format json "$T"
sed -n 's/^bitsplit facts: //p' "$tmp/check.err"
set -- $(tail -n 1 "$tmp/check.time") $(tail -n 1 "$tmp/spatch.time")
awk -v w="$1" -v c="$(echo "$2 + $3" | bc)" -v sw="$5" -v sc="$(echo "$6 + $7" | bc)" \
	'BEGIN { printf "ratio check/spatch: %.2f wall, %.2f CPU (target: check <= 60 s on 2 cores)\n",
		 w / sw, c / sc }'
