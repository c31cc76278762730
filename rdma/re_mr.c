// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: memory regions.
 *
 * tandem_re is a software device registered without a DMA device, so the
 * core maps memory with virtual DMA (ib_dma_virt_map_sg()): the "DMA
 * address" of a page is its kernel address, and the engine copies to and
 * from it with the CPU.  A user MR pins its pages through ib_umem and keeps
 * the kernel address of each; the DMA MR of a kernel ULP spans all of
 * kernel memory, as it does on every RDMA device.
 *
 * Keys: the low byte is a per-registration tag, the rest an index into
 * the device's MR table, so a stale key (an MR deregistered, its index
 * reused) does not find the new MR.  The engine looks an MR up by key and
 * holds a reference while it copies; deregistration waits for those.
 */
#include <linux/random.h>
#include <linux/slab.h>
#include <rdma/ib_umem.h>
#include <rdma/ib_verbs.h>
#include <rdma/iter.h>

#include "re.h"

#define RE_MR_INDEX_MAX		0xffffff
#define RE_ACCESS_SUPPORTED	(IB_ACCESS_LOCAL_WRITE | IB_ACCESS_REMOTE_WRITE | \
				 IB_ACCESS_REMOTE_READ | IB_ACCESS_REMOTE_ATOMIC)

static int re_mr_publish(struct re_dev *dev, struct re_mr *mr, int access)
{
	u32 index;
	int err;

	refcount_set(&mr->ref, 1);
	init_completion(&mr->released);
	mr->access = access;
	err = xa_alloc(&dev->mrs, &index, mr, XA_LIMIT(1, RE_MR_INDEX_MAX),
		       GFP_KERNEL);
	if (err)
		return err;
	mr->ibmr.lkey = index << 8 | (u8)get_random_u32();
	mr->ibmr.rkey = access & (IB_ACCESS_REMOTE_WRITE | IB_ACCESS_REMOTE_READ |
				  IB_ACCESS_REMOTE_ATOMIC) ? mr->ibmr.lkey : 0;
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
	/* The optional flags (relaxed ordering) are hints: none applies. */
	if (access & ~(RE_ACCESS_SUPPORTED | IB_ACCESS_OPTIONAL))
		return ERR_PTR(-EOPNOTSUPP);
	access &= RE_ACCESS_SUPPORTED;
	if (!length || length > RE_MAX_MR_SIZE)
		return ERR_PTR(-EINVAL);
	mr = kzalloc(sizeof(*mr), GFP_KERNEL);
	if (!mr)
		return ERR_PTR(-ENOMEM);
	mr->kind = RE_MR_USER;
	mr->iova = iova;
	mr->length = length;
	mr->umem = ib_umem_get_va(ibpd->device, start, length, access);
	if (IS_ERR(mr->umem)) {
		err = PTR_ERR(mr->umem);
		goto err_free;
	}
	err = re_mr_map_pages(mr);
	if (err)
		goto err_umem;
	err = re_mr_publish(dev, mr, access);
	if (err)
		goto err_pages;
	return &mr->ibmr;

err_pages:
	kvfree(mr->pages);
err_umem:
	ib_umem_release(mr->umem);
err_free:
	kfree(mr);
	return ERR_PTR(err);
}

int re_dereg_mr(struct ib_mr *ibmr, struct ib_udata *udata)
{
	struct re_dev *dev = to_re_dev(ibmr->device);
	struct re_mr *mr = to_re_mr(ibmr);

	/* No new lookup finds it; wait for the copies that hold it. */
	xa_erase(&dev->mrs, ibmr->lkey >> 8);
	re_mr_put(mr);
	wait_for_completion(&mr->released);
	if (mr->umem) {
		kvfree(mr->pages);
		ib_umem_release(mr->umem);
	}
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
	if ((remote ? mr->ibmr.rkey : mr->ibmr.lkey) != key || mr->ibmr.pd != pd ||
	    (mr->access & access) != access || !re_mr_covers(mr, iova, len)) {
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
	return iova >= mr->iova && len <= mr->length &&
	       iova - mr->iova <= mr->length - len;
}

/**
 * re_mr_copy - copy between an MR and a kernel buffer
 * @mr: the MR, held, whose range re_mr_get() checked
 * @iova: the first byte in the MR
 * @buf: the kernel buffer
 * @len: bytes
 * @to_mr: copy @buf into the MR (else the MR into @buf)
 */
void re_mr_copy(struct re_mr *mr, u64 iova, void *buf, size_t len, bool to_mr)
{
	u64 off;

	if (mr->kind == RE_MR_DMA) {
		void *addr = (void *)(uintptr_t)iova;

		if (to_mr)
			memcpy(addr, buf, len);
		else
			memcpy(buf, addr, len);
		return;
	}
	off = mr->page_offset + (iova - mr->iova);
	while (len) {
		size_t in_page = min_t(size_t, len, PAGE_SIZE - offset_in_page(off));
		void *addr = mr->pages[off >> PAGE_SHIFT] + offset_in_page(off);

		if (to_mr)
			memcpy(addr, buf, in_page);
		else
			memcpy(buf, addr, in_page);
		buf += in_page;
		off += in_page;
		len -= in_page;
	}
}
