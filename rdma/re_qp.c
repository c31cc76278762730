// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: queue pairs: creation with their rings, the state machine of
 * modify_qp (IBTA 10.3, checked by the core's ib_modify_qp_is_ok()), the
 * attributes the engine works from, query and destroy.
 *
 * A user QP's send and receive rings are shared with rdma-core's rxe
 * provider (re_queue.h); the engine copies each WQE out before it looks at
 * it (re_uabi.h).  The attributes live here, under qp->lock, and only
 * modify_qp changes them.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <rdma/ib_verbs.h>
#include <rdma/uverbs_ioctl.h>

#include "re.h"
#include "re_uabi.h"

#define RE_QPN_FIRST		0x10	/* below: QP0, QP1 and reserved */
#define RE_QPN_LAST		0xffffff
/* What modify_qp understands: no alternate path, no resize. */
#define RE_QP_ATTR_MASK		(IB_QP_STATE | IB_QP_CUR_STATE |		\
				 IB_QP_EN_SQD_ASYNC_NOTIFY | IB_QP_ACCESS_FLAGS |\
				 IB_QP_PKEY_INDEX | IB_QP_PORT | IB_QP_QKEY |	\
				 IB_QP_AV | IB_QP_PATH_MTU | IB_QP_TIMEOUT |	\
				 IB_QP_RETRY_CNT | IB_QP_RNR_RETRY |		\
				 IB_QP_RQ_PSN | IB_QP_MAX_QP_RD_ATOMIC |	\
				 IB_QP_MIN_RNR_TIMER | IB_QP_SQ_PSN |		\
				 IB_QP_MAX_DEST_RD_ATOMIC | IB_QP_DEST_QPN)

static int re_qp_check_caps(const struct ib_qp_cap *cap, bool has_srq)
{
	if (!cap->max_send_wr || cap->max_send_wr > RE_MAX_QP_WR ||
	    cap->max_send_sge > RE_MAX_SGE ||
	    cap->max_inline_data > RE_MAX_INLINE)
		return -EINVAL;
	if (!has_srq && (!cap->max_recv_wr || cap->max_recv_wr > RE_MAX_QP_WR ||
			 cap->max_recv_sge > RE_MAX_SGE))
		return -EINVAL;
	return 0;
}

static int re_qp_alloc_qpn(struct re_dev *dev, struct re_qp *qp,
			   enum ib_qp_type type)
{
	u32 qpn;
	int err;

	if (type == IB_QPT_GSI) {
		qpn = 1;
		err = xa_insert(&dev->port->qps, qpn, qp, GFP_KERNEL);
	} else {
		err = xa_alloc_cyclic(&dev->port->qps, &qpn, qp,
				      XA_LIMIT(RE_QPN_FIRST, RE_QPN_LAST),
				      &dev->port->next_qpn, GFP_KERNEL);
		err = err < 0 ? err : 0;
	}
	if (err)
		return err;
	qp->ibqp.qp_num = qpn;
	re_linger_forget(dev->port, qpn);
	return 0;
}

/* The rings, sized for the capabilities, which they may raise. */
static int re_qp_init_rings(struct re_qp *qp, struct ib_qp_init_attr *init,
			    struct ib_ucontext *uctx)
{
	struct ib_qp_cap *cap = &init->cap;
	size_t data;
	int err;

	/* A send WQE carries its SGEs or its inline data, in one slot. */
	data = max_t(size_t, cap->max_send_sge * sizeof(struct re_usge),
		     cap->max_inline_data);
	err = re_queue_init(&qp->sq, uctx, &cap->max_send_wr,
			    sizeof(struct re_usend_wqe) + data);
	if (err)
		return err;
	qp->sq_max_sge = data / sizeof(struct re_usge);
	qp->sq_max_inline = data;
	cap->max_send_sge = qp->sq_max_sge;
	cap->max_inline_data = qp->sq_max_inline;
	if (init->srq)
		return 0;

	err = re_queue_init(&qp->rq, uctx, &cap->max_recv_wr,
			    sizeof(struct re_urecv_wqe) +
			    cap->max_recv_sge * sizeof(struct re_usge));
	if (err) {
		re_queue_cleanup(&qp->sq);
		return err;
	}
	qp->rq_max_sge = cap->max_recv_sge;
	return 0;
}

static void re_qp_cleanup_rings(struct re_qp *qp)
{
	kvfree(qp->swqe);
	re_queue_cleanup(&qp->sq);
	if (qp->rq.buf)
		re_queue_cleanup(&qp->rq);
}

/* The engine's copy of each send WQE (re_req.c), one per ring slot. */
static int re_qp_init_swqe(struct re_qp *qp)
{
	size_t data = max_t(size_t, qp->sq_max_sge * sizeof(struct ib_sge),
			    qp->sq_max_inline);

	qp->swqe_stride = ALIGN(sizeof(struct re_swqe) + data, 8);
	qp->swqe = kvcalloc(qp->sq.mask + 1, qp->swqe_stride, GFP_KERNEL);
	return qp->swqe ? 0 : -ENOMEM;
}

