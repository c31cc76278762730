// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: on-demand paging (ODP) memory regions.
 *
 * An ODP MR pins nothing.  Its pages come in when the engine first needs
 * them and go when the process's mappings change: the MR listens through
 * an MMU interval notifier and forgets the pages of a range before the
 * kernel may reuse them.  The MR's page table is the one every user MR
 * has (mr->pages[], kernel addresses), with holes, plus a bitmap of the
 * pages faulted in for writing.
 *
 * The engine copies in atomic context (under qp->lock, BHs off), where
 * no page can be faulted in.  A copy that meets a hole fails with
 * -EAGAIN, and its QP hands the range to its fault work
 * (re_odp_fault_request()), which faults it in with hmm_range_fault()
 * and runs the QP again.  Meanwhile the responder answers with an RNR
 * NAK, as ODP hardware does; the requester stops sending; the completer
 * drops the response and asks for it again once the page is in.
 *
 * odp->lock guards the page table between the copies and the notifier:
 * a copy holds it while it touches the pages, so an invalidation returns
 * only once no copy uses them any more.
 */
#include <linux/hmm.h>
#include <linux/mmu_notifier.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "re.h"

/**
 * struct re_odp - what an ODP MR keeps besides its page table
 * @notifier: tells of every change to the mappings of its range
 * @mr: the MR
 * @start: the user address of its first page
 * @lock: guards the MR's page table (its @pages and @writable)
 * @writable: the pages faulted in for writing
 */
struct re_odp {
	struct mmu_interval_notifier notifier;
	struct re_mr *mr;
	unsigned long start;
	spinlock_t lock; /* the page table */
	unsigned long *writable;
};

/* Pages one hmm_range_fault() call looks at: their pfns are on the stack. */
#define RE_ODP_CHUNK	32

static unsigned long re_odp_page_addr(const struct re_odp *odp,
				      unsigned long index)
{
	return odp->start + (index << PAGE_SHIFT);
}

static bool re_odp_invalidate(struct mmu_interval_notifier *mni,
			      const struct mmu_notifier_range *range,
			      unsigned long cur_seq)
{
	struct re_odp *odp = container_of(mni, struct re_odp, notifier);
	struct re_mr *mr = odp->mr;
	unsigned long first, end, i;

	/* Only a spinlock is taken: never a reason to refuse to block. */
	first = (max(range->start, odp->start) - odp->start) >> PAGE_SHIFT;
	end = min_t(unsigned long, mr->npages,
		    DIV_ROUND_UP(range->end - odp->start, PAGE_SIZE));
	spin_lock_bh(&odp->lock);
	mmu_interval_set_seq(mni, cur_seq);
	for (i = first; i < end; i++)
		mr->pages[i] = NULL;
	bitmap_clear(odp->writable, first, end > first ? end - first : 0);
	spin_unlock_bh(&odp->lock);
	return true;
}

static const struct mmu_interval_notifier_ops re_odp_ops = {
	.invalidate = re_odp_invalidate,
};

/**
 * re_odp_reg - make @mr an ODP MR of the calling process's range
 * @mr: a user MR being registered, its iova and length set
 * @start: the range's first user address
 *
 * Return: 0 or a negative errno.
 */
