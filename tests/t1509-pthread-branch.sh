#!/bin/sh
# The window follows paths, not lines: samples/pthread-branch starts its
# threads on one branch only ("if (nr > 1) start; else work inline", as
# git's grep does) and joins them in a branch of its own.  A store on the
# branch that starts none, or behind a join on every path from the start,
# is setup although it lies between the start and the last join by line,
# and so is a starting helper's store before its own first create, though
# its caller's window opens at the call; the sample's header comment
# states each verdict.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'facts: the sites no path from a start reaches' '
	cat >expect <<-\EOT &&
	apart	pthread-branch/branch.c	96	batch_run	92
	apart	pthread-branch/branch.c	98	batch_run	92
	apart	pthread-branch/branch.c	109	main	107
	apart	pthread-branch/branch.c	110	main	107
	EOT
	bitsplit facts -q --tree "$SAMPLES" --build objs pthread-branch >facts 2>/dev/null &&
	grep "^apart" facts >actual &&
	test_cmp expect actual
'

test_expect_success 'check: only the stores on a path from a start are run time' '
	cat >expect <<-\EOT &&
	struct pool (pthread-branch/branch.c:34), 40 bytes
	    setup-only  moves queued, busy
	      runtime  pthread-branch/branch.c:112  main
	               from main with its threads running (pthread-branch/branch.c:107): main
	      runtime  pthread-branch/branch.c:59  pool_thread
	      armed              setup    pthread-branch/branch.c:65  pool_start, from main: main -> pool_start
	      compiled           setup    pthread-branch/branch.c:78  pool_compile, from main: main -> pool_compile
	      alone              setup    pthread-branch/branch.c:110  main, from main: main
	struct batch (pthread-branch/branch.c:44), 16 bytes
	    setup-only  moves running, done
	      runtime  pthread-branch/branch.c:93  batch_run
	               from batch_run with its threads running (pthread-branch/branch.c:92): batch_run
	      runtime  pthread-branch/branch.c:85  batch_thread
	      quiet              setup    pthread-branch/branch.c:96  batch_run, from main: main -> batch_run
	      between            setup    pthread-branch/branch.c:98  batch_run, from main: main -> batch_run
	EOT
	test_expect_code 1 bitsplit check --tree "$SAMPLES" --build objs pthread-branch >out 2>/dev/null &&
	grep -E "^struct |^    setup-only +moves|^      (runtime|unknown) |^ +from [a-z_]+ with its|^      [a-z]+ +(setup|teardown) " out >actual &&
	test_cmp expect actual
'

test_expect_success 'check: each struct still has its one racing pair' '
	grep -c "^    proven-race moves [a-z]*$" out >actual &&
	echo 2 >expect &&
	test_cmp expect actual
'

test_expect_success 'facts without apart facts keep the window by lines' '
	grep -v "^apart" facts >lines.tsv &&
	test_expect_code 1 bitsplit check --facts lines.tsv --tree "$SAMPLES" --build objs pthread-branch >out 2>/dev/null &&
	grep "^    setup-only  moves" out >actual &&
	cat >expect <<-\EOT &&
	    setup-only  moves compiled, alone, queued, busy
	    setup-only  moves quiet, running, between, done
	EOT
	test_cmp expect actual
'

test_done
