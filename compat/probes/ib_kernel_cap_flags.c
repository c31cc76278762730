// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: the capabilities only the kernel acts on (IBK_*) have a field of
 * their own, kernel_cap_flags, apart from device_cap_flags.
 * tracks: v6.0 (commit not checked; 5.10 lacks it, 6.1 has it)
 */
#include <rdma/ib_verbs.h>

static __maybe_unused u64 probe(struct ib_device_attr *attr)
{
	return attr->kernel_cap_flags & IBK_ON_DEMAND_PAGING;
}