int re_create_qp(struct ib_qp *ibqp, struct ib_qp_init_attr *init,
		 struct ib_udata *udata)
{
	struct re_dev *dev = to_re_dev(ibqp->device);
	struct re_ucontext *uctx = rdma_udata_to_drv_context(udata, struct re_ucontext, ibuc);
	struct re_qp *qp = to_re_qp(ibqp);
	int err;

	switch (init->qp_type) {
	case IB_QPT_RC:
	case IB_QPT_UC:
	case IB_QPT_UD:
	case IB_QPT_GSI:
		break;
	default:
		return -EOPNOTSUPP;
	}
	if (init->create_flags)
		return -EOPNOTSUPP;
	if (udata && (udata->inlen || udata->outlen < sizeof(struct re_create_qp_resp)))
		return -EINVAL;
	err = re_qp_check_caps(&init->cap, init->srq);
	if (err)
		return err;
	err = re_obj_hold(dev, RE_OBJ_QP);
	if (err)
		return err;

	mutex_init(&qp->modify_lock);
	spin_lock_init(&qp->lock);
	qp->state = IB_QPS_RESET;
	qp->sig_all = init->sq_sig_type == IB_SIGNAL_ALL_WR;
	qp->user = !!udata;
	spin_lock_init(&qp->sq_lock);
	spin_lock_init(&qp->rq_lock);
	qp->resp.opcode = -1;
	re_task_init_qp(qp);
	re_req_init_qp(qp);
	err = re_qp_init_rings(qp, init, udata ? &uctx->ibuc : NULL);
	if (err)
		goto err_release;
	err = re_qp_init_swqe(qp);
	if (err)
		goto err_rings;
	/* From here on, the RX path may find the QP. */
	err = re_qp_alloc_qpn(dev, qp, init->qp_type);
	if (err)
		goto err_rings;
	if (udata) {
		struct re_create_qp_resp resp = {};

		if (qp->rq.buf)
			re_queue_mminfo(&qp->rq, &resp.rq_mi);
		re_queue_mminfo(&qp->sq, &resp.sq_mi);
		err = ib_copy_to_udata(udata, &resp, sizeof(resp));
		if (err)
			goto err_qpn;
	}
	return 0;

err_qpn:
	xa_erase(&dev->port->qps, ibqp->qp_num);
	re_task_stop_qp(qp);
err_rings:
	re_qp_cleanup_rings(qp);
err_release:
	re_obj_release(dev, RE_OBJ_QP);
	return err;
}

int re_destroy_qp(struct ib_qp *ibqp, struct ib_udata *udata)
{
	struct re_dev *dev = to_re_dev(ibqp->device);
	struct re_qp *qp = to_re_qp(ibqp);

	xa_erase(&dev->port->qps, ibqp->qp_num);
	re_task_stop_qp(qp);
	re_mw_unbind_qp(qp);
	re_linger_add(dev->port, qp);
	re_resp_reset(qp);
	re_qp_cleanup_rings(qp);
	re_obj_release(dev, RE_OBJ_QP);
	return 0;
}

/* The engine's side of a state change by modify_qp, under qp->lock. */
static void re_qp_enter_state(struct re_qp *qp, enum ib_qp_state next)
{
	enum ib_qp_state prev = qp->state;

	qp->state = next;
	switch (next) {
	case IB_QPS_RESET:
		timer_delete(&qp->req.rexmit_timer);
		timer_delete(&qp->req.rnr_timer);
		skb_queue_purge(&qp->rxq);
		qp->sq_head = qp->sq.index;
		qp->sq_next = qp->sq.index;
		qp->req.offset = 0;
		qp->req.timed_out = false;
		qp->req.wait_rnr = false;
		re_resp_reset(qp);
		break;
	case IB_QPS_RTR:
		if (prev != IB_QPS_RTR)
			re_resp_reset(qp);
		break;
	case IB_QPS_RTS:
		if (prev == IB_QPS_RTR) {
			qp->req.psn = qp->sq_psn;
			qp->req.sent_psn = qp->sq_psn;
			qp->req.una = qp->sq_psn;
			re_window_reset(qp);
		}
		qp->req.retries = qp->retry_cnt;
		qp->req.rnr_retries = qp->rnr_retry;
		re_qp_run(qp);	/* WQEs posted before RTS wait for it */
		break;
	case IB_QPS_ERR:
		re_qp_set_error(qp);
		break;
	default:
		break;
	}
}

