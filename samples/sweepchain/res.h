/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SWEEPCHAIN_RES_H
#define SWEEPCHAIN_RES_H

#include "host.h"

struct sc_res {
	struct sc_host		*host;
	struct sc_link		*link;
	unsigned int		in_erp:1;
	unsigned int		add_to_ml:1;
	unsigned int		dead:1;
};

#endif
