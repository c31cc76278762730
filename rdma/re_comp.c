// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: the completer: what the responder sends back to an RC
 * requester (ACK, RNR NAK, NAK, READ responses, atomic ACKs; a FLUSH and
 * an ATOMIC WRITE get an empty READ response) completes
 * the send WQEs, in order, or sends the requester back (re_req_rewind()).
 *
 * Runs in the QP's work, under qp->lock.
 */
#include <rdma/ib_addr.h>

#include "re.h"

/* The RNR NAK timer's 5-bit code (IBTA table 45), in microseconds. */
static const u32 re_rnr_usec[32] = {
	655360, 10, 20, 30, 40, 60, 80, 120, 160, 240, 320, 480, 640, 960,
	1280, 1920, 2560, 3840, 5120, 7680, 10240, 15360, 20480, 30720,
	40960, 61440, 81920, 122880, 163840, 245760, 327680, 491520,
};

static struct re_port *re_qp_port(struct re_qp *qp)
{
	return to_re_dev(qp->ibqp.device)->port;
}

static struct re_swqe *re_comp_oldest(struct re_qp *qp)
{
	if (qp->sq.index == qp->sq_next && !qp->req.offset)
		return NULL;	/* nothing sent that is not completed */
	return re_swqe_at(qp, qp->sq.index);
}

/* The responder acknowledged up to @psn: progress, so the retries renew. */
static void re_comp_progress(struct re_qp *qp, u32 psn)
{
	if (re_psn_cmp(psn, qp->req.una) < 0)
		return;
	re_window_grow(qp, re_psn_sub(psn, qp->req.una) + 1);
	qp->req.una = re_psn_add(psn, 1);
	qp->req.gap_valid = false;
	qp->req.retries = qp->retry_cnt;
	qp->req.rnr_retries = qp->rnr_retry;
	if (re_comp_oldest(qp))
		re_req_arm_rexmit(qp);
	else
		timer_delete(&qp->req.rexmit_timer);
}

/**
 * re_comp_acked - complete the WQEs that every PSN up to @psn acknowledges
 * @qp: the QP
 * @psn: the last PSN acknowledged
 * @explicit: an ACK said so; else a later response implies it
 *
 * A READ or atomic covered by an explicit ACK without its response lost
 * that response: it is asked for again.
 *
 * Return: true when that sent the requester back.
 */
static bool re_comp_acked(struct re_qp *qp, u32 psn, bool explicit)
{
	struct re_swqe *w;

	while ((w = re_comp_oldest(qp)) && w->sent &&
	       re_psn_cmp(w->last_psn, psn) <= 0) {
		if (re_wr_has_response(w->opcode)) {
			if (explicit) {
				re_req_rewind(qp, w->first_psn);
				return true;
			}
			break;
		}
		re_req_complete(qp, w, IB_WC_SUCCESS);
	}
	/*
	 * A READ's or atomic's own responses complete it and say how far it
	 * got (re_comp_read_response()): @psn at or past its first PSN
	 * acknowledges only what precedes it.  Else a response after a lost
	 * one would move una past the loss.  (The oldest WQE was sent at
	 * least once: its first_psn holds.)
	 */
	if (w && re_wr_has_response(w->opcode) && re_psn_cmp(psn, w->first_psn) >= 0)
		psn = re_psn_add(w->first_psn, RE_PSN_MASK);
	re_comp_progress(qp, psn);
	return false;
}

/* Responses were lost: ask again from @psn on, once per gap. */
static void re_comp_gap(struct re_qp *qp, u32 psn)
{
	if (qp->req.gap_valid && qp->req.gap_psn == psn)
		return;
	qp->req.gap_valid = true;
	qp->req.gap_psn = psn;
	re_window_shrink(qp);
	re_req_rewind(qp, psn);
}

static void re_comp_fail(struct re_qp *qp, enum ib_wc_status status)
{
	struct re_swqe *w = re_comp_oldest(qp);

	if (w)
		w->status = status;
	re_qp_set_error(qp);
}