/* The attributes of @mask, as the core checked them against the state. */
static int re_qp_apply(struct re_qp *qp, struct ib_qp_attr *attr, int mask)
{
	struct re_dev *dev = to_re_dev(qp->ibqp.device);
	int err;

	if (mask & IB_QP_AV) {
		err = re_av_from_attr(dev, &attr->ah_attr, &qp->av);
		if (err)
			return err;
	}
	if (mask & IB_QP_PATH_MTU) {
		if (attr->path_mtu < IB_MTU_256 || attr->path_mtu > IB_MTU_4096)
			return -EINVAL;
		qp->path_mtu = attr->path_mtu;
	}
	if (mask & IB_QP_PKEY_INDEX) {
		if (attr->pkey_index)
			return -EINVAL;
	}
	if (mask & IB_QP_PORT) {
		if (attr->port_num != 1)
			return -EINVAL;
	}
	if ((mask & IB_QP_MAX_QP_RD_ATOMIC) && attr->max_rd_atomic > RE_MAX_RD_ATOMIC)
		return -EINVAL;
	if ((mask & IB_QP_MAX_DEST_RD_ATOMIC) &&
	    attr->max_dest_rd_atomic > RE_MAX_RD_ATOMIC)
		return -EINVAL;

	if (mask & IB_QP_QKEY)
		qp->qkey = attr->qkey;
	if (mask & IB_QP_ACCESS_FLAGS)
		qp->access = attr->qp_access_flags;
	if (mask & IB_QP_DEST_QPN)
		qp->dest_qpn = attr->dest_qp_num & RE_QPN_MASK;
	if (mask & IB_QP_RQ_PSN)
		qp->rq_psn = attr->rq_psn & RE_PSN_MASK;
	if (mask & IB_QP_SQ_PSN)
		qp->sq_psn = attr->sq_psn & RE_PSN_MASK;
	if (mask & IB_QP_TIMEOUT)
		qp->timeout = attr->timeout;
	if (mask & IB_QP_RETRY_CNT)
		qp->retry_cnt = attr->retry_cnt;
	if (mask & IB_QP_RNR_RETRY)
		qp->rnr_retry = attr->rnr_retry;
	if (mask & IB_QP_MIN_RNR_TIMER)
		qp->min_rnr_timer = attr->min_rnr_timer;
	if (mask & IB_QP_MAX_QP_RD_ATOMIC)
		qp->max_rd_atomic = attr->max_rd_atomic;
	if (mask & IB_QP_MAX_DEST_RD_ATOMIC)
		qp->max_dest_rd_atomic = attr->max_dest_rd_atomic;
	if (mask & IB_QP_STATE)
		re_qp_enter_state(qp, attr->qp_state);
	return 0;
}

int re_modify_qp(struct ib_qp *ibqp, struct ib_qp_attr *attr, int mask,
		 struct ib_udata *udata)
{
	struct re_qp *qp = to_re_qp(ibqp);
	enum ib_qp_state cur, next;
	int err;

	if (mask & ~RE_QP_ATTR_MASK)
		return -EOPNOTSUPP;
	if (udata && udata->inlen)
		return -EINVAL;
	mutex_lock(&qp->modify_lock);
	cur = mask & IB_QP_CUR_STATE ? attr->cur_qp_state : qp->state;
	next = mask & IB_QP_STATE ? attr->qp_state : cur;
	if (!ib_modify_qp_is_ok(cur, next, ibqp->qp_type, mask)) {
		err = -EINVAL;
		goto out;
	}
	spin_lock_bh(&qp->lock);
	err = re_qp_apply(qp, attr, mask);
	spin_unlock_bh(&qp->lock);
out:
	mutex_unlock(&qp->modify_lock);
	return err;
}

int re_query_qp(struct ib_qp *ibqp, struct ib_qp_attr *attr, int mask,
		struct ib_qp_init_attr *init)
{
	struct re_qp *qp = to_re_qp(ibqp);

	memset(attr, 0, sizeof(*attr));
	memset(init, 0, sizeof(*init));
	spin_lock_bh(&qp->lock);
	attr->qp_state = qp->state;
	attr->cur_qp_state = qp->state;
	attr->path_mtu = qp->path_mtu;
	attr->qkey = qp->qkey;
	attr->rq_psn = qp->rq_psn;
	attr->sq_psn = qp->sq_psn;
	attr->dest_qp_num = qp->dest_qpn;
	attr->qp_access_flags = qp->access;
	attr->timeout = qp->timeout;
	attr->retry_cnt = qp->retry_cnt;
	attr->rnr_retry = qp->rnr_retry;
	attr->min_rnr_timer = qp->min_rnr_timer;
	attr->max_rd_atomic = qp->max_rd_atomic;
	attr->max_dest_rd_atomic = qp->max_dest_rd_atomic;
	attr->port_num = 1;
	spin_unlock_bh(&qp->lock);

	attr->cap.max_send_wr = qp->sq.mask;
	attr->cap.max_send_sge = qp->sq_max_sge;
	attr->cap.max_inline_data = qp->sq_max_inline;
	if (qp->rq.buf) {
		attr->cap.max_recv_wr = qp->rq.mask;
		attr->cap.max_recv_sge = qp->rq_max_sge;
	}
	init->cap = attr->cap;
	init->qp_type = ibqp->qp_type;
	init->send_cq = ibqp->send_cq;
	init->recv_cq = ibqp->recv_cq;
	init->srq = ibqp->srq;
	init->sq_sig_type = qp->sig_all ? IB_SIGNAL_ALL_WR : IB_SIGNAL_REQ_WR;
	return 0;
}
