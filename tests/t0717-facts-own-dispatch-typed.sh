#!/bin/sh
# samples/owndispatch/two: two drivers analysed together (as a sweep's
# full tier does) both call ->done(), each on a struct of its own.  A call
# X->done() where X is a variable of struct S binds to the functions stored
# in the done of an S (or of an object of no known type) only: od_a_irq()
# does not reach the other driver's od_b_finish().
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	${CC:-cc} -g -O2 -c -o a.o "$SAMPLES/owndispatch/two/a.c"
'

test_expect_success 'facts: each ->done() call reaches its own driver'"'"'s callback' '
	bitsplit facts -q --tree "$SAMPLES" --layout a.o owndispatch >facts &&
	grep "^call" facts | cut -f 4,5 >actual &&
	cat >expect <<-\EOT &&
	od_a_irq	od_a_finish
	od_b_tasklet	od_b_finish
	EOT
	test_cmp expect actual
'

test_done
