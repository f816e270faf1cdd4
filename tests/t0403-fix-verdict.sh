#!/bin/sh
# bitsplit fix from the verdict on the vfio-like sample, under both
# policies: the patch the reference thread asked for, with the group
# comments, proven by verify.
. "$(dirname "$0")/lib.sh"

EXPECT="$TEST_DIRECTORY/expect/fix"

if ! command -v spatch >/dev/null 2>&1; then
	test_skip 'fix from the verdict' 'spatch (coccinelle) is not installed'
	test_done
	exit 0
fi

test_expect_success 'build the samples and find the facts once' '
	make -s -C "$SAMPLES" O="$TRASH/build" >/dev/null &&
	bitsplit facts --tree "$SAMPLES" --build build vfio >facts.tsv 2>/dev/null
'

test_expect_success 'proven-race: virq_disabled and bardirty, commented, verified' '
	bitsplit fix --tree "$SAMPLES" --build build --facts facts.tsv --verify \
		--out pr vfio >out.txt &&
	test_cmp "$EXPECT/vfpci_device-proven-race.diff" pr/vfpci_device.diff &&
	tail -n 1 out.txt >actual &&
	echo "  vfpci_device: layout as planned in vfio/vfpci_core.o: 31 members, 2 split fields each alone in its memory location, size 168" >expect &&
	test_cmp expect actual
'

test_expect_success 'setup-only, split: six fields, the size stays 176, verified' '
	bitsplit fix --tree "$SAMPLES" --build build --facts facts.tsv --verify \
		--policy setup-only --fix split --out so vfio >out.txt &&
	test_cmp "$EXPECT/vfpci_device-setup-only.diff" so/vfpci_device.diff &&
	grep -x "struct vfpci_device: size 176 -> 176, naive split in place 184" out.txt &&
	tail -n 1 out.txt >actual &&
	echo "  vfpci_device: layout as planned in vfio/vfpci_core.o: 31 members, 6 split fields each alone in its memory location, size 176" >expect &&
	test_cmp expect actual
'

test_expect_success 'bool to bool splits need no .c change: no .cocci' '
	! test -e pr/vfpci_device.cocci
'

test_expect_success '-C keeps only the named structs' '
	bitsplit fix --tree "$SAMPLES" --build build --facts facts.tsv -C vfpci_device \
		--out only vfio >/dev/null &&
	test_cmp "$EXPECT/vfpci_device-proven-race.diff" only/vfpci_device.diff &&
	! bitsplit fix --tree "$SAMPLES" --build build --facts facts.tsv -C nosuch \
		--out only vfio >/dev/null 2>err &&
	grep "nosuch" err
'

test_expect_success 'without --facts, fix runs the facts pass itself' '
	bitsplit fix --tree "$SAMPLES" --build build --out self vfio >/dev/null 2>&1 &&
	test_cmp "$EXPECT/vfpci_device-proven-race.diff" self/vfpci_device.diff
'

test_done
