// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: shared receive queues.
 *
 * An SRQ's ring has the layout of a QP's receive ring, and user space
 * posts into it the same way, with no system call.  Several QPs take
 * receive WQEs from it, each under its own lock, so taking one is
 * serialised by the SRQ's: the responder takes (and consumes) a WQE at the
 * first packet of a message and keeps its copy (re_srq_take()).
 */
#include <rdma/ib_verbs.h>
#include <rdma/uverbs_ioctl.h>

#include "re.h"
#include "re_uabi.h"

/* struct rxe_create_srq_resp */
struct re_create_srq_resp {
	struct re_mminfo mi;
	__u32 srq_num;
	__u32 reserved;
};

int re_create_srq(struct ib_srq *ibsrq, struct ib_srq_init_attr *init,
		  struct ib_udata *udata)
{
	struct re_ucontext *uctx = rdma_udata_to_drv_context(udata, struct re_ucontext, ibuc);
	struct re_dev *dev = to_re_dev(ibsrq->device);
	struct ib_srq_attr *attr = &init->attr;
	struct re_srq *srq = to_re_srq(ibsrq);
	int err;

	if (init->srq_type != IB_SRQT_BASIC)
		return -EOPNOTSUPP;
	if (!attr->max_wr || attr->max_wr > RE_MAX_SRQ_WR ||
	    !attr->max_sge || attr->max_sge > RE_MAX_SGE)
		return -EINVAL;
	if (udata && udata->outlen < sizeof(struct re_create_srq_resp))
		return -EINVAL;
	err = re_obj_hold(dev, RE_OBJ_SRQ);
	if (err)
		return err;
	spin_lock_init(&srq->lock);
	spin_lock_init(&srq->post_lock);
	srq->max_sge = attr->max_sge;
	srq->user = !!udata;
	err = re_queue_init(&srq->rq, udata ? &uctx->ibuc : NULL, &attr->max_wr,
			    sizeof(struct re_urecv_wqe) +
			    attr->max_sge * sizeof(struct re_usge));
	if (err)
		goto err_release;
	if (udata) {
		struct re_create_srq_resp resp = {};

		re_queue_mminfo(&srq->rq, &resp.mi);
		err = ib_copy_to_udata(udata, &resp, sizeof(resp));
		if (err)
			goto err_queue;
	}
	return 0;

err_queue:
	re_queue_cleanup(&srq->rq);
err_release:
	re_obj_release(dev, RE_OBJ_SRQ);
	return err;
}

/* struct rxe_modify_srq_cmd: where a resize writes the new ring's mminfo */
struct re_modify_srq_cmd {
	__aligned_u64 mmap_info_addr;
};

/*
 * Give the SRQ a ring of @max_wr WQEs.  The WQEs posted and not taken
 * move to it, in order; rdma-core's rxe provider holds its SRQ lock and
 * maps the new ring when this returns.
 */
static int re_srq_resize(struct re_srq *srq, u32 max_wr, struct ib_udata *udata)
{
	struct re_ucontext *uctx = rdma_udata_to_drv_context(udata, struct re_ucontext, ibuc);
	struct re_queue new = {}, old;
	struct re_modify_srq_cmd cmd;
	unsigned int entries = max_wr;
	unsigned long flags;
	struct re_mminfo mi;
	u32 count;
	int err;

	if (!max_wr || max_wr > RE_MAX_SRQ_WR)
		return -EINVAL;
	if (udata) {
		err = ib_copy_from_udata(&cmd, udata, sizeof(cmd));
		if (err)
			return err;
	}
	err = re_queue_init(&new, udata ? &uctx->ibuc : NULL, &entries,
			    re_queue_elem_size(&srq->rq));
	if (err)
		return err;
	if (udata) {
		re_queue_mminfo(&new, &mi);
		if (copy_to_user(u64_to_user_ptr(cmd.mmap_info_addr), &mi, sizeof(mi))) {
			err = -EFAULT;
			goto err_new;
		}
	}

	spin_lock_irqsave(&srq->post_lock, flags);
	spin_lock(&srq->lock);
	count = re_queue_posted(&srq->rq);
	if (count > entries || srq->limit > entries) {
		spin_unlock(&srq->lock);
		spin_unlock_irqrestore(&srq->post_lock, flags);
		err = -EINVAL;
		goto err_new;
	}
	re_queue_move(&new, &srq->rq, srq->rq.index, count);
	new.buf->producer_index = count;
	old = srq->rq;
	srq->rq = new;
	spin_unlock(&srq->lock);
	spin_unlock_irqrestore(&srq->post_lock, flags);

	re_queue_cleanup(&old);
	return 0;

err_new:
	re_queue_cleanup(&new);
	return err;
}

