// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: the verbs of IBTA's memory placement extensions, RDMA FLUSH and
 * ATOMIC WRITE: their work request and completion opcodes, the flush
 * access rights and the device capabilities.
 * tracks: v6.2 (the flush and atomic write series; commits not checked)
 */
#include <rdma/ib_verbs.h>

static __maybe_unused u64 probe(void)
{
	return IB_WR_FLUSH + IB_WR_ATOMIC_WRITE + IB_WC_FLUSH +
	       IB_WC_ATOMIC_WRITE + IB_ACCESS_FLUSH_GLOBAL +
	       IB_ACCESS_FLUSH_PERSISTENT + IB_DEVICE_FLUSH_GLOBAL +
	       IB_DEVICE_ATOMIC_WRITE;
}
