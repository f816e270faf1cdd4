#!/bin/sh
# A sweep killed while the full tier runs takes spatch's workers with it:
# spatch --jobs forks processes that would outlive their parent and go on
# writing into the sweep's temporary tree.  Here a spatch that leaves a
# worker behind stands in for it.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup a tree and a spatch that forks a worker' '
	mkdir -p tree bin &&
	cp -r "$SAMPLES/include" "$SAMPLES/vfio" tree/ &&
	cat >bin/spatch <<-\SH &&
	#!/bin/sh
	sleep 300 &
	echo $! >"$WORKER.tmp" && mv "$WORKER.tmp" "$WORKER"
	wait
	SH
	chmod +x bin/spatch
'

test_expect_success 'TERM to the sweep ends the worker too' '
	WORKER="$TRASH/worker" PATH="$TRASH/bin:$PATH" \
		"$BITSPLIT" sweep --tree tree --jobs 1 --out out vfio >/dev/null 2>err &
	sweep=$! &&
	n=0 && while ! test -s worker && test $n -lt 100; do sleep 0.1; n=$((n + 1)); done &&
	test -s worker && kill -0 "$(cat worker)" &&
	kill -TERM $sweep &&
	test_expect_code 143 wait $sweep &&
	n=0 && while kill -0 "$(cat worker)" 2>/dev/null && test $n -lt 50; do
		sleep 0.1; n=$((n + 1)); done &&
	! kill -0 "$(cat worker)" 2>/dev/null
'

test_expect_success 'the killed sweep resumes from its cache' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 1 --resume --out out vfio >actual &&
	head -n 1 actual >first &&
	echo "sweep: 2 files, 1 can write a field of a shared location: 0 parsed, 1 from cache, 0 failed" >expect &&
	test_cmp expect first
'

test_done