int re_modify_srq(struct ib_srq *ibsrq, struct ib_srq_attr *attr,
		  enum ib_srq_attr_mask mask, struct ib_udata *udata)
{
	struct re_srq *srq = to_re_srq(ibsrq);
	int err;

	if (mask & ~(IB_SRQ_LIMIT | IB_SRQ_MAX_WR))
		return -EOPNOTSUPP;
	if (mask & IB_SRQ_MAX_WR) {
		err = re_srq_resize(srq, attr->max_wr, udata);
		if (err)
			return err;
	}
	if (!(mask & IB_SRQ_LIMIT))
		return 0;
	if (attr->srq_limit > srq->rq.mask)
		return -EINVAL;
	spin_lock_bh(&srq->lock);
	srq->limit = attr->srq_limit;
	spin_unlock_bh(&srq->lock);
	return 0;
}

int re_query_srq(struct ib_srq *ibsrq, struct ib_srq_attr *attr)
{
	struct re_srq *srq = to_re_srq(ibsrq);

	attr->max_wr = srq->rq.mask;
	attr->max_sge = srq->max_sge;
	attr->srq_limit = READ_ONCE(srq->limit);
	return 0;
}

int re_destroy_srq(struct ib_srq *ibsrq, struct ib_udata *udata)
{
	/* The core keeps an SRQ that a QP uses: nothing takes from it. */
	re_queue_cleanup(&to_re_srq(ibsrq)->rq);
	re_obj_release(to_re_dev(ibsrq->device), RE_OBJ_SRQ);
	return 0;
}

int re_post_srq_recv(struct ib_srq *ibsrq, const struct ib_recv_wr *wr,
		     const struct ib_recv_wr **bad_wr)
{
	struct re_srq *srq = to_re_srq(ibsrq);
	unsigned long flags;
	int err = 0;

	if (srq->user) {
		*bad_wr = wr;
		return -EOPNOTSUPP;	/* user space posts in its mapping */
	}
	spin_lock_irqsave(&srq->post_lock, flags);
	for (; wr && !err; wr = wr->next) {
		err = re_queue_post_recv(&srq->rq, srq->max_sge, wr);
		if (err)
			*bad_wr = wr;
	}
	spin_unlock_irqrestore(&srq->post_lock, flags);
	return err;
}

/* Entries user space (or a kernel ULP) posted and nobody took yet. */
static u32 re_srq_count(const struct re_srq *srq)
{
	/* Pairs with the producer's release, as in re_queue_empty(). */
	u32 prod = smp_load_acquire(&srq->rq.buf->producer_index) & srq->rq.mask;

	return (prod - srq->rq.index) & srq->rq.mask;
}

/**
 * re_srq_take - take the next receive WQE of an SRQ
 * @srq: the SRQ
 * @r: the copy the responder keeps
 *
 * Crossing the SRQ's limit downwards raises IB_EVENT_SRQ_LIMIT_REACHED
 * once and disarms it, as the IBTA says (10.2.9.2).
 *
 * Return: 1, 0 when the SRQ is empty, or -EINVAL when user space wrote a
 * WQE no provider writes (it is taken, and the QP fails).
 */
int re_srq_take(struct re_srq *srq, struct re_rwqe *r)
{
	bool limit = false;
	int ret;

	spin_lock_bh(&srq->lock);
	ret = re_queue_copy_recv(&srq->rq, srq->max_sge, r);
	if (ret) {
		re_queue_consume(&srq->rq);
		if (srq->limit && re_srq_count(srq) < srq->limit) {
			srq->limit = 0;
			limit = true;
		}
	}
	spin_unlock_bh(&srq->lock);

	if (limit && srq->ibsrq.event_handler) {
		struct ib_event ev = {
			.device = srq->ibsrq.device,
			.element.srq = &srq->ibsrq,
			.event = IB_EVENT_SRQ_LIMIT_REACHED,
		};

		srq->ibsrq.event_handler(&ev, srq->ibsrq.srq_context);
	}
	return ret;
}
