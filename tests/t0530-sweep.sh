#!/bin/sh
# bitsplit sweep and merge on a small tree: the vfio-like sample and the
# rule's test driver.  Summary, results, cache, resume, shards.  The
# summary is the full tier's: what verdict.c proves racy, as check says it
# (dev.h's h and i race too: dev_ioctl may run on two CPUs at once).
. "$(dirname "$0")/lib.sh"

EXP="$TEST_DIRECTORY/expect/t0530"

test_expect_success 'setup a tree' '
	mkdir -p tree/dev &&
	cp -r "$SAMPLES/include" "$SAMPLES/vfio" tree/ &&
	cp "$TEST_DIRECTORY/t0510/dev.h" "$TEST_DIRECTORY/t0510/dev.c" tree/dev/
'

test_expect_success 'sweep ranks the racy locations and exits 1' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 2 --out out . >actual 2>err &&
	test_cmp "$EXP/summary" actual && test_cmp actual out/summary.txt &&
	test_cmp /dev/null err
'

test_expect_success 'the results hold the locations and every write' '
	grep "	dev/dev\." out/results-1-of-1.tsv >actual &&
	test_cmp "$EXP/dev-results" actual &&
	grep -c "^write	vfio/" out/results-1-of-1.tsv >count &&
	echo 19 >expect && test_cmp expect count
'

test_expect_success 'a second sweep into the same --out needs --resume' '
	test_expect_code 2 bitsplit sweep --tree tree --out out . 2>err &&
	echo "bitsplit: error: out: holds a sweep already; pass --resume to continue it, or remove it" >expect &&
	test_cmp expect err
'

test_expect_success '--resume takes every file from the cache' '
	test_expect_code 1 bitsplit sweep --tree tree --resume --out out . >actual &&
	sed "1s/2 parsed, 0 from cache/0 parsed, 2 from cache/" "$EXP/summary" >expect &&
	test_cmp expect actual
'

test_expect_success '--resume redoes only the files a killed sweep did not finish' '
	ls out/cache/*.tsv >cached &&
	rm "$(head -n 1 cached)" &&
	test_expect_code 1 bitsplit sweep --tree tree --resume --out out . >actual &&
	sed "1s/2 parsed, 0 from cache/1 parsed, 1 from cache/" "$EXP/summary" >expect &&
	test_cmp expect actual
'

test_expect_success 'a changed file is parsed again' '
	echo "/* touched */" >>tree/dev/dev.c &&
	bitsplit sweep --tree tree --resume --out out . >actual;
	head -n 1 actual >first &&
	echo "sweep: 5 files, 2 can write a field of a shared location: 1 parsed, 1 from cache, 0 failed" >expect &&
	test_cmp expect first
'

test_expect_success 'changed parse hints make every file be parsed again' '
	cp -r "$ROOT/semantic-patches" data &&
	echo "/* changed */" >>data/kernel-macros.h &&
	BITSPLIT_DATADIR="$TRASH/data" bitsplit sweep --tree tree --resume --out out . >actual;
	head -n 1 actual >first &&
	echo "sweep: 5 files, 2 can write a field of a shared location: 2 parsed, 0 from cache, 0 failed" >expect &&
	test_cmp expect first
'

test_expect_success 'two shards merged give the unsharded summary' '
	bitsplit sweep --tree tree --shard 1/2 --out s1 . >out1 &&
	bitsplit sweep --tree tree --shard 2/2 --out s2 . >out2 &&
	cat >expect <<-\EOT &&
	shard 1/2: 1 of 3 files can write a field of a shared location; results in s1/results-1-of-2.tsv
	join the shards with: bitsplit merge --tree DIR --out DIR RESULTS...
	EOT
	test_cmp expect out1 &&
	test_expect_code 1 bitsplit merge --tree tree --out all s1 s2/results-2-of-2.tsv >actual &&
	test_cmp "$EXP/summary" actual && test_cmp actual all/summary.txt
'

test_expect_success 'merge refuses a missing shard' '
	test_expect_code 2 bitsplit merge --out all s2 2>err &&
	echo "bitsplit: error: shard 1/2 is missing: run '\''bitsplit sweep --shard 1/2'\'' and give its results" >expect &&
	test_cmp expect err
'

test_expect_success 'merge refuses a shard given twice' '
	test_expect_code 2 bitsplit merge --out all s1 s1/results-1-of-2.tsv 2>err &&
	echo "bitsplit: error: s1/results-1-of-2.tsv:2: shard 1/2 is given twice" >expect &&
	test_cmp expect err
'

test_expect_success 'merge names the line of a bad record' '
	printf "shard\t1\t1\nwrite\tx.c\tten\t1\tf\ts\tfld\truntime\n" >bad.tsv &&
	test_expect_code 2 bitsplit merge --out all bad.tsv 2>err &&
	echo "bitsplit: error: bad.tsv:2: expected '\''write FILE LINE COL FUNC STRUCT FIELD setup|runtime'\''" >expect &&
	test_cmp expect err
'

test_expect_success '--shard must be I/N with 1 <= I <= N' '
	test_expect_code 2 bitsplit sweep --tree tree --shard 3/2 --out s3 . 2>err &&
	echo "bitsplit: error: --shard: expected I/N with 1 <= I <= N, got '\''3/2'\''" >expect &&
	test_cmp expect err
'

test_expect_success 'a path outside the tree is an error' '
	test_expect_code 2 bitsplit sweep --tree tree --out s4 /etc 2>err &&
	echo "bitsplit: error: /etc: expected a path relative to the tree tree" >expect &&
	test_cmp expect err
'

test_expect_success 'progress goes to stderr when it is a terminal' '
	script -qec "\"$BITSPLIT\" sweep --tree tree --jobs 1 --out tty . 2>&1 >/dev/null" /dev/null >raw
	test $? = 1 &&
	tr "\r" "\n" <raw | sed -E "s/[0-9]+s/Ns/g" | grep . >actual &&
	printf "%s\n" "sweep: 0/2 files, Ns elapsed            " \
		"sweep: 1/2 files, Ns elapsed, ETA Ns   " \
		"sweep: 2/2 files, Ns elapsed            " >expect &&
	test_cmp expect actual
'

test_expect_success '--build takes the locations from the objects' '
	make -s -C tree -f "$SAMPLES/Makefile" O="$TRASH/obj" "$TRASH/obj/vfio/vfpci_core.o" &&
	test_expect_code 1 bitsplit sweep --tree tree --build "$TRASH/obj" --out b vfio >actual &&
	{
		echo "sweep: 2 files, 1 can write a field of a shared location: 1 parsed, 0 from cache, 0 failed" &&
		echo "memory locations: 1 with two or more fields, from the build'\''s objects" &&
		echo "candidates: 1 locations stored at run time by two functions; facts and verdict on 1 files" &&
		echo "not ranked: 0 thread-private, 0 setup-only, 0 serialized, 0 with no shared write, 0 cannot be patched" &&
		echo "proven races: 1 memory locations, strongest evidence first" &&
		echo &&
		sed -n "8,11p" "$EXP/summary" | sed "s|--build O|--build $TRASH/obj|"
	} >expect &&
	test_cmp expect actual
'

test_expect_success 'a path that does not exist is an error' '
	test_expect_code 2 bitsplit sweep --tree tree --out s5 nope 2>err &&
	echo "bitsplit: error: tree/nope: No such file or directory" >expect &&
	test_cmp expect err
'

test_done
