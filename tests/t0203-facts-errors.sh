#!/bin/sh
# Bad invocations of bitsplit facts say what is wrong and exit 2.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a dump of the negative sample' '
	gcc -g -c -o quiet.o "$SAMPLES/negative/quiet.c" &&
	pahole -I quiet.o >quiet.dump
'

test_expect_success 'no layout at all' '
	test_expect_code 2 bitsplit facts --tree "$SAMPLES" negative 2>err &&
	echo "bitsplit: error: no layout: give --build DIR (where the objects are) or --layout INPUT" >expect &&
	test_cmp expect err
'

test_expect_success 'an unknown --format' '
	test_expect_code 2 bitsplit facts --format xml --tree "$SAMPLES" --layout quiet.dump negative 2>err &&
	head -n 1 err >actual &&
	echo "bitsplit: error: --format must be '\''tsv'\'' or '\''json'\'', not '\''xml'\''" >expect &&
	test_cmp expect actual
'

test_expect_success 'a PATH outside the tree' '
	test_expect_code 2 bitsplit facts --tree "$SAMPLES/negative" --layout quiet.dump ../vfio 2>err &&
	echo "bitsplit: error: ../vfio: not under the tree $SAMPLES/negative" >expect &&
	test_cmp expect err
'

test_expect_success 'an extra vocabulary that does not exist' '
	test_expect_code 2 bitsplit facts --data nosuch.txt --tree "$SAMPLES" --layout quiet.dump negative 2>err &&
	grep -x "bitsplit: error: nosuch.txt: No such file or directory" err
'

test_expect_success 'a vocabulary line with an unknown action' '
	printf "lock\tmy_lock\tw\nlokc\tmy_unlock\tw\n" >typo.txt &&
	test_expect_code 2 bitsplit facts --data typo.txt --tree "$SAMPLES" --layout quiet.dump negative 2>err &&
	echo "typo.txt:2: error: expected an action: lock, trylock, trylock0, unlock, assert, guard, type, op, arg, attr, initcall, func, macro, sync, ignore, thread, join, callbacks, pair, alloc or fill" >expect &&
	test_cmp expect err
'

test_expect_success 'a vocabulary line with a bad mode' '
	printf "# a comment\n\nguard\tmy_guard\tx\n" >mode.txt &&
	test_expect_code 2 bitsplit facts --data mode.txt --tree "$SAMPLES" --layout quiet.dump negative 2>err &&
	echo "mode.txt:3: error: expected CLASS MODE after '\''guard'\'', MODE w or r" >expect &&
	test_cmp expect err
'

test_expect_success 'an op line whose holds= has no lock, or a bad mode' '
	printf "op\tprobe\tsetup\tholds=\n" >holds1.txt &&
	printf "op\tprobe\tsetup\n\nop\tresume\truntime\tholds=device.mutex,runtime_pm:x\n" >holds2.txt &&
	rm -f err &&
	for f in holds1 holds2
	do
		test_expect_code 2 bitsplit facts --data $f.txt --tree "$SAMPLES" \
			--layout quiet.dump negative 2>>err || return 1
	done &&
	cat >expect <<-\EOT &&
	holds1.txt:1: error: expected NAME PHASE [holds=LOCKID[:r],...] after '\''op'\'', PHASE setup, teardown or runtime
	holds2.txt:3: error: expected NAME PHASE [holds=LOCKID[:r],...] after '\''op'\'', PHASE setup, teardown or runtime
	EOT
	test_cmp expect err
'

test_done
