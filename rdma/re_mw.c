// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: memory windows.
 *
 * A memory window grants remote access to part of a user MR registered
 * with IB_ACCESS_MW_BIND, under an rkey of its own, and is bound and
 * revoked through the send queue: rdma-core's rxe provider posts a
 * BIND_MW WQE for both types (ibv_bind_mw() for type 1, IBV_WR_BIND_MW
 * for type 2), LOCAL_INV or a remote SEND with invalidate revokes a type 2
 * window, and a type 1 window is revoked by a bind of length 0.  A type 2
 * window's rkey works only on the QP that bound it.
 *
 * MW keys have the top bit of their index set (index RE_MW_INDEX_MIN on),
 * MR keys never: one look at a key says which table holds it.  Every MW's
 * binding, and the count of windows bound to each MR, changes under the
 * lock of the device's MW table, which an rkey lookup holds while it
 * checks a window and takes a reference on its MR.  An MR cannot be
 * deregistered while a window is bound to it (IBTA C10-14).
 */
#include <linux/random.h>
#include <rdma/ib_verbs.h>

#include "re.h"

#define RE_MW_INDEX_MAX		0xffffff

static bool re_key_is_mw(u32 key)
{
	return (key >> 8) >= RE_MW_INDEX_MIN;
}

int re_alloc_mw(struct ib_mw *ibmw, struct ib_udata *udata)
{
	struct re_dev *dev = to_re_dev(ibmw->device);
	struct re_mw *mw = to_re_mw(ibmw);
	u32 index;
	int err;

	if (ibmw->type != IB_MW_TYPE_1 && ibmw->type != IB_MW_TYPE_2)
		return -EINVAL;
	err = re_obj_hold(dev, RE_OBJ_MW);
	if (err)
		return err;
	err = xa_alloc_bh(&dev->mws, &index, mw,
			  XA_LIMIT(RE_MW_INDEX_MIN, RE_MW_INDEX_MAX), GFP_KERNEL);
	if (err) {
		re_obj_release(dev, RE_OBJ_MW);
		return err;
	}
	/* Found from now on, but unbound: no rkey lookup accepts it. */
	xa_lock_bh(&dev->mws);
	mw->key = index << 8 | (u8)get_random_u32();
	ibmw->rkey = mw->key;
	xa_unlock_bh(&dev->mws);
	return 0;
}

/* Under the MW table's lock. */
static void re_mw_unbind(struct re_mw *mw)
{
	if (mw->mr)
		mw->mr->mw_binds--;
	mw->mr = NULL;
	mw->qp = NULL;
}

int re_dealloc_mw(struct ib_mw *ibmw)
{
	struct re_dev *dev = to_re_dev(ibmw->device);
	struct re_mw *mw = to_re_mw(ibmw);

	xa_lock_bh(&dev->mws);
	__xa_erase(&dev->mws, mw->key >> 8);
	re_mw_unbind(mw);
	xa_unlock_bh(&dev->mws);
	re_obj_release(dev, RE_OBJ_MW);
	return 0;
}

/*
 * The MR a bind names, held: a user MR of the QP's PD that allows binds
 * and covers the window, with local write when the window grants remote
 * write or atomics (IBTA C10-72).
 */
static struct re_mr *re_mw_bind_mr(struct re_qp *qp,
				   const struct re_mw_bind *bind)
{
	struct re_dev *dev = to_re_dev(qp->ibqp.device);
	struct re_mr *mr;

	mr = re_mr_get(dev, qp->ibqp.pd, bind->mr_lkey, false,
		       IB_ACCESS_MW_BIND, bind->addr, bind->length);
	if (!mr)
		return NULL;
	if (mr->kind != RE_MR_USER ||
	    ((bind->access & (IB_ACCESS_REMOTE_WRITE | IB_ACCESS_REMOTE_ATOMIC)) &&
	     !(mr->access & IB_ACCESS_LOCAL_WRITE))) {
		re_mr_put(mr);
		return NULL;
	}
	return mr;
}

/**
 * re_mw_bind - carry out a BIND_MW WQE
 * @qp: the user QP whose send queue it is on
 * @bind: what it asks for
 *
 * Return: 0, or -EINVAL when the window is not one of the QP's PD, is a
 * bound type 2 window, or the new key, the rights or the MR do not fit it.
 */
