#!/bin/sh
# Usage: scripts/kernel-vfio-prefix.sh DIR
# Extract drivers/vfio and its headers from Debian's linux-source-6.12
# tarball into DIR/linux, put back the packed bitfields of the racy-
# bitfields fix the tarball already carries (so vfio-pci and mlx5 look as
# they did when the reference thread was written: vfio_pci_core_device by
# the evaluation corpus's own put-back, all fourteen flags in one run), and
# write DIR/vfio.dump, a pahole dump of those two structs.  Exit 77 when the
# tarball is absent.
. "$(dirname "$0")/linux-source.sh"
cases=$(cd "$(dirname "$0")/corpus/cases" && pwd)
dir=$1
[ -r "$LINUX_TARBALL" ] || exit 77
set -e
mkdir -p "$dir"
linux_extract "$dir/linux" drivers/vfio include/linux/vfio_pci_core.h include/linux/vfio.h
cd "$dir"
patch -s -p1 -d linux <"$cases/vfio-pci-core.diff"
sed -i -E 's/^(\tu8 (mdev_detach|log_active|deferred_reset));/\1:1;/' \
	linux/drivers/vfio/pci/mlx5/cmd.h
# A stand-in with the same runs of bitfields: every other member becomes
# an int, which ends a run just as the real member does.
{
	echo '#include <stdbool.h>'
	echo 'typedef unsigned char u8;'
	for s in include/linux/vfio_pci_core.h:vfio_pci_core_device \
		 drivers/vfio/pci/mlx5/cmd.h:mlx5vf_pci_core_device; do
		awk -v name="${s#*:}" '
			$0 ~ "^struct " name " \\{" { on = 1; print; next }
			on && /^};/ { print; on = 0; next }
			on && /:1;/ { print; next }
			on && /;/ { printf "\tint\t_m%d;\n", ++n }
		' "linux/${s%%:*}"
		echo "struct ${s#*:} *use_${s#*:};"
	done
} >stub.c
gcc -g -c -o stub.o stub.c
pahole -I stub.o >vfio.dump
