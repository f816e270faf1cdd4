#!/bin/sh
# The rule through the kernel's own "make coccicheck", on Debian's
# linux-source-6.12: no configuration, no build, no pahole needed.
. "$(dirname "$0")/lib.sh"

if ! linux_extract linux Makefile .cocciconfig scripts include arch/x86 drivers/vfio; then
	test_skip 'make coccicheck on linux-source-6.12' "$LINUX_TARBALL is absent"
	test_done
	exit 0
fi
RULE=scripts/coccinelle/misc/racy_bitfields.cocci

test_expect_success 'install-cocci puts the rule where coccicheck looks' '
	bitsplit install-cocci --tree linux >out &&
	cmp "$ROOT/semantic-patches/racy_bitfields.cocci" linux/$RULE
'

test_expect_success 'make coccicheck MODE=report M=drivers/vfio: vfio_device, under dev_set->lock, is not reported' '
	make -s -C linux coccicheck MODE=report COCCI=$RULE M=drivers/vfio >out 2>&1 &&
	grep "^drivers/" out >actual &&
	cat >expect <<-\EOT &&
	drivers/vfio/vfio_iommu_type1.c:1848:12-16: WARNING: racy bitfield vfio_domain.fgsp written in vfio_test_domain_fgsp() shares a memory location (drivers/vfio/vfio_iommu_type1.c:84) with enforce_cache_coherency, written in vfio_iommu_type1_attach_group() (drivers/vfio/vfio_iommu_type1.c:2269) with no common lock
	drivers/vfio/vfio_iommu_type1.c:2269:10-33: WARNING: racy bitfield vfio_domain.enforce_cache_coherency written in vfio_iommu_type1_attach_group() shares a memory location (drivers/vfio/vfio_iommu_type1.c:85) with fgsp, written in vfio_test_domain_fgsp() (drivers/vfio/vfio_iommu_type1.c:1848) with no common lock
	EOT
	test_cmp expect actual
'

test_expect_success 'make coccicheck MODE=patch splits the fields in place' '
	make -s -C linux coccicheck MODE=patch COCCI=$RULE M=drivers/vfio >out 2>&1 &&
	sed -n "/^diff /,/^ struct vfio_dma {/p" out >actual &&
	cat >expect <<-\EOT &&
	diff -u -p a/drivers/vfio/vfio_iommu_type1.c b/drivers/vfio/vfio_iommu_type1.c
	--- a/drivers/vfio/vfio_iommu_type1.c
	+++ b/drivers/vfio/vfio_iommu_type1.c
	@@ -81,8 +81,8 @@ struct vfio_domain {
	 	struct iommu_domain	*domain;
	 	struct list_head	next;
	 	struct list_head	group_list;
	-	bool			fgsp : 1;	/* Fine-grained super pages */
	-	bool			enforce_cache_coherency : 1;
	+	bool			fgsp;	/* Fine-grained super pages */
	+	bool			enforce_cache_coherency;
	 };
	 
	 struct vfio_dma {
	EOT
	test_cmp expect actual &&
	(cd linux && sed -n "/^diff /,\$p" ../out | patch -p1 --dry-run)
'

test_done
