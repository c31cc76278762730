// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: the core allocates QPs (INIT_RDMA_OBJ_SIZE) and create_qp fills one.
 * tracks: v5.15, 514aee660df4 ("RDMA: Globally allocate and release QP memory")
 */
#include <rdma/ib_verbs.h>

struct probe_qp {
	struct ib_qp ibqp;
};

static int probe_create(struct ib_qp *qp, struct ib_qp_init_attr *attr,
			struct ib_udata *udata)
{
	return attr->cap.max_send_wr;
}

static const struct ib_device_ops probe_ops __maybe_unused = {
	.create_qp = probe_create,
	INIT_RDMA_OBJ_SIZE(ib_qp, probe_qp, ibqp),
};
