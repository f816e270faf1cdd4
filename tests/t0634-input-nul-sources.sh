#!/bin/sh
# A NUL byte in a C file under the PATHs: the facts pass stops at its line
# (past it nothing would be seen), and fix refuses to edit a header that
# holds one (past it the header would be cut off).
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: the vfio sample with a NUL after its last line' '
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null &&
	mkdir tree && cp -r "$SAMPLES/vfio" tree/ &&
	lines=$(wc -l <tree/vfio/vfpci_core.h) &&
	printf "\000\n" >>tree/vfio/vfpci_core.h &&
	echo "tree/vfio/vfpci_core.h:$((lines + 1)): error: unexpected NUL byte" >expect
'

test_expect_success 'facts: an error at the line of the NUL' '
	bitsplit facts -q --tree tree --layout obj/vfio/vfpci_core.o vfio >out 2>err
	test $? = 2 && test_cmp expect err
'

test_expect_success 'fix: the struct in that header is refused, nothing written' '
	bitsplit fix --tree tree --layout obj/vfio/vfpci_core.o \
		--facts "$TEST_DIRECTORY/expect/check/vfio.facts" --out fixed vfio >out 2>err
	test $? = 1 &&
	echo "struct vfpci_device (vfio/vfpci_core.h): refused: vfio/vfpci_core.h holds a NUL byte" >expect &&
	test_cmp expect out && test_cmp /dev/null err &&
	test ! -e fixed/vfpci_device.diff
'

test_expect_success 'fix: a NUL in a file that writes the struct refuses it too' '
	rm -rf tree2 && mkdir tree2 && cp -r "$SAMPLES/vfio" tree2/ &&
	printf "\000\n" >>tree2/vfio/vfpci_core.c &&
	bitsplit fix --tree tree2 --layout obj/vfio/vfpci_core.o \
		--facts "$TEST_DIRECTORY/expect/check/vfio.facts" --out fixed2 vfio >out 2>err
	test $? = 1 &&
	echo "struct vfpci_device (vfio/vfpci_core.h): refused: vfio/vfpci_core.c holds a NUL byte" >expect &&
	test_cmp expect out && test_cmp /dev/null err &&
	test ! -e fixed2/vfpci_device.diff
'

test_done
