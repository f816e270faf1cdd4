#!/bin/sh
# Usage: scripts/kernel-build.sh [--cached] NAME [--patch DIFF] [-m SYMBOL]... TARGET...
# Print the directory of a cached kernel build for the kernel tests:
# DIR/src is Debian's linux-source-6.12 (hard links into linux_tree's
# extract, with a real copy of each file DIFF edits, then DIFF applied),
# DIR/O an x86_64 defconfig O= build with DWARF 5, each SYMBOL =m, holding
# "prepare" and the TARGETs (directories "kernel/sched/" or objects
# "kernel/static_call.o", as make takes them).  The cache is keyed by the
# tarball, this script, the arguments and DIFF (the recipe); it is built
# once, in place (kbuild records absolute paths), under a lock, and
# DIR/.done marks it complete; builds of NAME from older recipes are
# removed.  Exit 77 when the tarball or a kernel build tool is missing;
# with --cached, also when the build is not there yet (nothing is built).
here=$(cd "$(dirname "$0")" && pwd)
usage() {
	echo "usage: $0 [--cached] NAME [--patch DIFF] [-m SYMBOL]... TARGET..." >&2
	exit 2
}
cached=
if [ "${1:-}" = --cached ]; then
	cached=1
	shift
fi
[ $# -ge 2 ] || usage
name=$1
shift
diff=
if [ "$1" = --patch ]; then
	[ $# -ge 2 ] || usage
	diff=$2
	shift 2
fi
syms=
while [ "${1:-}" = -m ]; do
	[ $# -ge 2 ] || usage
	syms="$syms $2"
	shift 2
done
[ $# -gt 0 ] || usage
. "$here/linux-source.sh"
K=$(linux_tree) || exit 77
for t in gcc make patch flex bison bc perl; do
	command -v "$t" >/dev/null 2>&1 || exit 77
done
echo '#include <gelf.h>' | gcc -E - >/dev/null 2>&1 || exit 77
cache=$(dirname "$K")
key=$( { cat "$0" ${diff:+"$diff"}; echo "$name $syms $*"; } | cksum | cut -d' ' -f1)
dir="$cache/$name-${K##*/linux-6.12-}-$key"
if [ ! -e "$dir/.done" ] && [ -n "$cached" ]; then
	exit 77
elif [ ! -e "$dir/.done" ]; then
	(
		flock 9 || exit 1
		[ -e "$dir/.done" ] && exit 0
		set -e
		rm -rf "$dir"
		mkdir -p "$dir"
		cp -al "$K" "$dir/src"
		if [ -n "$diff" ]; then
			# a real copy of each file DIFF edits: the extract stays pristine
			for f in $(sed -n 's|^+++ b/\([^	]*\).*|\1|p' "$diff"); do
				rm "$dir/src/$f"
				cp "$K/$f" "$dir/src/$f"
			done
			patch -s -p1 -d "$dir/src" <"$diff"
		fi
		kmake() { nice -n 10 make -s -C "$dir/src" O="$dir/O" "$@"; }
		kmake defconfig >/dev/null
		"$dir/src/scripts/config" --file "$dir/O/.config" -d DEBUG_INFO_NONE \
			-e DEBUG_INFO_DWARF5 -d DEBUG_INFO_BTF
		for s in $syms; do
			"$dir/src/scripts/config" --file "$dir/O/.config" -m "$s"
		done
		kmake olddefconfig >/dev/null 2>&1
		grep -qx 'CONFIG_DEBUG_INFO_DWARF5=y' "$dir/O/.config"
		for s in $syms; do
			grep -qx "CONFIG_$s=m" "$dir/O/.config"
		done
		kmake -j2 prepare >/dev/null 2>&1
		kmake -j2 "$@" >/dev/null 2>&1
		for old in "$cache/$name"-[0-9]*-[0-9]*-[0-9]*; do
			[ "$old" = "$dir" ] || [ ! -d "$old/O" ] || rm -rf "$old"
		done
		: >"$dir/.done"
	) 9>"$cache/$name.lock" || exit 1
fi
printf '%s\n' "$dir"
