// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: the responder: requests in, data placed, ACKs, NAKs, READ
 * responses and atomic ACKs out (IBTA 9.7.4 and 9.7.5), and FLUSH and
 * ATOMIC WRITE (the memory placement extensions).
 *
 * An RC request is taken only at the PSN expected next.  Earlier PSNs are
 * duplicates: they are acknowledged again, and a READ or atomic is
 * answered again (a READ by reading again, an atomic from the saved
 * result, a FLUSH or ATOMIC WRITE by its empty response alone).  A later
 * PSN means packets were lost: one sequence NAK asks the requester to go
 * back.  Everything a packet asks for is checked against
 * the MR, the QP's rights and the receive WQE before a byte moves; a
 * request that fails a check is NAKed and fails the QP (class B and C
 * errors), a missing receive WQE gets an RNR NAK.
 *
 * ACKs are coalesced: a batch of requests asking for one gets one, when
 * the QP's work has taken the batch (re_resp_flush_ack()).
 *
 * UC is never acknowledged: a lost packet loses the rest of its message,
 * and the next message starts with its first packet, whatever its PSN.
 *
 * Runs in the QP's work, under qp->lock.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/if_vlan.h>
#include <rdma/ib_addr.h>

#include "re.h"
#include "re_uabi.h"

#define RE_GRH_LEN	40	/* what a UD receive buffer starts with */

/* What processing a request came to. */
enum re_resp_result {
	RE_RESP_DONE,		/* taken: the PSN advances by one */
	RE_RESP_ANSWERED,	/* taken and answered (READ, atomic) */
	RE_RESP_RNR,		/* no receive WQE: RNR NAK, retry later */
	RE_RESP_NAK_INVALID,	/* class B/C errors: NAK, the QP fails */
	RE_RESP_NAK_ACCESS,
	RE_RESP_NAK_OP,
};

static struct re_port *re_qp_port(struct re_qp *qp)
{
	return to_re_dev(qp->ibqp.device)->port;
}

static int re_resp_send_aeth(struct re_qp *qp, u8 opcode, u8 syndrome,
			     u32 psn, u64 orig)
{
	struct re_pkt pkt = {
		.opcode = opcode,
		.pkey = RE_DEFAULT_PKEY,
		.dqpn = qp->dest_qpn,
		.psn = psn,
		.syndrome = syndrome,
		.msn = qp->resp.msn,
		.orig = orig,
	};
	struct sk_buff *skb;
	u8 *data;

	skb = re_pkt_new(qp, &qp->av, &pkt, 0, &data);
	if (!skb)
		return -EBUSY;
	return re_pkt_send(qp, skb);
}

/*
 * The coalesced ACK of the requests taken so far, if one was asked for.
 * A full TX queue keeps it pending: the QP's work runs again and retries.
 */
bool re_resp_flush_ack(struct re_qp *qp)
{
	if (!qp->resp.ack_pending)
		return false;
	qp->resp.ack_pending =
		re_resp_send_aeth(qp, RE_OP_RC_ACKNOWLEDGE,
				  RE_AETH_ACK | RE_AETH_ACK_UNLIMITED,
				  re_psn_add(qp->resp.psn, RE_PSN_MASK), 0) == -EBUSY;
	return qp->resp.ack_pending;
}

static void re_resp_nak(struct re_qp *qp, u8 syndrome, u32 psn)
{
	re_resp_flush_ack(qp);
	re_count(re_qp_port(qp), RE_CNT_NAK_SENT);
	re_resp_send_aeth(qp, RE_OP_RC_ACKNOWLEDGE, syndrome, psn, 0);
}

/**
 * re_resp_get_rwqe - copy the next receive WQE
 * @qp: the QP
 * @r: the copy
 *
 * A QP's own WQE stays in its ring until it completes; an SRQ's is taken
 * at once (other QPs take from it too).
 *
 * Return: 1, 0 when there is none, or -EINVAL when user space wrote a
 * WQE no provider writes.
 */
