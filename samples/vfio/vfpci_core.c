// SPDX-License-Identifier: GPL-2.0
/*
 * A vfio-pci-like driver: the writers of struct vfpci_device's flags,
 * in the contexts the reference thread names.
 *
 * Setup (probe, open_device): has_dyn_msix, extended_caps, has_vga,
 *   pci_2_3, reset_works, nointx, needs_pm_restore, and the initial
 *   values of virq_disabled and bardirty.
 * Teardown (close_device): needs_reset.
 * Run time:
 *   virq_disabled, bardirty   config-space writes (write op); the driver
 *                             drops memory_lock before touching them
 *   needs_reset               reset ioctl, under memory_lock (trylock)
 *   pm_runtime_engaged        low-power ioctl, under memory_lock (guard,
 *                             and a helper that only asserts it)
 *   pm_intx_masked            runtime PM callbacks
 *   sriov_pwr_active          sriov_configure, under memory_lock
 * Every run-time path but the PM callbacks holds a runtime-PM reference,
 * which keeps the runtime PM callbacks from running under it.
 */
#include "vfpci_core.h"

#define PCI_COMMAND		0x04
#define PCI_COMMAND_INTX_DISABLE 0x400
#define PCI_BASE_ADDRESS_0	0x10
#define PCI_BASE_ADDRESS_5	0x24
#define VFPCI_IOCTL_RESET	1
#define VFPCI_IOCTL_LOW_POWER	2
#define VFPCI_IOCTL_LOW_POWER_EXIT 3
#define EBUSY			16
#define EINVAL			22

struct device *vfpci_to_dev(struct vfpci_device *vdev);
struct vfpci_device *vfpci_from_pdev(struct pci_dev *pdev);
int vfpci_bus_reset(struct vfpci_device *vdev);
bool vfpci_intx_mask_supported(struct pci_dev *pdev);
bool vfpci_is_vga(struct pci_dev *pdev);
void vfpci_intx_mask(struct vfpci_device *vdev);
void vfpci_intx_unmask(struct vfpci_device *vdev);
int vfpci_register_driver(struct vfpci_driver *drv);
void vfpci_unregister_driver(struct vfpci_driver *drv);

static void vfpci_init_caps(struct vfpci_device *vdev)
{
	vdev->extended_caps = true;
	vdev->has_dyn_msix = vdev->msix_size > 1;
}

static int vfpci_probe(struct pci_dev *pdev)
{
	struct vfpci_device *vdev = vfpci_from_pdev(pdev);

	vdev->has_vga = vfpci_is_vga(pdev);
	vfpci_init_caps(vdev);
	return 0;
}

static void vfpci_remove(struct pci_dev *pdev)
{
	(void)vfpci_from_pdev(pdev);
}

static int vfpci_enable(struct vfpci_device *vdev)
{
	vdev->reset_works = vfpci_bus_reset(vdev) == 0;
	vdev->pci_2_3 = vfpci_intx_mask_supported(vdev->pdev);
	vdev->nointx = !vdev->pci_2_3;
	vdev->needs_pm_restore = false;
	vdev->virq_disabled = false;
	vdev->bardirty = true;
	return 0;
}

static int vfpci_open_device(struct vfpci_device *vdev)
{
	return vfpci_enable(vdev);
}

static void vfpci_close_device(struct vfpci_device *vdev)
{
	vdev->needs_reset = true;
}

static int vfpci_basic_config_write(struct vfpci_device *vdev, int offset, u16 val)
{
	if (offset == PCI_COMMAND) {
		down_write(&vdev->memory_lock);
		vdev->vconfig[offset] = (u8)val;
		up_write(&vdev->memory_lock);
	}

	if (offset == PCI_COMMAND) {
		bool virt_intx_disable = !!(val & PCI_COMMAND_INTX_DISABLE);

		if (virt_intx_disable && !vdev->virq_disabled) {
			vdev->virq_disabled = true;
			vfpci_intx_mask(vdev);
		} else if (!virt_intx_disable && vdev->virq_disabled) {
			vdev->virq_disabled = false;
			vfpci_intx_unmask(vdev);
		}
	}

	if (offset >= PCI_BASE_ADDRESS_0 && offset <= PCI_BASE_ADDRESS_5)
		vdev->bardirty = true;
	return 2;
}

