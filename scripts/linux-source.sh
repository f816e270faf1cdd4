# Sourced by the kernel tests and benches: one extraction of Debian's
# linux-source-6.12 per machine.  Unpacking the 140 MB xz tarball costs
# half a minute of CPU every time; the tests each want a few directories
# of it, so the whole tree is unpacked once into a cache and the parts are
# copied from there.
LINUX_TARBALL="${LINUX_TARBALL:-/usr/src/linux-source-6.12.tar.xz}"

# linux_tree: print the cached extract (unpacking it first if needed);
# fails when the tarball is absent.  (Sourced: its variables are ls_*.)  The cache is keyed by the tarball's
# size and mtime, filled under a lock and published with one rename, so
# concurrent test runs neither race nor see half a tree.
linux_tree() {
	[ -r "$LINUX_TARBALL" ] || return 1
	ls_key=$(stat -L -c '%s-%Y' "$LINUX_TARBALL") || return 1
	ls_cache="${BITSPLIT_LINUX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bitsplit}"
	ls_tree="$ls_cache/linux-6.12-$ls_key"
	if [ ! -d "$ls_tree" ]; then
		mkdir -p "$ls_cache" || return 1
		(
			flock 9 || exit 1
			[ -d "$ls_tree" ] && exit 0
			rm -rf "$ls_tree.tmp" && mkdir "$ls_tree.tmp" &&
			tar -xJf "$LINUX_TARBALL" -C "$ls_tree.tmp" --strip-components=1 &&
				mv "$ls_tree.tmp" "$ls_tree"
		) 9>"$ls_cache/lock" || return 1
	fi
	printf '%s\n' "$ls_tree"
}

# linux_extract DIR PART...: copy the named parts of the kernel tree
# (paths relative to its top) into DIR, which the caller may then edit.
linux_extract() {
	ls_dir=$1
	shift
	ls_src=$(linux_tree) || return 1
	mkdir -p "$ls_dir" || return 1
	for ls_part in "$@"; do
		mkdir -p "$ls_dir/$(dirname "$ls_part")" &&
			cp -a "$ls_src/$ls_part" "$ls_dir/$(dirname "$ls_part")/" || return 1
	done
}
