// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: hardware counters described by struct rdma_stat_desc.
 * tracks: v5.16, 13f30b0fa0a9 ("RDMA/counter: Add a descriptor in struct rdma_hw_stats")
 */
#include <rdma/ib_verbs.h>

static const struct rdma_stat_desc probe_descs[] = {
	{ .name = "probe" },
};

static __maybe_unused struct rdma_hw_stats *probe(void)
{
	return rdma_alloc_hw_stats_struct(probe_descs, ARRAY_SIZE(probe_descs),
					  RDMA_HW_STATS_DEFAULT_LIFESPAN);
}
