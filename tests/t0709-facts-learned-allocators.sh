#!/bin/sh
# Learned allocators, on samples/alloc/abus.c (its header comment states
# each writer's object): adev_alloc() returns what kzalloc() gave it, and
# abus_scan_dev() what adev_alloc() gave it, so both are learned, the
# second in a later round; abus_alloc_listed() registers its device first
# and is not.  The stores to their fresh objects, and through the
# parameter they are passed down on, are private; hot and master race.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null 2>&1
'

test_expect_success 'facts: two allocators, one learned from the other' '
	echo "bitsplit facts: 0 lock summaries and 2 allocators learned in 3 rounds (3 file runs)" >expect &&
	bitsplit facts --tree "$SAMPLES" --layout "$TRASH/obj/alloc/abus.o" \
		alloc/abus.c >facts 2>err &&
	grep "learned" err >actual &&
	test_cmp expect actual
'

test_expect_success 'facts: the stores to their objects are private' '
	cat >expect <<-\EOT &&
	write	alloc/abus.c	34	adev_setup	bridge	self
	write	alloc/abus.c	43	abus_scan_dev	multi	private
	write	alloc/abus.c	65	abus_ioctl	added	private
	write	alloc/abus.c	78	abus_write	hot	self
	write	alloc/abus.c	79	abus_write	master	self
	pass	alloc/abus.c	44	abus_scan_dev	adev_setup	0	private
	wparam	alloc/abus.c	34	2	adev_setup	0
	EOT
	{ grep "^write" facts | cut -f 1-3,5,7,9 &&
	  grep -E "^(pass|wparam)" facts; } >actual &&
	test_cmp expect actual
'

test_expect_success 'check: hot and master race; the private stores stay' '
	cat >expect <<-\EOT &&
	    proven-race moves hot
	    setup-only  moves hot, master
	    multi, bridge, added: written only on objects private to the writer'"'"'s call tree (a stack
	EOT
	test_expect_code 1 bitsplit check --tree "$SAMPLES" --facts facts \
		--layout "$TRASH/obj/alloc/abus.o" alloc/abus.c >out &&
	grep -E "^    (proven-race|setup-only) +moves|^    multi" out >actual &&
	test_cmp expect actual
'

test_expect_success 'a user vocabulary that names the function wins' '
	printf "fill\tadev_alloc\n" >vocab.txt &&
	bitsplit facts --tree "$SAMPLES" --layout "$TRASH/obj/alloc/abus.o" \
		--data vocab.txt alloc/abus.c >facts2 2>err2 &&
	! grep "allocator" err2 &&
	grep "^write	alloc/abus.c	43	.*	multi	dev	self	" facts2
'

test_done
