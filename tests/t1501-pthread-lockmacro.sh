#!/bin/sh
# A zero-argument lock macro named like a kernel call: samples/pthread-
# lockmacro's read_lock() is learned from its body (read_mutex) under the
# pthread preset, where the kernel's read_lock entry does not apply.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'facts: each store holds read_mutex, learned from the macro' '
	cat >expect <<-\EOT &&
	parse_thread	parsed	read_mutex:w@wrapper=read_lock
	type_thread	typed	read_mutex:w@wrapper=read_lock
	sweep_thread	stale	-
	EOT
	bitsplit facts -q --tree "$SAMPLES" --build objs pthread-lockmacro >facts &&
	grep "^write" facts | cut -f 5,7,13 >actual &&
	test_cmp expect actual &&
	! grep "^skip" facts
'

test_expect_success 'check: only the unlocked flag moves' '
	cat >expect <<-\EOT &&
	    proven-race moves stale
	    setup-only  moves parsed, typed, stale
	               holds read_mutex (via wrapper read_lock())
	               holds read_mutex (via wrapper read_lock())
	               holds no lock
	EOT
	test_expect_code 1 bitsplit check --tree "$SAMPLES" --build objs pthread-lockmacro >out 2>/dev/null &&
	grep -E "^    (proven-race|setup-only) +moves|^ +holds " out >actual &&
	test_cmp expect actual
'

test_expect_success 'the kernel preset is not stacked: pthread_mutex_lock is unknown there' '
	bitsplit facts -q --preset kernel --tree "$SAMPLES" --build objs pthread-lockmacro >kfacts &&
	grep "^write" kfacts | cut -f 13 | sort -u >actual &&
	echo - >expect &&
	test_cmp expect actual
'

test_done
