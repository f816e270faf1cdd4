#!/bin/sh
# A sweep whose spatch fails has no result for that file: nothing is
# cached, the failure is counted and the exit status is 2, and --resume
# runs the file again.  Workers die with a killed sweep, and a second
# sweep into the same --out is refused while the first runs.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup a tree and a spatch that is not there' '
	mkdir -p tree bin &&
	cp -r "$SAMPLES/include" "$SAMPLES/vfio" tree/ &&
	printf "#!/bin/sh\nexit 1\n" >bin/spatch && chmod +x bin/spatch
'

test_expect_success 'a failing spatch is counted, not cached, and exits 2' '
	PATH="$TRASH/bin:$PATH" test_expect_code 2 "$BITSPLIT" sweep --tree tree --jobs 1 --out out vfio >actual 2>err &&
	head -n 1 actual >first &&
	echo "sweep: 2 files, 1 can write a field of a shared location: 1 parsed, 0 from cache, 1 failed" >expect &&
	test_cmp expect first &&
	grep -x "bitsplit: error: spatch failed on 1 file (not analysed above): the results are incomplete; --resume runs them again" err &&
	! ls out/cache/*.tsv 2>/dev/null &&
	! ls out/cache/*.failed 2>/dev/null
'

test_expect_success '--resume runs the failed file again' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 1 --resume --out out vfio >actual 2>err &&
	head -n 1 actual >first &&
	echo "sweep: 2 files, 1 can write a field of a shared location: 1 parsed, 0 from cache, 0 failed" >expect &&
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

test_expect_success 'the workers die with a killed sweep' '
	printf "#!/bin/sh\necho \$\$ >\"%s/spatch.pid\"\nsleep 30\necho late >\"%s/spatch.done\"\n" \
		"$TRASH" "$TRASH" >bin/spatch &&
	PATH="$TRASH/bin:$PATH" "$BITSPLIT" sweep --tree tree --jobs 1 --out killed vfio \
		>/dev/null 2>&1 & sweep=$! &&
	n=0 && while ! test -s spatch.pid && test $n -lt 100; do sleep 0.1; n=$((n + 1)); done &&
	kill -KILL $sweep && sleep 2 &&
	! kill -0 "$(cat spatch.pid)" 2>/dev/null &&
	! test -e spatch.done &&
	! ls killed/cache/*.tsv 2>/dev/null
'

test_done
