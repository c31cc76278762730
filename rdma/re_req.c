// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: the requester: send WQEs from the ring to the wire.
 *
 * WQEs are copied out of the send ring (which user space may rewrite at
 * any moment) and checked once, into qp->swqe; from then on the engine
 * works from its copy.  Three indices walk the ring: the consumer index
 * (the oldest WQE not completed), sq_next (the WQE that sends next) and
 * sq_head (how far the ring was copied).
 *
 * RC sends at most req.window PSNs beyond the oldest unacknowledged one
 * (re_window.c).  Recovery is go-back-N: a sequence NAK, a gap in READ
 * responses or the retransmit timer rewinds sq_next and the PSN to the
 * first packet the responder is missing (re_req_rewind()), and everything
 * from there is sent again.  Runs in the QP's work, under qp->lock.
 */
#include <linux/timer.h>
#include <rdma/ib_addr.h>

#include "re.h"
#include "re_uabi.h"

#define RE_REQ_BUDGET	64	/* packets per run; then the work requeues */

struct re_swqe *re_swqe_at(struct re_qp *qp, u32 index)
{
	return qp->swqe + (size_t)(index & qp->sq.mask) * qp->swqe_stride;
}

static u32 re_next(const struct re_queue *q, u32 index)
{
	return (index + 1) & q->mask;
}

static bool re_req_opcode_ok(const struct re_qp *qp, u32 opcode)
{
	if (!re_qp_connected(qp))
		return opcode == IB_WR_SEND || opcode == IB_WR_SEND_WITH_IMM;
	switch (opcode) {
	case IB_WR_SEND:
	case IB_WR_SEND_WITH_IMM:
	case IB_WR_RDMA_WRITE:
	case IB_WR_RDMA_WRITE_WITH_IMM:
		return true;
	case IB_WR_SEND_WITH_INV:
	case IB_WR_RDMA_READ:
	case IB_WR_ATOMIC_CMP_AND_SWP:
	case IB_WR_ATOMIC_FETCH_AND_ADD:
		/* UC has no opcode for them (IBTA 9.2, table 38). */
		return qp->ibqp.qp_type == IB_QPT_RC;
	case IB_WR_REG_MR:
		/* A user WQE cannot name a kernel MR: only ULPs post these. */
		return !qp->user;
	case IB_WR_BIND_MW:
		/* Kernel ULPs have no windows: they fast-register MRs. */
		return qp->user;
	case IB_WR_LOCAL_INV:
		return true;
	case IB_WR_FLUSH:
	case IB_WR_ATOMIC_WRITE:
		/* RC only (IBTA's memory placement extensions); ULPs post none. */
		return qp->user && qp->ibqp.qp_type == IB_QPT_RC;
	default:
		return false;
	}
}

/* Work the requester does itself, on no packet. */
static bool re_is_local(u32 opcode)
{
	return opcode == IB_WR_REG_MR || opcode == IB_WR_LOCAL_INV ||
	       opcode == IB_WR_BIND_MW;
}

/* The data of a WQE: inline bytes or SGEs, within the QP's limits. */
static int re_req_copy_data(struct re_qp *qp, const struct re_usend_wqe *slot,
			    const struct re_usend_wqe *u, struct re_swqe *w)
{
	u64 total = 0;
	u32 i;

	w->inline_data = w->send_flags & IB_SEND_INLINE;
	if (w->inline_data) {
		if (u->dma.length > qp->sq_max_inline ||
		    w->opcode == IB_WR_RDMA_READ || re_is_atomic(w->opcode))
			return -EINVAL;
		w->length = u->dma.length;
		memcpy(w->inline_buf, slot->dma.inline_data, w->length);
		return 0;
	}
	if (u->dma.num_sge > qp->sq_max_sge)
		return -EINVAL;
	w->num_sge = u->dma.num_sge;
	memcpy(w->sge, slot->dma.sge, w->num_sge * sizeof(struct ib_sge));
	for (i = 0; i < w->num_sge; i++)
		total += w->sge[i].length;
	if (total > RE_MAX_MSG_SIZE)
		return -EINVAL;
	w->length = total;
	return 0;
}

/*
 * An ATOMIC WRITE's 8 bytes: where the provider puts them, in the slot's
 * data (struct rxe_dma_info's atomic_wr), which must have room for them.
 */