int re_odp_reg(struct re_mr *mr, u64 start)
{
	unsigned long first = start & PAGE_MASK;
	struct re_odp *odp;
	int err;

	/* Nothing pins the range: check here that it is user memory at all. */
	if (!current->mm ||
	    !access_ok((void __user *)(uintptr_t)start, mr->length))
		return -EFAULT;
	odp = kzalloc(sizeof(*odp), GFP_KERNEL);
	if (!odp)
		return -ENOMEM;
	mr->npages = (PAGE_ALIGN(start + mr->length) - first) >> PAGE_SHIFT;
	mr->page_shift = PAGE_SHIFT;
	mr->page_offset = offset_in_page(start);
	mr->pages = kvcalloc(mr->npages, sizeof(*mr->pages), GFP_KERNEL);
	odp->writable = bitmap_zalloc(mr->npages, GFP_KERNEL);
	err = -ENOMEM;
	if (!mr->pages || !odp->writable)
		goto err_free;
	odp->mr = mr;
	odp->start = first;
	spin_lock_init(&odp->lock);
	err = mmu_interval_notifier_insert(&odp->notifier, current->mm, first,
					   (unsigned long)mr->npages << PAGE_SHIFT,
					   &re_odp_ops);
	if (err)
		goto err_free;
	mr->odp = odp;
	return 0;

err_free:
	bitmap_free(odp->writable);
	kvfree(mr->pages);
	mr->pages = NULL;
	kfree(odp);
	return err;
}

/* Deregistration, once no copy holds @mr: stop listening, free the rest. */
void re_odp_release(struct re_mr *mr)
{
	struct re_odp *odp = mr->odp;

	mmu_interval_notifier_remove(&odp->notifier);
	bitmap_free(odp->writable);
	kfree(odp);
}

/* Every page of [index, index + n) is in, writable when @write asks it. */
static bool re_odp_present(const struct re_mr *mr, unsigned long index,
			   unsigned long n, bool write)
{
	unsigned long i;

	for (i = index; i < index + n; i++)
		if (!mr->pages[i] || (write && !test_bit(i, mr->odp->writable)))
			return false;
	return true;
}

/**
 * re_odp_copy - re_mr_copy() for an ODP MR
 * @mr: the MR, held, whose range re_mr_get() checked
 * @iova: the first byte in the MR
 * @buf: the kernel buffer
 * @len: bytes
 * @to_mr: copy @buf into the MR (else the MR into @buf)
 *
 * Return: 0, or -EAGAIN when a page of the range is not in (for writing,
 * with @to_mr): nothing was copied.
 */
int re_odp_copy(struct re_mr *mr, u64 iova, void *buf, size_t len,
		bool to_mr)
{
	u64 off = mr->page_offset + (iova - mr->iova);
	struct re_odp *odp = mr->odp;
	unsigned long index = off >> PAGE_SHIFT;
	int err = 0;

	if (!len)
		return 0;
	spin_lock_bh(&odp->lock);
	if (re_odp_present(mr, index,
			   ((off + len - 1) >> PAGE_SHIFT) - index + 1, to_mr))
		re_mr_copy_pages(mr, iova, buf, len, to_mr);
	else
		err = -EAGAIN;
	spin_unlock_bh(&odp->lock);
	return err;
}

/*
 * Fault in the pages [index, index + n), at most RE_ODP_CHUNK, and enter
 * them in the page table.  @flags: HMM_PFN_REQ_FAULT (and _WRITE), or 0
 * to enter only what is present already.
 */
static int re_odp_fault_chunk(struct re_mr *mr, struct mm_struct *mm,
			      unsigned long index, unsigned long n,
			      unsigned long flags)
{
	struct re_odp *odp = mr->odp;
	unsigned long pfns[RE_ODP_CHUNK];
	struct hmm_range range = {
		.notifier = &odp->notifier,
		.start = re_odp_page_addr(odp, index),
		.end = re_odp_page_addr(odp, index + n),
		.hmm_pfns = pfns,
		.default_flags = flags,
	};
	unsigned long timeout = jiffies +
				msecs_to_jiffies(HMM_RANGE_DEFAULT_TIMEOUT);
	unsigned long i;
	int err;

	do {
		if (time_after(jiffies, timeout))
			return -EBUSY;	/* the mappings never held still */
		range.notifier_seq = mmu_interval_read_begin(&odp->notifier);
		mmap_read_lock(mm);
		err = hmm_range_fault(&range);
		mmap_read_unlock(mm);
		if (err == -EBUSY)
			continue;
		if (err)
			return err;
		spin_lock_bh(&odp->lock);
		if (mmu_interval_read_retry(&odp->notifier,
					    range.notifier_seq)) {
			spin_unlock_bh(&odp->lock);
			err = -EBUSY;
			continue;
		}
		for (i = 0; i < n; i++) {
			unsigned long pfn = pfns[i];

			if (!(pfn & HMM_PFN_VALID))
				continue;	/* not present, not asked for */
			mr->pages[index + i] = page_address(hmm_pfn_to_page(pfn));
			if (pfn & HMM_PFN_WRITE)
				set_bit(index + i, odp->writable);
			else
				clear_bit(index + i, odp->writable);
		}
		spin_unlock_bh(&odp->lock);
	} while (err == -EBUSY);
	return 0;
}

