// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: on-demand paging capabilities for RDMA FLUSH and ATOMIC WRITE.
 * tracks: v6.14 or later (commit not checked; 6.12 lacks them, 7.2 has
 * them)
 */
#include <rdma/ib_verbs.h>

static __maybe_unused u32 probe(void)
{
	return IB_ODP_SUPPORT_FLUSH | IB_ODP_SUPPORT_ATOMIC_WRITE;
}
