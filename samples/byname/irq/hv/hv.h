/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A hypervisor's interrupt target, on the compiler's include path only
 * (-I), as a driver's firmware headers often are: spatch, which reads the
 * tree, cannot type a store to a member of its members.
 */
#ifndef HV_H
#define HV_H

struct hv_target {
	int vector;
	int type;
};

struct hv_params {
	int device_id;
	struct hv_target target;
};

#endif
