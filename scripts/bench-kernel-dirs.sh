#!/bin/sh
# check --build on whole directories of a pristine Linux 6.12 defconfig
# build with DWARF (scripts/check-dirs-build.sh, built the first time):
# drivers/pci with its subdirectories and kernel/sched, too slow for the
# tests, which take a part of each (t0665).  Prints per directory the exit
# status (0 or 1: a verdict; 2 is a bug), the CPU seconds of bitsplit
# with its spatch and pahole children, the wall time and the structs
# reported; asserts nothing.
cd "$(dirname "$0")/.." || exit 2
if ! command -v spatch >/dev/null 2>&1; then
	echo "kernel-dirs: skipped, spatch is not installed"
	exit 0
fi
B=$(sh scripts/check-dirs-build.sh)
case $? in
0) ;;
77) echo "kernel-dirs: skipped, no linux-source-6.12 or kernel build tools"; exit 0 ;;
*) echo "kernel-dirs: the kernel build failed"; exit 2 ;;
esac
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
bin=$PWD/bitsplit
for d in ${BENCH_KERNEL_DIRS:-drivers/pci kernel/sched}; do
	(cd "$B/src" && /usr/bin/time -f '%U %S %e' -o "$tmp/time" \
		"$bin" check --tree . --build "$B/O" --policy proven-race "$d" \
		>"$tmp/out" 2>"$tmp/err")
	rc=$?
	# the last line: "Command exited with non-zero status 1" may come first
	# shellcheck disable=SC2046
	set -- $(tail -n 1 "$tmp/time")
	printf '%s: exit %d, %s CPU s, %s s wall, %d structs reported; %s\n' "$d" "$rc" \
		"$(echo "$1 + $2" | bc)" "$3" "$(grep -c '^struct [^ ]* (' "$tmp/out")" \
		"$(tail -n 1 "$tmp/out")"
	grep 'error:' "$tmp/err" | head -n 5
done
