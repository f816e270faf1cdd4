// SPDX-License-Identifier: GPL-2.0
/*
 * Writers of bitfields nested one level down (E->a.f) and reached through
 * another object (E->b->a.f), with compound and prefix operators.
 *
 * struct nest_stats (a named type, its own memory location):
 *   overflow   ++ in nest_probe (.probe, setup), no lock;
 *              = 1 in nest_irq (request_irq, run time), stat_lock
 *   underflow  |= in nest_poll (.poll, run time), no lock
 * struct nest_dev, anonymous member phy (a location of nest_dev):
 *   link_up    = in nest_irq, stat_lock
 *   autoneg    ^= on the peer device in nest_ioctl (.ioctl, run time),
 *              under this device's lock
 */
#include "nest.h"

struct nest_dev *nest_from_pdev(struct pci_dev *pdev);
bool nest_link_is_up(struct nest_dev *ndev);

static int nest_irq(int irq, void *data)
{
	struct nest_dev *ndev = data;

	spin_lock(&ndev->stat_lock);
	ndev->stats.overflow = 1;
	ndev->phy.link_up = nest_link_is_up(ndev);
	spin_unlock(&ndev->stat_lock);
	return 0;
}

static int nest_probe(struct pci_dev *pdev)
{
	struct nest_dev *ndev = nest_from_pdev(pdev);

	++ndev->stats.overflow;
	return request_irq(ndev->irq, nest_irq, 0, "nest", ndev);
}

static long nest_ioctl(struct nest_dev *ndev, unsigned int cmd)
{
	mutex_lock(&ndev->lock);
	ndev->peer->phy.autoneg ^= cmd & 1;
	mutex_unlock(&ndev->lock);
	return 0;
}

static int nest_poll(struct nest_dev *ndev)
{
	ndev->stats.underflow |= ndev->peer == NULL;
	return 0;
}

const struct nest_ops nest_ops = {
	.probe	= nest_probe,
	.ioctl	= nest_ioctl,
	.poll	= nest_poll,
};
