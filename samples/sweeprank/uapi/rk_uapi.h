/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* A uapi struct: its layout is ABI, so the sweep lists it apart. */
#ifndef RK_UAPI_H
#define RK_UAPI_H

struct rk_uapi_req {
	unsigned int flags;
	unsigned int done:1;
	unsigned int error:1;
};

#endif
