#!/bin/sh
# samples/regimg/mcall: a call through a function-like macro (SET_SIZE()
# expanding to mc_set_size()) is a call edge, with the locks held where the
# macro is used: sized is written under e->lock on its ioctl path and does
# not race with dirty, set under the same lock.
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

test_done
