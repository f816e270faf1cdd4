#!/bin/sh
# Usage: scripts/remedy-vfio-build.sh
# Print the directory of a cached kernel build for the remedies' kernel
# test: DIR/src is Debian's linux-source-6.12 (hard links into
# linux_tree's extract) with the corpus's vfio-pci-core case applied
# (the 14 flags in one run, as before the upstream fix), DIR/O
# an x86_64 defconfig O= build with DWARF 5 and VFIO_PCI=m holding
# "prepare" and the objects of drivers/vfio/pci.  The cache is keyed by
# the tarball, this script and the case (the recipe); it is built once, in
# place (kbuild records absolute paths), under a lock, and DIR/.done marks
# it complete.  A few CPU minutes the first time.  Exit 77 when the
# tarball or a kernel build tool is missing.
here=$(cd "$(dirname "$0")" && pwd)
case_diff=$here/corpus/cases/vfio-pci-core.diff
. "$here/linux-source.sh"
K=$(linux_tree) || exit 77
for t in gcc make patch flex bison bc perl; do
	command -v "$t" >/dev/null 2>&1 || exit 77
done
echo '#include <gelf.h>' | gcc -E - >/dev/null 2>&1 || exit 77
cache=$(dirname "$K")
dir="$cache/remedy-vfio-${K##*/linux-6.12-}-$(cat "$0" "$case_diff" | cksum | cut -d' ' -f1)"
if [ ! -e "$dir/.done" ]; then
	(
		flock 9 || exit 1
		[ -e "$dir/.done" ] && exit 0
		set -e
		rm -rf "$dir"
		mkdir -p "$dir"
		cp -al "$K" "$dir/src"
		# a real copy of each file the case edits: the extract stays pristine
		for f in $(sed -n 's|^+++ b/\([^	]*\).*|\1|p' "$case_diff"); do
			rm "$dir/src/$f"
			cp "$K/$f" "$dir/src/$f"
		done
		patch -s -p1 -d "$dir/src" <"$case_diff"
		kmake() { nice -n 10 make -s -C "$dir/src" O="$dir/O" "$@"; }
		kmake defconfig >/dev/null
		"$dir/src/scripts/config" --file "$dir/O/.config" -d DEBUG_INFO_NONE \
			-e DEBUG_INFO_DWARF5 -d DEBUG_INFO_BTF -m VFIO -m VFIO_PCI
		kmake olddefconfig >/dev/null 2>&1
		grep -qx 'CONFIG_VFIO_PCI=m' "$dir/O/.config"
		grep -qx 'CONFIG_DEBUG_INFO_DWARF5=y' "$dir/O/.config"
		kmake -j2 prepare >/dev/null 2>&1
		kmake -j2 drivers/vfio/pci/ >/dev/null 2>&1
		: >"$dir/.done"
	) 9>"$cache/remedy-vfio.lock" || exit 1
fi
printf '%s\n' "$dir"
