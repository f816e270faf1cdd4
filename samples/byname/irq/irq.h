/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IRQ_H
#define IRQ_H

struct hv_params;

/* An architecture's stack-segment word, whose bitfields share two names. */
struct irq_ss {
	unsigned int vector:8;
	unsigned int type:8;
	unsigned int rest:16;
};

extern struct irq_ss irq_ss_boot;

struct irq_ops {
	long (*ioctl)(struct hv_params *p);
	long (*write)(struct hv_params *p);
};

#endif
