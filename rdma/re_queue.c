// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: ring buffers shared with user space, and their mmap (see
 * re_queue.h for the layout and the rules).
 */
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <rdma/ib_verbs.h>

#include "re_queue.h"

static_assert(offsetof(struct re_queue_buf, producer_index) == 128);
static_assert(offsetof(struct re_queue_buf, consumer_index) == 256);
static_assert(sizeof(struct re_queue_buf) == 384);
static_assert(sizeof(struct re_mminfo) == 16);

/**
 * re_queue_init - allocate a ring
 * @q: the ring, zeroed
 * @uctx: the user context that will map it, or NULL for a kernel ring
 * @entries: in, the entries asked for; out, the entries the ring holds
 *	(one slot stays free, so that full and empty differ)
 * @elem_size: bytes per entry; the slots are the next power of two
 *
 * Return: 0 or a negative errno.
 */
int re_queue_init(struct re_queue *q, struct ib_ucontext *uctx,
		  unsigned int *entries, size_t elem_size)
{
	unsigned int slots = roundup_pow_of_two(*entries + 1);
	int err;

	q->log2_elem = order_base_2(elem_size);
	q->mask = slots - 1;
	q->size = PAGE_ALIGN(sizeof(*q->buf) + ((size_t)slots << q->log2_elem));
	q->buf = vmalloc_user(q->size);
	if (!q->buf)
		return -ENOMEM;
	q->buf->log2_elem_size = q->log2_elem;
	q->buf->index_mask = q->mask;
	*entries = slots - 1;
	if (!uctx)
		return 0;

	q->mmap = kzalloc(sizeof(*q->mmap), GFP_KERNEL);
	if (!q->mmap) {
		err = -ENOMEM;
		goto err_free;
	}
	q->mmap->buf = q->buf;
	err = rdma_user_mmap_entry_insert(uctx, &q->mmap->entry, q->size);
	if (err) {
		kfree(q->mmap);
		q->mmap = NULL;
		goto err_free;
	}
	return 0;

err_free:
	vfree(q->buf);
	q->buf = NULL;
	return err;
}

/*
 * Drop the ring.  A user ring's buffer lives on while user space still
 * maps it: re_mmap_free() frees it with the entry.
 */
void re_queue_cleanup(struct re_queue *q)
{
	if (q->mmap)
		rdma_user_mmap_entry_remove(&q->mmap->entry);
	else
		vfree(q->buf);
	q->buf = NULL;
	q->mmap = NULL;
}

/**
 * re_queue_move - move a ring's waiting entries into a new ring (resize)
 * @new: the new ring, empty
 * @old: the ring being replaced, under its owner's locks
 * @first: the index of its oldest waiting entry
 * @count: how many wait (no more than @new holds)
 *
 * The entries land at @new's first slots; the caller sets the indices.
 */
void re_queue_move(struct re_queue *new, const struct re_queue *old,
		   u32 first, u32 count)
{
	u32 i;

	for (i = 0; i < count; i++)
		memcpy(re_queue_slot(new, i), re_queue_slot(old, first + i),
		       re_queue_elem_size(old));
}

/* What the create (or resize) response tells user space to map. */
void re_queue_mminfo(const struct re_queue *q, struct re_mminfo *mi)
{
	memset(mi, 0, sizeof(*mi));
	if (!q->mmap)
		return;
	mi->offset = rdma_user_mmap_get_offset(&q->mmap->entry);
	mi->size = q->size;
}

/* ib_device_ops.mmap: map one ring, whole, at the offset it was given. */
int re_mmap(struct ib_ucontext *uctx, struct vm_area_struct *vma)
{
	struct rdma_user_mmap_entry *entry;
	struct re_mmap *m;
	int err;

	entry = rdma_user_mmap_entry_get(uctx, vma);
	if (!entry)
		return -EINVAL;
	m = container_of(entry, struct re_mmap, entry);
	if (vma->vm_end - vma->vm_start > entry->npages << PAGE_SHIFT)
		err = -EINVAL;
	else
		err = remap_vmalloc_range(vma, m->buf, 0);
	rdma_user_mmap_entry_put(entry);
	return err;
}

/* ib_device_ops.mmap_free: the last user of a ring buffer is gone. */
void re_mmap_free(struct rdma_user_mmap_entry *entry)
{
	struct re_mmap *m = container_of(entry, struct re_mmap, entry);

	vfree(m->buf);
	kfree(m);
}