static int re_resp_get_rwqe(struct re_qp *qp, struct re_rwqe *r)
{
	if (qp->ibqp.srq)
		return re_srq_take(to_re_srq(qp->ibqp.srq), r);
	if (!qp->rq.buf)
		return 0;
	return re_queue_copy_recv(&qp->rq, qp->rq_max_sge, r);
}

/* Complete the receive WQE in progress (and take it from the QP's ring). */
static void re_resp_complete_recv(struct re_qp *qp, struct ib_wc *wc,
				  bool solicited)
{
	wc->qp = &qp->ibqp;
	wc->port_num = 1;
	re_cq_post(to_re_cq(qp->ibqp.recv_cq), wc, solicited);
	if (!qp->ibqp.srq)
		re_queue_consume(&qp->rq);
	qp->resp.rwqe_valid = false;
}

static void re_resp_fail_recv(struct re_qp *qp, enum ib_wc_status status)
{
	struct ib_wc wc = {
		.wr_id = qp->resp.rwqe.wr_id,
		.status = status,
		.opcode = IB_WC_RECV,
	};

	re_resp_complete_recv(qp, &wc, false);
}

/* A new receive WQE for the SEND (or WRITE with immediate) at hand. */
static enum re_resp_result re_resp_take_rwqe(struct re_qp *qp)
{
	int ret;

	if (qp->resp.rwqe_valid)
		return RE_RESP_DONE;
	ret = re_resp_get_rwqe(qp, &qp->resp.rwqe);
	if (!ret)
		return RE_RESP_RNR;
	if (ret < 0)
		return RE_RESP_NAK_OP;
	qp->resp.rwqe_valid = true;
	qp->resp.offset = 0;
	return RE_RESP_DONE;
}

static void re_resp_wc_ex(const struct re_pkt *pkt, struct ib_wc *wc)
{
	if (pkt->flags & RE_F_IMMDT) {
		wc->ex.imm_data = pkt->imm;
		wc->wc_flags |= IB_WC_WITH_IMM;
	} else if (pkt->flags & RE_F_IETH) {
		wc->ex.invalidate_rkey = pkt->inv_rkey;
		wc->wc_flags |= IB_WC_WITH_INVALIDATE;
	}
}

static enum re_resp_result re_resp_send(struct re_qp *qp,
					const struct re_pkt *pkt,
					const u8 *payload)
{
	struct re_resp_state *rs = &qp->resp;
	enum re_resp_result res = re_resp_take_rwqe(qp);
	struct ib_wc wc = {};
	int err;

	if (res != RE_RESP_DONE)
		return res;
	if (pkt->payload_len > rs->rwqe.length - rs->offset) {
		re_resp_fail_recv(qp, IB_WC_LOC_LEN_ERR);
		return RE_RESP_NAK_INVALID;
	}
	err = re_sge_copy(qp, rs->rwqe.sge, rs->rwqe.num_sge, rs->offset,
			  (void *)payload, pkt->payload_len, true);
	if (err == -EAGAIN)
		return RE_RESP_RNR;	/* a page of an ODP MR is on its way */
	if (err) {
		re_resp_fail_recv(qp, IB_WC_LOC_PROT_ERR);
		return RE_RESP_NAK_OP;
	}
	rs->offset += pkt->payload_len;
	if (!(pkt->flags & RE_F_LAST))
		return RE_RESP_DONE;
	/* IBTA 9.4.1.1.2: a SEND with invalidate whose key is not valid. */
	if ((pkt->flags & RE_F_IETH) &&
	    re_key_invalidate(qp, pkt->inv_rkey, true)) {
		re_resp_fail_recv(qp, IB_WC_REM_INV_REQ_ERR);
		return RE_RESP_NAK_INVALID;
	}

	wc.wr_id = rs->rwqe.wr_id;
	wc.opcode = IB_WC_RECV;
	wc.byte_len = rs->offset;
	wc.src_qp = qp->dest_qpn;
	re_resp_wc_ex(pkt, &wc);
	re_resp_complete_recv(qp, &wc, pkt->solicited);
	re_count(re_qp_port(qp), RE_CNT_RDMA_RECV);
	return RE_RESP_DONE;
}

