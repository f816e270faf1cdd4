#!/bin/sh
# A race between two entry points outranks a location with more races and
# typed writes from one entry point (samples/sweeproots/roots.h): the shape
# of option structs and descriptors filled per operation.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup a tree' '
	mkdir tree &&
	cp -r "$SAMPLES/include" "$SAMPLES/sweeproots" tree/
'

test_expect_success 'sr_state (two roots) first, sr_opts (one root, six races) second' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 2 --out out sweeproots >actual &&
	grep "^[0-9]*\. struct" actual >ranked &&
	cat >expect <<-\EOF &&
	1. struct sr_state (sweeproots/roots.h:26): x, y: 1 races, 1 from two roots, 2 roots, 1 with no lock at all, 2 typed writes
	2. struct sr_opts (sweeproots/roots.h:18): a, b, c, d: 6 races, 0 from two roots, 1 roots, 6 with no lock at all, 12 typed writes
	EOF
	test_cmp expect ranked
'

test_done
