#!/bin/sh
# "bitsplit sweep" on drivers/net/ethernet of Debian's linux-source-6.12,
# timed against one trivial spatch pass over the same directory with the
# same --jobs, in the same run (target: ratio <= 0.5).  BITSPLIT_BENCH_WHOLE=1
# also sweeps the whole tree (target: under 10 minutes on 2 cores); the
# peak memory is the largest resident set of any process (target: < 1 GiB).
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
TARBALL="${LINUX_TARBALL:-/usr/src/linux-source-6.12.tar.xz}"
JOBS="${JOBS:-$(nproc)}"
DIR=drivers/net/ethernet

if [ ! -r "$TARBALL" ]; then
	echo "bench-sweep: SKIP: $TARBALL is absent (apt-get install linux-source-6.12)"
	exit 0
fi
command -v /usr/bin/time >/dev/null || { echo "bench-sweep: needs GNU time (apt-get install time)"; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-sweep.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT
export BITSPLIT_DATADIR="$ROOT/semantic-patches"

if [ -n "${BITSPLIT_BENCH_WHOLE:-}" ]; then
	tar -xJf "$TARBALL" -C "$WORK" --strip-components=1 || exit 2
else
	tar -xJf "$TARBALL" -C "$WORK" --strip-components=1 "linux-source-6.12/$DIR" || exit 2
fi
# A rule spatch cannot skip by grep, so it parses every file, and that
# matches nothing.
printf '@@\nexpression E;\n@@\n* E = E;\n' >"$WORK/trivial.cocci"

measure() {	# name, command...: prints "name: S s, M MiB"
	name=$1
	shift
	/usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
	# GNU time puts "Command exited with non-zero status N" first
	set -- $(tail -n 1 "$WORK/time")
	secs=$1 kb=$2
	echo "$secs" >"$WORK/$name.secs"
	echo "$name: $secs s, peak $((kb / 1024)) MiB"
}

echo "linux-source-6.12 $DIR, --jobs $JOBS"
(cd "$WORK" && measure spatch spatch --very-quiet --sp-file "$WORK/trivial.cocci" \
	--no-includes --timeout 120 -j "$JOBS" --chunksize 1 --dir "$DIR")
measure sweep "$ROOT/bitsplit" sweep --tree "$WORK" --jobs "$JOBS" --out "$WORK/sweep" "$DIR"
head -n 1 "$WORK/sweep.out"
awk -v a="$(cat "$WORK/sweep.secs")" -v b="$(cat "$WORK/spatch.secs")" \
	'BEGIN { printf "ratio sweep/spatch: %.2f (target <= 0.5)\n", a / b }'
measure resumed "$ROOT/bitsplit" sweep --tree "$WORK" --jobs "$JOBS" --resume --out "$WORK/sweep" "$DIR"
head -n 1 "$WORK/resumed.out"

if [ -n "${BITSPLIT_BENCH_WHOLE:-}" ]; then
	measure whole "$ROOT/bitsplit" sweep --tree "$WORK" --jobs "$JOBS" --out "$WORK/whole" .
	head -n 4 "$WORK/whole.out"
fi
