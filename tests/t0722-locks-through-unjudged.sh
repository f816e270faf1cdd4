#!/bin/sh
# samples/unjudged: checked with -C uj_res, uj_slave_alloc takes
# cfg->host->host_lock through uj_cfg, a struct with bitfields that is
# not judged; its members still type the lock as uj_host's host_lock,
# the one the interrupt handler takes.  in_erp and add_to_ml are
# serialized by it; only dead, set with no lock, moves.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'check -C: the lock through an unjudged struct is typed' '
	test_expect_code 1 bitsplit check --tree "$SAMPLES" --build objs -C uj_res unjudged >out 2>/dev/null &&
	grep "^    proven-race" out >actual &&
	echo "    proven-race moves dead" >expect &&
	test_cmp expect actual &&
	grep -A3 "^    in_erp: moves under setup-only, stays under proven-race" out >actual &&
	cat >expect <<-\EOT &&
	    in_erp: moves under setup-only, stays under proven-race
	      in_erp races only with dead, which moves out, and the other run-time writers that stay
	      here are serialized against it by host_lock.
	      runtime  unjudged/unjudged.c:35  uj_slave_alloc
	EOT
	test_cmp expect actual
'

test_expect_success 'the struct not judged is not reported' '
	! grep "uj_cfg" out
'

test_done
