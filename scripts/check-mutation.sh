#!/bin/sh
# make check-mutation [DIR...]: break each expected file under
# tests/expect/ (or under tests/expect/DIR only) in turn (a bogus line
# appended, then its first line that is no comment altered) and run the
# tests that read that directory; each break must fail one of them.
# Prints the expected files no test notices and exits 1 if there are any.
# Not part of "make check": it runs the readers once per file and break.
cd "$(dirname "$0")/.." || exit 2
unnoticed=0 current=
log=$(mktemp)
# an interrupted run leaves no broken expected file behind
trap '[ -n "$current" ] && mv "$current.orig" "$current"; rm -f "$log"' EXIT
trap 'exit 130' INT TERM

# The tests that name the expected file's directory, tests/expect/DIR;
# those that also name the file come first, as the likeliest to notice.
readers() {
	dir=${1#tests/expect/}
	dir=${dir%%/*}
	all=$(grep -l "expect/$dir" tests/t[0-9]*.sh)
	[ -n "$all" ] || return 0
	grep -lF "$(basename "$1")" $all
	grep -LF "$(basename "$1")" $all
}

noticed() {	# FILE: some reader fails
	for t in $(readers "$1"); do
		TEST_IMMEDIATE=1 sh "$t" >"$log" 2>&1 || return 0
	done
	return 1
}

dirs=
for d in "$@"; do
	[ -d "tests/expect/$d" ] || { echo "tests/expect/$d: no such directory"; exit 2; }
	dirs="$dirs tests/expect/$d"
done
files=$(find ${dirs:-tests/expect} -type f | sort)

# A reader that fails on the intact files would notice every break.
for t in $(for f in $files; do readers "$f"; done | sort -u); do
	if ! TEST_IMMEDIATE=1 sh "$t" >"$log" 2>&1; then
		echo "$t fails before any break:"
		grep -v '^ok ' "$log"
		exit 2
	fi
done

for f in $files; do
	if [ -z "$(readers "$f")" ]; then
		echo "$f: no test reads it"
		unnoticed=$((unnoticed + 1))
		continue
	fi
	cp "$f" "$f.orig" || exit 2
	current=$f
	for mutation in append alter; do
		if [ $mutation = append ]; then
			echo "bitsplit-mutation" >>"$f"
		else
			awk '!done && !/^#/ && NF { $0 = $0 " bitsplit-mutation"; done = 1 } 1' \
				"$f.orig" >"$f"
		fi
		if ! noticed "$f"; then
			echo "$f: no test notices a line ${mutation}ed (readers: $(readers "$f" | tr '\n' ' '))"
			unnoticed=$((unnoticed + 1))
		fi
		cp "$f.orig" "$f"
	done
	mv "$f.orig" "$f"
	current=
done
echo "$unnoticed unnoticed mutations"
[ "$unnoticed" = 0 ]
