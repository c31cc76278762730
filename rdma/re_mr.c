// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: memory regions.
 *
 * tandem_re is a software device registered without a DMA device, so the
 * core maps memory with virtual DMA (ib_dma_virt_map_sg()): the "DMA
 * address" of a page is its kernel address, and the engine copies to and
 * from it with the CPU.  A user MR pins its pages through ib_umem and keeps
 * the kernel address of each; the DMA MR of a kernel ULP spans all of
 * kernel memory, as it does on every RDMA device.  A fast-register MR
 * (kernel ULPs: NVMe over RDMA, iSER, SMB Direct) gets its pages from
 * ib_map_mr_sg() and becomes usable, with the key and rights the ULP
 * chooses, when its IB_WR_REG_MR runs on the send queue; LOCAL_INV or a
 * SEND with invalidate makes it unusable again (re_mr_fast_reg(),
 * re_mr_invalidate()).
 *
 * Keys: the low byte is a per-registration tag, the rest an index into
 * the device's MR table (below the memory windows' indices, re_mw.c), so
 * a stale key (an MR deregistered, its index reused) does not find the
 * new MR.  The engine looks an MR up by key and holds a reference while
 * it copies; deregistration waits for those.
 */
#include <linux/log2.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <rdma/ib_umem.h>
#include <rdma/ib_verbs.h>
#include <rdma/iter.h>

#include "re.h"

static int re_mr_publish(struct re_dev *dev, struct re_mr *mr, int access)
{
	u32 index;
	int err;

	refcount_set(&mr->ref, 1);
	init_completion(&mr->released);
	mr->access = access;
	err = xa_alloc(&dev->mrs, &index, mr, XA_LIMIT(1, RE_MAX_MR),
		       GFP_KERNEL);
	if (err)
		return err;
	mr->key = index << 8 | (u8)get_random_u32();
	mr->ibmr.lkey = mr->key;
	/* A fast-register MR gets its rights with each registration. */
	mr->ibmr.rkey = mr->kind == RE_MR_FAST ||
			access & (IB_ACCESS_REMOTE_WRITE | IB_ACCESS_REMOTE_READ |
				  IB_ACCESS_REMOTE_ATOMIC |
				  IB_ACCESS_FLUSH_GLOBAL) ? mr->key : 0;
	mr->valid = mr->kind != RE_MR_FAST;
	return 0;
}

struct ib_mr *re_get_dma_mr(struct ib_pd *ibpd, int access)
{
	struct re_dev *dev = to_re_dev(ibpd->device);
	struct re_mr *mr;
	int err;

	if (access & ~RE_ACCESS_SUPPORTED)
		return ERR_PTR(-EOPNOTSUPP);
	mr = kzalloc(sizeof(*mr), GFP_KERNEL);
	if (!mr)
		return ERR_PTR(-ENOMEM);
	mr->kind = RE_MR_DMA;
	mr->length = U64_MAX;
	err = re_mr_publish(dev, mr, access);
	if (err) {
		kfree(mr);
		return ERR_PTR(err);
	}
	return &mr->ibmr;
}

/* The kernel address of every page of @mr's umem. */
static int re_mr_map_pages(struct re_mr *mr)
{
	struct ib_block_iter biter;
	unsigned int i = 0;

	mr->npages = ib_umem_num_dma_blocks(mr->umem, PAGE_SIZE);
	mr->pages = kvcalloc(mr->npages, sizeof(*mr->pages), GFP_KERNEL);
	if (!mr->pages)
		return -ENOMEM;
	rdma_umem_for_each_dma_block(mr->umem, &biter, PAGE_SIZE)
		mr->pages[i++] = (void *)(uintptr_t)rdma_block_iter_dma_address(&biter);
	mr->page_shift = PAGE_SHIFT;
	mr->page_offset = ib_umem_offset(mr->umem);
	return 0;
}

struct ib_mr *re_reg_user_mr(struct ib_pd *ibpd, u64 start, u64 length,
			     u64 iova, int access, struct ib_dmah *dmah,
			     struct ib_udata *udata)
{
	struct re_dev *dev = to_re_dev(ibpd->device);
	struct re_mr *mr;
	int err;

