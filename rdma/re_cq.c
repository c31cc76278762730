// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: completion queues.
 *
 * A CQ is a ring (re_queue.h) that the engine fills and its owner empties:
 * user space polls a user CQ in its own mapping (rdma-core's rxe provider,
 * struct ib_uverbs_wc slots), a kernel ULP polls a kernel CQ through
 * re_poll_cq() (struct ib_wc slots).  Arming (req_notify_cq) and the
 * completion handler are the kernel's either way.
 */
#include <linux/slab.h>
#include <rdma/ib_verbs.h>
#include <rdma/uverbs_ioctl.h>

#include "re.h"

/* wc_flags as libibverbs defines them (enum ibv_wc_flags) */
#define RE_UWC_GRH		BIT(0)
#define RE_UWC_WITH_IMM		BIT(1)
#define RE_UWC_WITH_INV		BIT(3)

/* The create and resize responses: where to map the ring. */
struct re_create_cq_resp {
	struct re_mminfo mi;
};

static int re_cq_init(struct re_cq *cq, const struct ib_cq_init_attr *attr,
		      struct ib_udata *udata)
{
	struct re_ucontext *uctx = rdma_udata_to_drv_context(udata, struct re_ucontext, ibuc);
	struct re_dev *dev = to_re_dev(cq->ibcq.device);
	unsigned int entries = attr->cqe;
	size_t elem;
	int err;

	if (attr->flags)
		return -EOPNOTSUPP;
	if (!attr->cqe || attr->cqe > RE_MAX_CQE)
		return -EINVAL;
	if (udata && udata->outlen < sizeof(struct re_create_cq_resp))
		return -EINVAL;

	err = re_obj_hold(dev, RE_OBJ_CQ);
	if (err)
		return err;
	spin_lock_init(&cq->lock);
	elem = udata ? sizeof(struct ib_uverbs_wc) : sizeof(struct ib_wc);
	err = re_queue_init(&cq->queue, udata ? &uctx->ibuc : NULL, &entries, elem);
	if (err)
		goto err_release;
	cq->user = !!udata;
	cq->ibcq.cqe = entries;
	if (udata) {
		struct re_create_cq_resp resp;

		re_queue_mminfo(&cq->queue, &resp.mi);
		err = ib_copy_to_udata(udata, &resp, sizeof(resp));
		if (err)
			goto err_queue;
	}
	return 0;

err_queue:
	re_queue_cleanup(&cq->queue);
err_release:
	re_obj_release(dev, RE_OBJ_CQ);
	return err;
}

int re_create_cq(struct ib_cq *ibcq, const struct ib_cq_init_attr *attr,
		 struct uverbs_attr_bundle *attrs)
{
	return re_cq_init(to_re_cq(ibcq), attr, attrs ? &attrs->driver_udata : NULL);
}

int re_create_user_cq(struct ib_cq *ibcq, const struct ib_cq_init_attr *attr,
		      struct uverbs_attr_bundle *attrs)
{
	return re_cq_init(to_re_cq(ibcq), attr, &attrs->driver_udata);
}

/**
 * re_resize_cq - give a CQ a ring of another size
 * @ibcq: the CQ
 * @cqe: the CQEs it must hold
 * @udata: a user CQ's response: where to map the new ring (rdma-core's
 *	rxe provider unmaps the old one and maps this, holding its CQ lock)
 *
 * The CQEs not polled yet move to the new ring, in order.
 *
 * Return: 0; -EINVAL when @cqe is out of range or smaller than the CQEs
 * waiting; -ENOMEM.
 */
int re_resize_cq(struct ib_cq *ibcq, unsigned int cqe, struct ib_udata *udata)
{
	struct re_ucontext *uctx = rdma_udata_to_drv_context(udata, struct re_ucontext, ibuc);
	struct re_cq *cq = to_re_cq(ibcq);
	struct re_create_cq_resp resp;
	struct re_queue new = {}, old;
	unsigned int entries = cqe;
	unsigned long flags;
	u32 count;
	int err;

	if (!cqe || cqe > RE_MAX_CQE)
		return -EINVAL;
	if (!!udata != cq->user || (udata && udata->outlen < sizeof(resp)))
		return -EINVAL;
	err = re_queue_init(&new, udata ? &uctx->ibuc : NULL, &entries,
			    re_queue_elem_size(&cq->queue));
	if (err)
		return err;
	if (udata) {
		re_queue_mminfo(&new, &resp.mi);
		err = ib_copy_to_udata(udata, &resp, sizeof(resp));
		if (err)
			goto err_new;
	}

	spin_lock_irqsave(&cq->lock, flags);
	count = re_queue_count(&cq->queue);
	if (count > entries) {
		spin_unlock_irqrestore(&cq->lock, flags);
		err = -EINVAL;
		goto err_new;
	}
	re_queue_move(&new, &cq->queue, cq->queue.buf->consumer_index, count);
	new.index = count;
	new.buf->producer_index = count;
	old = cq->queue;
	cq->queue = new;
	cq->ibcq.cqe = entries;
	spin_unlock_irqrestore(&cq->lock, flags);

	re_queue_cleanup(&old);
	return 0;

err_new:
	re_queue_cleanup(&new);
	return err;
}

