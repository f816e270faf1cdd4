#!/bin/sh
# The creating thread runs alongside its threads: samples/pthread-during
# stores a flag between pthread_create() and pthread_join() (run time, a
# race), samples/pthread-before makes the same store before the create
# (setup, nothing races).  Each sample's header comment states the
# verdict; crew_start()/crew_stop() start and join in helpers, as git's
# grep does, and job_reset() is called by nothing (phase unknown).
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'facts: the thread starts and joins' '
	cat >expect <<-\EOT &&
	thread	pthread-during/during.c	81	crew_start	create	crew_thread
	thread	pthread-during/during.c	90	crew_stop	join	-
	thread	pthread-during/during.c	107	main	create	worker
	thread	pthread-during/during.c	109	main	join	-
	EOT
	bitsplit facts -q --tree "$SAMPLES" --build objs pthread-during >facts 2>/dev/null &&
	grep "^thread" facts >actual &&
	test_cmp expect actual
'

test_expect_success 'during: the store between create and join races' '
	cat >expect <<-\EOT &&
	struct job (pthread-during/during.c:33), 48 bytes
	    proven-race moves stop
	    setup-only  moves stop, busy
	      runtime  pthread-during/during.c:108  main
	               from main with its threads running (pthread-during/during.c:107): main
	      runtime  pthread-during/during.c:60  worker
	      unknown  pthread-during/during.c:67  job_reset
	      verbose            setup    pthread-during/during.c:106  main, from main: main
	      finished           teardown pthread-during/during.c:110  main, from main: main
	struct crew (pthread-during/during.c:41), 80 bytes
	    proven-race moves idle
	    setup-only  moves paused, idle, drained
	      runtime  pthread-during/during.c:97  crew_run
	               from crew_run with its threads running (pthread-during/during.c:96): crew_run
	      runtime  pthread-during/during.c:74  crew_thread
	      runtime  pthread-during/during.c:87  crew_stop
	               from crew_stop with its threads running (pthread-during/during.c:90): crew_stop
	      tuned              setup    pthread-during/during.c:95  crew_run, from main: main -> crew_run
	EOT
	test_expect_code 1 bitsplit check --tree "$SAMPLES" --build objs pthread-during >out 2>/dev/null &&
	grep -E "^struct |^    (proven-race|setup-only) +moves|^      (runtime|unknown) |^ +from [a-z_]+ with its|^      [a-z]+ +(setup|teardown) " out >actual &&
	test_cmp expect actual
'

test_expect_success 'during: the unknown writer is shown as such, not counted' '
	grep -F "some writers are reached from no known root: their phase is" out &&
	! grep "busy is written by job_reset" out
'

test_expect_success 'before: the same store before the create is setup' '
	cat >expect <<-\EOT &&
	    proven-race moves nothing
	    setup-only  moves busy
	      runtime  pthread-before/before.c:28  worker
	      verbose            setup    pthread-before/before.c:38  main, from main: main
	      stop               setup    pthread-before/before.c:39  main, from main: main
	      finished           teardown pthread-before/before.c:42  main, from main: main
	EOT
	bitsplit check --tree "$SAMPLES" --build objs pthread-before >out 2>/dev/null &&
	grep -E "^    (proven-race|setup-only) +moves|^      (runtime|unknown) |^      [a-z]+ +(setup|teardown) " out >actual &&
	test_cmp expect actual
'

test_expect_success 'json: the unknown writer has phase unknown' '
	bitsplit check --format json --tree "$SAMPLES" --build objs pthread-during >out.json 2>/dev/null;
	grep -A 4 "\"function\": \"job_reset\"" out.json | grep "\"phase\"" >actual &&
	echo "                  \"phase\": \"unknown\"," >expect &&
	test_cmp expect actual
'

test_done
