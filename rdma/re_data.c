// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: a message's bytes between its SGEs and the packets that
 * carry them.
 *
 * Every copy looks the MR of its lkey up again and holds it while the
 * bytes move: an MR deregistered in the middle of a message fails the
 * copy, never a memory access outside what is registered.  A page of an
 * ODP MR that is not in fails it too, for now: the QP's fault work brings
 * the page in and runs the QP again (re_odp.c).
 */
#include "re.h"

/**
 * re_qp_mr_copy - re_mr_copy() for the engine of a QP
 * @qp: the QP, under qp->lock
 * @mr: the MR, held, whose range re_mr_get() checked
 * @iova: the first byte in the MR
 * @buf: the kernel buffer
 * @len: bytes
 * @to_mr: copy @buf into the MR (else the MR into @buf)
 *
 * Return: 0; -EAGAIN when a page of an ODP MR is not in: the QP asked for
 * it and runs again once it is (nothing was copied); -EFAULT when it
 * asked before and the page could not be had.
 */
int re_qp_mr_copy(struct re_qp *qp, struct re_mr *mr, u64 iova, void *buf,
		  u32 len, bool to_mr)
{
	int err = re_mr_copy(mr, iova, buf, len, to_mr);

	if (err == -EAGAIN)
		err = re_odp_fault_request(qp, mr, iova, len, to_mr);
	return err;
}

/**
 * re_sge_copy - copy between a packet buffer and a message's SGEs
 * @qp: the QP the message belongs to (its PD owns the lkeys)
 * @sge: the message's SGEs
 * @num_sge: entries in @sge
 * @offset: where in the message the copy starts
 * @buf: the packet's bytes
 * @len: how many
 * @to_mr: into the SGEs (a receive, a READ response) or out of them
 *
 * Return: 0; -EMSGSIZE when the SGEs end before @offset + @len; -EACCES
 * when an lkey is unknown, of another PD, without the local right needed,
 * or does not cover its SGE; -EAGAIN or -EFAULT as re_qp_mr_copy() fails
 * (-EAGAIN: the bytes before may have been copied already, copy all again).
 */
int re_sge_copy(struct re_qp *qp, const struct ib_sge *sge, u32 num_sge,
		u32 offset, void *buf, u32 len, bool to_mr)
{
	struct re_dev *dev = to_re_dev(qp->ibqp.device);
	int access = to_mr ? IB_ACCESS_LOCAL_WRITE : 0;
	u32 i;
	int err;

	for (i = 0; i < num_sge && len; i++) {
		u32 chunk;
		struct re_mr *mr;

		if (offset >= sge[i].length) {
			offset -= sge[i].length;
			continue;
		}
		chunk = min(len, sge[i].length - offset);
		mr = re_mr_get(dev, qp->ibqp.pd, sge[i].lkey, false, access,
			       sge[i].addr + offset, chunk);
		if (!mr)
			return -EACCES;
		err = re_qp_mr_copy(qp, mr, sge[i].addr + offset, buf, chunk,
				    to_mr);
		re_mr_put(mr);
		if (err)
			return err;
		buf += chunk;
		len -= chunk;
		offset = 0;
	}
	return len ? -EMSGSIZE : 0;
}
