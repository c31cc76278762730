// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: ib_device_ops.alloc_hw_port_stats (alloc_hw_stats split in two).
 * tracks: v5.14, 4b5f4d3fb408 ("RDMA: Split the alloc_hw_stats() ops to port and device variants")
 */
#include <rdma/ib_verbs.h>

static struct rdma_hw_stats *probe_alloc(struct ib_device *dev, u32 port)
{
	return NULL;
}

static const struct ib_device_ops probe_ops __maybe_unused = {
	.alloc_hw_port_stats = probe_alloc,
};