static void re_resp_drop_mr(struct re_qp *qp)
{
	if (qp->resp.mr) {
		re_mr_put(qp->resp.mr);
		qp->resp.mr = NULL;
	}
}

static enum re_resp_result re_resp_write(struct re_qp *qp,
					 const struct re_pkt *pkt,
					 const u8 *payload)
{
	struct re_resp_state *rs = &qp->resp;
	bool last = pkt->flags & RE_F_LAST;
	struct ib_wc wc = {};
	int err;

	/* The receive WQE first: an RNR NAK must leave nothing half done. */
	if (last && (pkt->flags & RE_F_IMMDT)) {
		enum re_resp_result res = re_resp_take_rwqe(qp);

		if (res != RE_RESP_DONE)
			return res;
	}
	if (pkt->flags & RE_F_FIRST) {
		if (!(qp->access & IB_ACCESS_REMOTE_WRITE))
			return RE_RESP_NAK_ACCESS;
		re_resp_drop_mr(qp);
		if (pkt->dma_len) {
			rs->mr = re_rkey_get(qp, pkt->rkey,
					     IB_ACCESS_REMOTE_WRITE, pkt->va,
					     pkt->dma_len);
			if (!rs->mr)
				return RE_RESP_NAK_ACCESS;
		}
		rs->va = pkt->va;
		rs->left = pkt->dma_len;
		rs->write_len = pkt->dma_len;
	}
	if (pkt->payload_len > rs->left || (last && pkt->payload_len != rs->left))
		return RE_RESP_NAK_INVALID;
	err = pkt->payload_len ?
	      re_qp_mr_copy(qp, rs->mr, rs->va, (void *)payload,
			    pkt->payload_len, true) : 0;
	if (err == -EAGAIN)
		return RE_RESP_RNR;	/* a page of an ODP MR is on its way */
	if (err)
		return RE_RESP_NAK_ACCESS;
	rs->va += pkt->payload_len;
	rs->left -= pkt->payload_len;
	if (!last)
		return RE_RESP_DONE;

	re_resp_drop_mr(qp);
	if (pkt->flags & RE_F_IMMDT) {
		wc.wr_id = rs->rwqe.wr_id;
		wc.opcode = IB_WC_RECV_RDMA_WITH_IMM;
		wc.byte_len = rs->write_len;
		wc.src_qp = qp->dest_qpn;
		re_resp_wc_ex(pkt, &wc);
		re_resp_complete_recv(qp, &wc, pkt->solicited);
	}
	return RE_RESP_DONE;
}

static void re_resp_drop_read(struct re_qp *qp)
{
	if (qp->resp.rd_mr) {
		re_mr_put(qp->resp.rd_mr);
		qp->resp.rd_mr = NULL;
	}
	qp->resp.rd_active = false;
}

/**
 * re_resp_send_reads - send the responses of the READ in progress
 * @qp: the QP
 *
 * Responses go out as the TX queue takes them; a full queue leaves the
 * rest for the next run of the QP's work, which takes no new request
 * before they are out (responses and ACKs leave in PSN order).
 *
 * Return: true when responses are still waiting.
 */
bool re_resp_send_reads(struct re_qp *qp)
{
	struct re_resp_state *rs = &qp->resp;
	u32 mtu = ib_mtu_enum_to_int(qp->path_mtu);

	while (rs->rd_active) {
		u32 len = min(mtu, rs->rd_len);
		bool last = len == rs->rd_len;
		struct re_pkt r = {
			.pkey = RE_DEFAULT_PKEY,
			.dqpn = qp->dest_qpn,
			.psn = rs->rd_psn,
			.syndrome = RE_AETH_ACK | RE_AETH_ACK_UNLIMITED,
			.msn = rs->msn,
		};
		struct sk_buff *skb;
		u8 *data;
		int err;

		if (rs->rd_first)
			r.opcode = last ? RE_OP_RC_READ_RESPONSE_ONLY :
					  RE_OP_RC_READ_RESPONSE_FIRST;
		else
			r.opcode = last ? RE_OP_RC_READ_RESPONSE_LAST :
					  RE_OP_RC_READ_RESPONSE_MIDDLE;
		skb = re_pkt_new(qp, &qp->av, &r, len, &data);
		if (!skb)
			return true;
		err = len ? re_qp_mr_copy(qp, rs->rd_mr, rs->rd_va, data, len,
					  false) : 0;
		if (err) {
			kfree_skb(skb);
			if (err == -EAGAIN)
				return true;	/* the fault work runs it again */
			/* The process unmapped what the READ reads. */
			re_resp_drop_read(qp);
			re_resp_nak(qp, RE_AETH_NAK | RE_NAK_REMOTE_ACCESS,
				    r.psn);
			re_qp_set_error(qp);
			return false;
		}
		if (re_pkt_send(qp, skb) == -EBUSY)
			return true;
		rs->rd_first = false;
		rs->rd_psn = re_psn_add(rs->rd_psn, 1);
		rs->rd_va += len;
		rs->rd_len -= len;
		if (last)
			re_resp_drop_read(qp);
	}
	return false;
}

