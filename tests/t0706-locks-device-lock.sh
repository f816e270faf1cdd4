#!/bin/sh
# samples/regimg/devlock: the driver core's device lock from the kernel
# vocabulary.  device_lock(&pdev->dev) and device_lock_assert(&pdev->dev)
# name pdev's device mutex, usb_lock_device(udev) udev's (pdev->parent is a
# struct dl_usb: the layout types the chain, so the vocabulary's
# usb_device is not needed); the two writes under pdev's do not race, the
# one under the parent's races with both.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	${CC:-cc} -g -O2 -c -o devlock.o "$SAMPLES/regimg/devlock/devlock.c"
'

test_expect_success 'facts: the device locks by their vocabulary' '
	bitsplit facts -q --tree "$SAMPLES" --layout devlock.o regimg/devlock >facts &&
	grep "^write" facts | cut -f 5,7,13 >actual &&
	cat >expect <<-\EOT &&
	dl_ioctl	tripped	dl_pdev.dev.mutex:w@lexical
	dl_sriov_configure	enabled	dl_pdev.dev.mutex:w@lockdep
	dl_port_event	armed	dl_usb.dev.mutex:w@lexical
	EOT
	test_cmp expect actual
'

test_expect_success 'check: only the write under the parent'"'"'s lock moves' '
	bitsplit check --tree "$SAMPLES" --layout devlock.o --facts facts regimg/devlock >out;
	test $? = 1 &&
	grep "^    proven-race" out >actual &&
	echo "    proven-race moves armed" >expect &&
	test_cmp expect actual
'

test_done
