#!/bin/sh
# The kernel's own "make coccicheck" with the rule install-cocci installs,
# no SPFLAGS, on linux-source-6.12 with the vfio bitfields put back as they
# were before the upstream fixes (e73638e55f86, f2365a63b02d).
. "$(dirname "$0")/lib.sh"

if ! linux_extract linux Makefile .cocciconfig scripts include arch/x86 drivers/vfio; then
	test_skip 'make coccicheck on the racy vfio-pci' "$LINUX_TARBALL is absent"
	test_done
	exit 0
fi
RULE=scripts/coccinelle/misc/racy_bitfields.cocci
CASES="$ROOT/scripts/corpus/cases"

fields_of() {	# report -> the racy STRUCT.FIELDs it names
	sed -n "s/^[^ ]*: WARNING: racy bitfield \([a-z0-9_.]*\) .*/\1/p" "$1" | sort -u
}

test_expect_success 'setup: the racy layout and the installed rule' '
	(cd linux && patch -s -p1 <"$CASES/vfio-pci-core.diff" &&
		patch -s -p1 <"$CASES/vfio-mlx5.diff") &&
	grep -q "bool			virq_disabled:1;" linux/include/linux/vfio_pci_core.h &&
	bitsplit install-cocci --tree linux >/dev/null
'

test_expect_success 'MODE=report M=drivers/vfio/pci: the fields the fixes moved for races' '
	make -s -C linux coccicheck MODE=report COCCI=$RULE M=drivers/vfio/pci >out 2>&1 &&
	grep "^drivers/" out >report &&
	fields_of report >racy &&
	for f in vfio_pci_core_device.virq_disabled vfio_pci_core_device.bardirty \
		 mlx5vf_pci_core_device.deferred_reset; do
		grep -x "$f" racy || { echo "missing: $f"; return 1; }
	done
'

test_expect_success 'none of the fields the fixes kept packed' '
	for f in has_dyn_msix pci_2_3 reset_works extended_caps has_vga nointx \
		 needs_pm_restore disable_idle_d3 migrate_cap chunk_mode; do
		! grep -x "[a-z0-9_]*\.$f" racy || { echo "reported: $f"; return 1; }
	done
'

test_expect_success 'mdev_detach and log_active, both under state_mutex, are not paired' '
	! grep "racy bitfield mlx5vf_pci_core_device.mdev_detach .* with [a-z_, ]*log_active" report &&
	! grep "racy bitfield mlx5vf_pci_core_device.log_active .* with [a-z_, ]*mdev_detach" report &&
	grep "racy bitfield mlx5vf_pci_core_device.mdev_detach .* with deferred_reset," report
'

test_expect_success 'each finding once, at a writer in a .c file' '
	cut -d" " -f1 report | sort | uniq -d >dups &&
	test ! -s dups &&
	! grep -v "^drivers/vfio/pci/[a-z0-9_/]*\.c:" report
'

test_expect_success 'MODE=patch: applies with git apply and splits the racy fields only' '
	make -s -C linux coccicheck MODE=patch COCCI=$RULE M=drivers/vfio/pci >out 2>&1 &&
	sed -n "/^diff /,\$p" out >patch &&
	(cd linux && git apply --check ../patch) &&
	grep "^+" patch | grep -v "^+++" | sed "s/;.*//" | awk "{ print \$NF }" | sort >split &&
	sed "s/^[a-z0-9_]*\.//" racy | sort >expect &&
	test_cmp expect split
'

test_done
