#!/bin/sh
# check: the verdict alone on a synthetic tree of N copies of the vfio-like
# driver (N structs, each its own call graph), and the whole pipeline
# (pahole, spatch, verdict) on the samples.  Prints wall times; asserts
# nothing.
cd "$(dirname "$0")/.." || exit 2
N=${BENCH_CHECK_COPIES:-2000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }

make -s -C samples O="$tmp/obj" >/dev/null || exit 2
pahole -C vfpci_device "$tmp/obj/vfio/vfpci_core.o" >"$tmp/one.dump" || exit 2

# Copy i renames the struct (vfpci_device -> vfpcidevI) and every function (F -> F_I).
awk -v n="$N" '{ lines[NR] = $0 } END {
	for (i = 0; i < n; i++)
		for (l = 1; l <= NR; l++) {
			s = lines[l]; sub(/struct vfpci_device /, "struct vfpcidev" i " ", s)
			print s
		}
}' "$tmp/one.dump" >"$tmp/all.dump"
grep -v '^#' tests/expect/check/vfio.facts | awk -F '\t' -v n="$N" 'BEGIN { OFS = "\t" }
{ lines[NR] = $0 } END {
	for (i = 0; i < n; i++)
		for (l = 1; l <= NR; l++) {
			s = lines[l]
			gsub(/vfpci_device/, "vfpcidev" i, s)
			gsub(/(^|\t)v?_*vfpci_[a-z_]+/, "&_" i, s)
			print s
		}
}' >"$tmp/all.facts"

printf 'verdict: %d structs, %d facts\n' "$N" "$(wc -l <"$tmp/all.facts")"
t0=$(now)
./bitsplit check --layout "$tmp/all.dump" --facts "$tmp/all.facts" --format json \
	>"$tmp/out.json"
rc=$?
t1=$(now)
printf '  check --facts --format json: %ss (exit %d, %d fields move under proven-race)\n' \
	"$(secs "$t0" "$t1")" "$rc" "$(grep -c '"proven-race": true' "$tmp/out.json")"

t0=$(now)
(cd samples && ../bitsplit check --build "$tmp/obj" . >/dev/null 2>&1)
rc=$?
t1=$(now)
printf 'pipeline on samples/ (pahole + spatch + verdict): %ss (exit %d)\n' \
	"$(secs "$t0" "$t1")" "$rc"
