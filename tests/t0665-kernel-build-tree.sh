#!/bin/sh
# check --build on objects of a real Linux 6.12 defconfig build with
# DWARF: kernel/static_call.o holds no struct (no source of layouts, not
# an error), and spatch places the functions drivers/pci/syscall.c
# defines through SYSCALL_DEFINE5 before their start (a warning about
# each, not the end of the run).  Only two objects are built after
# "make defconfig prepare", to stay in a CI budget (a few minutes on two
# cores).  Skipped when Debian's kernel source is not installed.
. "$(dirname "$0")/lib.sh"

if ! K=$(linux_tree); then
	test_skip 'check --build on a 6.12 defconfig build' \
		'no /usr/src/linux-source-6.12.tar.xz (apt-get install linux-source-6.12)'
	test_done
	exit
fi

test_expect_success 'a defconfig O= build with DWARF, two objects' '
	make -s -C "$K" O="$TRASH/O" defconfig >/dev/null &&
	"$K"/scripts/config --file O/.config -d DEBUG_INFO_NONE -e DEBUG_INFO_DWARF5 &&
	make -s -C "$K" O="$TRASH/O" olddefconfig >/dev/null &&
	make -s -C "$K" O="$TRASH/O" -j2 prepare >/dev/null 2>&1 &&
	make -s -C "$K" O="$TRASH/O" -j2 kernel/static_call.o drivers/pci/syscall.o >/dev/null 2>&1
'

test_expect_success 'check --build runs to a verdict' '
	bitsplit check --tree "$K" --build O -j 2 kernel/static_call.c drivers/pci/syscall.c \
		>out 2>err
	test $? -le 1 &&
	! grep "error:" err &&
	tail -n 1 out | grep -q "(policy proven-race: clean)"
'

test_expect_success 'the functions spatch misplaces are warnings' '
	grep "^drivers/pci/syscall.c:[0-9]*: warning: spatch ends" err | sed "s/.*ends \([a-z_]*\) .*/\1/" >actual &&
	printf "pciconfig_read\npciconfig_write\n" >expect &&
	test_cmp expect actual
'

test_done
