#!/bin/sh
# "make fuzz": run the libFuzzer target over the pahole parser for
# FUZZ_SECONDS (default 300), starting from the seed dumps in
# tests/fuzz/corpus.  New inputs collect in tests/fuzz/corpus-run (not in
# git); a crash leaves its input in build/ and fails the run.
cd "$(dirname "$0")/.." || exit 2
seconds=${FUZZ_SECONDS:-300}
run=tests/fuzz/corpus-run
log=build/fuzz-layout.log

mkdir -p "$run" build
cp tests/fuzz/corpus/* "$run"/
# -close_fd_mask=2: the parser's error messages, not libFuzzer's reports
build/fuzz-layout -max_total_time="$seconds" -dict=tests/fuzz/pahole.dict \
	-max_len=4096 -close_fd_mask=2 -artifact_prefix=build/fuzz- \
	-print_final_stats=1 "$run" >"$log" 2>&1
rc=$?
grep -E '^Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb' "$log"
if [ $rc != 0 ]; then
	tail -n 40 "$log"
	echo "fuzz: FAILED (exit $rc), see $log"
	exit 1
fi
echo "fuzz: no crash in $seconds s"