/*
 * Answer the request with @psn by READ responses of @len bytes of @mr
 * from @va on (none, @mr NULL: one empty response), which take the PSNs
 * from @psn on (re_resp_send_reads()).  They replace a READ still being
 * answered, which the requester asks for again if it still wants it.
 */
static void re_resp_answer(struct re_qp *qp, struct re_mr *mr, u32 psn,
			   u64 va, u32 len, bool dup)
{
	u32 mtu = ib_mtu_enum_to_int(qp->path_mtu);

	re_resp_flush_ack(qp);
	re_resp_drop_read(qp);
	if (!dup) {
		qp->resp.psn = re_psn_add(psn, max(1u, DIV_ROUND_UP(len, mtu)));
		qp->resp.msn++;
	}
	qp->resp.rd_mr = mr;
	qp->resp.rd_active = true;
	qp->resp.rd_psn = psn;
	qp->resp.rd_va = va;
	qp->resp.rd_len = len;
	qp->resp.rd_first = true;
	re_resp_send_reads(qp);
}

/* Take a READ request; a duplicate is answered the same way, reading again. */
static enum re_resp_result re_resp_read(struct re_qp *qp,
					const struct re_pkt *pkt, bool dup)
{
	struct re_mr *mr = NULL;

	if (!(qp->access & IB_ACCESS_REMOTE_READ))
		return RE_RESP_NAK_ACCESS;
	if (pkt->dma_len) {
		mr = re_rkey_get(qp, pkt->rkey, IB_ACCESS_REMOTE_READ, pkt->va,
				 pkt->dma_len);
		if (!mr)
			return RE_RESP_NAK_ACCESS;
	}
	re_resp_answer(qp, mr, pkt->psn, pkt->va, pkt->dma_len, dup);
	return RE_RESP_ANSWERED;
}

/*
 * FLUSH (IBTA's memory placement extensions): what was placed in the range,
 * or in the whole MR, becomes visible to every agent (global) or
 * persistent.  The responder placed every earlier request with the CPU
 * already, in PSN order: a write barrier before the answer is all global
 * visibility takes.  No MR is persistent memory: the device offers no
 * persistence, no MR has IB_ACCESS_FLUSH_PERSISTENT, and asking for it is
 * a remote access error.  At the MR level the RETH's address only has to
 * lie in the MR: its length is not a range.
 */
static enum re_resp_result re_resp_flush(struct re_qp *qp,
					 const struct re_pkt *pkt)
{
	u64 len = pkt->flush_level == RE_FLUSH_MR ? 0 : pkt->dma_len;
	int access = 0;
	struct re_mr *mr;

	if (!re_flush_feth_valid(pkt->flush_type, pkt->flush_level))
		return RE_RESP_NAK_INVALID;
	if (pkt->flush_type & RE_FLUSH_GLOBAL)
		access |= IB_ACCESS_FLUSH_GLOBAL;
	if (pkt->flush_type & RE_FLUSH_PERSISTENT)
		access |= IB_ACCESS_FLUSH_PERSISTENT;
	/* The QP's rights first, as for every other request. */
	if ((qp->access & access) != access)
		return RE_RESP_NAK_INVALID;
	mr = re_rkey_get(qp, pkt->rkey, access, pkt->va, len);
	if (!mr)
		return RE_RESP_NAK_ACCESS;
	re_mr_put(mr);
	wmb();	/* every placement before it, before the answer */
	re_resp_answer(qp, NULL, pkt->psn, 0, 0, false);
	return RE_RESP_ANSWERED;
}

