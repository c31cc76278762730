// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: a QP in the error state: every WQE it holds completes with
 * IB_WC_WR_FLUSH_ERR (IBTA 10.3.1), the one that failed with its own
 * status, and whatever is posted afterwards is flushed the same way.
 */
#include "re.h"
#include "re_uabi.h"

/**
 * re_qp_set_error - move @qp to the error state from the engine
 * @qp: the QP, under qp->lock
 *
 * The QP's work flushes the queues when it runs next (re_req_run()).
 */
void re_qp_set_error(struct re_qp *qp)
{
	qp->state = IB_QPS_ERR;
	qp->req.wait_rnr = false;
	timer_delete(&qp->req.rexmit_timer);
	timer_delete(&qp->req.rnr_timer);
	re_qp_run(qp);
}

/* Flush both queues of a QP in the error state, under qp->lock. */
void re_qp_flush(struct re_qp *qp)
{
	struct re_urecv_wqe *slot;
	struct ib_wc wc = {
		.status = IB_WC_WR_FLUSH_ERR,
		.opcode = IB_WC_RECV,
		.qp = &qp->ibqp,
		.port_num = 1,
	};

	re_req_fetch(qp);
	while (qp->sq.index != qp->sq_head) {
		struct re_swqe *w = re_swqe_at(qp, qp->sq.index);

		re_req_complete(qp, w, w->status ?: IB_WC_WR_FLUSH_ERR);
	}
	qp->sq_next = qp->sq_head;
	qp->req.offset = 0;

	/* An SRQ's WQE in progress is the QP's alone: flush it. */
	if (qp->ibqp.srq && qp->resp.rwqe_valid) {
		wc.wr_id = qp->resp.rwqe.wr_id;
		re_cq_post(to_re_cq(qp->ibqp.recv_cq), &wc, false);
	}
	re_resp_reset(qp);
	if (!qp->rq.buf)
		return;
	while (!re_queue_empty(&qp->rq)) {
		slot = re_queue_slot(&qp->rq, qp->rq.index);
		wc.wr_id = slot->wr_id;
		re_cq_post(to_re_cq(qp->ibqp.recv_cq), &wc, false);
		re_queue_consume(&qp->rq);
	}
}