int re_destroy_cq(struct ib_cq *ibcq, struct ib_udata *udata)
{
	struct re_cq *cq = to_re_cq(ibcq);

	/* The core destroys a CQ only when no QP or SRQ uses it any more. */
	re_queue_cleanup(&cq->queue);
	re_obj_release(to_re_dev(ibcq->device), RE_OBJ_CQ);
	return 0;
}

static void re_cq_fill_user(struct ib_uverbs_wc *u, const struct ib_wc *wc)
{
	memset(u, 0, sizeof(*u));
	u->wr_id = wc->wr_id;
	u->status = wc->status;
	u->opcode = wc->opcode;
	u->vendor_err = wc->vendor_err;
	u->byte_len = wc->byte_len;
	u->qp_num = wc->qp->qp_num;
	u->src_qp = wc->src_qp;
	u->pkey_index = wc->pkey_index;
	u->port_num = wc->port_num;
	if (wc->wc_flags & IB_WC_WITH_IMM) {
		u->ex.imm_data = wc->ex.imm_data;
		u->wc_flags |= RE_UWC_WITH_IMM;
	} else if (wc->wc_flags & IB_WC_WITH_INVALIDATE) {
		u->ex.invalidate_rkey = wc->ex.invalidate_rkey;
		u->wc_flags |= RE_UWC_WITH_INV;
	}
	if (wc->wc_flags & IB_WC_GRH)
		u->wc_flags |= RE_UWC_GRH;
}

/**
 * re_cq_post - add one completion
 * @cq: the CQ
 * @wc: the completion (wc->qp set)
 * @solicited: it completes a solicited event (SEND with SE)
 *
 * A full CQ is a consumer that did not keep up: the CQE is lost and the
 * CQ's owner gets IB_EVENT_CQ_ERR, as the IBTA asks (11.4.2.1).
 *
 * Return: 0, or -ENOSPC when the CQ was full.
 */
int re_cq_post(struct re_cq *cq, const struct ib_wc *wc, bool solicited)
{
	bool notify = false;
	unsigned long flags;

	spin_lock_irqsave(&cq->lock, flags);
	if (re_queue_full(&cq->queue)) {
		spin_unlock_irqrestore(&cq->lock, flags);
		if (cq->ibcq.event_handler) {
			struct ib_event ev = {
				.device = cq->ibcq.device,
				.element.cq = &cq->ibcq,
				.event = IB_EVENT_CQ_ERR,
			};

			cq->ibcq.event_handler(&ev, cq->ibcq.cq_context);
		}
		return -ENOSPC;
	}
	if (cq->user)
		re_cq_fill_user(re_queue_slot(&cq->queue, cq->queue.index), wc);
	else
		memcpy(re_queue_slot(&cq->queue, cq->queue.index), wc, sizeof(*wc));
	re_queue_produce(&cq->queue);
	if (cq->notify == IB_CQ_NEXT_COMP ||
	    (cq->notify == IB_CQ_SOLICITED && solicited)) {
		cq->notify = 0;
		notify = true;
	}
	spin_unlock_irqrestore(&cq->lock, flags);

	/* Unlocked: a kernel ULP's handler polls the CQ at once. */
	if (notify && cq->ibcq.comp_handler)
		cq->ibcq.comp_handler(&cq->ibcq, cq->ibcq.cq_context);
	return 0;
}

int re_poll_cq(struct ib_cq *ibcq, int num_entries, struct ib_wc *wc)
{
	struct re_cq *cq = to_re_cq(ibcq);
	struct re_queue_buf *buf = cq->queue.buf;
	unsigned long flags;
	int n = 0;

	/* A user CQ is polled in user space; only kernel CQs come here. */
	if (cq->user)
		return -EOPNOTSUPP;
	spin_lock_irqsave(&cq->lock, flags);
	while (n < num_entries && buf->consumer_index != cq->queue.index) {
		memcpy(&wc[n++], re_queue_slot(&cq->queue, buf->consumer_index),
		       sizeof(*wc));
		buf->consumer_index = (buf->consumer_index + 1) & cq->queue.mask;
	}
	spin_unlock_irqrestore(&cq->lock, flags);
	return n;
}

int re_req_notify_cq(struct ib_cq *ibcq, enum ib_cq_notify_flags flags)
{
	struct re_cq *cq = to_re_cq(ibcq);
	unsigned long irqflags;
	int ret = 0;

	spin_lock_irqsave(&cq->lock, irqflags);
	/* "Next completion" covers "next solicited": never narrow it. */
	if (cq->notify != IB_CQ_NEXT_COMP)
		cq->notify = flags & IB_CQ_SOLICITED_MASK;
	if ((flags & IB_CQ_REPORT_MISSED_EVENTS) && re_queue_count(&cq->queue))
		ret = 1;
	spin_unlock_irqrestore(&cq->lock, irqflags);
	return ret;
}