static long vfpci_write(struct vfpci_device *vdev, const char *buf,
			unsigned long count, long long pos)
{
	long ret;

	ret = pm_runtime_resume_and_get(vfpci_to_dev(vdev));
	if (ret)
		return ret;
	ret = vfpci_basic_config_write(vdev, (int)pos, (u16)(buf[0] | buf[1] << 8));
	pm_runtime_put(vfpci_to_dev(vdev));
	return ret;
}

static int vfpci_try_reset(struct vfpci_device *vdev)
{
	int ret;

	if (!down_write_trylock(&vdev->memory_lock))
		return -EBUSY;
	ret = vfpci_bus_reset(vdev);
	if (!ret)
		vdev->needs_reset = false;
	up_write(&vdev->memory_lock);
	return ret;
}

static void vfpci_pm_entry(struct vfpci_device *vdev)
{
	guard(rwsem_write)(&vdev->memory_lock);
	vdev->pm_runtime_engaged = true;
}

static void __vfpci_pm_exit(struct vfpci_device *vdev)
{
	lockdep_assert_held_write(&vdev->memory_lock);
	vdev->pm_runtime_engaged = false;
}

static void vfpci_pm_exit(struct vfpci_device *vdev)
{
	down_write(&vdev->memory_lock);
	__vfpci_pm_exit(vdev);
	up_write(&vdev->memory_lock);
}

static long vfpci_ioctl(struct vfpci_device *vdev, unsigned int cmd,
			unsigned long arg)
{
	long ret = pm_runtime_resume_and_get(vfpci_to_dev(vdev));

	if (ret)
		return ret;
	switch (cmd) {
	case VFPCI_IOCTL_RESET:
		ret = vfpci_try_reset(vdev);
		break;
	case VFPCI_IOCTL_LOW_POWER:
		vfpci_pm_entry(vdev);
		break;
	case VFPCI_IOCTL_LOW_POWER_EXIT:
		vfpci_pm_exit(vdev);
		break;
	default:
		ret = -EINVAL;
	}
	pm_runtime_put(vfpci_to_dev(vdev));
	return ret;
}

static int vfpci_runtime_suspend(struct vfpci_device *vdev)
{
	vdev->pm_intx_masked = !vdev->virq_disabled;
	return 0;
}

static int vfpci_runtime_resume(struct vfpci_device *vdev)
{
	vdev->pm_intx_masked = false;
	return 0;
}

static int vfpci_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct vfpci_device *vdev = vfpci_from_pdev(pdev);
	int ret = pm_runtime_resume_and_get(vfpci_to_dev(vdev));

	if (ret)
		return ret;
	down_write(&vdev->memory_lock);
	vdev->sriov_pwr_active = num_vfs > 0;
	up_write(&vdev->memory_lock);
	pm_runtime_put(vfpci_to_dev(vdev));
	return num_vfs;
}

static const struct vfpci_ops vfpci_ops = {
	.open_device	= vfpci_open_device,
	.close_device	= vfpci_close_device,
	.ioctl		= vfpci_ioctl,
	.write		= vfpci_write,
};

static const struct vfpci_pm_ops vfpci_pm_ops = {
	.runtime_suspend = vfpci_runtime_suspend,
	.runtime_resume	= vfpci_runtime_resume,
};

static struct vfpci_driver vfpci_driver = {
	.name		= "vfpci",
	.probe		= vfpci_probe,
	.remove		= vfpci_remove,
	.sriov_configure = vfpci_sriov_configure,
	.pm		= &vfpci_pm_ops,
};

const struct vfpci_ops *vfpci_get_ops(void)
{
	return &vfpci_ops;
}

static int __init vfpci_init(void)
{
	return vfpci_register_driver(&vfpci_driver);
}
module_init(vfpci_init);

static void __exit vfpci_exit(void)
{
	vfpci_unregister_driver(&vfpci_driver);
}
module_exit(vfpci_exit);
