#!/bin/sh
# Usage: scripts/corpus/build.sh [-j N] [--cases] DIR
#
# Build the evaluation corpus in DIR from Debian's linux-source-6.12:
#   DIR/src  the kernel tree with every case's racy layout put back
#            (scripts/corpus/cases/*.diff, applied in name order)
#   DIR/O    an x86-64 defconfig build directory (plus scripts/corpus/config:
#            DWARF 5, the drivers the cases need) holding only the objects
#            the cases' "build" lines and the directories' "path" lines name.
#            (--cases: the cases' objects only, not the directories').
# A step already done (DIR/src complete, DIR/O configured) is not redone, so
# a second run only rebuilds what changed.  Exit 77 when the tarball or one
# of the kernel's build tools is missing, so a test can skip visibly.
here=$(cd "$(dirname "$0")" && pwd)
TARBALL=${LINUX_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
jobs=2
only_cases=
while :; do
	case $1 in
	-j) jobs=$2; shift 2 ;;
	-j*) jobs=${1#-j}; shift ;;
	--cases) only_cases=1; shift ;;
	*) break ;;
	esac
done
if [ $# != 1 ]; then
	echo "usage: scripts/corpus/build.sh [-j N] [--cases] DIR" >&2
	exit 2
fi
if [ ! -r "$TARBALL" ]; then
	echo "corpus: $TARBALL is absent (apt-get install linux-source-6.12)" >&2
	exit 77
fi
for t in gcc make patch flex bison bc perl xz; do
	if ! command -v "$t" >/dev/null 2>&1; then
		echo "corpus: the kernel build needs $t" >&2
		exit 77
	fi
done
if ! echo '#include <gelf.h>' | gcc -E - >/dev/null 2>&1; then
	echo "corpus: the kernel build (objtool) needs libelf-dev" >&2
	exit 77
fi
set -e
mkdir -p "$1"
dir=$(cd "$1" && pwd)
src=$dir/src
O=$dir/O
now() { date +%s; }
t0=$(now)

# The stamp holds a checksum of the edits: a new or changed case re-extracts
# (the tarball keeps its mtimes, so only what the edits touch rebuilds).
sum=$(cat "$here"/cases/*.diff | cksum)
if [ "$(cat "$src/.corpus-src" 2>/dev/null)" != "$sum" ]; then
	rm -rf "$src.tmp"
	mkdir "$src.tmp"
	# The generated GPU register headers are 450 MB of the tarball and
	# nothing the build reads (Kconfig reads every other directory).
	tar -xJf "$TARBALL" -C "$src.tmp" --strip-components=1 \
		--exclude='linux-source-6.12/drivers/gpu/drm/amd/include/asic_reg'
	for d in "$here"/cases/*.diff; do
		patch -s -p1 -d "$src.tmp" <"$d"
	done
	# A file an earlier edit touched is back to the tarball's old mtime:
	# touch it, or make would keep the objects built from the edited one.
	if [ -e "$dir/.corpus-edited" ]; then
		(cd "$src.tmp" && xargs touch <"$dir/.corpus-edited")
	fi
	sed -n 's|^+++ b/\([^	]*\).*|\1|p' "$here"/cases/*.diff | sort -u >"$dir/.corpus-edited"
	echo "$sum" >"$src.tmp/.corpus-src"
	rm -rf "$src"
	mv "$src.tmp" "$src"
fi
t1=$(now)

kmake() { nice -n 10 make -s -C "$src" O="$O" "$@"; }
if ! cmp -s "$here/config" "$O/.corpus-config"; then
	mkdir -p "$O"
	kmake defconfig >/dev/null
	grep -E '^(CONFIG_|# CONFIG_.* is not set$)' "$here/config" >>"$O/.config"
	# (Each merged line draws an "override" warning: keep them out of sight.)
	kmake olddefconfig >"$O/.corpus-config.log" 2>&1 ||
		{ cat "$O/.corpus-config.log" >&2; exit 1; }
	# An option no longer visible is absent from .config, which is "not set" too.
	grep -E '^(CONFIG_|# CONFIG_.* is not set$)' "$here/config" | while read -r line; do
		case $line in
		"# "*) set -- $line; ! grep -q "^$2=" "$O/.config" ;;
		*) grep -qx "$line" "$O/.config" ;;
		esac || {
			echo "corpus: $line did not hold after olddefconfig" >&2
			exit 1
		}
	done
	cp "$here/config" "$O/.corpus-config"
fi
kmake -j"$jobs" prepare
t2=$(now)

# What to build: the cases' objects, the labelled directories, the timed one.
targets=$({ sed -n 's/^build[	 ]\{1,\}//p' "$here"/cases/*.case
	   [ -n "$only_cases" ] ||
		sed -n 's|^path[	 ]\{1,\}\(.*\)|\1/|p' "$here"/dirs/*.labels "$here"/timed; } | sort -u)
# shellcheck disable=SC2086
kmake -j"$jobs" $targets
t3=$(now)
echo "corpus: $dir: extract+put back $((t1 - t0))s, configure+prepare $((t2 - t1))s, objects $((t3 - t2))s"
