#!/bin/sh
# Parse the running kernel's full BTF dump and compare with pahole's own
# time to produce that dump, in the same run (best of N each, wall clock).
# pahole writes to /dev/null, its cheapest case, so the ratio errs against
# us.  The parse runs "bitsplit layout -C task_struct DUMP": the whole
# 6 MB dump is parsed and modelled, one struct printed.
cd "$(dirname "$0")/.." || exit 2
BTF=${BTF:-/sys/kernel/btf/vmlinux}
N=${BENCH_RUNS:-5}

if ! test -r "$BTF"; then
	echo "layout: skipped, $BTF is not readable"
	exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

now_ns() { date +%s%N; }

best() {	# best-of-N wall time of "$@" in microseconds
	b=
	i=0
	while [ $i -lt "$N" ]; do
		t0=$(now_ns)
		"$@" >/dev/null 2>&1 || return 1
		t1=$(now_ns)
		t=$(( (t1 - t0) / 1000 ))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
		i=$((i + 1))
	done
	echo "$b"
}

peak_kb() {	# peak RSS of "$@" in KB, or "?" without GNU time
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null 2>&1 && cat "$tmp/rss"
	else
		echo "?"
	fi
}

pahole -F btf "$BTF" >"$tmp/vmlinux.dump" 2>/dev/null ||
	{ echo "layout: pahole failed"; exit 1; }
pahole_us=$(best pahole -F btf "$BTF")
parse_us=$(best ./bitsplit layout -C task_struct "$tmp/vmlinux.dump") ||
	{ echo "layout: bitsplit failed to parse the dump"; exit 1; }
structs=$(grep -c '^struct \|^union ' "$tmp/vmlinux.dump")
lines=$(wc -l <"$tmp/vmlinux.dump")
bytes=$(wc -c <"$tmp/vmlinux.dump")
pahole_kb=$(peak_kb pahole -F btf "$BTF")
parse_kb=$(peak_kb ./bitsplit layout -C task_struct "$tmp/vmlinux.dump")

echo "input:        $BTF: $structs types, $lines lines, $bytes bytes of pahole text"
echo "pahole dump:  $((pahole_us / 1000)).$(( (pahole_us % 1000) / 100 )) ms, peak $pahole_kb KB (best of $N)"
echo "bitsplit:     $((parse_us / 1000)).$(( (parse_us % 1000) / 100 )) ms, peak $parse_kb KB (best of $N)"
awk -v p="$parse_us" -v q="$pahole_us" \
	'BEGIN { printf "ratio:        %.2fx pahole'"'"'s time (target <= 0.10x)\n", p / q }'