static DEFINE_SPINLOCK(re_atomic_lock);	/* atomics of every QP, one at a time */

static enum re_resp_result re_resp_atomic(struct re_qp *qp,
					  const struct re_pkt *pkt)
{
	struct re_atomic_result *saved;
	struct re_mr *mr;
	u64 orig, val;
	int err;

	if (!(qp->access & IB_ACCESS_REMOTE_ATOMIC))
		return RE_RESP_NAK_ACCESS;
	if (pkt->va & (sizeof(u64) - 1))
		return RE_RESP_NAK_INVALID;
	mr = re_rkey_get(qp, pkt->rkey, IB_ACCESS_REMOTE_ATOMIC, pkt->va,
			 sizeof(u64));
	if (!mr)
		return RE_RESP_NAK_ACCESS;
	/*
	 * Atomic against every other atomic of this device's users; an
	 * aligned u64 never straddles a page, so each copy is one access.
	 */
	spin_lock(&re_atomic_lock);
	/* An ODP page comes in for writing at once: the atomic writes it. */
	err = re_mr_copy(mr, pkt->va, &orig, sizeof(orig), false);
	if (err == -EAGAIN)
		err = re_odp_fault_request(qp, mr, pkt->va, sizeof(orig), true);
	if (!err) {
		if (pkt->opcode == RE_OP_RC_COMPARE_SWAP)
			val = orig == pkt->compare ? pkt->swap_add : orig;
		else
			val = orig + pkt->swap_add;
		/* Fails only before it wrote: then nothing happened. */
		err = re_qp_mr_copy(qp, mr, pkt->va, &val, sizeof(val), true);
	}
	spin_unlock(&re_atomic_lock);
	re_mr_put(mr);
	if (err == -EAGAIN)
		return RE_RESP_RNR;	/* a page of an ODP MR is on its way */
	if (err)
		return RE_RESP_NAK_ACCESS;

	re_resp_flush_ack(qp);
	saved = &qp->resp.atomics[qp->resp.atomic_next++ % RE_MAX_RD_ATOMIC];
	saved->psn = pkt->psn;
	saved->orig = orig;
	saved->valid = true;
	qp->resp.psn = re_psn_add(pkt->psn, 1);
	qp->resp.msn++;
	re_resp_send_aeth(qp, RE_OP_RC_ATOMIC_ACKNOWLEDGE,
			  RE_AETH_ACK | RE_AETH_ACK_UNLIMITED, pkt->psn, orig);
	return RE_RESP_ANSWERED;
}

/*
 * ATOMIC WRITE: 8 bytes at an aligned address, placed at once, as atomics
 * are (one at a time); answered like a FLUSH, by one empty READ response.
 */
static enum re_resp_result re_resp_atomic_write(struct re_qp *qp,
						const struct re_pkt *pkt,
						const u8 *payload)
{
	struct re_mr *mr;
	u64 val;
	int err;

	if (!(qp->access & IB_ACCESS_REMOTE_WRITE))
		return RE_RESP_NAK_ACCESS;
	if (pkt->dma_len != RE_ATOMIC_WRITE_LEN ||
	    pkt->payload_len != RE_ATOMIC_WRITE_LEN ||
	    pkt->va & (RE_ATOMIC_WRITE_LEN - 1))
		return RE_RESP_NAK_INVALID;
	mr = re_rkey_get(qp, pkt->rkey, IB_ACCESS_REMOTE_WRITE, pkt->va,
			 RE_ATOMIC_WRITE_LEN);
	if (!mr)
		return RE_RESP_NAK_ACCESS;
	memcpy(&val, payload, sizeof(val));
	spin_lock(&re_atomic_lock);
	err = re_qp_mr_copy(qp, mr, pkt->va, &val, sizeof(val), true);
	spin_unlock(&re_atomic_lock);
	re_mr_put(mr);
	if (err == -EAGAIN)
		return RE_RESP_RNR;	/* a page of an ODP MR is on its way */
	if (err)
		return RE_RESP_NAK_ACCESS;
	re_resp_answer(qp, NULL, pkt->psn, 0, 0, false);
	return RE_RESP_ANSWERED;
}