	if (dmah)
		return ERR_PTR(-EOPNOTSUPP);
	/*
	 * The optional flags (relaxed ordering) are hints: none applies.  A
	 * user MR may be the target of a FLUSH for global visibility; no MR
	 * is persistent memory.
	 */
	if (access & ~(RE_ACCESS_SUPPORTED | IB_ACCESS_MW_BIND |
		       IB_ACCESS_FLUSH_GLOBAL | IB_ACCESS_ON_DEMAND |
		       IB_ACCESS_OPTIONAL))
		return ERR_PTR(-EOPNOTSUPP);
	access &= RE_ACCESS_SUPPORTED | IB_ACCESS_MW_BIND |
		  IB_ACCESS_FLUSH_GLOBAL | IB_ACCESS_ON_DEMAND;
	if (!length || length > RE_MAX_MR_SIZE)
		return ERR_PTR(-EINVAL);
	mr = kzalloc(sizeof(*mr), GFP_KERNEL);
	if (!mr)
		return ERR_PTR(-ENOMEM);
	mr->kind = RE_MR_USER;
	mr->iova = iova;
	mr->length = length;
	if (access & IB_ACCESS_ON_DEMAND) {
		err = re_odp_reg(mr, start);
		if (err)
			goto err_free;
	} else {
		mr->umem = ib_umem_get_va(ibpd->device, start, length, access);
		if (IS_ERR(mr->umem)) {
			err = PTR_ERR(mr->umem);
			goto err_free;
		}
		err = re_mr_map_pages(mr);
		if (err)
			goto err_umem;
	}
	err = re_mr_publish(dev, mr, access);
	if (err)
		goto err_pages;
	return &mr->ibmr;

err_pages:
	if (mr->odp)
		re_odp_release(mr);
	kvfree(mr->pages);
err_umem:
	if (mr->umem)
		ib_umem_release(mr->umem);
err_free:
	kfree(mr);
	return ERR_PTR(err);
}

int re_dereg_mr(struct ib_mr *ibmr, struct ib_udata *udata)
{
	struct re_dev *dev = to_re_dev(ibmr->device);
	struct re_mr *mr = to_re_mr(ibmr);

	/* IBTA C10-14: not while a memory window is bound to it. */
	if (!re_mr_close_to_mws(mr))
		return -EBUSY;
	/* No new lookup finds it; wait for the copies that hold it. */
	xa_erase(&dev->mrs, ibmr->lkey >> 8);
	re_mr_put(mr);
	wait_for_completion(&mr->released);
	if (mr->odp)
		re_odp_release(mr);
	kvfree(mr->pages);
	if (mr->umem)
		ib_umem_release(mr->umem);
	/* A lookup may still be reading it under RCU, to find it dead. */
	kfree_rcu(mr, rcu);
	return 0;
}

/**
 * re_mr_get - look up the MR of a key for an access, and hold it
 * @dev: the device
 * @pd: the PD the access comes from (the QP's)
 * @key: an lkey (@remote false) or an rkey (@remote true)
 * @remote: the key came from the wire
 * @access: the IB_ACCESS_* rights the access needs
 * @iova: its first byte
 * @len: its length
 *
 * Return: the MR, held (re_mr_put()), or NULL when the key does not exist,
 * belongs to another PD, lacks a right or does not cover the range.
 */
struct re_mr *re_mr_get(struct re_dev *dev, struct ib_pd *pd, u32 key,
			bool remote, int access, u64 iova, u64 len)
{
	struct re_mr *mr;

	rcu_read_lock();
	mr = xa_load(&dev->mrs, key >> 8);
	if (mr && !refcount_inc_not_zero(&mr->ref))
		mr = NULL;
	rcu_read_unlock();
	if (!mr)
		return NULL;
	/*
	 * Pairs with the release in re_mr_fast_reg(): a valid MR's key,
	 * rights and pages are those of its registration.  An rkey is the
	 * MR's key too: @access then holds a remote right, which an MR
	 * registered without one lacks.
	 */
	if (!smp_load_acquire(&mr->valid) || READ_ONCE(mr->key) != key ||
	    mr->ibmr.pd != pd || (mr->access & access) != access ||
	    !re_mr_covers(mr, iova, len)) {
		re_mr_put(mr);
		return NULL;
	}
	return mr;
}

void re_mr_put(struct re_mr *mr)
{
	if (refcount_dec_and_test(&mr->ref))
		complete(&mr->released);
}

/* [iova, iova + len) lies inside the MR (len 0 is any address inside). */
bool re_mr_covers(const struct re_mr *mr, u64 iova, u64 len)
{
	if (mr->kind == RE_MR_DMA)
		return true;
	return re_range_within(mr->iova, mr->length, iova, len);
}

/**
 * re_mr_copy - copy between an MR and a kernel buffer
 * @mr: the MR, held, whose range re_mr_get() checked
 * @iova: the first byte in the MR
 * @buf: the kernel buffer
 * @len: bytes
 * @to_mr: copy @buf into the MR (else the MR into @buf)
 *
 * Return: 0, or -EAGAIN when @mr is an ODP MR and a page of the range is
 * not in (re_odp_copy()): nothing was copied.
 */
int re_mr_copy(struct re_mr *mr, u64 iova, void *buf, size_t len, bool to_mr)
{
	if (mr->kind == RE_MR_DMA) {
		void *addr = (void *)(uintptr_t)iova;

		if (to_mr)
			memcpy(addr, buf, len);
		else
			memcpy(buf, addr, len);
		return 0;
	}
	if (mr->odp)
		return re_odp_copy(mr, iova, buf, len, to_mr);
	re_mr_copy_pages(mr, iova, buf, len, to_mr);
	return 0;
}

