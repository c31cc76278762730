// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: posting work requests.
 *
 * A user QP posts in user space: rdma-core's rxe provider writes WQEs into
 * the mmap'd rings and rings the doorbell with a post_send carrying no
 * work request; receive WQEs need no doorbell at all.  A kernel ULP posts
 * here: its work requests are written into the same rings in the same
 * layout, so the engine has one way to read WQEs whoever wrote them.
 */
#include "re.h"
#include "re_uabi.h"

static void re_post_fill_send(struct re_qp *qp, const struct ib_send_wr *wr,
			      struct re_usend_wqe *u)
{
	u32 i, len = 0;

	memset(u, 0, sizeof(*u));
	u->wr.wr_id = wr->wr_id;
	u->wr.opcode = wr->opcode;
	u->wr.send_flags = wr->send_flags;
	if (wr->opcode == IB_WR_SEND_WITH_INV || wr->opcode == IB_WR_LOCAL_INV)
		u->wr.ex.invalidate_rkey = wr->ex.invalidate_rkey;
	else
		u->wr.ex.imm_data = wr->ex.imm_data;

	switch (wr->opcode) {
	case IB_WR_RDMA_WRITE:
	case IB_WR_RDMA_WRITE_WITH_IMM:
	case IB_WR_RDMA_READ:
		u->wr.wr.rdma.remote_addr = rdma_wr(wr)->remote_addr;
		u->wr.wr.rdma.rkey = rdma_wr(wr)->rkey;
		break;
	case IB_WR_ATOMIC_CMP_AND_SWP:
	case IB_WR_ATOMIC_FETCH_AND_ADD:
		u->wr.wr.atomic.remote_addr = atomic_wr(wr)->remote_addr;
		u->wr.wr.atomic.compare_add = atomic_wr(wr)->compare_add;
		u->wr.wr.atomic.swap = atomic_wr(wr)->swap;
		u->wr.wr.atomic.rkey = atomic_wr(wr)->rkey;
		break;
	case IB_WR_REG_MR:
		u->wr.wr.reg.mr = (uintptr_t)reg_wr(wr)->mr;
		u->wr.wr.reg.key = reg_wr(wr)->key;
		u->wr.wr.reg.access = reg_wr(wr)->access;
		break;
	default:
		if (!re_qp_connected(qp)) {
			u->wr.wr.ud.remote_qpn = ud_wr(wr)->remote_qpn;
			u->wr.wr.ud.remote_qkey = ud_wr(wr)->remote_qkey;
			u->wr.wr.ud.ah_num = to_re_ah(ud_wr(wr)->ah)->num;
		}
		break;
	}
	for (i = 0; i < wr->num_sge; i++)
		len += wr->sg_list[i].length;
	u->dma.length = len;
	u->dma.num_sge = wr->num_sge;
}

/* One kernel send WR into the ring's next slot. */
static int re_post_one_send(struct re_qp *qp, const struct ib_send_wr *wr)
{
	struct re_usend_wqe *slot;
	u32 i;

	if (re_queue_full_cons(&qp->sq))
		return -ENOMEM;
	if (wr->num_sge > qp->sq_max_sge)
		return -EINVAL;
	slot = re_queue_slot(&qp->sq, qp->sq.buf->producer_index);
	re_post_fill_send(qp, wr, slot);
	if (wr->send_flags & IB_SEND_INLINE) {
		u8 *p = slot->dma.inline_data;

		if (slot->dma.length > qp->sq_max_inline)
			return -EINVAL;
		for (i = 0; i < wr->num_sge; i++) {
			memcpy(p, (void *)(uintptr_t)wr->sg_list[i].addr,
			       wr->sg_list[i].length);
			p += wr->sg_list[i].length;
		}
	} else {
		memcpy(slot->dma.sge, wr->sg_list,
		       wr->num_sge * sizeof(struct ib_sge));
	}
	re_queue_advance_prod(&qp->sq);
	return 0;
}

int re_post_send(struct ib_qp *ibqp, const struct ib_send_wr *wr,
		 const struct ib_send_wr **bad_wr)
{
	struct re_qp *qp = to_re_qp(ibqp);
	unsigned long flags;
	int err = 0;

	/*
	 * A send queue takes work from RTS on, and flushes it in the error
	 * states (IBTA 10.8.3): before RTS the post fails, for user space's
	 * doorbell as for a kernel ULP.
	 */
	if (READ_ONCE(qp->state) < IB_QPS_RTS) {
		*bad_wr = wr;
		return -EINVAL;
	}
	/* User space's doorbell: the WQEs are in the ring already. */
	if (qp->user) {
		re_qp_run(qp);
		return 0;
	}
	spin_lock_irqsave(&qp->sq_lock, flags);
	for (; wr; wr = wr->next) {
		err = re_post_one_send(qp, wr);
		if (err) {
			*bad_wr = wr;
			break;
		}
	}
	spin_unlock_irqrestore(&qp->sq_lock, flags);
	re_qp_run(qp);
	return err;
}

int re_post_recv(struct ib_qp *ibqp, const struct ib_recv_wr *wr,
		 const struct ib_recv_wr **bad_wr)
{
	struct re_qp *qp = to_re_qp(ibqp);
	unsigned long flags;
	int err = 0;

	if (qp->user || !qp->rq.buf) {
		*bad_wr = wr;
		return -EOPNOTSUPP;	/* user space posts in its mapping */
	}
	spin_lock_irqsave(&qp->rq_lock, flags);
	for (; wr && !err; wr = wr->next) {
		err = re_queue_post_recv(&qp->rq, qp->rq_max_sge, wr);
		if (err)
			*bad_wr = wr;
	}
	spin_unlock_irqrestore(&qp->rq_lock, flags);
	/* ib_drain_rq() waits for this WQE's flush. */
	if (READ_ONCE(qp->state) == IB_QPS_ERR)
		re_qp_run(qp);
	/* A SEND waiting for this WQE gets it when its requester retries. */
	return err;
}
