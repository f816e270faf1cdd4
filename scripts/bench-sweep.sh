#!/bin/sh
# "bitsplit sweep" on drivers/net/ethernet of Debian's linux-source-6.12,
# timed against one trivial spatch pass over the same directory with the
# same --jobs, in the same run (target: ratio <= 0.5).  Then the whole tree
# (skipped with BITSPLIT_BENCH_SWEEP_QUICK=1) with the vfio flags put back (the corpus's
# put-backs of vfio-pci and mlx5, the reference thread's structs; target:
# under 10 minutes on 2 cores, at most 100 ranked, and vfio_pci_core_device,
# mlx5vf_pci_core_device and mlx5_vhca_page_tracker in the top 10); the peak
# memory is the largest resident set of any process (target: < 1 GiB).
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
. scripts/linux-source.sh
JOBS="${JOBS:-$(nproc)}"
DIR=drivers/net/ethernet

if [ ! -r "$LINUX_TARBALL" ]; then
	echo "bench-sweep: SKIP: $LINUX_TARBALL is absent (apt-get install linux-source-6.12)"
	exit 0
fi
command -v /usr/bin/time >/dev/null || { echo "bench-sweep: needs GNU time (apt-get install time)"; exit 2; }
TREE=$(linux_tree) || exit 2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-sweep.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT
export BITSPLIT_DATADIR="$ROOT/semantic-patches"

linux_extract "$WORK" "$DIR" || exit 2
# A rule spatch cannot skip by grep, so it parses every file, and that
# matches nothing.
printf '@@\nexpression E;\n@@\n* E = E;\n' >"$WORK/trivial.cocci"

measure() {	# name, command...: prints "name: S s wall, C s CPU, peak M MiB"
	name=$1
	shift
	/usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
	# GNU time puts "Command exited with non-zero status N" first
	set -- $(tail -n 1 "$WORK/time")
	secs=$1 kb=$2
	echo "$secs" >"$WORK/$name.secs"
	echo "$name: $secs s wall, $(echo "$3 $4" | awk '{ print $1 + $2 }') s CPU," \
		"peak $((kb / 1024)) MiB"
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

[ -z "${BITSPLIT_BENCH_SWEEP_QUICK:-}" ] || exit 0
# The whole tree as hard links to the cache; the two patched headers are
# copies first, so the cache stays pristine.
mkdir "$WORK/whole-tree" && cp -al "$TREE/." "$WORK/whole-tree/" || exit 2
for f in include/linux/vfio_pci_core.h drivers/vfio/pci/mlx5/cmd.h; do
	cp --remove-destination "$TREE/$f" "$WORK/whole-tree/$f" || exit 2
done
for c in vfio-pci-core vfio-mlx5; do
	patch -s -p1 -d "$WORK/whole-tree" <"scripts/corpus/cases/$c.diff" || exit 2
done
measure whole "$ROOT/bitsplit" sweep --tree "$WORK/whole-tree" --jobs "$JOBS" \
	--out "$WORK/whole" .
head -n 1 "$WORK/whole.out"
grep "^proven races: " "$WORK/whole.out" | sed "s/, strongest.*/ ranked (target: <= 100)/"
for s in vfio_pci_core_device mlx5vf_pci_core_device mlx5_vhca_page_tracker; do
	rank=$(sed -n "s/^\([0-9]*\)\. struct $s (.*/\1/p" "$WORK/whole.out" | head -n 1)
	echo "rank of $s: ${rank:-not ranked} (target: <= 10)"
done
