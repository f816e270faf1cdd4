#!/bin/sh
# layout reads each input once: a FIFO neither hangs nor loses its first
# bytes, and an object may come through a pipe.  timeout turns a hang
# into a failure.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: the issue sample, its dump and the expected text' '
	gcc -g -c -o issue.o "$SAMPLES/layout/issue.c" &&
	pahole -I issue.o >issue.dump &&
	bitsplit layout issue.dump >expect
'

test_expect_success 'a dump through a FIFO' '
	mkfifo dump.fifo &&
	{ cat issue.dump >dump.fifo & } &&
	timeout 20 "$BITSPLIT" layout dump.fifo >actual &&
	test_cmp expect actual
'

test_expect_success 'an object through a FIFO goes to pahole whole' '
	mkfifo obj.fifo &&
	{ cat issue.o >obj.fifo & } &&
	timeout 20 "$BITSPLIT" layout obj.fifo >actual &&
	test_cmp expect actual
'

test_expect_success 'an object on stdin' '
	cat issue.o | timeout 20 "$BITSPLIT" layout - >actual &&
	test_cmp expect actual
'

test_expect_success 'stdin a file already read part-way: the rest is the dump' '
	{ echo "not a dump" && cat issue.dump; } >prefixed &&
	{ read -r line && "$BITSPLIT" layout -; } <prefixed >actual &&
	test_cmp expect actual
'

test_expect_success 'no temporary copy is left behind' '
	mkdir tmp &&
	cat issue.o | TMPDIR="$TRASH/tmp" "$BITSPLIT" layout - >/dev/null &&
	ls tmp >left && test_cmp /dev/null left
'

test_done
