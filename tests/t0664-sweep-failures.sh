#!/bin/sh
# The cheap tier reads text and runs no spatch: with a spatch that fails on
# everything, its results and cache are still written and a --resume takes
# them from the cache; only the full tier, which is spatch's, fails, and
# says so with exit 2.  A second sweep into the same --out is refused
# while the first runs.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup a tree and a spatch that always fails' '
	mkdir -p tree bin &&
	cp -r "$SAMPLES/include" "$SAMPLES/vfio" tree/ &&
	printf "#!/bin/sh\nexit 1\n" >bin/spatch && chmod +x bin/spatch
'

test_expect_success 'the cheap tier needs no spatch; the full tier fails with exit 2' '
	PATH="$TRASH/bin:$PATH" test_expect_code 2 "$BITSPLIT" sweep --tree tree --jobs 1 --out out vfio >actual 2>err &&
	grep "^bitsplit: error: spatch failed" err &&
	grep "^stat	2	1	1	0	0	declarations$" out/results-1-of-1.tsv &&
	grep -c "^write	vfio/vfpci_core.c	" out/results-1-of-1.tsv >count &&
	echo 19 >expect && test_cmp expect count &&
	ls out/cache/*.tsv
'

test_expect_success '--resume takes the cheap tier from the cache and judges with spatch' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 1 --resume --out out vfio >actual 2>err &&
	head -n 1 actual >first &&
	echo "sweep: 2 files, 1 can write a field of a shared location: 0 parsed, 1 from cache, 0 failed" >expect &&
	test_cmp expect first
'

test_expect_success 'a second sweep into a locked --out is refused' '
	mkdir busy &&
	flock busy sleep 30 & holder=$! &&
	sleep 1 &&
	test_expect_code 2 bitsplit sweep --tree tree --out busy vfio 2>err;
	rc=$?; kill $holder; test $rc = 0 &&
	echo "bitsplit: error: busy: another sweep is writing into it" >expect &&
	test_cmp expect err
'

test_done