static int re_req_copy_atomic_write(struct re_qp *qp,
				    const struct re_usend_wqe *slot,
				    const struct re_usend_wqe *u,
				    struct re_swqe *w)
{
	if (u->dma.length != RE_ATOMIC_WRITE_LEN ||
	    qp->sq_max_inline < RE_ATOMIC_WRITE_LEN)
		return -EINVAL;
	w->inline_data = true;
	w->length = RE_ATOMIC_WRITE_LEN;
	memcpy(w->inline_buf, slot->dma.inline_data, RE_ATOMIC_WRITE_LEN);
	return 0;
}

/* A FLUSH: one placement type or both, of a range or of the whole MR. */
static int re_req_copy_flush(const struct re_usend_wqe *u, struct re_swqe *w)
{
	u8 type = u->wr.wr.flush.type, level = u->wr.wr.flush.level;

	if (!re_flush_feth_valid(type, level))
		return -EINVAL;
	w->remote_addr = u->wr.wr.flush.remote_addr;
	w->rkey = u->wr.wr.flush.rkey;
	w->length = u->dma.length;	/* the provider's place for it */
	w->flush_type = type;
	w->flush_level = level;
	return 0;
}

/* Copy the ring's slot at @index into @w, and check it. */
static int re_req_copy_wqe(struct re_qp *qp, u32 index, struct re_swqe *w)
{
	const struct re_usend_wqe *slot = re_queue_slot(&qp->sq, index);
	struct re_dev *dev = to_re_dev(qp->ibqp.device);
	struct re_usend_wqe u;
	int err;

	memcpy(&u, slot, sizeof(u));
	memset(w, 0, sizeof(*w));
	w->wr_id = u.wr.wr_id;
	w->opcode = u.wr.opcode;
	w->send_flags = u.wr.send_flags;
	if (!re_req_opcode_ok(qp, w->opcode))
		return -EINVAL;
	if (w->opcode == IB_WR_FLUSH)
		return re_req_copy_flush(&u, w);
	if (w->opcode == IB_WR_ATOMIC_WRITE)
		err = re_req_copy_atomic_write(qp, slot, &u, w);
	else
		err = re_req_copy_data(qp, slot, &u, w);
	if (err)
		return err;

	switch (w->opcode) {
	case IB_WR_SEND_WITH_IMM:
	case IB_WR_RDMA_WRITE_WITH_IMM:
		w->imm = u.wr.ex.imm_data;
		break;
	case IB_WR_SEND_WITH_INV:
	case IB_WR_LOCAL_INV:
		w->inv_rkey = u.wr.ex.invalidate_rkey;
		break;
	}
	switch (w->opcode) {
	case IB_WR_REG_MR:
		w->reg_mr = to_re_mr((struct ib_mr *)(uintptr_t)u.wr.wr.reg.mr);
		w->reg_key = u.wr.wr.reg.key;
		w->reg_access = u.wr.wr.reg.access;
		break;
	case IB_WR_BIND_MW:
		w->bind.mw_rkey = u.wr.wr.mw.mw_rkey;
		w->bind.new_rkey = u.wr.wr.mw.rkey;
		w->bind.mr_lkey = u.wr.wr.mw.mr_lkey;
		w->bind.addr = u.wr.wr.mw.addr;
		w->bind.length = u.wr.wr.mw.length;
		w->bind.access = u.wr.wr.mw.access;
		break;
	case IB_WR_RDMA_WRITE:
	case IB_WR_RDMA_WRITE_WITH_IMM:
	case IB_WR_RDMA_READ:
	case IB_WR_ATOMIC_WRITE:
		w->remote_addr = u.wr.wr.rdma.remote_addr;
		w->rkey = u.wr.wr.rdma.rkey;
		break;
	case IB_WR_ATOMIC_CMP_AND_SWP:
	case IB_WR_ATOMIC_FETCH_AND_ADD:
		if (w->length != sizeof(u64))
			return -EINVAL;
		w->remote_addr = u.wr.wr.atomic.remote_addr;
		w->compare_add = u.wr.wr.atomic.compare_add;
		w->swap = u.wr.wr.atomic.swap;
		w->rkey = u.wr.wr.atomic.rkey;
		break;
	}
	if (re_qp_connected(qp))
		return 0;

	w->remote_qpn = u.wr.wr.ud.remote_qpn & RE_QPN_MASK;
	w->remote_qkey = u.wr.wr.ud.remote_qkey;
	if (u.wr.wr.ud.ah_num)
		return re_ah_lookup(dev, qp->ibqp.pd, u.wr.wr.ud.ah_num,
				    &w->av) ? 0 : -EINVAL;
	/* rdma-core before 39 sends the address vector itself. */
	if (!qp->user)
		return -EINVAL;
	return re_av_from_user(dev, &u.wr.wr.ud.av, &w->av);
}

