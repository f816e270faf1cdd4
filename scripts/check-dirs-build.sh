#!/bin/sh
# Usage: scripts/check-dirs-build.sh [--cached]
# Print the directory of a cached pristine kernel build for check --build
# on real directories (tests/t0665, scripts/bench-kernel-dirs.sh): DIR/src
# is Debian's linux-source-6.12, DIR/O an x86_64 defconfig O= build with
# DWARF 5 holding "prepare", drivers/pci (the PCI core), kernel/sched (a
# unity build: build_policy.c #includes rt.c, syscalls.c, ...),
# kernel/static_call.o (no struct at all) and drivers/pci/syscall.o
# (functions defined through SYSCALL_DEFINE5; not in x86's defconfig).
# About 1.5 CPU minutes the first time; scripts/kernel-build.sh says how
# it is cached and when it exits 77.
here=$(cd "$(dirname "$0")" && pwd)
exec sh "$here/kernel-build.sh" ${1:+"$1"} check-dirs \
	kernel/static_call.o drivers/pci/syscall.o drivers/pci/ kernel/sched/
