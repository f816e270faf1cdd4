#!/bin/sh
# The struct from issue 2, compiled with gcc -g and read through pahole:
# locations {a,b}, {d}, {e}, {f,g}; c and x in none; the ":0" pahole
# prints between f and g is the ABI's, so {f,g} is one inferred location.
. "$(dirname "$0")/lib.sh"

test_expect_success 'compile the issue sample with DWARF' '
	gcc -g -c -o issue.o "$SAMPLES/layout/issue.c"
'

test_expect_success 'text output marks locations, holes and the :0 lines' '
	bitsplit layout issue.o >out &&
	sed "s|$SAMPLES|SAMPLES|" out >actual &&
	test_cmp "$TEST_DIRECTORY/expect/layout/issue.txt" actual
'

test_expect_success 'json locations: {a,b} {d} {e} {f,g}, byte ranges half-open' '
	bitsplit layout --format json -C issue_sample issue.o >out.json &&
	sed -n "/^      \"locations\": \[/,/^      \]/p" out.json >actual &&
	test_cmp "$TEST_DIRECTORY/expect/layout/issue-locations.json" actual
'

test_expect_success 'a saved dump gives the same model as the object' '
	pahole -I issue.o >issue.dump &&
	bitsplit layout issue.dump >from-dump &&
	sed "s|$SAMPLES|SAMPLES|" from-dump >actual &&
	test_cmp "$TEST_DIRECTORY/expect/layout/issue.txt" actual
'

test_done