/**
 * re_req_fetch - copy the WQEs user space (or re_post_send()) added
 * @qp: the QP
 *
 * A WQE that fails its checks is kept with an error status: when its
 * turn comes it fails the QP, and completes with that status.
 */
void re_req_fetch(struct re_qp *qp)
{
	/* Pairs with the producer's release: the slots are written. */
	u32 prod = smp_load_acquire(&qp->sq.buf->producer_index) & qp->sq.mask;

	while (qp->sq_head != prod) {
		struct re_swqe *w = re_swqe_at(qp, qp->sq_head);

		if (re_req_copy_wqe(qp, qp->sq_head, w))
			w->status = IB_WC_LOC_QP_OP_ERR;
		qp->sq_head = re_next(&qp->sq, qp->sq_head);
	}
}

static enum ib_wc_opcode re_wc_opcode(u32 wr_opcode)
{
	switch (wr_opcode) {
	case IB_WR_RDMA_WRITE:
	case IB_WR_RDMA_WRITE_WITH_IMM:
		return IB_WC_RDMA_WRITE;
	case IB_WR_RDMA_READ:
		return IB_WC_RDMA_READ;
	case IB_WR_ATOMIC_CMP_AND_SWP:
		return IB_WC_COMP_SWAP;
	case IB_WR_ATOMIC_FETCH_AND_ADD:
		return IB_WC_FETCH_ADD;
	case IB_WR_REG_MR:
		return IB_WC_REG_MR;
	case IB_WR_LOCAL_INV:
		return IB_WC_LOCAL_INV;
	case IB_WR_BIND_MW:
		return IB_WC_BIND_MW;
	case IB_WR_FLUSH:
		return IB_WC_FLUSH;
	case IB_WR_ATOMIC_WRITE:
		return IB_WC_ATOMIC_WRITE;
	default:
		return IB_WC_SEND;
	}
}

/**
 * re_req_complete - complete the oldest WQE of the send queue
 * @qp: the QP
 * @w: that WQE (at the ring's consumer index)
 * @status: how it ended
 *
 * Unsignaled WQEs that succeed leave no CQE; errors always do.  A SEND
 * that succeeds counts in rdma_sends (the peer's rdma_recvs counts it).
 */
void re_req_complete(struct re_qp *qp, struct re_swqe *w,
		     enum ib_wc_status status)
{
	if (status == IB_WC_SUCCESS && re_wc_opcode(w->opcode) == IB_WC_SEND)
		re_count(to_re_dev(qp->ibqp.device)->port, RE_CNT_RDMA_SEND);
	if (status != IB_WC_SUCCESS || qp->sig_all ||
	    (w->send_flags & IB_SEND_SIGNALED)) {
		struct ib_wc wc = {
			.wr_id = w->wr_id,
			.status = status,
			.opcode = re_wc_opcode(w->opcode),
			.byte_len = w->length,
			.qp = &qp->ibqp,
			.port_num = 1,
		};

		re_cq_post(to_re_cq(qp->ibqp.send_cq), &wc, false);
	}
	if (qp->sq_next == qp->sq.index)
		qp->sq_next = re_next(&qp->sq, qp->sq_next);
	re_queue_consume(&qp->sq);
}

static u32 re_req_mtu(struct re_qp *qp)
{
	struct net_device *ndev;

	if (re_qp_connected(qp))
		return ib_mtu_enum_to_int(qp->path_mtu);
	ndev = re_netdev(to_re_dev(qp->ibqp.device));
	return ib_mtu_enum_to_int(iboe_get_mtu(READ_ONCE(ndev->mtu)));
}

