#!/bin/sh
# samples/regimg/mcall: a call through a function-like macro (SET_SIZE()
# expanding to mc_set_size()) is a call edge, with the locks held where the
# macro is used: sized is written under e->lock on its ioctl path and does
# not race with dirty, set under the same lock.
#
# samples/regimg/mcallh: the same through a macro a header defines, used
# in another file than the one it calls.  spatch parses the header apart
# from the use (one job: the larger ring.c first), so the call is known
# before either file is read.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	${CC:-cc} -g -O2 -c -o sizes.o "$SAMPLES/regimg/mcall/sizes.c"
'

test_expect_success 'facts: the macro'"'"'s use calls what it expands to' '
	bitsplit facts -q --tree "$SAMPLES" --layout sizes.o regimg/mcall >facts &&
	grep "^call" facts | cut -f 3- >actual &&
	printf "20\tmc_resize\tmc_set_size\tmc_entry.lock:w@lexical\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'check: sized holds the lock on its ioctl path, nothing races' '
	bitsplit check --tree "$SAMPLES" --layout sizes.o --facts facts regimg/mcall >out &&
	grep -A2 "^      runtime  regimg/mcall/sizes.c:12" out | tail -2 >actual &&
	cat >expect <<-\EOT &&
	               from ioctl: mc_resize -> mc_set_size
	               holds lock (held by a caller on this path)
	EOT
	test_cmp expect actual &&
	grep "^    proven-race moves nothing" out
'

test_expect_success 'facts: a header'"'"'s macro calls what it expands to in another file' '
	${CC:-cc} -g -O2 -c -o ring.o "$SAMPLES/regimg/mcallh/ring.c" &&
	bitsplit facts -q -j 1 --tree "$SAMPLES" --layout ring.o regimg/mcallh >facts &&
	grep "^call" facts | cut -f 2- >actual &&
	printf "regimg/mcallh/ring.c\t15\trg_resize\trg_set_size\trg_ring.lock:w@lexical\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'check: the store behind the header'"'"'s macro holds the lock' '
	bitsplit check --tree "$SAMPLES" --layout ring.o --facts facts regimg/mcallh >out &&
	grep -A2 "^      runtime  regimg/mcallh/ring_size.c:6" out | tail -2 >actual &&
	cat >expect <<-\EOT &&
	               from ioctl: rg_resize -> rg_set_size
	               holds lock (held by a caller on this path)
	EOT
	test_cmp expect actual &&
	grep "^    proven-race moves nothing" out
'

test_done
