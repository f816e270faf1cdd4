#!/bin/sh
# bitsplit verify: a patch proven in a scratch copy, the tree untouched;
# a plan the compiler does not agree with is caught; --apply applies.
. "$(dirname "$0")/lib.sh"

EXPECT="$TEST_DIRECTORY/expect/fix"

test_expect_success 'build the samples with DWARF and a compile database' '
	cp -R "$SAMPLES" tree &&
	rm -rf tree/build &&
	make -s -C tree O="$TRASH/build" >/dev/null &&
	test -f build/compile_commands.json &&
	cp "$EXPECT/vfpci_device-split.diff" vfpci_device.diff &&
	cp "$EXPECT/vfpci_device-split.plan" vfpci_device.plan &&
	cp tree/vfio/vfpci_core.h before.h
'

test_expect_success 'the hand-written vfpci_device patch verifies' '
	bitsplit verify --tree tree --build build vfpci_device.diff >actual &&
	cat >expect <<-EOF &&
	verify vfpci_device.diff: struct vfpci_device
	  applied in a scratch copy of tree
	  vfpci_device: layout as planned in vfio/vfpci_core.o: 31 members, 2 split fields each alone in its memory location, size 168
	EOF
	test_cmp expect actual &&
	cmp before.h tree/vfio/vfpci_core.h
'

test_expect_success 'a plan the compiler disagrees with fails' '
	sed "s/^struct	vfpci_device	168/struct	vfpci_device	176/" vfpci_device.plan >bad.plan &&
	cp vfpci_device.diff bad.diff &&
	test_expect_code 2 bitsplit verify --tree tree --build build bad.diff
'

test_expect_success 'and says what differs' '
	bitsplit verify --tree tree --build build bad.diff >out 2>err;
	grep -x "bitsplit: error: verify vfpci_device: size 168, the plan says 176" err &&
	cmp before.h tree/vfio/vfpci_core.h
'

test_expect_success 'a split field that still shares its location is caught' '
	sed "s/^member	has_dyn_msix	960	1	packed/member	has_dyn_msix	960	1	split/" \
		vfpci_device.plan >shared.plan &&
	cp vfpci_device.diff shared.diff &&
	! bitsplit verify --tree tree --build build shared.diff >out 2>err &&
	grep -x "bitsplit: error: verify vfpci_device: has_dyn_msix still shares a memory location" err
'

test_expect_success 'a patch that does not apply is an error' '
	sed "s/bool			has_vga:1;/bool			has_vga:2;/" vfpci_device.diff >stale.diff &&
	cp vfpci_device.plan stale.plan &&
	test_expect_code 2 bitsplit verify --tree tree --build build stale.diff
'

test_expect_success 'a malformed plan is an error naming its line' '
	printf "struct\tvfpci_device\t168\tvfio/vfpci_core.h\nmember\tpdev\tzero\n" >broken.plan &&
	cp vfpci_device.diff broken.diff &&
	! bitsplit verify --tree tree --build build broken.diff >out 2>err &&
	echo "broken.plan:2: error: expected \"member NAME BIT_OFFSET BIT_SIZE ROLE\" or \"bit FIELD WORD N\" line" >expect &&
	test_cmp expect err
'

test_expect_success 'a malformed compile_commands.json is an error naming its line' '
	mkdir badbuild &&
	printf "[\n  {\"directory\": \"/x\",\n   \"file\" \"a.c\"}\n]\n" >badbuild/compile_commands.json &&
	! bitsplit verify --tree tree --build badbuild vfpci_device.diff >out 2>err &&
	grep -x "$TRASH/badbuild/compile_commands.json:3: error: expected .:. after a key" err
'

test_expect_success '--apply applies the verified patch to the tree' '
	bitsplit verify --tree tree --build build --apply vfpci_device.diff >out &&
	tail -n 1 out >actual &&
	echo "applied 1 patch to tree" >expect &&
	test_cmp expect actual &&
	(cd tree && patch -s -R -p1 --dry-run <../vfpci_device.diff)
'

test_done