static void re_comp_rnr(struct re_qp *qp, const struct re_pkt *pkt)
{
	struct re_port *port = re_qp_port(qp);
	u32 usec = re_rnr_usec[pkt->syndrome & 0x1f];

	re_count(port, RE_CNT_RCV_RNR);
	if (re_comp_acked(qp, re_psn_add(pkt->psn, RE_PSN_MASK), true))
		return;
	if (qp->rnr_retry != 7) {
		if (!qp->req.rnr_retries) {
			re_count(port, RE_CNT_RNR_RETRY_EXCEEDED);
			re_comp_fail(qp, IB_WC_RNR_RETRY_EXC_ERR);
			return;
		}
		qp->req.rnr_retries--;
	}
	re_req_rewind(qp, pkt->psn);
	qp->req.wait_rnr = true;
	timer_delete(&qp->req.rexmit_timer);
	mod_timer(&qp->req.rnr_timer, jiffies + usecs_to_jiffies(usec) + 1);
}

static void re_comp_nak(struct re_qp *qp, const struct re_pkt *pkt)
{
	static const enum ib_wc_status status[] = {
		[RE_NAK_INVALID_REQUEST] = IB_WC_REM_INV_REQ_ERR,
		[RE_NAK_REMOTE_ACCESS] = IB_WC_REM_ACCESS_ERR,
		[RE_NAK_REMOTE_OP_ERROR] = IB_WC_REM_OP_ERR,
		[RE_NAK_INVALID_RD_REQ] = IB_WC_REM_INV_RD_REQ_ERR,
	};
	u8 code = pkt->syndrome & 0x1f;

	re_count(re_qp_port(qp), RE_CNT_NAK_RCVD);
	/* Everything before the NAKed PSN was received. */
	if (re_comp_acked(qp, re_psn_add(pkt->psn, RE_PSN_MASK), true))
		return;
	if (code == RE_NAK_PSN_SEQ_ERROR) {
		re_count(re_qp_port(qp), RE_CNT_RCV_SEQ_ERR);
		re_window_shrink(qp);
		re_req_rewind(qp, pkt->psn);
		return;
	}
	re_comp_fail(qp, code < ARRAY_SIZE(status) && status[code] ?
			 status[code] : IB_WC_REM_OP_ERR);
}

static void re_comp_ack(struct re_qp *qp, const struct re_pkt *pkt)
{
	switch (pkt->syndrome & RE_AETH_TYPE_MASK) {
	case RE_AETH_ACK:
		re_comp_acked(qp, pkt->psn, true);
		break;
	case RE_AETH_RNR_NAK:
		re_comp_rnr(qp, pkt);
		break;
	case RE_AETH_NAK:
		re_comp_nak(qp, pkt);
		break;
	default:
		/* Reserved syndromes: ignored (IBTA 9.7.5.2.2). */
		break;
	}
}

/*
 * The oldest READ or atomic, which a response with @psn answers or, with
 * a later @psn, shows to have lost its own responses; or NULL.
 */
static struct re_swqe *re_comp_response_wqe(struct re_qp *qp, u32 psn)
{
	struct re_swqe *w;

	/* A response acknowledges every request before it. */
	re_comp_acked(qp, re_psn_add(psn, RE_PSN_MASK), false);
	w = re_comp_oldest(qp);
	if (!w || !w->sent || !re_wr_has_response(w->opcode) ||
	    re_psn_cmp(psn, w->first_psn) < 0)
		return NULL;
	return w;
}