/* The PSNs the last packet of @w takes: a READ's responses, else 1. */
static u32 re_req_npsn(const struct re_swqe *w, u32 offset, u32 mtu)
{
	if (w->opcode != IB_WR_RDMA_READ)
		return 1;
	return max(1u, DIV_ROUND_UP(w->length - offset, mtu));
}

/*
 * The first response PSN a READ or atomic still waits for: a READ's
 * responses carry path-MTU-sized pieces from first_psn on.
 */
u32 re_swqe_response_psn(const struct re_swqe *w, u32 mtu)
{
	if (w->opcode != IB_WR_RDMA_READ)
		return w->first_psn;
	return re_psn_add(w->first_psn, w->done_len / mtu);
}

/* @w, at the sending position, has had its last packet: move past it. */
static void re_req_wqe_sent(struct re_qp *qp, struct re_swqe *w)
{
	w->last_psn = re_psn_add(qp->req.psn, RE_PSN_MASK);	/* psn - 1 */
	w->sent = true;
	qp->req.offset = 0;
	qp->sq_next = re_next(&qp->sq, qp->sq_next);
}

/**
 * re_req_rewind - go back to the packet with @psn, and send from there
 * @qp: an RC QP
 * @psn: the first PSN the responder is missing
 */
void re_req_rewind(struct re_qp *qp, u32 psn)
{
	u32 mtu = re_req_mtu(qp);
	struct re_swqe *w;
	u32 i;

	for (i = qp->sq.index; i != qp->sq_next; i = re_next(&qp->sq, i)) {
		w = re_swqe_at(qp, i);
		if (re_psn_cmp(psn, w->last_psn) <= 0)
			break;
	}
	/* The WQE at sq_next: partly sent, or not at all (nothing to do). */
	if (i == qp->sq_next && !qp->req.offset)
		return;
	w = re_swqe_at(qp, i);
	if (re_psn_cmp(psn, w->first_psn) < 0)
		psn = w->first_psn;
	qp->sq_next = i;
	for (; i != qp->sq_head; i = re_next(&qp->sq, i))
		re_swqe_at(qp, i)->sent = false;

	if (w->opcode == IB_WR_RDMA_READ) {
		/* Ask again for what has not arrived (a duplicate request). */
		qp->req.offset = w->done_len;
		psn = re_swqe_response_psn(w, mtu);
	} else if (re_is_atomic(w->opcode)) {
		qp->req.offset = 0;
		psn = w->first_psn;
	} else {
		qp->req.offset = re_psn_sub(psn, w->first_psn) * mtu;
	}
	qp->req.psn = psn;
	re_count(to_re_dev(qp->ibqp.device)->port, RE_CNT_RETRANSMITS);
}

/**
 * re_req_skip - the responder holds every PSN before @psn: send from there
 * @qp: an RC QP
 * @psn: a PSN sent before, past the sending position
 *
 * After a go-back the responder may hold what the requester is sending
 * again, and acknowledge PSNs past the sending position.  Ignored, such
 * ACKs stalled the QP: a go-back by the retransmit timer halves the
 * window, which then could end before the PSN every duplicate's ACK
 * named, and the retries ran out (ib_write_bw failed so on the mixed
 * wire profile).  The WQEs up to @psn are sent again only on paper, as
 * their first pass numbered them; a READ or atomic stops the skip (its
 * response is still wanted), as does a local WQE (nothing after it was
 * sent).
 */
void re_req_skip(struct re_qp *qp, u32 psn)
{
	u32 mtu = re_req_mtu(qp);

	while (qp->sq_next != qp->sq_head &&
	       re_psn_cmp(qp->req.psn, psn) < 0) {
		struct re_swqe *w = re_swqe_at(qp, qp->sq_next);
		u32 left;

		if (re_is_local(w->opcode) || re_wr_has_response(w->opcode) ||
		    w->status != IB_WC_SUCCESS)
			break;
		if (!qp->req.offset)
			w->first_psn = qp->req.psn;
		left = max(1u, DIV_ROUND_UP(w->length - qp->req.offset, mtu));
		if (re_psn_cmp(re_psn_add(qp->req.psn, left), psn) > 0) {
			/* @psn is inside @w: go on from that packet. */
			qp->req.offset += re_psn_sub(psn, qp->req.psn) * mtu;
			qp->req.psn = psn;
			break;
		}
		qp->req.psn = re_psn_add(qp->req.psn, left);
		re_req_wqe_sent(qp, w);
	}
}

