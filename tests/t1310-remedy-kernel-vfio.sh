#!/bin/sh
# The three remedies on the real vfio_pci_core_device of Linux 6.12, with
# its flags put back in one run as before the upstream fix (the corpus's
# vfio-pci-core case): each patch is rebuilt with the recorded kbuild
# commands and verified with pahole, with the size before and after.
#   split    virq_disabled, bardirty: 1352 -> 1344 (both fill holes, and
#            ioeventfds_nr tightens into another: one cacheline less)
#   regroup  pm_runtime_engaged, sriov_active (both written under
#            memory_lock upstream) behind a new "bool :0": 1352 -> 1352
#   bitops   virq_disabled, bardirty as bits of "unsigned long flags", the
#            accesses in drivers/vfio/pci rewritten: 1352 -> 1360, every
#            object that reads the header rebuilt, no access left
# The build comes from scripts/remedy-vfio-build.sh's cache (keyed by its
# inputs), or from $BITSPLIT_REMEDY_KERNEL, a directory with the same src/
# and O/ (such as a corpus scripts/corpus/build.sh built).  Skipped
# without Debian's linux-source-6.12, and while the cache is cold unless
# BITSPLIT_KERNEL_BUILD=1 asks to build it (a few CPU minutes, once).
. "$(dirname "$0")/lib.sh"

if [ -n "${BITSPLIT_REMEDY_KERNEL:-}" ] && command -v spatch >/dev/null 2>&1; then
	B=$BITSPLIT_REMEDY_KERNEL
else
	kernel_build remedy-vfio-build.sh 'the remedies on vfio_pci_core_device'
	B=$KERNEL_BUILD
fi
S=$B/src
O=$B/O
P=vfio_pci_core_device

# fix_kernel OUT ARGS...: bitsplit fix --verify on drivers/vfio/pci, from the tree
fix_kernel() {
	out=$1
	shift
	(cd "$S" && bitsplit fix --tree . --build "$O" --facts "$TRASH/facts.tsv" --verify \
		--out "$TRASH/$out" "$@" drivers/vfio/pci) >"$out.txt" 2>"$out.err"
}

test_expect_success 'the facts of drivers/vfio/pci for vfio_pci_core_device' '
	pahole -C $P "$O/drivers/vfio/pci/vfio_pci_core.o" >vfio.dump &&
	grep -q "bool *virq_disabled:1;" vfio.dump &&
	bitsplit facts --tree "$S" --layout vfio.dump -j 2 drivers/vfio/pci >facts.tsv 2>facts.err &&
	grep -q "	$P	virq_disabled	" facts.tsv
'

test_expect_success 'split: 1352 -> 1344 bytes, rebuilt and verified' '
	fix_kernel split --split $P.virq_disabled --split $P.bardirty &&
	grep -x "struct $P: size 1352 -> 1344, naive split in place 1360" split.txt &&
	tail -n 1 split.txt | sed "s/planned in [^:]*:/planned in OBJ:/" >actual &&
	echo "  $P: layout as planned in OBJ: 46 members, 2 split fields each alone in its memory location, size 1344" >expect &&
	test_cmp expect actual
'

test_expect_success 'regroup: the memory_lock pair behind a new :0, 1352 -> 1352, verified' '
	fix_kernel regroup --split $P.pm_runtime_engaged --split $P.sriov_active --fix regroup &&
	grep -x "struct $P: size 1352 -> 1352, regroup" regroup.txt &&
	grep -A3 -x "+	bool			:0;" regroup/$P.diff >actual &&
	printf "%s\n" "+	bool			:0;" " 	bool			pm_runtime_engaged:1;" \
		" 	bool			sriov_active:1;" "-	bool			disable_idle_d3:1;" >expect &&
	test_cmp expect actual &&
	tail -n 1 regroup.txt | sed "s/planned in [^:]*:/planned in OBJ:/" >actual &&
	echo "  $P: layout as planned in OBJ: 46 members, 2 regrouped fields in the planned memory locations, size 1352" >expect &&
	test_cmp expect actual
'

test_expect_success 'bitops: 1352 -> 1360, the .c side rewritten, every reader rebuilt' '
	fix_kernel bitops --split $P.virq_disabled --split $P.bardirty --fix bitops &&
	grep -x "struct $P: size 1352 -> 1360, bitops" bitops.txt &&
	grep -x "+	unsigned long		flags;" bitops/$P.diff &&
	grep "^diff --git" bitops/$P.diff >actual &&
	printf "diff --git a/%s b/%s\n" include/linux/vfio_pci_core.h include/linux/vfio_pci_core.h \
		drivers/vfio/pci/vfio_pci_config.c drivers/vfio/pci/vfio_pci_config.c \
		drivers/vfio/pci/vfio_pci_core.c drivers/vfio/pci/vfio_pci_core.c \
		drivers/vfio/pci/vfio_pci_intrs.c drivers/vfio/pci/vfio_pci_intrs.c >expect &&
	test_cmp expect actual &&
	grep -x "+			set_bit(VFIO_PCI_CORE_DEVICE_VIRQ_DISABLED," bitops/$P.diff &&
	tail -n 3 bitops.txt | sed "s/rebuilt [0-9]* objects/rebuilt N objects/; s/planned in [^:]*:/planned in OBJ:/" >actual &&
	cat >expect <<-EOF &&
	  $P: layout as planned in OBJ: 45 members, 2 fields turned into bits of one word, size 1360
	  rebuilt N objects that read the patched files
	  $P: no access left to the 2 fields that became bits, in 27 files
	EOF
	test_cmp expect actual
'

test_expect_success 'the tree and the build are left alone' '
	grep -q "bool			virq_disabled:1;" "$S/include/linux/vfio_pci_core.h" &&
	! grep -q "VFIO_PCI_CORE_DEVICE_VIRQ_DISABLED" "$S/drivers/vfio/pci/vfio_pci_config.c"
'

test_done
