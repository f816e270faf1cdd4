#!/bin/sh
# bench-fix: time "bitsplit fix --verify" on the samples and, when the
# Debian kernel source is installed, on the real struct vfio_pci_core_device
# as it was before the upstream fix (scripts/corpus/cases/vfio-pci-core.diff),
# and compare the size bitsplit plans with the size of the maintainer's fix
# (the header as 6.12 ships it).
ROOT=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$ROOT" || exit 2
BS="$ROOT/bitsplit"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bitsplit-bench-fix.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f s", b - a }'; }
size_of() {	# OBJ STRUCT
	pahole -C "$2" "$1" | sed -n 's/.*size: \([0-9]*\),.*/\1/p'
}

make -s -C samples O="$tmp/build" >/dev/null || exit 2
"$BS" facts --tree samples --build "$tmp/build" vfio >"$tmp/facts.tsv" 2>/dev/null || exit 2
t=$(now)
"$BS" fix --tree samples --build "$tmp/build" --facts "$tmp/facts.tsv" --verify \
	--out "$tmp/out" vfio >"$tmp/fix.log" || exit 2
echo "samples/vfio: fix --verify (facts given): $(secs "$t")"
t=$(now)
"$BS" fix --tree samples --build "$tmp/build" --verify --out "$tmp/out" \
	--split fc_grow.fired --split fc_fits.stopped fixcases >"$tmp/fix.log" || exit 2
echo "samples/fixcases: fix --verify of 2 structs: $(secs "$t")"

TARBALL=/usr/src/linux-source-6.12.tar.xz
if [ ! -r "$TARBALL" ]; then
	echo "SKIP kernel: $TARBALL is not installed (apt-get install linux-source-6.12)"
	exit 0
fi
t=$(now)
tar -xJf "$TARBALL" -C "$tmp" || exit 2
echo "kernel: extract $TARBALL: $(secs "$t")"
K="$tmp/linux-source-6.12"
(cd "$K" && patch -s -p1 <"$ROOT/scripts/corpus/cases/vfio-pci-core.diff") || exit 2
t=$(now)
{
	make -s -C "$K" O="$tmp/kb" defconfig &&
	"$K/scripts/config" --file "$tmp/kb/.config" -e PCI -e VFIO -e VFIO_PCI \
		-e VFIO_PCI_CORE -e EVENTFD -e DEBUG_INFO -e DEBUG_INFO_DWARF5 \
		-d DEBUG_INFO_NONE -d DEBUG_INFO_BTF -d RANDSTRUCT_FULL &&
	make -s -C "$K" O="$tmp/kb" olddefconfig &&
	make -s -j"$(nproc)" -C "$K" O="$tmp/kb" drivers/vfio/pci/vfio_pci_core.o \
		drivers/vfio/pci/vfio_pci_intrs.o
} >"$tmp/kbuild.log" 2>&1 || { tail -20 "$tmp/kbuild.log"; exit 2; }
echo "kernel: defconfig + VFIO_PCI + DWARF, 2 objects: $(secs "$t")"
before=$(size_of "$tmp/kb/drivers/vfio/pci/vfio_pci_core.o" vfio_pci_core_device)

t=$(now)
"$BS" fix --tree "$K" --build "$tmp/kb" --verify --out "$tmp/kout" \
	--split vfio_pci_core_device.virq_disabled --split vfio_pci_core_device.bardirty \
	--split vfio_pci_core_device.needs_reset --split vfio_pci_core_device.pm_intx_masked \
	--split vfio_pci_core_device.pm_runtime_engaged \
	--split vfio_pci_core_device.sriov_active drivers/vfio/pci >"$tmp/kfix.log" ||
	{ cat "$tmp/kfix.log"; exit 2; }
echo "kernel: fix --verify of vfio_pci_core_device (6 fields, as the fix did): $(secs "$t")"
ours=$(sed -n 's/^struct vfio_pci_core_device: size [0-9]* -> \([0-9]*\), naive split in place \([0-9]*\)$/\1/p' "$tmp/kfix.log")
naive=$(sed -n 's/^struct vfio_pci_core_device: size [0-9]* -> \([0-9]*\), naive split in place \([0-9]*\)$/\2/p' "$tmp/kfix.log")

t=$(now)
"$BS" fix --tree "$K" --build "$tmp/kb" --verify --out "$tmp/kout2" -C vfio_pci_core_device \
	drivers/vfio/pci >"$tmp/kfix2.log" 2>"$tmp/kfix2.err" || { cat "$tmp/kfix2.log" "$tmp/kfix2.err"; exit 2; }
echo "kernel: fix --verify from the verdict (facts over drivers/vfio/pci, proven-race): $(secs "$t")"
echo "kernel: the verdict splits: $(awk '$1 == "split" { printf "%s ", $2 }' "$tmp/kfix2.log")-> $(sed -n 's/^struct vfio_pci_core_device: size [0-9]* -> \([0-9]*\),.*/\1/p' "$tmp/kfix2.log") bytes"

(cd "$K" && patch -s -R -p1 <"$ROOT/scripts/corpus/cases/vfio-pci-core.diff") &&
make -s -C "$K" O="$tmp/kb" drivers/vfio/pci/vfio_pci_core.o >>"$tmp/kbuild.log" 2>&1 || exit 2
theirs=$(size_of "$tmp/kb/drivers/vfio/pci/vfio_pci_core.o" vfio_pci_core_device)
echo "kernel: struct vfio_pci_core_device bytes: before $before, maintainer's fix $theirs," \
     "bitsplit $ours, naive split in place $naive"
