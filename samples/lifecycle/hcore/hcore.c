// SPDX-License-Identifier: GPL-2.0
/*
 * The usb_add_hcd()/usb_remove_hcd() shape: a core exports the functions
 * its host drivers set a host up and tear it down with, and nothing in the
 * core calls them: the drivers' probe and remove do, outside the PATHs.
 * hc_add_host() and hc_remove_host() are an exported add/remove pair no
 * root reaches, so they are taken as the host's setup and teardown, and
 * rh_pollable and rh_registered, written only under them, race with
 * nothing.
 *
 * hc_add_quirk() is exported too but has no remove: it stays "no root
 * reaches it", run time.  hc_start_polling() and hc_stop_polling() are a
 * pair by name, but start/stop is no lifecycle: they stay run time, and
 * polling races with quirk (the negative case).  hc_resume() is a
 * run-time root: resumed races with polling whatever the pairs say.
 */
#include "hcore.h"

static spinlock_t hc_root_lock;

static int hc_register_root(struct hc_host *hc)
{
	spin_lock_irq(&hc_root_lock);
	hc->rh_registered = 1;
	spin_unlock_irq(&hc_root_lock);
	return 0;
}

static void hc_stop(struct hc_host *hc)
{
	hc->rh_pollable = 0;
}

int hc_add_host(struct hc_host *hc)
{
	hc->rh_pollable = 1;
	if (hc_register_root(hc)) {
		hc_stop(hc);
		return -1;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(hc_add_host);

void hc_remove_host(struct hc_host *hc)
{
	spin_lock_irq(&hc_root_lock);
	hc->rh_registered = 0;
	spin_unlock_irq(&hc_root_lock);
	hc_stop(hc);
}
EXPORT_SYMBOL_GPL(hc_remove_host);

void hc_add_quirk(struct hc_host *hc)
{
	hc->quirk = 1;
}
EXPORT_SYMBOL_GPL(hc_add_quirk);

void hc_start_polling(struct hc_host *hc)
{
	hc->polling = 1;
}
EXPORT_SYMBOL_GPL(hc_start_polling);

void hc_stop_polling(struct hc_host *hc)
{
	hc->polling = 0;
}
EXPORT_SYMBOL_GPL(hc_stop_polling);

struct hc_pm_ops {
	int (*resume)(struct hc_host *hc);
};

static int hc_resume(struct hc_host *hc)
{
	hc->resumed = 1;
	return 0;
}

const struct hc_pm_ops hc_pm = {
	.resume = hc_resume,
};