/**
 * re_odp_fault - fault in the pages of a range of an ODP MR
 * @mr: the MR, held
 * @iova: the range's first byte, inside the MR
 * @len: its length
 * @flags: RE_ODP_WRITE to make the pages writable; RE_ODP_NO_FAULT to
 *	enter only the pages present already (a prefetch that must not
 *	fault)
 *
 * Sleeps.  Return: 0; -EFAULT when the range is not (all) mapped, or
 * the process is gone; -EPERM when a page cannot be written.
 */
int re_odp_fault(struct re_mr *mr, u64 iova, u64 len, unsigned int flags)
{
	u64 off = mr->page_offset + (iova - mr->iova);
	struct mm_struct *mm = mr->odp->notifier.mm;
	unsigned long index, end, hmm_flags = 0;
	int err = 0;

	if (!len)
		return 0;
	if (!(flags & RE_ODP_NO_FAULT))
		hmm_flags = HMM_PFN_REQ_FAULT |
			    (flags & RE_ODP_WRITE ? HMM_PFN_REQ_WRITE : 0);
	if (!mmget_not_zero(mm))
		return -EFAULT;
	end = ((off + len - 1) >> PAGE_SHIFT) + 1;
	for (index = off >> PAGE_SHIFT; index < end && !err;
	     index += RE_ODP_CHUNK)
		err = re_odp_fault_chunk(mr, mm, index,
					 min_t(unsigned long, RE_ODP_CHUNK,
					       end - index), hmm_flags);
	mmput(mm);
	return err;
}

/*
 * The QP's fault work: fault the range in, then run the QP again (and
 * first ask again for the response the completer dropped).
 */
static void re_odp_fault_work(struct work_struct *work)
{
	struct re_odp_fault *f = container_of(work, struct re_odp_fault, work);
	struct re_qp *qp = container_of(f, struct re_qp, odp_fault);
	struct re_mr *mr = f->mr;
	int err;

	err = re_odp_fault(mr, f->iova, f->len, f->write ? RE_ODP_WRITE : 0);
	spin_lock_bh(&qp->lock);
	f->mr = NULL;
	f->pending = false;
	/* The next request of the range fails: it is not all mapped. */
	f->failed = err;
	if (f->rewind && !qp->dying &&
	    (qp->state == IB_QPS_RTS || qp->state == IB_QPS_SQD))
		re_req_rewind(qp, f->psn);
	f->rewind = false;
	spin_unlock_bh(&qp->lock);
	re_mr_put(mr);
	re_qp_run(qp);
}

void re_odp_init_qp(struct re_qp *qp)
{
	INIT_WORK(&qp->odp_fault.work, re_odp_fault_work);
}

/* destroy_qp, qp->dying set: a request still queued lets its MR go. */
void re_odp_stop_qp(struct re_qp *qp)
{
	struct re_odp_fault *f = &qp->odp_fault;

	if (cancel_work_sync(&f->work)) {
		re_mr_put(f->mr);
		f->mr = NULL;
		f->pending = false;
	}
}

