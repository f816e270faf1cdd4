#!/bin/sh
# facts: wall time and peak memory of "bitsplit facts" on the samples
# (1 and 2 spatch jobs), and on drivers/vfio of Debian's linux-source-6.12
# with the packed flags of the pre-fix vfio-pci and mlx5 structs put back
# (scripts/kernel-vfio-prefix.sh), when the tarball is installed.
# Prints measurements; asserts nothing.
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-facts.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

run() {	# label, then the bitsplit facts arguments
	label=$1
	shift
	/usr/bin/time -f "%e %M" -o "$tmp/time" ./bitsplit facts "$@" \
		>"$tmp/facts" 2>"$tmp/err" || { cat "$tmp/err"; return 1; }
	set -- $(cat "$tmp/time")
	printf '%-34s %6.2f s %7d KB  %4d facts, %s\n' "$label" "$1" "$2" \
		"$(wc -l <"$tmp/facts")" "$(tail -n 1 "$tmp/err" | sed 's/^bitsplit facts: //')"
}

make -s -C samples O="$tmp/obj" >/dev/null || exit 2
for j in 1 2; do
	run "samples, -j $j" -j $j --tree samples --build "$tmp/obj" \
		vfio mlx5 edge pthread negative nested || exit 1
done

if ! scripts/kernel-vfio-prefix.sh "$tmp/k"; then
	echo "drivers/vfio: skipped (no /usr/src/linux-source-6.12.tar.xz)"
	exit 0
fi
for j in 1 2; do
	run "linux-6.12 drivers/vfio, -j $j" -j $j --tree "$tmp/k/linux" \
		--layout "$tmp/k/vfio.dump" drivers/vfio || exit 1
done
grep -c . "$tmp/k/linux/drivers/vfio"/*.c "$tmp/k/linux/drivers/vfio"/*/*.c \
	"$tmp/k/linux/drivers/vfio"/*/*/*.c 2>/dev/null |
	awk -F: '{ n++; l += $2 } END { printf "drivers/vfio: %d .c files, %d lines\n", n, l }'
