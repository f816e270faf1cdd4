/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The driver's own initializer macro, which the facts pass learns from
 * this #define (a header under the PATHs), as it learns DEVICE_ATTR_RO()
 * from include/linux/device.h on a kernel tree.
 */
#ifndef FACTS_ROOTS_ATTR_H
#define FACTS_ROOTS_ATTR_H

#define FR_ATTR_RO(_name) \
	.show = _name##_show,

#endif
