#!/bin/sh
# The subsystem core outside the PATHs: drivers/vfio/vfio_main.c calls
# device->ops->ioctl() and ->device_feature() of the vfio_device_ops that
# drivers/vfio/pci fills.  The facts pass analyses it, emits dispatch
# facts and call edges from the dispatcher instead of ioctl roots, and
# does not take container.c's driver->ops->ioctl() (a vfio_iommu_driver_ops)
# for one.  The PM callbacks behind SET_RUNTIME_PM_OPS() are roots of
# their fields.  The runtime-PM reference vfio_device_pm_runtime_get()
# takes (a get/put pair guarded by one condition) holds at the core's
# calls, and ->close_device() called on the bind ioctl's error path stays
# teardown: proven-race moves virq_disabled and bardirty (and
# sriov_active, written without the reference), not pm_intx_masked.  Skipped when Debian's kernel tarball is not installed.
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/kernel-vfio-prefix.sh" k >/dev/null 2>&1
if [ $? = 77 ]; then
	test_skip 'dispatch sites in linux-6.12 drivers/vfio' \
		'no /usr/src/linux-source-6.12.tar.xz (apt-get install linux-source-6.12)'
	test_done
fi

test_expect_success 'facts on drivers/vfio/pci with the vfio core' '
	bitsplit facts -q --tree k/linux --layout k/vfio.dump drivers/vfio/pci >facts 2>/dev/null
'

test_expect_success 'the core dispatch sites are facts' '
	grep "^dispatch	drivers/vfio/vfio_main.c	[0-9]*	vfio_device_fops_unl_ioctl	ioctl$" facts &&
	grep "^dispatch	drivers/vfio/vfio_main.c	[0-9]*	vfio_ioctl_device_feature	device_feature$" facts &&
	! grep "^dispatch	drivers/vfio/container.c" facts
'

test_expect_success 'ioctl handlers are called from the core, not roots' '
	grep "^call	drivers/vfio/vfio_main.c	[0-9]*	vfio_device_fops_unl_ioctl	vfio_pci_core_ioctl	" facts &&
	grep "^call	drivers/vfio/vfio_main.c	[0-9]*	vfio_ioctl_device_feature	vfio_pci_core_ioctl_feature	" facts &&
	! grep "^root	.*	vfio_pci_core_ioctl	runtime	ioctl$" facts &&
	! grep "^root	.*	vfio_pci_core_ioctl_feature	" facts
'

test_expect_success 'runtime PM callbacks behind SET_RUNTIME_PM_OPS are roots' '
	grep "^root	drivers/vfio/pci/vfio_pci_core.c	[0-9]*	vfio_pci_core_runtime_suspend	runtime	runtime_suspend	runtime_pm:w@entry$" facts &&
	grep "^root	drivers/vfio/pci/vfio_pci_core.c	[0-9]*	vfio_pci_core_runtime_resume	runtime	runtime_resume	runtime_pm:w@entry$" facts
'

test_expect_success 'setup and teardown fields keep their roots' '
	grep "^root	drivers/vfio/pci/vfio_pci.c	[0-9]*	vfio_pci_open_device	setup	open_device$" facts &&
	grep "^root	drivers/vfio/pci/vfio_pci.c	[0-9]*	vfio_pci_core_close_device	teardown	close_device$" facts
'

test_expect_success 'the core'"'"'s runtime-PM reference holds where it calls the ops' '
	grep "^call	drivers/vfio/vfio_main.c	[0-9]*	vfio_device_fops_unl_ioctl	vfio_pci_core_ioctl	runtime_pm:r@wrapper=vfio_device_pm_runtime_get$" facts &&
	grep "^call	drivers/vfio/vfio_main.c	[0-9]*	vfio_device_fops_unl_ioctl	vfio_ioctl_device_feature	runtime_pm:r@wrapper=vfio_device_pm_runtime_get$" facts
'

test_expect_success 'close_device and open_device are no edges from the core' '
	! grep "^call	drivers/vfio/[a-z_]*\.c	[0-9]*	[a-z_]*	vfio_pci_core_close_device	" facts &&
	! grep "^call	drivers/vfio/[a-z_]*\.c	[0-9]*	[a-z_]*	vfio_pci_open_device	" facts
'

test_expect_success 'check: only the config-space pair and sriov_active move' '
	bitsplit check --tree k/linux --layout k/vfio.dump --facts facts drivers/vfio/pci >out;
	test $? = 1 &&
	{ grep -A3 "^struct vfio_pci_core_device" out | grep "moves" &&
	  grep -A1 "^    pm_intx_masked:" out; } >actual &&
	cat >expect <<-\EOT &&
	    proven-race moves virq_disabled, bardirty, sriov_active
	    setup-only  moves virq_disabled, bardirty, pm_intx_masked, pm_runtime_engaged, sriov_active
	    pm_intx_masked: moves under setup-only, stays under proven-race
	      pm_intx_masked races only with sriov_active, which moves out, and the other run-time
	EOT
	test_cmp expect actual
'

test_expect_success 'no write outside the PATHs is a fact' '
	! grep "^write	drivers/vfio/[a-z_]*\.c	" facts
'

test_done