void re_req_arm_rexmit(struct re_qp *qp)
{
	u64 ns;

	if (!qp->timeout || qp->ibqp.qp_type != IB_QPT_RC)
		return;		/* 0: wait for ever (IBTA 9.7.6.1.3) */
	ns = 4096ULL << min_t(u8, qp->timeout, 31);
	mod_timer(&qp->req.rexmit_timer, jiffies + nsecs_to_jiffies64(ns) + 1);
}

static void re_req_rexmit_expired(struct timer_list *t)
{
	struct re_qp *qp = timer_container_of(qp, t, req.rexmit_timer);

	WRITE_ONCE(qp->req.timed_out, true);
	re_qp_run(qp);
}

static void re_req_rnr_expired(struct timer_list *t)
{
	struct re_qp *qp = timer_container_of(qp, t, req.rnr_timer);

	WRITE_ONCE(qp->req.wait_rnr, false);
	re_qp_run(qp);
}

/* No ACK for the QP's timeout: retry from the oldest unacknowledged PSN. */
static void re_req_timeout(struct re_qp *qp)
{
	struct re_port *port = to_re_dev(qp->ibqp.device)->port;

	qp->req.timed_out = false;
	if (qp->sq.index == qp->sq_next && !qp->req.offset)
		return;		/* everything was acknowledged meanwhile */
	if (!qp->req.retries) {
		re_count(port, RE_CNT_RETRY_EXCEEDED);
		re_swqe_at(qp, qp->sq.index)->status = IB_WC_RETRY_EXC_ERR;
		re_qp_set_error(qp);
		return;
	}
	qp->req.retries--;
	re_count(port, RE_CNT_COMP_RETRY);
	re_window_shrink(qp);
	re_req_rewind(qp, qp->req.una);
	re_req_arm_rexmit(qp);
}

static u8 re_req_opcode(const struct re_swqe *w, bool first, bool last,
			bool ud)
{
	bool imm = w->opcode == IB_WR_SEND_WITH_IMM ||
		   w->opcode == IB_WR_RDMA_WRITE_WITH_IMM;
	bool inv = w->opcode == IB_WR_SEND_WITH_INV;

	if (ud)
		return imm ? RE_OP_UD_SEND_ONLY_IMM : RE_OP_UD_SEND_ONLY;
	switch (w->opcode) {
	case IB_WR_RDMA_READ:
		return RE_OP_RC_READ_REQUEST;
	case IB_WR_ATOMIC_CMP_AND_SWP:
		return RE_OP_RC_COMPARE_SWAP;
	case IB_WR_ATOMIC_FETCH_AND_ADD:
		return RE_OP_RC_FETCH_ADD;
	case IB_WR_FLUSH:
		return RE_OP_RC_FLUSH;
	case IB_WR_ATOMIC_WRITE:
		return RE_OP_RC_ATOMIC_WRITE;
	case IB_WR_RDMA_WRITE:
	case IB_WR_RDMA_WRITE_WITH_IMM:
		if (first && last)
			return imm ? RE_OP_RC_WRITE_ONLY_IMM : RE_OP_RC_WRITE_ONLY;
		if (first)
			return RE_OP_RC_WRITE_FIRST;
		if (last)
			return imm ? RE_OP_RC_WRITE_LAST_IMM : RE_OP_RC_WRITE_LAST;
		return RE_OP_RC_WRITE_MIDDLE;
	default:
		if (first && last)
			return imm ? RE_OP_RC_SEND_ONLY_IMM :
			       inv ? RE_OP_RC_SEND_ONLY_INV : RE_OP_RC_SEND_ONLY;
		if (first)
			return RE_OP_RC_SEND_FIRST;
		if (last)
			return imm ? RE_OP_RC_SEND_LAST_IMM :
			       inv ? RE_OP_RC_SEND_LAST_INV : RE_OP_RC_SEND_LAST;
		return RE_OP_RC_SEND_MIDDLE;
	}
}

/* The headers of the next packet of @w; returns its payload length. */
static u32 re_req_headers(struct re_qp *qp, const struct re_swqe *w, u32 mtu,
			  struct re_pkt *pkt, bool *last)
{
	bool ud = !re_qp_connected(qp);
	u32 offset = qp->req.offset;
	bool first = !offset;
	u32 payload = 0;