int re_mw_bind(struct re_qp *qp, const struct re_mw_bind *bind)
{
	struct re_dev *dev = to_re_dev(qp->ibqp.device);
	struct re_mr *mr = NULL;
	struct re_mw *mw;
	int err = -EINVAL;

	if ((bind->new_rkey >> 8) != (bind->mw_rkey >> 8) ||
	    !re_key_is_mw(bind->mw_rkey) || bind->access & ~RE_ACCESS_SUPPORTED)
		return -EINVAL;
	if (bind->length) {
		mr = re_mw_bind_mr(qp, bind);
		if (!mr)
			return -EINVAL;
	}

	xa_lock_bh(&dev->mws);
	mw = xa_load(&dev->mws, bind->mw_rkey >> 8);
	if (!mw || mw->ibmw.pd != qp->ibqp.pd)
		goto out;
	if (mw->ibmw.type == IB_MW_TYPE_2 && (mw->mr || !mr))
		goto out;	/* invalidate it first; it has no unbind */
	if (mr && mr->mw_closed)
		goto out;
	re_mw_unbind(mw);
	if (mr) {
		mw->mr = mr;
		mr->mw_binds++;
		if (mw->ibmw.type == IB_MW_TYPE_2)
			mw->qp = qp;
	}
	mw->access = bind->access;
	mw->addr = bind->addr;
	mw->length = bind->length;
	mw->key = bind->new_rkey;
	mw->ibmw.rkey = mw->key;
	err = 0;
out:
	xa_unlock_bh(&dev->mws);
	/* While bound, the MR stays registered: mw_binds holds it. */
	if (mr)
		re_mr_put(mr);
	return err;
}

/* destroy_qp: the type 2 windows @qp bound lose their binding. */
void re_mw_unbind_qp(struct re_qp *qp)
{
	struct re_dev *dev = to_re_dev(qp->ibqp.device);
	struct re_mw *mw;
	unsigned long index;

	xa_lock_bh(&dev->mws);
	xa_for_each(&dev->mws, index, mw)
		if (mw->qp == qp)
			re_mw_unbind(mw);
	xa_unlock_bh(&dev->mws);
}

/*
 * Invalidate the type 2 window of @key: LOCAL_INV from a QP of its PD, or
 * a SEND with invalidate arriving on the QP it is bound to (IBTA 10.6.7.2).
 */
static int re_mw_invalidate(struct re_qp *qp, u32 key, bool remote)
{
	struct re_dev *dev = to_re_dev(qp->ibqp.device);
	struct re_mw *mw;
	int err = -EINVAL;

	xa_lock_bh(&dev->mws);
	mw = xa_load(&dev->mws, key >> 8);
	if (mw && mw->ibmw.type == IB_MW_TYPE_2 && mw->mr && mw->key == key &&
	    (remote ? mw->qp == qp : mw->ibmw.pd == qp->ibqp.pd)) {
		re_mw_unbind(mw);
		err = 0;
	}
	xa_unlock_bh(&dev->mws);
	return err;
}

/**
 * re_key_invalidate - LOCAL_INV, or the invalidation a SEND carried
 * @qp: the QP it came through
 * @key: a type 2 window's rkey, or a fast-register MR's key
 * @remote: it came from the wire
 *
 * Return: 0, or -EINVAL when @key names nothing @qp may invalidate.
 */
int re_key_invalidate(struct re_qp *qp, u32 key, bool remote)
{
	if (re_key_is_mw(key))
		return re_mw_invalidate(qp, key, remote);
	return re_mr_invalidate(qp, key);
}

/**
 * re_rkey_get - the MR behind an rkey from the wire, held
 * @qp: the QP the request arrived on
 * @rkey: an MR's rkey or a window's
 * @access: the remote right the request needs
 * @va: its first byte
 * @len: its length
 *
 * Return: the MR (re_mr_put() it), or NULL when the key does not exist,
 * belongs to another PD (or, for a type 2 window, another QP), lacks the
 * right or does not cover the range.
 */
struct re_mr *re_rkey_get(struct re_qp *qp, u32 rkey, int access, u64 va,
			  u64 len)
{
	struct re_dev *dev = to_re_dev(qp->ibqp.device);
	struct re_mr *mr = NULL;
	struct re_mw *mw;

	if (!re_key_is_mw(rkey))
		return re_mr_get(dev, qp->ibqp.pd, rkey, true, access, va, len);

	xa_lock_bh(&dev->mws);
	mw = xa_load(&dev->mws, rkey >> 8);
	if (mw && mw->mr && mw->key == rkey && mw->ibmw.pd == qp->ibqp.pd &&
	    (mw->ibmw.type == IB_MW_TYPE_1 || mw->qp == qp) &&
	    (mw->access & access) == access &&
	    re_range_within(mw->addr, mw->length, va, len)) {
		mr = mw->mr;
		/* Registered while bound: the count is not zero. */
		refcount_inc(&mr->ref);
	}
	xa_unlock_bh(&dev->mws);
	return mr;
}

/**
 * re_mr_close_to_mws - deregistration: no window may bind to @mr any more
 * @mr: the MR
 *
 * Return: false when a window is bound to it: it must stay registered.
 */
bool re_mr_close_to_mws(struct re_mr *mr)
{
	struct re_dev *dev = to_re_dev(mr->ibmr.device);
	bool closed;

	xa_lock_bh(&dev->mws);
	closed = !mr->mw_binds;
	if (closed)
		mr->mw_closed = true;
	xa_unlock_bh(&dev->mws);
	return closed;
}
