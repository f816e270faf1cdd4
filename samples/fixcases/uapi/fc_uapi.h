/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* A uapi struct: its layout is ABI, bitsplit fix must refuse to move members. */
#ifndef FC_UAPI_H
#define FC_UAPI_H

#include "../../include/kshim.h"

struct fc_uapi_req {
	u32			flags;
	u32			done:1;
	u32			error:1;
	u64			cookie;
};

#endif
