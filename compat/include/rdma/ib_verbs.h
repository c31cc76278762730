/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_RDMA_IB_VERBS_H
#define _TANDEM_COMPAT_RDMA_IB_VERBS_H

#include_next <rdma/ib_verbs.h>

/*
 * tandem_port_t: the port number in ib_device_ops callbacks.
 * 1fb7f8973f51 (v5.13) widened it from u8 to u32.  An inline cannot change
 * the signature of a callback the core calls, so driver code declares the
 * port argument of its callbacks with this name: u32 since 5.13.
 */
#ifdef TANDEM_HAVE_IB_PORT_U32
#define tandem_port_t u32
#else
#define tandem_port_t u8
#endif

#ifndef TANDEM_HAVE_ALLOC_HW_PORT_STATS
/*
 * 4b5f4d3fb408 (v5.14): alloc_hw_stats() split into a device and a port
 * variant.  The old member served both, port 0 standing for the device; a
 * port variant that returns NULL for an invalid port can take its place.
 */
#define alloc_hw_port_stats alloc_hw_stats
#endif

#ifndef TANDEM_HAVE_RDMA_STAT_DESC
/* 13f30b0fa0a9 (v5.16): counters are described, not just named. */
struct rdma_stat_desc {
	const char *name;
	unsigned int flags;
	const void *priv;
};

/*
 * Before it, the core took an array of names: keep one right after the
 * values, in the same allocation (the core frees the struct with kfree).
 */
static inline struct rdma_hw_stats *
tandem_rdma_alloc_hw_stats_struct(const struct rdma_stat_desc *descs,
				  int num_counters, unsigned long lifespan)
{
	struct rdma_hw_stats *stats;
	const char **names;
	int i;

	stats = kzalloc(struct_size(stats, value, num_counters) +
			num_counters * sizeof(*names), GFP_KERNEL);
	if (!stats)
		return NULL;
	names = (const char **)&stats->value[num_counters];
	for (i = 0; i < num_counters; i++)
		names[i] = descs[i].name;
	stats->names = names;
	stats->num_counters = num_counters;
	stats->lifespan = msecs_to_jiffies(lifespan);
	return stats;
}

#define rdma_alloc_hw_stats_struct tandem_rdma_alloc_hw_stats_struct

/* 0a0800ce2a6a (v5.16, the same series): the matching free. */
static inline void rdma_free_hw_stats_struct(struct rdma_hw_stats *stats)
{
	kfree(stats);
}
#endif

#ifdef TANDEM_HAVE_IB_DEVICE_UVERBS_EX_CMD_MASK
/*
 * bd2a40cc2463 (v5.11) ends the series that made the core enable the
 * uverbs write commands whose verb a driver implements (each command is
 * still gated by its ops member).  Before it, the driver listed them: list
 * here what the core lists since, at registration.
 */
static inline int tandem_ib_register_device(struct ib_device *device,
					    const char *name,
					    struct device *dma_device)
{
	device->uverbs_cmd_mask |=
		BIT_ULL(IB_USER_VERBS_CMD_ALLOC_MW) |
		BIT_ULL(IB_USER_VERBS_CMD_ALLOC_PD) |
		BIT_ULL(IB_USER_VERBS_CMD_ATTACH_MCAST) |
		BIT_ULL(IB_USER_VERBS_CMD_CLOSE_XRCD) |
		BIT_ULL(IB_USER_VERBS_CMD_CREATE_AH) |
		BIT_ULL(IB_USER_VERBS_CMD_CREATE_COMP_CHANNEL) |
		BIT_ULL(IB_USER_VERBS_CMD_CREATE_CQ) |
		BIT_ULL(IB_USER_VERBS_CMD_CREATE_QP) |
		BIT_ULL(IB_USER_VERBS_CMD_CREATE_SRQ) |
		BIT_ULL(IB_USER_VERBS_CMD_CREATE_XSRQ) |
		BIT_ULL(IB_USER_VERBS_CMD_DEALLOC_MW) |
		BIT_ULL(IB_USER_VERBS_CMD_DEALLOC_PD) |
		BIT_ULL(IB_USER_VERBS_CMD_DEREG_MR) |
		BIT_ULL(IB_USER_VERBS_CMD_DESTROY_AH) |
		BIT_ULL(IB_USER_VERBS_CMD_DESTROY_CQ) |
		BIT_ULL(IB_USER_VERBS_CMD_DESTROY_QP) |
		BIT_ULL(IB_USER_VERBS_CMD_DESTROY_SRQ) |
		BIT_ULL(IB_USER_VERBS_CMD_DETACH_MCAST) |
		BIT_ULL(IB_USER_VERBS_CMD_GET_CONTEXT) |
		BIT_ULL(IB_USER_VERBS_CMD_MODIFY_QP) |
		BIT_ULL(IB_USER_VERBS_CMD_MODIFY_SRQ) |
		BIT_ULL(IB_USER_VERBS_CMD_OPEN_QP) |
		BIT_ULL(IB_USER_VERBS_CMD_OPEN_XRCD) |
		BIT_ULL(IB_USER_VERBS_CMD_QUERY_AH) |
		BIT_ULL(IB_USER_VERBS_CMD_QUERY_DEVICE) |
		BIT_ULL(IB_USER_VERBS_CMD_QUERY_PORT) |
		BIT_ULL(IB_USER_VERBS_CMD_QUERY_QP) |
		BIT_ULL(IB_USER_VERBS_CMD_QUERY_SRQ) |
		BIT_ULL(IB_USER_VERBS_CMD_REG_MR) |
		BIT_ULL(IB_USER_VERBS_CMD_REREG_MR) |
		BIT_ULL(IB_USER_VERBS_CMD_RESIZE_CQ);
	device->uverbs_ex_cmd_mask |=
		BIT_ULL(IB_USER_VERBS_EX_CMD_QUERY_DEVICE) |
		BIT_ULL(IB_USER_VERBS_EX_CMD_CREATE_CQ) |
		BIT_ULL(IB_USER_VERBS_EX_CMD_MODIFY_CQ) |
		BIT_ULL(IB_USER_VERBS_EX_CMD_CREATE_QP) |
		BIT_ULL(IB_USER_VERBS_EX_CMD_MODIFY_QP) |
		BIT_ULL(IB_USER_VERBS_EX_CMD_CREATE_WQ) |
		BIT_ULL(IB_USER_VERBS_EX_CMD_MODIFY_WQ) |
		BIT_ULL(IB_USER_VERBS_EX_CMD_DESTROY_WQ) |
		BIT_ULL(IB_USER_VERBS_EX_CMD_CREATE_RWQ_IND_TBL) |
		BIT_ULL(IB_USER_VERBS_EX_CMD_DESTROY_RWQ_IND_TBL) |
		BIT_ULL(IB_USER_VERBS_EX_CMD_CREATE_FLOW) |
		BIT_ULL(IB_USER_VERBS_EX_CMD_DESTROY_FLOW);
	return ib_register_device(device, name, dma_device);
}

#define ib_register_device tandem_ib_register_device
#endif

#endif /* _TANDEM_COMPAT_RDMA_IB_VERBS_H */
