#!/bin/sh
# The split remedy, chosen by the rule: sp_dev.irq_armed is written only
# by the interrupt handler, which no location of sp_dev shares, and one
# context is too few for atomic bitops; vfpci_device's racing flags have
# no lock at all.  The report says so, with what regroup and bitops would
# cost.  Expected diffs in tests/expect/remedy/ and tests/expect/fix/.
. "$(dirname "$0")/lib.sh"

EXPECT="$TEST_DIRECTORY/expect"

if ! command -v spatch >/dev/null 2>&1; then
	test_skip 'the split remedy' 'spatch (coccinelle) is not installed'
	test_done
	exit 0
fi

test_expect_success 'build the samples and find the facts once' '
	cp -R "$SAMPLES" tree &&
	rm -rf tree/build &&
	make -s -C tree O="$TRASH/build" >/dev/null 2>&1 &&
	bitsplit facts --tree tree --build build remedy-split vfio >facts.tsv 2>/dev/null
'

test_expect_success 'sp_dev: split, because no location is serialized like irq_armed' '
	bitsplit fix --tree tree --build build --facts facts.tsv --verify -C sp_dev \
		--out out remedy-split >actual &&
	cat >expect <<-\EOF &&
	struct sp_dev (remedy-split/spdev.h):
	  remedy split: no location is serialized like irq_armed; 1 context writes the flags, too few for atomic bitops
	  alternatives: regroup +0 bytes, bitops +8 bytes
	struct sp_dev: size 24 -> 24, naive split in place 24
	  split    irq_armed                _Bool:1 -> bool          8:1 -> 12
	  before: size 24, cachelines 1, holes: 8:3 (5 bits), 12 (4 bytes)
	  after:  size 24, cachelines 1, holes: 8:2 (6 bits), 13 (3 bytes)
	  wrote out/sp_dev.diff
	verify out/sp_dev.diff: struct sp_dev
	  applied in a scratch copy of tree
	  sp_dev: layout as planned in remedy-split/spdev.o: 8 members, 1 split field each alone in its memory location, size 24
	EOF
	test_cmp expect actual &&
	test_cmp "$EXPECT/remedy/sp_dev.diff" out/sp_dev.diff
'

test_expect_success 'vfpci_device: split, as upstream did: nothing serializes the racing flags' '
	bitsplit fix --tree tree --build build --facts facts.tsv -C vfpci_device \
		--out vf vfio >actual &&
	sed -n 1,3p actual >head &&
	cat >expect <<-\EOF &&
	struct vfpci_device (vfio/vfpci_core.h):
	  remedy split: no lock or single context serializes virq_disabled and bardirty; 1 context writes the flags, too few for atomic bitops
	  alternatives: regroup +0 bytes, bitops +8 bytes
	EOF
	test_cmp expect head &&
	test_cmp "$EXPECT/fix/vfpci_device-proven-race.diff" vf/vfpci_device.diff
'

test_expect_success '--fix regroup puts a field nothing serializes behind a :0 of its own' '
	bitsplit fix --tree tree --build build --facts facts.tsv --verify --fix regroup \
		-C sp_dev --out rg remedy-split >actual &&
	sed -n 2p actual >line &&
	echo "  remedy regroup: --fix regroup" >expect &&
	test_cmp expect line &&
	grep -A1 -x "+	bool			:0;" rg/sp_dev.diff >zero &&
	printf "%s\n" "+	bool			:0;" "+	/* no common lock: written by interrupt handlers */" >expect &&
	test_cmp expect zero &&
	tail -n 1 actual | grep "1 regrouped field in the planned memory locations, size 24"
'

test_done
