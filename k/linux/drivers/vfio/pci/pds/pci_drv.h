/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright(c) 2023 Advanced Micro Devices, Inc. */

#ifndef _PCI_DRV_H
#define _PCI_DRV_H

#include <linux/pci.h>

#endif /* _PCI_DRV_H */