	if (w->opcode == IB_WR_RDMA_READ || w->opcode == IB_WR_FLUSH ||
	    re_is_atomic(w->opcode)) {
		*last = true;
	} else {
		payload = min(mtu, w->length - offset);
		*last = offset + payload == w->length;
	}
	memset(pkt, 0, sizeof(*pkt));
	pkt->opcode = re_req_opcode(w, first, *last, ud);
	if (qp->ibqp.qp_type == IB_QPT_UC)
		pkt->opcode |= RE_OP_UC;
	pkt->solicited = *last && (w->send_flags & IB_SEND_SOLICITED);
	pkt->pkey = RE_DEFAULT_PKEY;
	pkt->psn = qp->req.psn;
	pkt->imm = w->imm;
	pkt->inv_rkey = w->inv_rkey;
	if (ud) {
		pkt->dqpn = w->remote_qpn;
		/* The high bit: use the QP's own Q_Key (IBTA 10.2.5). */
		pkt->qkey = (w->remote_qkey & BIT(31)) ? qp->qkey : w->remote_qkey;
		pkt->sqpn = qp->ibqp.qp_num;
		return payload;
	}
	pkt->dqpn = qp->dest_qpn;
	/* UC is never acknowledged. */
	pkt->ack_req = qp->ibqp.qp_type == IB_QPT_RC &&
		       re_window_wants_ack(qp, pkt->psn, *last);
	switch (w->opcode) {
	case IB_WR_RDMA_READ:
		pkt->va = w->remote_addr + offset;
		pkt->rkey = w->rkey;
		pkt->dma_len = w->length - offset;
		break;
	case IB_WR_ATOMIC_CMP_AND_SWP:
		pkt->va = w->remote_addr;
		pkt->rkey = w->rkey;
		pkt->swap_add = w->swap;
		pkt->compare = w->compare_add;
		break;
	case IB_WR_ATOMIC_FETCH_AND_ADD:
		pkt->va = w->remote_addr;
		pkt->rkey = w->rkey;
		pkt->swap_add = w->compare_add;
		break;
	case IB_WR_FLUSH:
		pkt->flush_type = w->flush_type;
		pkt->flush_level = w->flush_level;
		fallthrough;
	case IB_WR_ATOMIC_WRITE:
		pkt->va = w->remote_addr;
		pkt->rkey = w->rkey;
		pkt->dma_len = w->length;
		break;
	case IB_WR_RDMA_WRITE:
	case IB_WR_RDMA_WRITE_WITH_IMM:
		if (first) {
			pkt->va = w->remote_addr;
			pkt->rkey = w->rkey;
			pkt->dma_len = w->length;
		}
		break;
	}
	return payload;
}

/*
 * Send the next packet of @w.  Return: 0; -EBUSY when the TX queue is
 * full (nothing advanced: try again later); -EAGAIN when a page of an ODP
 * MR is being faulted in (nothing advanced either); or a local error for
 * @w.
 */
static int re_req_send_one(struct re_qp *qp, struct re_swqe *w)
{
	bool rc = qp->ibqp.qp_type == IB_QPT_RC;
	bool connected = re_qp_connected(qp);
	u32 mtu = re_req_mtu(qp);
	struct sk_buff *skb;
	struct re_pkt pkt;
	u32 payload, npsn;
	bool last;
	u8 *data;
	int err;

	if (!connected && w->length > mtu)
		return -EMSGSIZE;
	payload = re_req_headers(qp, w, mtu, &pkt, &last);
	npsn = last ? re_req_npsn(w, qp->req.offset, mtu) : 1;
	skb = re_pkt_new(qp, connected ? &qp->av : &w->av, &pkt, payload, &data);
	if (!skb)
		return -EBUSY;
	err = 0;
	if (w->inline_data)
		memcpy(data, w->inline_buf + qp->req.offset, payload);
	else if (payload)
		err = re_sge_copy(qp, w->sge, w->num_sge, qp->req.offset, data,
				  payload, false);
	if (err) {
		kfree_skb(skb);
		return err;
	}
	if (!qp->req.offset)
		w->first_psn = pkt.psn;
	err = re_pkt_send(qp, skb);
	if (err == -EBUSY)
		return err;
	/* Else sent, or lost with the link: RC retransmits it later. */
	qp->req.psn = re_psn_add(pkt.psn, npsn);
	if (re_psn_cmp(qp->req.psn, qp->req.sent_psn) > 0)
		qp->req.sent_psn = qp->req.psn;
	/*
	 * Armed by any packet, not only a message's last: a window smaller
	 * than the message stops sending in its middle, and should every
	 * answer to that part be lost, nothing else would go back.
	 */
	if (rc && !timer_pending(&qp->req.rexmit_timer))
		re_req_arm_rexmit(qp);
	if (!last) {
		qp->req.offset += payload;
		return 0;
	}
	re_req_wqe_sent(qp, w);
	if (!rc)	/* UC and UD: done once sent */
		re_req_complete(qp, w, IB_WC_SUCCESS);
	return 0;
}

