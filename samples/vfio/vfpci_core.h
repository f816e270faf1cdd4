/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A vfio-pci-like device, modelled on include/linux/vfio_pci_core.h before
 * "vfio/pci: Fix racy bitfields and tighten struct layout": twelve one-bit
 * flags packed in one memory location, some written only while the device
 * is probed, opened or closed, others at run time.
 */
#ifndef VFPCI_CORE_H
#define VFPCI_CORE_H

#include "../include/kshim.h"

struct pci_dev;
struct eventfd_ctx;

struct vfpci_device;

struct vfpci_ops {
	int (*open_device)(struct vfpci_device *vdev);
	void (*close_device)(struct vfpci_device *vdev);
	long (*ioctl)(struct vfpci_device *vdev, unsigned int cmd, unsigned long arg);
	long (*write)(struct vfpci_device *vdev, const char *buf, unsigned long count,
		      long long pos);
};

struct vfpci_pm_ops {
	int (*suspend)(struct vfpci_device *vdev);
	int (*resume)(struct vfpci_device *vdev);
	int (*runtime_suspend)(struct vfpci_device *vdev);
	int (*runtime_resume)(struct vfpci_device *vdev);
};

struct vfpci_driver {
	const char *name;
	int (*probe)(struct pci_dev *pdev);
	void (*remove)(struct pci_dev *pdev);
	int (*sriov_configure)(struct pci_dev *pdev, int num_vfs);
	const struct vfpci_pm_ops *pm;
};

struct vfpci_device {
	struct pci_dev		*pdev;
	void			*barmap[6];
	bool			bar_mmap_supported[6];
	u8			*vconfig;
	spinlock_t		irqlock;
	struct mutex		igate;
	int			irq_type;
	u8			msi_qmax;
	u8			msix_bar;
	u16			msix_size;
	u32			msix_offset;
	u32			rbar[7];
	bool			has_dyn_msix:1;
	bool			pci_2_3:1;
	bool			virq_disabled:1;
	bool			reset_works:1;
	bool			extended_caps:1;
	bool			bardirty:1;
	bool			has_vga:1;
	bool			needs_reset:1;
	bool			nointx:1;
	bool			needs_pm_restore:1;
	bool			pm_intx_masked:1;
	bool			pm_runtime_engaged:1;
	bool			sriov_pwr_active:1;
	void			*pci_saved_state;
	int			ioeventfds_nr;
	struct eventfd_ctx	*err_trigger;
	struct list_head	vdev_list;	/* devices of one reset set */
	struct mutex		ioeventfds_lock;
	struct rw_semaphore	memory_lock;	/* protects memory enable and BARs */
};

#endif
