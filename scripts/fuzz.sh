#!/bin/sh
# "make fuzz": run each libFuzzer target named on the command line (layout,
# facts, ...: build/fuzz-NAME) for FUZZ_SECONDS (default 120) each, one
# process at a time, starting from the seeds in tests/fuzz/corpus/NAME and
# the dictionary tests/fuzz/NAME.dict when there is one.  New inputs
# collect in tests/fuzz/corpus-run/NAME (not in git); a crash leaves its
# input in build/fuzz-NAME-crash-* and fails the run.
cd "$(dirname "$0")/.." || exit 2
seconds=${FUZZ_SECONDS:-120}
failed=0 total=0

for name in "$@"; do
	run=tests/fuzz/corpus-run/$name
	log=build/fuzz-$name.log
	dict=
	[ -f "tests/fuzz/$name.dict" ] && dict=-dict=tests/fuzz/$name.dict
	mkdir -p "$run" build
	cp "tests/fuzz/corpus/$name"/* "$run"/
	# -close_fd_mask=2: the readers' error messages, not libFuzzer's reports
	"build/fuzz-$name" -max_total_time="$seconds" $dict -max_len=4096 \
		-close_fd_mask=2 -artifact_prefix="build/fuzz-$name-" \
		-print_final_stats=1 "$run" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	echo "fuzz-$name: ${runs:-?} executions in $seconds s, exit $rc"
	total=$((total + ${runs:-0}))
	if [ $rc != 0 ]; then
		tail -n 40 "$log"
		echo "fuzz-$name: FAILED, see $log"
		failed=1
	fi
done
echo "fuzz: $total executions in all"
[ $failed = 0 ] || { echo "fuzz: FAILED"; exit 1; }
echo "fuzz: no crash"
