#!/bin/sh
# The coccicheck rule as a kernel maintainer runs it: "make coccicheck
# MODE=report M=drivers/net/ethernet" on linux-source-6.12 with the rule
# install-cocci installs, against a yardstick in the same run: the kernel's
# own misc/boolconv.cocci over the same directory (a one-rule patch, so the
# ratio is the price of the facts rules, the join and the locks).  CPU
# seconds (user+sys of make and every spatch) and wall.  BENCH_COCCI_DIR
# picks another directory.
cd "$(dirname "$0")/.." || exit 2
. scripts/linux-source.sh
DIR=${BENCH_COCCI_DIR:-drivers/net/ethernet}

if [ ! -r "$LINUX_TARBALL" ]; then
	echo "coccicheck: skipped, $LINUX_TARBALL is absent (apt-get install linux-source-6.12)"
	exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
linux_extract "$tmp/linux" Makefile .cocciconfig scripts include arch/x86 "$DIR" || exit 2
./bitsplit install-cocci --tree "$tmp/linux" >/dev/null || exit 2

run() {	# name rule: print "name: N CPU s, N s wall, N warnings"
	/usr/bin/time -f "%U %S %e" -o "$tmp/time" \
		make -s -C "$tmp/linux" coccicheck MODE=report COCCI="$2" M="$DIR" \
		>"$tmp/out" 2>&1 || { tail -5 "$tmp/out"; return 1; }
	set -- "$1" $(cat "$tmp/time")
	echo "$1 $(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.1f", u + s }') $4 $(grep -c "^$DIR.*: WARNING" "$tmp/out")"
}

y=$(run yardstick scripts/coccinelle/misc/boolconv.cocci) || exit 2
r=$(run racy scripts/coccinelle/misc/racy_bitfields.cocci) || exit 2
set -- $y $r
echo "coccicheck M=$DIR: boolconv.cocci $2 CPU s ($3 s wall), racy_bitfields.cocci $6 CPU s" \
     "($7 s wall, $8 warnings): $(awk -v a="$6" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')x the yardstick"
