# Sourced by scripts/bench-userspace.sh: git 2.39.5's source from Debian
# (apt-get source, with a private apt configuration: the machine's own is
# not touched) and its objects built with git's own Makefile, -g -O2, once
# per machine, in a cache published with one rename.
GIT_VERSION=2.39.5
GIT_DEBIAN_VERSION=1:2.39.5-0+deb12u3

# gs_apt ARGS...: apt-get with the lists and sources under $gs_cache/apt.
gs_apt() {
	apt-get -o Dir::Etc::SourceList=/dev/null \
		-o Dir::Etc::SourceParts="$gs_cache/apt/sources" \
		-o Dir::State::Lists="$gs_cache/apt/lists" \
		-o Debug::NoLocking=1 "$@"
}

# gs_sources: the machine's Debian package sources, as source sources.
gs_sources() {
	mkdir -p "$gs_cache/apt/sources" "$gs_cache/apt/lists/partial" || return 1
	n=0
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		n=$((n + 1))
		sed 's/^Types:.*/Types: deb-src/' "$f" >"$gs_cache/apt/sources/src$n.sources"
	done
	if [ -r /etc/apt/sources.list ]; then
		sed -n 's/^deb \(.*\)/deb-src \1/p' /etc/apt/sources.list \
			>"$gs_cache/apt/sources/src.list"
	fi
}

# git_tree: print a built git source tree (fetching and building it first
# if needed); fails when the source cannot be had.  $BITSPLIT_GIT_SRC names
# an extracted git-2.39.5 to build instead of fetching one.
git_tree() {
	gs_cache="${BITSPLIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bitsplit}"
	gs_tree="$gs_cache/git-$GIT_VERSION-built"
	[ -f "$gs_tree/.built" ] && { printf '%s\n' "$gs_tree"; return 0; }
	mkdir -p "$gs_cache" || return 1
	(
		flock 9 || exit 1
		[ -f "$gs_tree/.built" ] && exit 0
		rm -rf "$gs_tree.tmp" && mkdir -p "$gs_tree.tmp" || exit 1
		if [ -n "$BITSPLIT_GIT_SRC" ]; then
			cp -a "$BITSPLIT_GIT_SRC/." "$gs_tree.tmp/" || exit 1
		else
			tarball="$gs_cache/git_$GIT_VERSION.orig.tar.xz"
			if [ ! -r "$tarball" ]; then
				gs_sources && gs_apt -qq update >&2 &&
				(cd "$gs_cache" && gs_apt -qq source --download-only \
					"git=$GIT_DEBIAN_VERSION" >&2) || exit 1
			fi
			tar -xJf "$tarball" -C "$gs_tree.tmp" --strip-components=1 || exit 1
		fi
		objs=$(sed -n 's/^\([^#].*\)\.c$/\1.o/p' "$GS_FILES")
		# shellcheck disable=SC2086
		nice make -C "$gs_tree.tmp" -j2 CFLAGS='-g -O2' $objs >&2 || exit 1
		: >"$gs_tree.tmp/.built" && mv "$gs_tree.tmp" "$gs_tree"
	) 9>"$gs_cache/git.lock" || return 1
	printf '%s\n' "$gs_tree"
}
