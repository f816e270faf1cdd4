#!/bin/sh
# bitsplit verify on a kernel-style build: no compile_commands.json, but a
# .config and the .NAME.o.cmd records kbuild writes (command and the
# headers each object read).  The object that read the patched header is
# rebuilt with the recorded command, its outputs kept in the scratch copy.
. "$(dirname "$0")/lib.sh"

EXPECT="$TEST_DIRECTORY/expect/fix"

test_expect_success 'a tree and a kbuild-like build directory' '
	cp -R "$SAMPLES" tree &&
	rm -rf tree/build &&
	mkdir -p kb/vfio &&
	: >kb/.config &&
	T=$(cd tree && pwd) &&
	(cd kb && gcc -Wp,-MMD,vfio/.vfpci_core.o.d -g -O2 -c -o vfio/vfpci_core.o \
		"$T/vfio/vfpci_core.c") &&
	cat >kb/vfio/.vfpci_core.o.cmd <<-EOF &&
	savedcmd_vfio/vfpci_core.o := gcc -Wp,-MMD,vfio/.vfpci_core.o.d -g -O2 -DKBUILD_MODNAME='"'"'"vfpci"'"'"' -c -o vfio/vfpci_core.o $T/vfio/vfpci_core.c ; echo objtool

	source_vfio/vfpci_core.o := $T/vfio/vfpci_core.c

	deps_vfio/vfpci_core.o := \\
	  $T/vfio/vfpci_core.h \\
	    \$(wildcard include/config/X) \\
	  $T/vfio/../include/kshim.h \\

	vfio/vfpci_core.o: \$(deps_vfio/vfpci_core.o)

	\$(deps_vfio/vfpci_core.o):
	EOF
	cp "$EXPECT/vfpci_device-split.diff" vfpci_device.diff &&
	cp "$EXPECT/vfpci_device-split.plan" vfpci_device.plan &&
	ls -l --time-style=+%s kb/vfio >before.ls
'

test_expect_success 'verify replays the kbuild record of the object that read the header' '
	bitsplit verify --tree tree --build kb vfpci_device.diff >actual &&
	cat >expect <<-\EOF &&
	verify vfpci_device.diff: struct vfpci_device
	  applied in a scratch copy of tree
	  vfpci_device: layout as planned in vfio/vfpci_core.o: 31 members, 2 split fields each alone in its memory location, size 168
	EOF
	test_cmp expect actual
'

test_expect_success 'the build directory and the tree are left alone' '
	ls -l --time-style=+%s kb/vfio >after.ls &&
	test_cmp before.ls after.ls &&
	cmp "$SAMPLES/vfio/vfpci_core.h" tree/vfio/vfpci_core.h
'

test_expect_success 'a build directory with neither record is an error' '
	mkdir empty &&
	! bitsplit verify --tree tree --build empty vfpci_device.diff >out 2>err &&
	grep "no compile_commands.json and no kernel .config" err
'

test_done
