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

#ifndef TANDEM_HAVE_IB_MEM_PLACEMENT
/*
 * v6.2: RDMA FLUSH and ATOMIC WRITE.  The opcodes are user ABI numbers
 * (IB_UVERBS_WR_FLUSH, ...), which rdma-core's provider writes into the
 * send ring whatever the kernel.  The access rights keep their bits: the
 * core before 6.2 refuses them at reg_mr (EINVAL), so no MR has them and
 * a FLUSH is refused as the responder checks it.  That core has no flush
 * capability to report; ATOMIC WRITE needs nothing from it.
 */
#define IB_WR_FLUSH			14
#define IB_WR_ATOMIC_WRITE		15
#define IB_WC_FLUSH			8
#define IB_WC_ATOMIC_WRITE		9
#define IB_ACCESS_FLUSH_GLOBAL		BIT(8)
#define IB_ACCESS_FLUSH_PERSISTENT	BIT(9)
#define IB_DEVICE_FLUSH_GLOBAL		0ULL
#define IB_DEVICE_ATOMIC_WRITE		BIT_ULL(40)
#endif

#ifndef TANDEM_HAVE_IB_KERNEL_CAP_FLAGS
/*
 * v6.0 moved the capabilities only the kernel acts on out of
 * device_cap_flags, into kernel_cap_flags as IBK_*.  Before, on-demand
 * paging was a device capability bit.
 */
#define kernel_cap_flags	device_cap_flags
#define IBK_ON_DEMAND_PAGING	IB_DEVICE_ON_DEMAND_PAGING
#endif

#ifndef TANDEM_HAVE_IB_ODP_SUPPORT_FLUSH
/*
 * Before the ODP capabilities of FLUSH and ATOMIC WRITE, user space cannot
 * ask for them: offer none.
 */
#define IB_ODP_SUPPORT_FLUSH		0
#define IB_ODP_SUPPORT_ATOMIC_WRITE	0
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

/*
 * Verbs whose signature changed.  Driver code implements the newest form
 * and names its callbacks through these macros; THUNKS defines, where the
 * target kernel is older, a function of the old form that calls it.
 */
#ifdef TANDEM_HAVE_REG_USER_MR_DMAH
#define TANDEM_REG_USER_MR_THUNK(fn)	static_assert(1)
#define TANDEM_REG_USER_MR_OP(fn)	fn
#else
/* v6.17: reg_user_mr takes a DMA handle; older kernels have none. */
struct ib_dmah;

#define TANDEM_REG_USER_MR_THUNK(fn)					\
static struct ib_mr *fn##_tandem(struct ib_pd *pd, u64 start, u64 length,\
				 u64 iova, int access,			\
				 struct ib_udata *udata)		\
{									\
	return fn(pd, start, length, iova, access, NULL, udata);	\
}									\
static_assert(1)
#define TANDEM_REG_USER_MR_OP(fn)	fn##_tandem
#endif

#if defined(TANDEM_HAVE_CREATE_USER_CQ)
#define TANDEM_CREATE_CQ_THUNK(kern, user)	static_assert(1)
#define TANDEM_CREATE_CQ_OPS(kern, user)	\
	.create_cq = (kern), .create_user_cq = (user)
#elif defined(TANDEM_HAVE_CREATE_CQ_ATTRS)
/* v7.1: user CQs got their own op; before, create_cq had attrs for them. */
#define TANDEM_CREATE_CQ_THUNK(kern, user)				\
static int kern##_tandem(struct ib_cq *cq,				\
			 const struct ib_cq_init_attr *attr,		\
			 struct uverbs_attr_bundle *attrs)		\
{									\
	return attrs ? user(cq, attr, attrs) : kern(cq, attr, NULL);	\
}									\
static_assert(1)
#define TANDEM_CREATE_CQ_OPS(kern, user)	.create_cq = kern##_tandem
#else
/*
 * v6.11: create_cq took the udata, which uverbs passes as
 * &attrs->driver_udata: the bundle is around it.
 */
#define TANDEM_CREATE_CQ_THUNK(kern, user)				\
static int kern##_tandem(struct ib_cq *cq,				\
			 const struct ib_cq_init_attr *attr,		\
			 struct ib_udata *udata)			\
{									\
	if (!udata)							\
		return kern(cq, attr, NULL);				\
	return user(cq, attr, container_of(udata,			\
					   struct uverbs_attr_bundle,	\
					   driver_udata));		\
}									\
static_assert(1)
#define TANDEM_CREATE_CQ_OPS(kern, user)	.create_cq = kern##_tandem
#endif

#ifdef TANDEM_HAVE_RESIZE_USER_CQ
#define TANDEM_RESIZE_CQ_THUNK(fn)	static_assert(1)
#define TANDEM_RESIZE_CQ_OP(fn)		.resize_user_cq = (fn)
#else
/* Before v7.1, one op resized kernel and user CQs, with a signed size. */
#define TANDEM_RESIZE_CQ_THUNK(fn)					\
static int fn##_tandem(struct ib_cq *cq, int cqe, struct ib_udata *udata) \
{									\
	return cqe < 0 ? -EINVAL : fn(cq, cqe, udata);			\
}									\
static_assert(1)
#define TANDEM_RESIZE_CQ_OP(fn)		.resize_cq = fn##_tandem
#endif

#ifdef TANDEM_HAVE_CREATE_USER_AH
#define TANDEM_CREATE_AH_OPS(fn)	.create_ah = (fn), .create_user_ah = (fn)
#else
/* Before v5.11 (676a80adba01), uverbs created user AHs with create_ah. */
#define TANDEM_CREATE_AH_OPS(fn)	.create_ah = (fn)
#endif

#ifdef TANDEM_HAVE_CREATE_QP_IBQP
#define TANDEM_QP_THUNKS(create, destroy, type, member)	static_assert(1)
#define TANDEM_QP_OPS(create, destroy, type, member)			\
	.create_qp = (create), .destroy_qp = (destroy),			\
	INIT_RDMA_OBJ_SIZE(ib_qp, type, member)
#else
/*
 * 514aee660df4 (v5.15): the core allocates QPs.  Before, the driver did,
 * and the core set the QP's fields after create_qp: allocate here and set
 * the ones a driver reads while it creates.
 */
#define TANDEM_QP_THUNKS(create, destroy, type, member)		\
static struct ib_qp *create##_tandem(struct ib_pd *pd,			\
				     struct ib_qp_init_attr *attr,	\
				     struct ib_udata *udata)		\
{									\
	struct type *obj = kzalloc(sizeof(*obj), GFP_KERNEL);			\
	int err;							\
									\
	if (!obj)							\
		return ERR_PTR(-ENOMEM);				\
	obj->member.device = pd->device;				\
	obj->member.pd = pd;						\
	obj->member.qp_type = attr->qp_type;				\
	err = create(&obj->member, attr, udata);			\
	if (err) {							\
		kfree(obj);						\
		return ERR_PTR(err);					\
	}								\
	return &obj->member;						\
}									\
static int destroy##_tandem(struct ib_qp *qp, struct ib_udata *udata)	\
{									\
	int err = destroy(qp, udata);					\
									\
	if (!err)							\
		kfree(container_of(qp, struct type, member));			\
	return err;							\
}									\
static_assert(1)
#define TANDEM_QP_OPS(create, destroy, type, member)			\
	.create_qp = create##_tandem, .destroy_qp = destroy##_tandem
#endif

#endif /* _TANDEM_COMPAT_RDMA_IB_VERBS_H */
