#!/bin/sh
# Objects older than the sources: the vfio sample built racy, then its
# header fixed.  The layout's bitfields are no longer declared so: check
# and fix stop, naming the struct, the object and the header, before any
# verdict (the verdict would name fields that have moved, and fix failed
# on the header with "expected member ..., found ...").  A header merely
# newer than the object is a warning.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the racy tree, then fix its header' '
	mkdir tree &&
	cp -r "$SAMPLES/include" "$SAMPLES/vfio" tree/ &&
	make -s -C tree -f "$SAMPLES/Makefile" O="$TRASH/obj" "$TRASH/obj/vfio/vfpci_core.o" &&
	test_expect_code 0 bitsplit fix --tree tree --build obj --out p \
		--split vfpci_device.virq_disabled vfio >/dev/null &&
	patch -s -p1 -d tree <p/vfpci_device.diff &&
	! grep -q "virq_disabled:1" tree/vfio/vfpci_core.h
'

stale="bitsplit: error: struct vfpci_device: obj/vfio/vfpci_core.o does not match vfio/vfpci_core.h: it has bitfield virq_disabled after pci_2_3 where the declaration has none; the objects are older than the sources: rebuild"

test_expect_success 'check says the build is stale and judges nothing' '
	test_expect_code 2 bitsplit check --tree tree --build obj -j 1 vfio >out 2>err &&
	grep -x "$stale" err &&
	test_cmp /dev/null out
'

test_expect_success 'so does fix, before it reaches the header' '
	test_expect_code 2 bitsplit fix --tree tree --build obj --out q vfio >out 2>err &&
	grep -x "$stale" err &&
	! grep "expected member" err &&
	! test -e q/vfpci_device.diff
'

test_expect_success 'a rebuilt tree is judged' '
	make -s -C tree -f "$SAMPLES/Makefile" O="$TRASH/obj" "$TRASH/obj/vfio/vfpci_core.o" &&
	bitsplit check --tree tree --build obj -j 1 vfio >out 2>err
	test $? -le 1 && ! grep "error:" err
'

test_expect_success 'a header newer than its object is a warning' '
	touch -d "+1 hour" tree/vfio/vfpci_core.h &&
	bitsplit check --tree tree --build obj -j 1 vfio >out 2>err
	test $? -le 1 &&
	grep -x "bitsplit: warning: vfio/vfpci_core.h is newer than obj/vfio/vfpci_core.o (struct vfpci_device): if it changed, rebuild" err
'

test_done
