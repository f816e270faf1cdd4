/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An mlx5-vfio-like device, modelled on drivers/vfio/pci/mlx5/cmd.h before
 * the racy-bitfields fix: five u8 flags in one byte, two of them written
 * under state_mutex and one under reset_lock.
 */
#ifndef MLX5VF_H
#define MLX5VF_H

#include "../include/kshim.h"

struct pci_dev;

struct mlx5vf_device {
	struct pci_dev		*pdev;
	int			vf_id;
	u8			migrate_cap:1;
	u8			deferred_reset:1;
	u8			mdev_detach:1;
	u8			log_active:1;
	u8			chunk_mode:1;
	int			mig_state;
	struct mutex		state_mutex;	/* protects migration state */
	spinlock_t		reset_lock;	/* protects deferred_reset */
	struct notifier_block	nb;
};

struct mlx5vf_log_ops {
	int (*log_start)(struct mlx5vf_device *mvdev);
	int (*log_stop)(struct mlx5vf_device *mvdev);
};

struct mlx5vf_err_handlers {
	void (*reset_done)(struct pci_dev *pdev);
};

struct mlx5vf_driver {
	const char *name;
	int (*probe)(struct pci_dev *pdev);
	void (*remove)(struct pci_dev *pdev);
	const struct mlx5vf_err_handlers *err_handler;
};

#endif
