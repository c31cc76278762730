/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tandem_re: the rings that tandem_re shares with rdma-core's rxe provider
 * (send, receive and shared receive queues, completion queues).
 *
 * A ring is one vmalloc_user() buffer: a 384-byte header, then 2^n slots
 * of 2^m bytes.  The header layout is the rxe user ABI (struct
 * rxe_queue_buf in include/uapi/rdma/rdma_user_rxe.h): element size and
 * index mask at 0 and 4, the producer index at 128, the consumer index at
 * 256, each index kept masked.  User space maps the buffer once, through
 * the offset the create response gives (struct re_mminfo).
 *
 * User space writes the header and the slots whenever it likes.  The
 * kernel therefore never reads the size, the mask or its own index from
 * the buffer: it keeps them in struct re_queue, masks every index it reads,
 * and copies a slot out before it looks at it.
 */
#ifndef _TANDEM_RE_QUEUE_H
#define _TANDEM_RE_QUEUE_H

#include <linux/types.h>
#include <rdma/ib_verbs.h>

/* struct rxe_queue_buf, the ring header of the rxe user ABI */
struct re_queue_buf {
	__u32 log2_elem_size;
	__u32 index_mask;
	__u32 pad_1[30];
	__u32 producer_index;
	__u32 pad_2[31];
	__u32 consumer_index;
	__u32 pad_3[31];
	__u8 data[];
};

/* struct mminfo of the rxe user ABI: where to mmap() a ring */
struct re_mminfo {
	__aligned_u64 offset;
	__u32 size;
	__u32 pad;
};

/**
 * struct re_mmap - a ring buffer as the RDMA core's mmap entries know it
 * @entry: the core's entry; the core frees it (re_mmap_free()) once the
 *	queue dropped it and no mapping is left, and the buffer with it
 * @buf: the vmalloc_user() buffer
 */
struct re_mmap {
	struct rdma_user_mmap_entry entry;
	void *buf;
};

/**
 * struct re_queue - one ring, and the kernel's own view of it
 * @buf: the shared buffer
 * @size: its size in bytes
 * @mask: index mask (slots - 1)
 * @log2_elem: log2 of the slot size
 * @index: the kernel's index: the producer index of a ring the kernel
 *	fills (CQ), the consumer index of a ring user space fills (SQ, RQ)
 * @mmap: the buffer's mmap entry for a user ring, NULL for a kernel ring
 */
struct re_queue {
	struct re_queue_buf *buf;
	size_t size;
	u32 mask;
	u32 log2_elem;
	u32 index;
	struct re_mmap *mmap;
};

int re_queue_init(struct re_queue *q, struct ib_ucontext *uctx,
		  unsigned int *entries, size_t elem_size);
void re_queue_cleanup(struct re_queue *q);
void re_queue_move(struct re_queue *new, const struct re_queue *old,
		   u32 first, u32 count);
void re_queue_mminfo(const struct re_queue *q, struct re_mminfo *mi);
int re_mmap(struct ib_ucontext *uctx, struct vm_area_struct *vma);
void re_mmap_free(struct rdma_user_mmap_entry *entry);

static inline void *re_queue_slot(const struct re_queue *q, u32 index)
{
	return q->buf->data + ((size_t)(index & q->mask) << q->log2_elem);
}

static inline size_t re_queue_elem_size(const struct re_queue *q)
{
	return (size_t)1 << q->log2_elem;
}

/* The kernel fills this ring: room for one more? */
static inline bool re_queue_full(const struct re_queue *q)
{
	/* Pairs with the consumer's release: its slot reads are done. */
	u32 cons = smp_load_acquire(&q->buf->consumer_index) & q->mask;

	return ((q->index + 1) & q->mask) == cons;
}

/* The kernel fills this ring: publish the slot at q->index. */
static inline void re_queue_produce(struct re_queue *q)
{
	q->index = (q->index + 1) & q->mask;
	/* The slot's contents before the index that publishes it. */
	smp_store_release(&q->buf->producer_index, q->index);
}

/* User space fills this ring: is a slot waiting at q->index? */
static inline bool re_queue_empty(const struct re_queue *q)
{
	/* Pairs with the producer's release: the slot is written. */
	u32 prod = smp_load_acquire(&q->buf->producer_index) & q->mask;

	return prod == q->index;
}

/* User space fills this ring: give the slot at q->index back. */
static inline void re_queue_consume(struct re_queue *q)
{
	q->index = (q->index + 1) & q->mask;
	/* Done reading the slot before user space may reuse it. */
	smp_store_release(&q->buf->consumer_index, q->index);
}

/*
 * A kernel ULP fills this ring (the send or receive ring of a kernel QP):
 * full?  The consumer is the engine, which moves q->index.
 */
static inline bool re_queue_full_cons(const struct re_queue *q)
{
	u32 prod = q->buf->producer_index;

	return ((prod + 1) & q->mask) == (READ_ONCE(q->index) & q->mask);
}

/* A kernel ULP fills this ring: publish its slot at the producer index. */
static inline void re_queue_advance_prod(struct re_queue *q)
{
	/* The slot's contents before the index that publishes it. */
	smp_store_release(&q->buf->producer_index,
			  (q->buf->producer_index + 1) & q->mask);
}

/* Entries waiting in a ring the kernel fills (for kernel CQs). */
static inline u32 re_queue_count(const struct re_queue *q)
{
	u32 cons = READ_ONCE(q->buf->consumer_index) & q->mask;

	return (q->index - cons) & q->mask;
}

/* User space fills this ring: how many entries wait for the kernel? */
static inline u32 re_queue_posted(const struct re_queue *q)
{
	return (READ_ONCE(q->buf->producer_index) - q->index) & q->mask;
}

#endif /* _TANDEM_RE_QUEUE_H */
