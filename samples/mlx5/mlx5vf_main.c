// SPDX-License-Identifier: GPL-2.0
/*
 * An mlx5-vfio-like driver: the writers of struct mlx5vf_device's flags.
 * All five share one byte (one memory location).
 *
 * Setup (probe): migrate_cap, chunk_mode; no lock.
 * Run time:
 *   mdev_detach     PF notifier callback (mlx5vf_pf_event), under
 *                   state_mutex taken in the callback itself
 *   log_active      dirty-tracking ops .log_start/.log_stop, under
 *                   state_mutex taken in the op itself
 *   deferred_reset  set by the PCI .reset_done error handler under
 *                   reset_lock; cleared by mlx5vf_state_mutex_unlock()
 *                   under reset_lock, whose callers all hold state_mutex
 * So deferred_reset is written under reset_lock while its neighbours
 * mdev_detach and log_active are written under state_mutex: one byte,
 * two locks, which is the race the reference thread points out.
 */
#include "mlx5vf.h"

#define MLX5_PF_NOTIFY_DISABLE_VF	0
#define MLX5_PF_NOTIFY_ENABLE_VF	1
#define MLX5VF_STATE_RUNNING		1

struct mlx5vf_device *mlx5vf_from_pdev(struct pci_dev *pdev);
int mlx5vf_query_caps(struct mlx5vf_device *mvdev);
void mlx5vf_disable_fds(struct mlx5vf_device *mvdev);
int mlx5vf_register_notifier(struct notifier_block *nb);
int mlx5vf_register_driver(struct mlx5vf_driver *drv);

/* Drop state_mutex, first applying a reset that arrived meanwhile. */
static void mlx5vf_state_mutex_unlock(struct mlx5vf_device *mvdev)
{
again:
	spin_lock(&mvdev->reset_lock);
	if (mvdev->deferred_reset) {
		mvdev->deferred_reset = false;
		spin_unlock(&mvdev->reset_lock);
		mvdev->mig_state = MLX5VF_STATE_RUNNING;
		mlx5vf_disable_fds(mvdev);
		goto again;
	}
	mutex_unlock(&mvdev->state_mutex);
	spin_unlock(&mvdev->reset_lock);
}

static int mlx5vf_pf_event(struct notifier_block *nb, unsigned long event,
			   void *data)
{
	struct mlx5vf_device *mvdev = container_of(nb, struct mlx5vf_device, nb);

	switch (event) {
	case MLX5_PF_NOTIFY_DISABLE_VF:
		mutex_lock(&mvdev->state_mutex);
		mvdev->mdev_detach = true;
		mlx5vf_state_mutex_unlock(mvdev);
		break;
	case MLX5_PF_NOTIFY_ENABLE_VF:
		mutex_lock(&mvdev->state_mutex);
		mvdev->mdev_detach = false;
		mlx5vf_state_mutex_unlock(mvdev);
		break;
	}
	return 0;
}

static int mlx5vf_start_page_tracker(struct mlx5vf_device *mvdev)
{
	mutex_lock(&mvdev->state_mutex);
	mvdev->log_active = true;
	mlx5vf_state_mutex_unlock(mvdev);
	return 0;
}

static int mlx5vf_stop_page_tracker(struct mlx5vf_device *mvdev)
{
	mutex_lock(&mvdev->state_mutex);
	mvdev->log_active = false;
	mlx5vf_state_mutex_unlock(mvdev);
	return 0;
}

static void mlx5vf_reset_done(struct pci_dev *pdev)
{
	struct mlx5vf_device *mvdev = mlx5vf_from_pdev(pdev);

	spin_lock(&mvdev->reset_lock);
	mvdev->deferred_reset = true;
	if (!mutex_trylock(&mvdev->state_mutex)) {
		spin_unlock(&mvdev->reset_lock);
		return;
	}
	spin_unlock(&mvdev->reset_lock);
	mlx5vf_state_mutex_unlock(mvdev);
}

static int mlx5vf_probe(struct pci_dev *pdev)
{
	struct mlx5vf_device *mvdev = mlx5vf_from_pdev(pdev);

	mvdev->migrate_cap = mlx5vf_query_caps(mvdev) == 0;
	mvdev->chunk_mode = 1;
	mvdev->nb.notifier_call = mlx5vf_pf_event;
	return mlx5vf_register_notifier(&mvdev->nb);
}

static void mlx5vf_remove(struct pci_dev *pdev)
{
	(void)mlx5vf_from_pdev(pdev);
}

static const struct mlx5vf_log_ops mlx5vf_log_ops = {
	.log_start	= mlx5vf_start_page_tracker,
	.log_stop	= mlx5vf_stop_page_tracker,
};

static const struct mlx5vf_err_handlers mlx5vf_err_handlers = {
	.reset_done	= mlx5vf_reset_done,
};

static struct mlx5vf_driver mlx5vf_driver = {
	.name		= "mlx5vf",
	.probe		= mlx5vf_probe,
	.remove		= mlx5vf_remove,
	.err_handler	= &mlx5vf_err_handlers,
};

const struct mlx5vf_log_ops *mlx5vf_get_log_ops(void)
{
	return &mlx5vf_log_ops;
}

static int __init mlx5vf_init(void)
{
	return mlx5vf_register_driver(&mlx5vf_driver);
}
module_init(mlx5vf_init);
