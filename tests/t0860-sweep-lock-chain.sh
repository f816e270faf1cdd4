#!/bin/sh
# samples/sweepchain: with no --build, the sweep's layout comes from
# declarations.  The interrupt handler takes &host->link->lock through
# struct sc_host, which host.h declares and no candidate is in; the
# judged struct sc_res points to one, so its declaration is read too and
# the lock is sc_link's, the one slave_alloc takes: in_erp and add_to_ml
# do not race, dead does.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup a tree' '
	mkdir tree &&
	cp -r "$SAMPLES/include" "$SAMPLES/sweepchain" tree/
'

test_expect_success 'the lock through a struct the sweep does not judge is one lock' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 2 --out out sweepchain >actual &&
	grep "^[0-9]*\. struct" actual >ranked &&
	cat >expect <<-\EOF &&
	1. struct sc_res (sweepchain/res.h:7): in_erp, add_to_ml, dead: 2 races, 1 from two roots, 2 roots, 0 with no lock at all, 4 typed writes
	EOF
	test_cmp expect ranked &&
	grep -F "in_erp and dead are both written by sc_slave_alloc (from slave_alloc: sc_slave_alloc), in_erp holding lock and dead holding no lock" actual &&
	! grep "?host" actual
'

test_done