/* The saved result of the atomic with @psn, if it is still kept. */
static const struct re_atomic_result *
re_resp_atomic_result(const struct re_qp *qp, u32 psn)
{
	u32 i;

	for (i = 0; i < RE_MAX_RD_ATOMIC; i++)
		if (qp->resp.atomics[i].valid && qp->resp.atomics[i].psn == psn)
			return &qp->resp.atomics[i];
	return NULL;
}

/* A request the responder took before: answer it again. */
static void re_resp_duplicate(struct re_qp *qp, const struct re_pkt *pkt)
{
	const struct re_atomic_result *saved;

	re_count(re_qp_port(qp), RE_CNT_DUP_REQ);
	if (pkt->flags & RE_F_READ) {
		re_resp_read(qp, pkt, true);
	} else if (pkt->flags & (RE_F_FLUSH | RE_F_ATOMIC_WRITE)) {
		/* Done once: only the answer goes again. */
		re_resp_answer(qp, NULL, pkt->psn, 0, 0, true);
	} else if (pkt->flags & RE_F_ATOMIC) {
		saved = re_resp_atomic_result(qp, pkt->psn);
		if (saved) {
			re_resp_flush_ack(qp);
			re_resp_send_aeth(qp, RE_OP_RC_ATOMIC_ACKNOWLEDGE,
					  RE_AETH_ACK | RE_AETH_ACK_UNLIMITED,
					  pkt->psn, saved->orig);
		}
	} else if (pkt->ack_req) {
		qp->resp.ack_pending = true;
	}
}

/* The RC rules: a message in progress goes on, else a new one begins. */
static bool re_resp_sequence_ok(const struct re_qp *qp, u32 flags)
{
	const struct re_op_desc *prev;

	if (qp->resp.opcode < 0)
		return flags & RE_F_FIRST;
	prev = re_op(qp->resp.opcode);
	if ((prev->flags & RE_F_LAST) || !(prev->flags & (RE_F_SEND | RE_F_WRITE)))
		return flags & RE_F_FIRST;
	/* FIRST or MIDDLE before: MIDDLE or LAST of the same operation. */
	return !(flags & RE_F_FIRST) &&
	       (flags & (RE_F_SEND | RE_F_WRITE)) ==
	       (prev->flags & (RE_F_SEND | RE_F_WRITE));
}

