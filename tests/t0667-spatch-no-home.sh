#!/bin/sh
# spatch 1.1.1 dies with "exception Not_found" when HOME is unset, as
# under cron or "env -i": every spatch bitsplit runs gets a HOME of its
# own then, and facts, check and sweep work as they do with one.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null 2>&1
'

test_expect_success 'facts with no HOME: the writes, and the learned allocators' '
	(unset HOME && bitsplit facts --tree "$SAMPLES" \
		--layout "$TRASH/obj/alloc/abus.o" alloc/abus.c >facts 2>err) &&
	grep "2 allocators learned" err &&
	grep "^write	alloc/abus.c	47	2	abus_scan_dev	adev	multi	dev	private	" facts
'

test_expect_success 'check with no HOME: the same verdict as with one' '
	test_expect_code 1 bitsplit check --tree "$SAMPLES" \
		--layout "$TRASH/obj/alloc/abus.o" alloc/abus.c >with 2>/dev/null &&
	(unset HOME && bitsplit check --tree "$SAMPLES" \
		--layout "$TRASH/obj/alloc/abus.o" alloc/abus.c >without 2>/dev/null
	 test $? = 1) &&
	grep "proven-race moves hot" without &&
	test_cmp with without
'

test_expect_success 'sweep with no HOME: every file parsed' '
	cp -r "$SAMPLES/alloc" "$SAMPLES/include" . &&
	(unset HOME && bitsplit sweep --tree "$TRASH" --jobs 1 --out s alloc >out 2>&1
	 test $? -le 1) &&
	grep "^sweep: .* 0 failed$" out
'

test_done
