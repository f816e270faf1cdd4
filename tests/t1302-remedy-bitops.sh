#!/bin/sh
# The bitops remedy: bo_chan's racing flags are written by an ioctl, the
# interrupt handler, a timer and a work item with no lock in common, so
# the rule turns them into bits of one unsigned long: an enum of bit
# numbers, the word in the struct, and the .c side rewritten by a
# generated semantic patch (set_bit/clear_bit/assign_bit/test_bit).  The
# patched sample compiles, verify rebuilds it and finds no access to the
# old fields; a store the bit would not keep withholds the patch.
. "$(dirname "$0")/lib.sh"

EXPECT="$TEST_DIRECTORY/expect/remedy"

if ! command -v spatch >/dev/null 2>&1; then
	test_skip 'the bitops remedy' 'spatch (coccinelle) is not installed'
	test_expect_success 'verify: an access no object compiles is found in the files' '
	echo "#define BO_TX_PENDING(ch) ((ch)->tx_pending)" >tree/remedy-bitops/bochan_debug.h &&
	test_expect_code 2 bitsplit fix --tree tree --build build --facts facts.tsv --verify \
		-C bo_chan --out unbuilt-out remedy-bitops >out.txt 2>err &&
	grep -x "  rewrote the accesses in 1 of 2 files naming the fields, with unbuilt-out/bo_chan.cocci" out.txt &&
	grep -x "bitsplit: error: verify bo_chan: remedy-bitops/bochan_debug.h:1 still uses tx_pending, which became a bit" err
'

test_done
	exit 0
fi

test_expect_success 'build the samples and find the facts once' '
	cp -R "$SAMPLES" tree &&
	rm -rf tree/build &&
	make -s -C tree O="$TRASH/build" >/dev/null 2>&1 &&
	bitsplit facts --tree tree --build build remedy-bitops fixcases >facts.tsv 2>/dev/null
'

test_expect_success 'the rule picks bitops: four contexts, no common lock' '
	bitsplit fix --tree tree --build build --facts facts.tsv --verify \
		-C bo_chan --out out remedy-bitops >actual &&
	cat >expect <<-\EOF &&
	struct bo_chan (remedy-bitops/bochan.h):
	  remedy bitops: 4 contexts write the flags (ioctls, interrupt handlers, timers and work items) and hold no lock in common
	  alternatives: split +0 bytes, regroup +0 bytes
	struct bo_chan: size 48 -> 56, bitops
	  bitops   tx_pending               _Bool:1                  24:1 -> bit 0 of flags (BO_CHAN_TX_PENDING)
	  bitops   rx_pending               _Bool:1                  24:2 -> bit 1 of flags (BO_CHAN_RX_PENDING)
	  word     flags                    unsigned long            -> 32
	  before: size 48, cachelines 1, holes: 24:4 (4 bits), 25 (1 byte), 28 (4 bytes)
	  after:  size 56, cachelines 1, holes: 24:2 (6 bits), 25 (1 byte), 28 (4 bytes)
	  rewrote the accesses in 1 of 1 file naming the fields, with out/bo_chan.cocci
	  wrote out/bo_chan.diff
	verify out/bo_chan.diff: struct bo_chan
	  applied in a scratch copy of tree
	  bo_chan: layout as planned in remedy-bitops/bochan.o: 9 members, 2 fields turned into bits of one word, size 56
	  rebuilt 1 object that read the patched files
	  bo_chan: no access left to the 2 fields that became bits, in 3 files
	EOF
	test_cmp expect actual &&
	test_cmp "$EXPECT/bo_chan.diff" out/bo_chan.diff
'

test_expect_success 'the plan lists the bits, for verify' '
	grep "^bit	" out/bo_chan.plan >actual &&
	printf "bit	tx_pending	flags	0\nbit	rx_pending	flags	1\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the .c changes are what spatch itself makes of the .cocci' '
	spatch --very-quiet --macro-file "$BITSPLIT_DATADIR/kernel-macros.h" \
		--sp-file out/bo_chan.cocci tree/remedy-bitops/bochan.c -o bochan.c >spatch.out 2>&1 &&
	! grep -i "warning" spatch.out &&
	(cd tree && diff -u remedy-bitops/bochan.c ../bochan.c) | sed "1,2d; s/^\(@@ [^@]* @@\).*/\1/" >actual
	sed -n "/^@@ -24,7/,\$p" out/bo_chan.diff | sed "s/^\(@@ [^@]* @@\).*/\1/" >expect &&
	test_cmp expect actual
'

test_expect_success 'the patched sample compiles with the bitops header, warnings as errors' '
	cp -R tree patched &&
	(cd patched && git apply -p1 ../out/bo_chan.diff &&
	 cc -fsyntax-only -Wall -Werror -Wno-unused-parameter remedy-bitops/bochan.c)
'

test_expect_success 'verify: an access the patch left in a compiled file fails the rebuild' '
	sed "s/^+	set_bit(BO_CHAN_TX_PENDING, &ch->flags);$/+	ch->tx_pending = true;/" \
		out/bo_chan.diff >left.diff &&
	cp out/bo_chan.plan left.plan &&
	test_expect_code 2 bitsplit verify --tree tree --build build left.diff >out.txt 2>err &&
	grep "has no member named .tx_pending." err
'

test_expect_success 'a store the bit would not keep withholds the patch' '
	test_expect_code 1 bitsplit fix --tree tree --build build --facts facts.tsv \
		--split fc_hazard.irq_pending --fix bitops --out hz fixcases >actual &&
	cat >expect <<-\EOF &&
	fixcases/fixcases.c:52: hazard: h->irq_pending = status & BIT(3): the 1-bit field keeps the low bit, assign_bit() sets the bit for any non-zero value
	struct fc_hazard (fixcases/fixcases.h): withheld: see the hazards above
	  remedy bitops: --fix bitops
	  alternatives: split +0 bytes, regroup +0 bytes
	EOF
	test_cmp expect actual &&
	! test -e hz/fc_hazard.diff
'

test_expect_success 'a field wider than one bit cannot be a bit' '
	test_expect_code 1 bitsplit fix --tree tree --build build --split fc_grow.mode \
		--fix bitops --out wide fixcases >actual &&
	echo "struct fc_grow (fixcases/fixcases.h): refused: mode is 2 bits wide: a bit of a word holds one" >expect &&
	test_cmp expect actual
'

test_expect_success 'verify: an access no object compiles is found in the files' '
	echo "#define BO_TX_PENDING(ch) ((ch)->tx_pending)" >tree/remedy-bitops/bochan_debug.h &&
	test_expect_code 2 bitsplit fix --tree tree --build build --facts facts.tsv --verify \
		-C bo_chan --out unbuilt-out remedy-bitops >out.txt 2>err &&
	grep -x "  rewrote the accesses in 1 of 2 files naming the fields, with unbuilt-out/bo_chan.cocci" out.txt &&
	grep -x "bitsplit: error: verify bo_chan: remedy-bitops/bochan_debug.h:1 still uses tx_pending, which became a bit" err
'

test_done
