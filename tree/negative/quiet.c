// SPDX-License-Identifier: GPL-2.0
/*
 * Negative cases: packed flags that are written, but never concurrently.
 *
 * struct quiet_dev: has_msi, has_vga, is_virtfn are written only by
 *   quiet_probe (.probe, setup), no lock.  The run-time ioctl only reads.
 * struct quiet_cfg: verbose and strict are written only in quiet_ioctl
 *   (.ioctl, run time) on "cfg", a local copy on the stack (local), which
 *   is then published under qdev->lock by a plain struct assignment.
 */
#include "quiet.h"

struct quiet_dev *quiet_from_pdev(struct pci_dev *pdev);
bool quiet_is_vga(struct pci_dev *pdev);
void quiet_apply(struct quiet_dev *qdev, const struct quiet_cfg *cfg);

static struct quiet_cfg quiet_current;

static int quiet_probe(struct pci_dev *pdev)
{
	struct quiet_dev *qdev = quiet_from_pdev(pdev);

	qdev->has_msi = 1;
	qdev->has_vga = quiet_is_vga(pdev);
	qdev->is_virtfn = 0;
	return 0;
}

static long quiet_ioctl(struct quiet_dev *qdev, unsigned int cmd)
{
	struct quiet_cfg cfg = quiet_current;

	cfg.verbose = cmd & 1;
	cfg.strict = !qdev->has_vga;
	mutex_lock(&qdev->lock);
	quiet_current = cfg;
	mutex_unlock(&qdev->lock);
	return qdev->is_virtfn;
}

const struct quiet_driver quiet_driver = {
	.probe	= quiet_probe,
	.ioctl	= quiet_ioctl,
};