/*
 * Register or invalidate an MR, or bind a memory window, for @w at the
 * sending position.  It runs once everything posted before it completed,
 * as if fenced: a LOCAL_INV never pulls an MR from under a READ still in
 * flight, and the WQE completes at once, in order.
 */
static void re_req_local(struct re_qp *qp, struct re_swqe *w)
{
	enum ib_wc_status status = IB_WC_LOC_PROT_ERR;
	int err;

	switch (w->opcode) {
	case IB_WR_REG_MR:
		err = re_mr_fast_reg(qp, w->reg_mr, w->reg_key, w->reg_access);
		break;
	case IB_WR_BIND_MW:
		err = re_mw_bind(qp, &w->bind);
		status = IB_WC_MW_BIND_ERR;
		break;
	default:
		err = re_key_invalidate(qp, w->inv_rkey, false);
		break;
	}
	if (err) {
		w->status = status;
		re_qp_set_error(qp);
		return;
	}
	w->sent = true;
	re_req_complete(qp, w, IB_WC_SUCCESS);
}

/**
 * re_req_run - send what the send queue holds, as far as the window goes
 * @qp: the QP, under qp->lock
 *
 * Return: true when there is more to send right away (run again).
 */
bool re_req_run(struct re_qp *qp)
{
	bool rc = qp->ibqp.qp_type == IB_QPT_RC;
	int budget = RE_REQ_BUDGET;
	int err;

	if (qp->state == IB_QPS_ERR) {
		re_qp_flush(qp);
		return false;
	}
	if (qp->state != IB_QPS_RTS)
		return false;
	if (READ_ONCE(qp->req.timed_out))
		re_req_timeout(qp);
	re_req_fetch(qp);
	while (qp->sq_next != qp->sq_head && qp->state == IB_QPS_RTS) {
		struct re_swqe *w = re_swqe_at(qp, qp->sq_next);

		if (READ_ONCE(qp->req.wait_rnr))
			return false;
		if (re_is_local(w->opcode) && w->status == IB_WC_SUCCESS) {
			if (qp->sq.index != qp->sq_next)
				return false;	/* a completion runs it */
			re_req_local(qp, w);
			continue;
		}
		if (rc && re_psn_cmp(qp->req.psn,
				     re_psn_add(qp->req.una,
						re_window_for(qp, w))) >= 0)
			return false;	/* an ACK runs the work again */
		if (!budget--)
			return true;
		if (w->status != IB_WC_SUCCESS) {
			re_qp_set_error(qp);
			break;
		}
		err = re_req_send_one(qp, w);
		if (err == -EBUSY)
			return true;
		if (err == -EAGAIN)
			return false;	/* the ODP fault work runs it again */
		if (err) {
			w->status = err == -EMSGSIZE ? IB_WC_LOC_LEN_ERR :
						       IB_WC_LOC_PROT_ERR;
			re_qp_set_error(qp);
		}
	}
	if (qp->state == IB_QPS_ERR)
		re_qp_flush(qp);
	return false;
}

void re_req_init_qp(struct re_qp *qp)
{
	timer_setup(&qp->req.rexmit_timer, re_req_rexmit_expired, 0);
	timer_setup(&qp->req.rnr_timer, re_req_rnr_expired, 0);
}

/* destroy_qp: qp->dying is set, so nothing arms the timers again. */
void re_req_stop_qp(struct re_qp *qp)
{
	timer_delete_sync(&qp->req.rexmit_timer);
	timer_delete_sync(&qp->req.rnr_timer);
}
