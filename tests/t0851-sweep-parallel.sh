#!/bin/sh
# Shards of a sweep as GNU parallel jobs, joined by bitsplit merge: the
# same summary as one unsharded run, whatever order the jobs finish in.
. "$(dirname "$0")/lib.sh"

if ! command -v parallel >/dev/null 2>&1; then
	test_skip "sweep shards under GNU parallel" "parallel is not installed (scripts/install-deps.sh)"
	test_done
	exit 0
fi

test_expect_success 'setup a tree of three samples' '
	mkdir -p tree/dev &&
	cp -r "$SAMPLES/include" "$SAMPLES/vfio" "$SAMPLES/sweeprank" tree/ &&
	cp "$TEST_DIRECTORY/t0510/dev.h" "$TEST_DIRECTORY/t0510/dev.c" tree/dev/
'

test_expect_success 'one unsharded sweep' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 2 --out one . >one.txt
'

test_expect_success 'two shards under parallel -j2, merged, give the same summary' '
	parallel --will-cite -j2 "$BITSPLIT" sweep --tree tree --jobs 1 --shard {}/2 --out s{} . \
		::: 1 2 >shards.txt 2>err
	test $? = 0 && test_cmp /dev/null err &&
	grep -c "^shard [12]/2: " shards.txt >count && echo 2 >expect && test_cmp expect count &&
	test_expect_code 1 bitsplit merge --tree tree --out all s1 s2 >merged.txt &&
	test_cmp one.txt merged.txt && test_cmp merged.txt all/summary.txt
'

test_expect_success 'the shards split the candidate files between them' '
	grep "^stat" s1/results-1-of-2.tsv | cut -f 3 >c1 &&
	grep "^stat" s2/results-2-of-2.tsv | cut -f 3 >c2 &&
	echo 2 >expect && test_cmp expect c1 && echo 1 >expect && test_cmp expect c2
'

test_done
