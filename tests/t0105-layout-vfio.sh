#!/bin/sh
# The case this project exists for: the vfio-like driver's thirteen
# bool:1 flags are one memory location over bytes 120-121, read from the
# build's object through --build, declared in the driver's header.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples' '
	make -s -C "$SAMPLES" O="$PWD/build" >/dev/null
'

test_expect_success 'vfpci_device: one location, 13 fields, bytes 120-121' '
	(cd "$SAMPLES" && "$BITSPLIT" layout --build "$OLDPWD/build" -C vfpci_device vfio) >actual &&
	test_cmp "$TEST_DIRECTORY/expect/layout/vfpci_device.txt" actual
'

test_done
