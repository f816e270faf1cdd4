/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
#ifndef SC_UAPI_H
#define SC_UAPI_H

struct sc_req {			/* userspace's layout: listed apart */
	unsigned int x:1;
	unsigned int y:1;
};

#endif
