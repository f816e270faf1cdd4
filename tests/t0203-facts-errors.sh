#!/bin/sh
# Bad invocations of bitsplit facts say what is wrong and exit 2.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a dump of the negative sample' '
	gcc -g -c -o quiet.o "$SAMPLES/negative/quiet.c" &&
	pahole -I quiet.o >quiet.dump
'

test_expect_failure_code 'no layout at all' 2 '
	bitsplit facts --tree "$SAMPLES" negative 2>err;
	rc=$?;
	echo "bitsplit: error: no layout: give --build DIR (where the objects are) or --layout INPUT" >expect &&
	test_cmp expect err && exit $rc
'

test_expect_failure_code 'an unknown --format' 2 '
	bitsplit facts --format xml --tree "$SAMPLES" --layout quiet.dump negative 2>err;
	rc=$?;
	head -n 1 err >actual &&
	echo "bitsplit: error: --format must be '\''tsv'\'' or '\''json'\'', not '\''xml'\''" >expect &&
	test_cmp expect actual && exit $rc
'

test_expect_failure_code 'a PATH outside the tree' 2 '
	bitsplit facts --tree "$SAMPLES/negative" --layout quiet.dump ../vfio 2>err;
	rc=$?;
	echo "bitsplit: error: ../vfio: not under the tree $SAMPLES/negative" >expect &&
	test_cmp expect err && exit $rc
'

test_expect_failure_code 'an extra vocabulary that does not exist' 2 '
	bitsplit facts --data nosuch.txt --tree "$SAMPLES" --layout quiet.dump negative 2>err;
	rc=$?;
	grep -x "bitsplit: error: nosuch.txt: No such file or directory" err && exit $rc
'

test_expect_failure_code 'a vocabulary line with an unknown action' 2 '
	printf "lock\tmy_lock\tw\nlokc\tmy_unlock\tw\n" >typo.txt &&
	bitsplit facts --data typo.txt --tree "$SAMPLES" --layout quiet.dump negative 2>err;
	rc=$?;
	echo "typo.txt:2: error: expected an action: lock, trylock, trylock0, unlock, assert, guard, type, op, arg, attr, initcall, func, macro, sync or ignore" >expect &&
	test_cmp expect err && exit $rc
'

test_expect_failure_code 'a vocabulary line with a bad mode' 2 '
	printf "# a comment\n\nguard\tmy_guard\tx\n" >mode.txt &&
	bitsplit facts --data mode.txt --tree "$SAMPLES" --layout quiet.dump negative 2>err;
	rc=$?;
	echo "mode.txt:3: error: expected CLASS MODE after '\''guard'\'', MODE w or r" >expect &&
	test_cmp expect err && exit $rc
'

test_done