static void re_comp_read_response(struct re_qp *qp, const struct re_pkt *pkt,
				  const u8 *payload)
{
	struct re_swqe *w = re_comp_response_wqe(qp, pkt->psn);
	u32 mtu = ib_mtu_enum_to_int(qp->path_mtu);
	bool last = pkt->flags & RE_F_LAST;
	u32 expected, want;
	int err;

	if (!w)
		return;		/* a duplicate, or nothing asked for it */
	expected = re_swqe_response_psn(w, mtu);
	if (!re_is_read_answered(w->opcode) || pkt->psn != expected) {
		/* Responses were lost: ask for the rest again, now. */
		if (re_psn_cmp(pkt->psn, expected) > 0)
			re_comp_gap(qp, expected);
		return;
	}
	if (w->opcode != IB_WR_RDMA_READ) {
		/* FLUSH, ATOMIC WRITE: done, as one empty response says. */
		if (pkt->opcode != RE_OP_RC_READ_RESPONSE_ONLY ||
		    pkt->payload_len) {
			re_count(re_qp_port(qp), RE_CNT_MALFORMED);
			return;
		}
		re_comp_progress(qp, pkt->psn);
		re_req_complete(qp, w, IB_WC_SUCCESS);
		return;
	}
	/*
	 * A READ asked for again from its middle is answered as a new one,
	 * from a FIRST: the PSN and the length say where a response goes.
	 */
	want = min(mtu, w->length - w->done_len);
	if (last != (w->done_len + want == w->length) ||
	    pkt->payload_len != want) {
		re_count(re_qp_port(qp), RE_CNT_MALFORMED);
		return;
	}
	err = want ? re_sge_copy(qp, w->sge, w->num_sge, w->done_len,
				 (void *)payload, want, true) : 0;
	if (err == -EAGAIN) {
		/* A page of an ODP MR: ask again once it is in. */
		re_odp_rewind_after(qp, pkt->psn);
		return;
	}
	if (err) {
		re_comp_fail(qp, IB_WC_LOC_PROT_ERR);
		return;
	}
	w->done_len += want;
	re_comp_progress(qp, pkt->psn);
	if (last)
		re_req_complete(qp, w, IB_WC_SUCCESS);
}

static void re_comp_atomic_ack(struct re_qp *qp, const struct re_pkt *pkt)
{
	struct re_swqe *w = re_comp_response_wqe(qp, pkt->psn);
	u64 orig = pkt->orig;
	int err;

	if (!w)
		return;
	if (re_is_read_answered(w->opcode) || pkt->psn != w->first_psn) {
		re_comp_gap(qp, re_swqe_response_psn(w, ib_mtu_enum_to_int(qp->path_mtu)));
		return;
	}
	err = re_sge_copy(qp, w->sge, w->num_sge, 0, &orig, sizeof(orig), true);
	if (err == -EAGAIN) {
		/* The responder answers the atomic again from what it saved. */
		re_odp_rewind_after(qp, pkt->psn);
		return;
	}
	if (err) {
		re_comp_fail(qp, IB_WC_LOC_PROT_ERR);
		return;
	}
	re_comp_progress(qp, pkt->psn);
	re_req_complete(qp, w, IB_WC_SUCCESS);
}

/**
 * re_comp_packet - take one response of the responder
 * @qp: an RC QP in RTS (or later: a response still completes WQEs)
 * @pkt: the packet, parsed
 * @payload: its payload
 */
void re_comp_packet(struct re_qp *qp, const struct re_pkt *pkt,
		    const u8 *payload)
{
	if (qp->state != IB_QPS_RTS && qp->state != IB_QPS_SQD)
		return;
	/* A response to a PSN never sent: stale, or forged. */
	if (re_psn_cmp(pkt->psn, qp->req.sent_psn) >= 0)
		return;
	/* The responder holds more than a go-back is sending again. */
	if (re_psn_cmp(pkt->psn, qp->req.psn) > 0)
		re_req_skip(qp, pkt->psn);

	switch (pkt->opcode) {
	case RE_OP_RC_ACKNOWLEDGE:
		re_comp_ack(qp, pkt);
		break;
	case RE_OP_RC_ATOMIC_ACKNOWLEDGE:
		re_comp_atomic_ack(qp, pkt);
		break;
	default:
		re_comp_read_response(qp, pkt, payload);
		break;
	}
}