/**
 * re_odp_fault_request - have the QP's fault work bring a range in
 * @qp: the QP, under qp->lock
 * @mr: an ODP MR, held by the caller
 * @iova: the range's first byte
 * @len: its length
 * @write: the pages are to be written
 *
 * One request at a time: while one is pending, the QP waits for it, and
 * asks again for what it still misses when it runs afterwards.
 *
 * Return: -EAGAIN: the range is (or will be) asked for, try again once
 * the QP runs again; -EFAULT: the last fault of this very range failed
 * (the process unmapped it, or it cannot be written).
 */
int re_odp_fault_request(struct re_qp *qp, struct re_mr *mr, u64 iova,
			 u32 len, bool write)
{
	struct re_odp_fault *f = &qp->odp_fault;

	if (f->failed) {
		f->failed = 0;
		if (f->key == mr->key && f->write == write &&
		    re_range_within(f->iova, f->len, iova, len))
			return -EFAULT;
	}
	if (f->pending)
		return -EAGAIN;
	refcount_inc(&mr->ref);
	f->mr = mr;
	f->key = mr->key;
	f->iova = iova;
	f->len = len;
	f->write = write;
	f->rewind = false;
	f->pending = true;
	re_count(to_re_dev(qp->ibqp.device)->port, RE_CNT_ODP_FAULTS);
	re_task_queue_work(&f->work);
	return -EAGAIN;
}

/**
 * re_odp_rewind_after - the completer dropped the response with @psn for
 *	the pending fault: ask for it again once the fault is done
 * @qp: the QP, under qp->lock
 * @psn: the response's PSN
 */
void re_odp_rewind_after(struct re_qp *qp, u32 psn)
{
	struct re_odp_fault *f = &qp->odp_fault;

	if (f->pending && (!f->rewind || re_psn_cmp(psn, f->psn) < 0)) {
		f->rewind = true;
		f->psn = psn;
	}
}

/**
 * re_advise_mr - ibv_advise_mr(): prefetch pages of ODP MRs
 * @pd: the PD the lkeys must belong to
 * @advice: PREFETCH (to read), PREFETCH_WRITE, or PREFETCH_NO_FAULT (enter
 *	what is present, fault nothing in)
 * @flags: IB_UVERBS_ADVISE_MR_FLAG_FLUSH asks to be done on return: it
 *	always is
 * @sg_list: the ranges, by lkey
 * @num_sge: how many
 * @attrs: unused
 *
 * An MR that is not ODP has its pages in already: nothing to do for it.
 *
 * Return: 0; -EOPNOTSUPP for another advice; -EINVAL when an lkey does
 * not exist, is of another PD, lacks the right or does not cover its
 * range; -EFAULT or -EPERM as re_odp_fault() fails.
 */
int re_advise_mr(struct ib_pd *pd, enum ib_uverbs_advise_mr_advice advice,
		 u32 flags, struct ib_sge *sg_list, u32 num_sge,
		 struct uverbs_attr_bundle *attrs)
{
	struct re_dev *dev = to_re_dev(pd->device);
	unsigned int fault_flags;
	int access = 0;
	u32 i;

	switch (advice) {
	case IB_UVERBS_ADVISE_MR_ADVICE_PREFETCH:
		fault_flags = 0;
		break;
	case IB_UVERBS_ADVISE_MR_ADVICE_PREFETCH_WRITE:
		fault_flags = RE_ODP_WRITE;
		access = IB_ACCESS_LOCAL_WRITE;
		break;
	case IB_UVERBS_ADVISE_MR_ADVICE_PREFETCH_NO_FAULT:
		fault_flags = RE_ODP_NO_FAULT;
		break;
	default:
		return -EOPNOTSUPP;
	}
	for (i = 0; i < num_sge; i++) {
		struct re_mr *mr;
		int err = 0;

		mr = re_mr_get(dev, pd, sg_list[i].lkey, false, access,
			       sg_list[i].addr, sg_list[i].length);
		if (!mr)
			return -EINVAL;
		if (mr->odp)
			err = re_odp_fault(mr, sg_list[i].addr,
					   sg_list[i].length, fault_flags);
		re_mr_put(mr);
		if (err)
			return err;
	}
	return 0;
}
