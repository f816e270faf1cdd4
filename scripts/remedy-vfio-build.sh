#!/bin/sh
# Usage: scripts/remedy-vfio-build.sh [--cached]
# Print the directory of a cached kernel build for the remedies' kernel
# test: DIR/src is Debian's linux-source-6.12 with the corpus's
# vfio-pci-core case applied (the 14 flags in one run, as before the
# upstream fix), DIR/O an x86_64 defconfig O= build with DWARF 5 and
# VFIO_PCI=m holding "prepare" and the objects of drivers/vfio/pci.  A few
# CPU minutes the first time; scripts/kernel-build.sh says how it is
# cached, and when it exits 77.
here=$(cd "$(dirname "$0")" && pwd)
exec sh "$here/kernel-build.sh" ${1:+"$1"} remedy-vfio \
	--patch "$here/corpus/cases/vfio-pci-core.diff" -m VFIO -m VFIO_PCI drivers/vfio/pci/