/* re_mr_copy() through the page table of a user or fast-register MR. */
void re_mr_copy_pages(struct re_mr *mr, u64 iova, void *buf, size_t len,
		      bool to_mr)
{
	u64 off = mr->page_offset + (iova - mr->iova);

	while (len) {
		u64 in_off = off & (BIT_ULL(mr->page_shift) - 1);
		size_t in_page = min_t(u64, len, BIT_ULL(mr->page_shift) - in_off);
		void *addr = mr->pages[off >> mr->page_shift] + in_off;

		if (to_mr)
			memcpy(addr, buf, in_page);
		else
			memcpy(buf, addr, in_page);
		buf += in_page;
		off += in_page;
		len -= in_page;
	}
}

struct ib_mr *re_alloc_mr(struct ib_pd *ibpd, enum ib_mr_type type,
			  u32 max_num_sg)
{
	struct re_dev *dev = to_re_dev(ibpd->device);
	struct re_mr *mr;
	int err;

	if (type != IB_MR_TYPE_MEM_REG)
		return ERR_PTR(-EOPNOTSUPP);
	if (!max_num_sg || max_num_sg > RE_MAX_FAST_REG_PAGES)
		return ERR_PTR(-EINVAL);
	mr = kzalloc(sizeof(*mr), GFP_KERNEL);
	if (!mr)
		return ERR_PTR(-ENOMEM);
	mr->kind = RE_MR_FAST;
	mr->max_pages = max_num_sg;
	mr->pages = kvcalloc(max_num_sg, sizeof(*mr->pages), GFP_KERNEL);
	if (!mr->pages) {
		err = -ENOMEM;
		goto err_free;
	}
	err = re_mr_publish(dev, mr, 0);
	if (err)
		goto err_pages;
	return &mr->ibmr;

err_pages:
	kvfree(mr->pages);
err_free:
	kfree(mr);
	return ERR_PTR(err);
}

static int re_mr_set_page(struct ib_mr *ibmr, u64 addr)
{
	struct re_mr *mr = to_re_mr(ibmr);

	if (mr->npages == mr->max_pages)
		return -ENOMEM;
	mr->pages[mr->npages++] = (void *)(uintptr_t)addr;
	return 0;
}

/* The pages of a fast-register MR, before its IB_WR_REG_MR is posted. */
int re_map_mr_sg(struct ib_mr *ibmr, struct scatterlist *sg, int sg_nents,
		 unsigned int *sg_offset)
{
	to_re_mr(ibmr)->npages = 0;
	return ib_sg_to_pages(ibmr, sg, sg_nents, sg_offset, re_mr_set_page);
}

/**
 * re_mr_fast_reg - carry out an IB_WR_REG_MR
 * @qp: the kernel QP whose send queue it is on
 * @mr: the MR, its pages mapped by re_map_mr_sg()
 * @key: its key from now on: only the low byte may differ from the key
 *	it was created with (ib_update_fast_reg_key())
 * @access: its rights from now on
 *
 * Return: 0, or -EINVAL when the MR is not a fast-register MR of the
 * QP's PD, is registered already, or @key or @access do not fit it.
 */
int re_mr_fast_reg(struct re_qp *qp, struct re_mr *mr, u32 key, int access)
{
	u32 page_size = mr->ibmr.page_size;

	if (mr->kind != RE_MR_FAST || mr->ibmr.pd != qp->ibqp.pd ||
	    READ_ONCE(mr->valid) || (key >> 8) != (mr->key >> 8) ||
	    access & ~RE_ACCESS_SUPPORTED || !is_power_of_2(page_size) ||
	    !mr->npages ||
	    (mr->ibmr.iova & (page_size - 1)) + mr->ibmr.length >
	    (u64)mr->npages * page_size)
		return -EINVAL;
	mr->access = access;
	mr->iova = mr->ibmr.iova;
	mr->length = mr->ibmr.length;
	mr->page_shift = ilog2(page_size);
	mr->page_offset = mr->ibmr.iova & (page_size - 1);
	WRITE_ONCE(mr->key, key);
	/* Pairs with the acquire in re_mr_get(). */
	smp_store_release(&mr->valid, true);
	return 0;
}

/**
 * re_mr_invalidate - LOCAL_INV, or the invalidation a SEND carried
 * @qp: the QP it came through (its PD must own the MR)
 * @key: the fast-register MR's key
 *
 * Copies that hold the MR already finish; no lookup finds it afterwards.
 *
 * Return: 0, or -EINVAL when @key is no registered fast-register MR of
 * the QP's PD.
 */
int re_mr_invalidate(struct re_qp *qp, u32 key)
{
	struct re_dev *dev = to_re_dev(qp->ibqp.device);
	struct re_mr *mr;
	int err = -EINVAL;

	rcu_read_lock();
	mr = xa_load(&dev->mrs, key >> 8);
	if (mr && mr->kind == RE_MR_FAST && mr->ibmr.pd == qp->ibqp.pd &&
	    READ_ONCE(mr->key) == key && READ_ONCE(mr->valid)) {
		WRITE_ONCE(mr->valid, false);
		err = 0;
	}
	rcu_read_unlock();
	return err;
}