static void re_resp_rc(struct re_qp *qp, const struct re_pkt *pkt,
		       const u8 *payload)
{
	struct re_port *port = re_qp_port(qp);
	u32 mtu = ib_mtu_enum_to_int(qp->path_mtu);
	s32 cmp = re_psn_cmp(pkt->psn, qp->resp.psn);
	enum re_resp_result res;

	if (cmp > 0) {
		re_count(port, RE_CNT_OUT_OF_SEQ_REQ);
		if (!qp->resp.nak_sent) {
			qp->resp.nak_sent = true;
			re_resp_nak(qp, RE_AETH_NAK | RE_NAK_PSN_SEQ_ERROR,
				    qp->resp.psn);
		}
		return;
	}
	if (cmp < 0) {
		re_resp_duplicate(qp, pkt);
		return;
	}
	qp->resp.nak_sent = false;

	if (!re_resp_sequence_ok(qp, pkt->flags) || pkt->payload_len > mtu ||
	    (!(pkt->flags & RE_F_LAST) && pkt->payload_len != mtu))
		res = RE_RESP_NAK_INVALID;
	else if (pkt->flags & RE_F_SEND)
		res = re_resp_send(qp, pkt, payload);
	else if (pkt->flags & RE_F_WRITE)
		res = re_resp_write(qp, pkt, payload);
	else if (pkt->flags & RE_F_READ)
		res = re_resp_read(qp, pkt, false);
	else if (pkt->flags & RE_F_FLUSH)
		res = re_resp_flush(qp, pkt);
	else if (pkt->flags & RE_F_ATOMIC_WRITE)
		res = re_resp_atomic_write(qp, pkt, payload);
	else
		res = re_resp_atomic(qp, pkt);

	switch (res) {
	case RE_RESP_DONE:
		qp->resp.psn = re_psn_add(pkt->psn, 1);
		if (pkt->flags & RE_F_LAST)
			qp->resp.msn++;
		if (pkt->ack_req)
			qp->resp.ack_pending = true;
		fallthrough;
	case RE_RESP_ANSWERED:
		qp->resp.opcode = pkt->opcode;
		return;
	case RE_RESP_RNR:
		re_count(port, RE_CNT_SND_RNR);
		re_resp_flush_ack(qp);
		re_resp_send_aeth(qp, RE_OP_RC_ACKNOWLEDGE,
				  RE_AETH_RNR_NAK | (qp->min_rnr_timer & 0x1f),
				  pkt->psn, 0);
		return;
	case RE_RESP_NAK_INVALID:
		re_resp_nak(qp, RE_AETH_NAK | RE_NAK_INVALID_REQUEST, pkt->psn);
		break;
	case RE_RESP_NAK_ACCESS:
		re_resp_nak(qp, RE_AETH_NAK | RE_NAK_REMOTE_ACCESS, pkt->psn);
		break;
	case RE_RESP_NAK_OP:
		re_resp_nak(qp, RE_AETH_NAK | RE_NAK_REMOTE_OP_ERROR, pkt->psn);
		break;
	}
	re_qp_set_error(qp);
}

/* UC: forget the message in progress; its receive WQE takes the next. */
static void re_resp_uc_forget(struct re_qp *qp)
{
	re_resp_drop_mr(qp);
	qp->resp.offset = 0;
	qp->resp.opcode = -1;
}

/* UC: the message in progress is lost, and the rest of it dropped. */
static void re_resp_uc_drop(struct re_qp *qp)
{
	re_count(re_qp_port(qp), RE_CNT_DROPPED);
	re_resp_uc_forget(qp);
	qp->resp.uc_drop = true;
}

static void re_resp_uc(struct re_qp *qp, const struct re_pkt *pkt,
		       const u8 *payload)
{
	u32 mtu = ib_mtu_enum_to_int(qp->path_mtu);
	enum re_resp_result res;

	if (pkt->psn != qp->resp.psn || qp->resp.uc_drop) {
		if (pkt->psn != qp->resp.psn)
			re_count(re_qp_port(qp), RE_CNT_OUT_OF_SEQ_REQ);
		if (!(pkt->flags & RE_F_FIRST)) {
			re_resp_uc_drop(qp);
			return;
		}
		/* The first packet of a message: start over from it. */
		re_resp_uc_forget(qp);
		qp->resp.uc_drop = false;
	}
	if (!re_resp_sequence_ok(qp, pkt->flags) || pkt->payload_len > mtu ||
	    (!(pkt->flags & RE_F_LAST) && pkt->payload_len != mtu)) {
		re_resp_uc_drop(qp);
		return;
	}
	if (pkt->flags & RE_F_SEND)
		res = re_resp_send(qp, pkt, payload);
	else
		res = re_resp_write(qp, pkt, payload);
	if (res == RE_RESP_DONE) {
		qp->resp.psn = re_psn_add(pkt->psn, 1);
		qp->resp.opcode = pkt->opcode;
		return;
	}
	/*
	 * No receive WQE (UC has no RNR), a WRITE outside its MR, a bad
	 * length: the message is dropped.  A receive WQE that completed in
	 * error (a SEND too long for it) takes the QP to the error state.
	 */
	re_resp_uc_drop(qp);
	if (res != RE_RESP_RNR && !qp->resp.rwqe_valid && (pkt->flags & RE_F_SEND))
		re_qp_set_error(qp);
}

