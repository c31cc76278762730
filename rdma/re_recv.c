// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: receive WQEs in a receive ring (a QP's or an SRQ's): a
 * kernel ULP's posts into it, and the responder's copy out of it.
 */
#include "re.h"
#include "re_uabi.h"

/**
 * re_queue_post_recv - write one kernel receive WR into a receive ring
 * @q: the ring (its producer lock held)
 * @max_sge: SGEs a WQE of the ring holds
 * @wr: the work request
 *
 * Return: 0, -ENOMEM when the ring is full, -EINVAL with too many SGEs.
 */
int re_queue_post_recv(struct re_queue *q, u32 max_sge,
		       const struct ib_recv_wr *wr)
{
	struct re_urecv_wqe *slot;
	u32 i, len = 0;

	if (wr->num_sge > max_sge)
		return -EINVAL;
	if (re_queue_full_cons(q))
		return -ENOMEM;
	slot = re_queue_slot(q, q->buf->producer_index);
	memset(slot, 0, sizeof(*slot));
	slot->wr_id = wr->wr_id;
	slot->dma.num_sge = wr->num_sge;
	for (i = 0; i < wr->num_sge; i++)
		len += wr->sg_list[i].length;
	slot->dma.length = len;
	memcpy(slot->dma.sge, wr->sg_list, wr->num_sge * sizeof(struct ib_sge));
	re_queue_advance_prod(q);
	return 0;
}

/**
 * re_queue_copy_recv - copy the receive WQE at the ring's consumer index
 * @q: the ring
 * @max_sge: SGEs a WQE of the ring may hold
 * @r: the copy, which the engine works from
 *
 * Does not take the WQE (re_queue_consume() does).
 *
 * Return: 1, 0 when the ring is empty, or -EINVAL when user space wrote a
 * WQE no provider writes.
 */
int re_queue_copy_recv(struct re_queue *q, u32 max_sge, struct re_rwqe *r)
{
	const struct re_urecv_wqe *slot;
	u64 total = 0;
	u32 i;

	if (re_queue_empty(q))
		return 0;
	slot = re_queue_slot(q, q->index);
	r->wr_id = slot->wr_id;
	r->num_sge = READ_ONCE(slot->dma.num_sge);
	if (r->num_sge > max_sge)
		return -EINVAL;
	memcpy(r->sge, slot->dma.sge, r->num_sge * sizeof(struct ib_sge));
	for (i = 0; i < r->num_sge; i++)
		total += r->sge[i].length;
	if (total > RE_MAX_MSG_SIZE)
		return -EINVAL;
	r->length = total;
	return 1;
}
