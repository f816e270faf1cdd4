#!/bin/sh
# Run the unit test binaries given as arguments, then every tests/t*.sh,
# and end with the line "N passed, N failed" that CI reads.
cd "$(dirname "$0")/.." || exit 2
passed=0 failed=0 skipped=0 broken=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

tally() {	# name, then the output in $log
	line=$(grep '^# passed ' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		broken="$broken $1"
		failed=$((failed + 1))
		return
	fi
	set -- $line
	passed=$((passed + $3))
	failed=$((failed + $5))
	[ $# -ge 7 ] && skipped=$((skipped + $7))
}

for t in "$@" tests/t[0-9]*.sh; do
	[ -e "$t" ] || continue
	echo "*** $t"
	case $t in
	*.sh) sh "$t" >"$log" 2>&1 ;;
	*) "$t" >"$log" 2>&1 ;;
	esac
	rc=$?
	grep -v '^ok ' "$log"
	tally "$t"
	if [ $rc != 0 ] && ! grep -q '^not ok' "$log"; then
		broken="$broken $t(exit $rc)"
		failed=$((failed + 1))
	fi
done
[ -n "$broken" ] && echo "broken:$broken"
[ "$skipped" != 0 ] && echo "($skipped skipped: see the SKIP lines above)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
