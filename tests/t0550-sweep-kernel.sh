#!/bin/sh
# bitsplit sweep on a real kernel directory: it finishes, and a sweep
# killed half-way resumes from its cache to the same summary.
. "$(dirname "$0")/lib.sh"

DIR=drivers/net/ethernet/intel
if ! linux_extract linux "$DIR"; then
	test_skip "sweep of linux-source-6.12 $DIR" "$LINUX_TARBALL is absent"
	test_done
	exit 0
fi

test_expect_success "a sweep of $DIR finishes" '
	bitsplit sweep --tree linux --jobs 2 --out full "$DIR" >full.txt
	test $? -le 1 &&
	head -n 1 full.txt >first &&
	echo "sweep: 355 files, 24 can write a field of a shared location: 24 parsed, 0 from cache, 0 failed" >expect &&
	test_cmp expect first && test_cmp full.txt full/summary.txt
'

# The cheap tier scans these 24 files in a fraction of a second, so the
# kill lands in it or in the full tier: either way nothing half-written is
# left, and the resumed sweep parses only what is not cached.
test_expect_success 'a sweep killed half-way resumes to the same summary' '
	setsid "$BITSPLIT" sweep --tree linux --jobs 1 --out part "$DIR" >/dev/null 2>&1 &
	pid=$! &&
	n=0 &&
	while ! ls part/cache/*.tsv >/dev/null 2>&1 && [ $n -lt 1200 ]; do
		sleep 0.1; n=$((n + 1))
	done &&
	kill -9 -$pid && wait $pid
	test ! -e part/summary.txt &&
	done=$(ls part/cache/*.tsv | wc -l) &&
	test "$done" -gt 0 && test "$done" -le 24 &&
	bitsplit sweep --tree linux --jobs 2 --resume --out part "$DIR" >resumed.txt
	test $? -le 1 &&
	head -n 1 resumed.txt >first &&
	echo "sweep: 355 files, 24 can write a field of a shared location: $((24 - done)) parsed, $done from cache, 0 failed" >expect &&
	test_cmp expect first &&
	tail -n +2 full.txt >expect && tail -n +2 resumed.txt >actual &&
	test_cmp expect actual
'

test_expect_success 'a cache that lost ten files parses those ten again' '
	mkdir lost && cp -r full/cache lost/ &&
	ls lost/cache/*.tsv | head -n 10 | xargs rm -f &&
	bitsplit sweep --tree linux --jobs 2 --resume --out lost "$DIR" >lost.txt
	test $? -le 1 &&
	head -n 1 lost.txt >first &&
	echo "sweep: 355 files, 24 can write a field of a shared location: 10 parsed, 14 from cache, 0 failed" >expect &&
	test_cmp expect first &&
	tail -n +2 full.txt >expect && tail -n +2 lost.txt >actual &&
	test_cmp expect actual
'

test_done