static void re_resp_ud(struct re_qp *qp, struct sk_buff *skb,
		       const struct re_pkt *pkt, const u8 *payload)
{
	struct re_port *port = re_qp_port(qp);
	struct re_rwqe *r = &qp->resp.rwqe;
	bool ipv6 = re_rx_cb(skb)->ipv6;
	u8 grh[RE_GRH_LEN] = {};
	struct ib_wc wc = {};
	int ret, err;

	if (pkt->qkey != qp->qkey) {
		re_count(port, RE_CNT_DROPPED);
		return;
	}
	ret = re_resp_get_rwqe(qp, r);
	if (ret <= 0) {
		re_count(port, RE_CNT_DROPPED);
		if (ret < 0)
			re_qp_set_error(qp);
		return;
	}
	qp->resp.rwqe_valid = true;
	if (RE_GRH_LEN + pkt->payload_len > r->length) {
		re_resp_fail_recv(qp, IB_WC_LOC_LEN_ERR);
		return;
	}
	/* IPv4: the header in the GRH's last 20 bytes, as rdma_rxe does. */
	if (ipv6)
		memcpy(grh, skb->data, sizeof(struct ipv6hdr));
	else
		memcpy(grh + RE_GRH_LEN - sizeof(struct iphdr), skb->data,
		       sizeof(struct iphdr));
	err = re_sge_copy(qp, r->sge, r->num_sge, 0, grh, RE_GRH_LEN, true);
	if (!err)
		err = re_sge_copy(qp, r->sge, r->num_sge, RE_GRH_LEN,
				  (void *)payload, pkt->payload_len, true);
	if (err == -EAGAIN) {
		/* A page of an ODP MR: the WQE takes a later datagram. */
		re_count(port, RE_CNT_DROPPED);
		return;
	}
	if (err) {
		re_resp_fail_recv(qp, IB_WC_LOC_PROT_ERR);
		return;
	}
	wc.wr_id = r->wr_id;
	wc.opcode = IB_WC_RECV;
	wc.byte_len = RE_GRH_LEN + pkt->payload_len;
	wc.src_qp = pkt->sqpn;
	wc.wc_flags = IB_WC_GRH | IB_WC_WITH_NETWORK_HDR_TYPE | IB_WC_WITH_SMAC;
	wc.network_hdr_type = ipv6 ? RDMA_NETWORK_IPV6 : RDMA_NETWORK_IPV4;
	ether_addr_copy(wc.smac, eth_hdr(skb)->h_source);
	if (skb_vlan_tag_present(skb)) {
		wc.vlan_id = skb_vlan_tag_get_id(skb);
		wc.wc_flags |= IB_WC_WITH_VLAN;
	}
	re_resp_wc_ex(pkt, &wc);
	re_resp_complete_recv(qp, &wc, pkt->solicited);
	re_count(port, RE_CNT_RDMA_RECV);
}

/**
 * re_resp_packet - take one request
 * @qp: the destination QP
 * @skb: its frame (skb->data at the IP header)
 * @pkt: the packet, parsed
 * @payload: its payload
 */
void re_resp_packet(struct re_qp *qp, struct sk_buff *skb,
		    const struct re_pkt *pkt, const u8 *payload)
{
	if (qp->state != IB_QPS_RTR && qp->state != IB_QPS_RTS &&
	    qp->state != IB_QPS_SQD)
		return;
	switch (qp->ibqp.qp_type) {
	case IB_QPT_RC:
		re_resp_rc(qp, pkt, payload);
		break;
	case IB_QPT_UC:
		re_resp_uc(qp, pkt, payload);
		break;
	default:
		re_resp_ud(qp, skb, pkt, payload);
		break;
	}
}

/* modify_qp to RTR (with the first PSN expected) or to RESET. */
void re_resp_reset(struct re_qp *qp)
{
	re_resp_drop_mr(qp);
	re_resp_drop_read(qp);
	qp->resp.psn = qp->rq_psn;
	qp->resp.msn = 0;
	qp->resp.nak_sent = false;
	qp->resp.ack_pending = false;
	qp->resp.opcode = -1;
	qp->resp.uc_drop = false;
	qp->resp.rwqe_valid = false;
	memset(qp->resp.atomics, 0, sizeof(qp->resp.atomics));
	qp->resp.atomic_next = 0;
}
