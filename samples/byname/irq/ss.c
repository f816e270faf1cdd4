// SPDX-License-Identifier: GPL-2.0
/* The object the layout comes from: it defines the one struct irq_ss. */
#include "irq.h"

struct irq_ss irq_ss_boot;
