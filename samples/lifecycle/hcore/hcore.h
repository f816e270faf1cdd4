/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HC_CORE_H
#define HC_CORE_H

#include "../../include/kshim.h"

#define EXPORT_SYMBOL_GPL(sym) extern int __export_##sym

struct hc_host {
	int irq;
	unsigned int rh_registered:1;
	unsigned int rh_pollable:1;
	unsigned int quirk:1;
	unsigned int polling:1;
	unsigned int resumed:1;
};

int hc_add_host(struct hc_host *hc);
void hc_remove_host(struct hc_host *hc);
void hc_add_quirk(struct hc_host *hc);
void hc_start_polling(struct hc_host *hc);
void hc_stop_polling(struct hc_host *hc);

#endif
