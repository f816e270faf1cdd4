#!/bin/sh
# The sweep's ranking on samples/sweeprank, whose rank.h says by hand who
# writes what under which lock: the unlocked race first, the half-locked
# one second, the locked location counted, the uapi struct listed apart.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup a tree' '
	mkdir tree &&
	cp -r "$SAMPLES/include" "$SAMPLES/sweeprank" tree/
'

test_expect_success 'the proven races rank by evidence, the uapi struct apart' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 2 --out out sweeprank >actual &&
	test_cmp "$TEST_DIRECTORY/expect/t0850/summary" actual
'

test_expect_success 'the uapi struct is never in the ranking' '
	sed -n "/^cannot be patched/q; /^[0-9]*\. struct/p" actual >ranked &&
	! grep rk_uapi_req ranked &&
	grep -c "^[0-9]*\. struct" ranked >count && echo 2 >expect && test_cmp expect count
'

test_expect_success 'a struct under tools/ is listed apart too' '
	mkdir -p tools/tools/sweeprank &&
	cp -r "$SAMPLES/include" "$SAMPLES/sweeprank" tools/ &&
	mv tools/sweeprank/uapi/rk_uapi.h tools/tools/sweeprank/ &&
	sed -i "s|\"uapi/rk_uapi.h\"|\"../tools/sweeprank/rk_uapi.h\"|" tools/sweeprank/rank.c &&
	test_expect_code 1 bitsplit sweep --tree tools --jobs 2 --out tout sweeprank tools >actual &&
	grep "^	struct rk_uapi_req (tools/sweeprank/rk_uapi.h:6): tools/sweeprank/rk_uapi.h is under tools/: " actual &&
	grep -c "^[0-9]*\. struct" actual >count && echo 2 >expect && test_cmp expect count
'

test_done
