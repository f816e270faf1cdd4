#!/bin/sh
# check --build on directories of a real Linux 6.12 defconfig O= build
# with DWARF (scripts/check-dirs-build.sh's cache), each run to a verdict,
# exit 0 or 1, never 2:
#   kernel/static_call.o holds no struct (no source of layouts, not an
#   error); spatch places the functions drivers/pci/syscall.c defines
#   through SYSCALL_DEFINE5 before their start (a warning about each);
#   the PCI core, drivers/pci's top-level files with objects (the whole
#   directory, subdirectories and all, is scripts/bench-kernel-dirs.sh's);
#   kernel/sched/syscalls.c, a part of the unity build build_policy.o
#   (kernel/sched whole is the bench's too).
# Skipped without Debian's linux-source-6.12, and while the cache is cold
# unless BITSPLIT_KERNEL_BUILD=1 asks to build it (1.5 CPU minutes, once).
. "$(dirname "$0")/lib.sh"

kernel_build check-dirs-build.sh 'check --build on a 6.12 defconfig build'
B=$KERNEL_BUILD
S=$B/src
O=$B/O

# check_kernel NAME PATH...: check --build from the tree; its status in NAME.rc
check_kernel() {
	name=$1
	shift
	(cd "$S" && bitsplit check --tree . --build "$O" -j 2 "$@") >"$name.out" 2>"$name.err"
	echo $? >"$name.rc"
}

# verdict NAME: exit 0 or 1, no error, and the summary line last
verdict() {
	grep -qx "[01]" "$1.rc" &&
	! grep "error:" "$1.err" &&
	tail -n 1 "$1.out" | grep "(policy proven-race: \(clean\|races found\))"
}

test_expect_success 'an object without structs and macro-defined functions' '
	check_kernel two kernel/static_call.c drivers/pci/syscall.c &&
	verdict two &&
	tail -n 1 two.out | grep -q "(policy proven-race: clean)"
'

test_expect_success 'the functions spatch misplaces are warnings' '
	grep "^drivers/pci/syscall.c:[0-9]*: warning: spatch ends" two.err |
		sed "s/.*ends \([a-z_]*\) .*/\1/" >actual &&
	printf "pciconfig_read\npciconfig_write\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the PCI core: drivers/pci, its top-level files' '
	for o in "$O"/drivers/pci/*.o; do
		f=drivers/pci/${o##*/} &&
		echo "${f%.o}.c" || return 1
	done >pci.files &&
	test $(wc -l <pci.files) -ge 20 &&
	check_kernel pci $(cat pci.files) &&
	verdict pci &&
	grep -q "^struct pci_dev (include/linux/pci.h:[0-9]*), [0-9]* bytes$" pci.out
'

test_expect_success 'kernel/sched/syscalls.c, read by build_policy.o' '
	check_kernel sched kernel/sched/syscalls.c &&
	verdict sched &&
	grep -q "^struct task_struct (include/linux/sched.h:[0-9]*), [0-9]* bytes$" sched.out &&
	grep -q "^kernel/sched/syscalls.c:[0-9]*: warning: spatch ends nice at line [0-9]*, before its start" sched.err
'

test_done
