#!/bin/sh
# Run the unit test binaries given as arguments, then every tests/t*.sh,
# and end with the line "N passed, N failed" that CI reads.  Each test's
# whole output is kept in build/test-logs/NAME.log; a test that passes
# shows only its count and skips, one that fails shows its log.
cd "$(dirname "$0")/.." || exit 2
passed=0 failed=0 skipped=0 broken=""
logs=build/test-logs
mkdir -p "$logs" || exit 2
# the unit tests are leak-checked too, whatever the environment says
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1"

tally() {	# name, then the output in $log
	line=$(grep '^# passed ' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		broken="$broken $1"
		failed=$((failed + 1))
		return 1
	fi
	set -- $line
	passed=$((passed + $3))
	failed=$((failed + $5))
	[ $# -ge 7 ] && skipped=$((skipped + $7))
	[ "$5" = 0 ]
}

for t in "$@" tests/t[0-9]*.sh; do
	[ -e "$t" ] || continue
	echo "*** $t"
	log="$logs/$(basename "$t" .sh).log"
	case $t in
	*.sh) sh "$t" >"$log" 2>&1 ;;
	*) "$t" >"$log" 2>&1 ;;
	esac
	rc=$?
	if tally "$t" && [ $rc = 0 ]; then
		grep -e '^# passed ' -e '# SKIP' "$log"
	else
		grep -v '^ok ' "$log"
		echo "(the whole output: $log)"
	fi
	if [ $rc != 0 ] && ! grep -q '^not ok' "$log"; then
		broken="$broken $t(exit $rc)"
		failed=$((failed + 1))
	fi
done
[ -n "$broken" ] && echo "broken:$broken"
[ "$skipped" != 0 ] && echo "($skipped skipped: see the SKIP lines above)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
