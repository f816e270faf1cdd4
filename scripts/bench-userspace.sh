#!/bin/sh
# bitsplit on a real threaded C project: git 2.39.5 (Debian's source, built
# with its own Makefile and -g -O2; scripts/userspace/git-source.sh), the
# files of scripts/userspace/git.files, with git's vocabulary (git.txt)
# and parse hints (git-macros.h) as a user would give them.  Prints every
# struct check flags under each policy with its reviewed label
# (scripts/userspace/git.labels: true or false, and why), then the totals
# and what check cost.  Skips visibly when the source cannot be had.
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
U=$ROOT/scripts/userspace
GS_FILES=$U/git.files
. "$U/git-source.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-userspace.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

if ! src=$(git_tree 2>"$tmp/build.log"); then
	echo "SKIP userspace: no git $GIT_VERSION source ($(tail -1 "$tmp/build.log"))"
	exit 0
fi
files=$(sed -n 's/^\([^#].*\.c\)$/\1/p' "$GS_FILES")
# shellcheck disable=SC2086
(cd "$src" && /usr/bin/time -f "%U %S %e %M" -o "$tmp/time" "$ROOT/bitsplit" check -j 2 \
	--tree . --build . --data "$U/git.txt" --macro-file "$U/git-macros.h" $files \
	>"$tmp/check.txt" 2>"$tmp/check.err")
rc=$?
[ $rc -le 1 ] || { tail -20 "$tmp/check.err"; exit 2; }
# The structs with a field that moves under each policy, and their labels.
for policy in proven-race setup-only; do
	awk -v p="$policy" '/^struct / { s = $2 }
		$1 == p && $2 == "moves" && $3 != "nothing" { print s }' \
		"$tmp/check.txt" | sort -u >"$tmp/flagged"
	nr=0 t=0 f=0 u=0
	while read -r s; do
		nr=$((nr + 1))
		label=$(awk -F '\t' -v p="$policy" -v s="$s" '$1 == p && $2 == s { print $3 "\t" $4 }' \
			"$U/git.labels")
		case $label in
		true*) t=$((t + 1)) ;;
		false*) f=$((f + 1)) ;;
		*) u=$((u + 1)); label="UNLABELLED	read it and label it in scripts/userspace/git.labels" ;;
		esac
		printf 'git %s: struct %s\t%s\n' "$policy" "$s" "$label"
	done <"$tmp/flagged"
	echo "git $GIT_VERSION, $(echo $files | wc -w) files, $policy: $nr structs flagged: $t true, $f false, $u unlabelled"
done
# GNU time writes "Command exited with non-zero status 1" first when check finds races.
read -r user sys wall rss <<EOF
$(tail -1 "$tmp/time")
EOF
echo "git check -j 2: ${user} s user + ${sys} s sys CPU, ${wall} s wall, ${rss} KB peak RSS; $(tail -1 "$tmp/check.txt")"
