// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: where a QP's protocol work runs.
 *
 * Everything a QP does, sending (re_req.c), answering requests
 * (re_resp.c) and taking acknowledgements (re_comp.c), runs under its
 * qp->lock, one pass at a time: in place where the reason arises (the
 * send doorbell, the RX hook, a timer) when the lock is free, else in the
 * QP's work item.  The RX hook queues a QP's frames first, so a pass that
 * runs sees them whichever context runs it.
 */
#include <linux/skbuff.h>
#include <linux/workqueue.h>

#include "re.h"

/* More than a full window of packets; beyond it, frames are dropped. */
#define RE_RXQ_MAX	4096
/* Frames per run: the work holds qp->lock with BHs off, keep it short. */
#define RE_RX_BUDGET	64

static struct workqueue_struct *re_wq;

int re_task_init(void)
{
	re_wq = alloc_workqueue("tandem_re", WQ_UNBOUND | WQ_HIGHPRI, 0);
	return re_wq ? 0 : -ENOMEM;
}

void re_task_exit(void)
{
	destroy_workqueue(re_wq);
}

/* Other work on the engine's own workqueue (loopback, ODP faults). */
void re_task_queue_work(struct work_struct *work)
{
	queue_work(re_wq, work);
}

/* What a pass of the engine leaves to do. */
enum re_next {
	RE_NEXT_NONE,
	RE_NEXT_NOW,		/* more work: run again at once */
	RE_NEXT_LATER,		/* the TX queue was full: a tick later */
};

/* One pass of the engine, under qp->lock. */
static enum re_next re_engine_pass(struct re_qp *qp)
{
	int budget = RE_RX_BUDGET;
	struct sk_buff *skb;
	bool reads, more;

	if (qp->dying)
		return RE_NEXT_NONE;
	qp->tx_busy = false;
	/*
	 * READ responses first: no request is taken before they are out.
	 * Those that wait for a page of an ODP MR wait for the fault work,
	 * which runs the QP again.
	 */
	reads = re_resp_send_reads(qp);
	while (!reads && budget-- && (skb = skb_dequeue(&qp->rxq))) {
		re_rx_packet(qp, skb);
		reads = re_resp_send_reads(qp);
	}
	more = reads && !qp->odp_fault.pending;
	more |= re_resp_flush_ack(qp);
	more |= re_req_run(qp) || (!reads && !skb_queue_empty(&qp->rxq));
	if (qp->tx_busy)
		return RE_NEXT_LATER;
	return more ? RE_NEXT_NOW : RE_NEXT_NONE;
}

static void re_engine_next(struct re_qp *qp, enum re_next next)
{
	if (next == RE_NEXT_LATER)
		queue_delayed_work(re_wq, &qp->task, 1);
	else if (next == RE_NEXT_NOW)
		mod_delayed_work(re_wq, &qp->task, 0);
}

/**
 * re_qp_run - let the QP's engine act (frames came in, WQEs were posted,
 *	a timer fired, the state changed)
 * @qp: the QP
 *
 * The engine runs at once, in the caller's context (the send doorbell's
 * system call, the RX hook's NAPI poll, a timer), when nobody else runs
 * it: that saves the latency of waking the work item.  When somebody does
 * (the work item, another CPU, or the caller itself, under qp->lock), the
 * work item is queued, and it looks at everything again.  So is it when
 * the caller has interrupts off (the MAD layer posts under an irqsave
 * lock): the engine's bottom-half sections must not end there.
 */
void re_qp_run(struct re_qp *qp)
{
	enum re_next next;

	if (irqs_disabled() || !spin_trylock_bh(&qp->lock)) {
		mod_delayed_work(re_wq, &qp->task, 0);
		return;
	}
	next = re_engine_pass(qp);
	spin_unlock_bh(&qp->lock);
	re_engine_next(qp, next);
}

/* The QP's work item: the engine, when it could not run in place. */
static void re_task(struct work_struct *work)
{
	struct re_qp *qp = container_of(to_delayed_work(work), struct re_qp,
					task);
	enum re_next next;

	spin_lock_bh(&qp->lock);
	next = re_engine_pass(qp);
	spin_unlock_bh(&qp->lock);
	re_engine_next(qp, next);
}

void re_qp_put(struct re_qp *qp)
{
	if (refcount_dec_and_test(&qp->ref))
		complete(&qp->released);
}

void re_task_init_qp(struct re_qp *qp)
{
	refcount_set(&qp->ref, 1);
	init_completion(&qp->released);
	INIT_DELAYED_WORK(&qp->task, re_task);
	skb_queue_head_init(&qp->rxq);
	re_odp_init_qp(qp);
}

/*
 * destroy_qp, after the QP left the port's table: wait for the RX lookups
 * that still hold it, then stop its work and its timers for good.
 */
void re_task_stop_qp(struct re_qp *qp)
{
	re_qp_put(qp);
	wait_for_completion(&qp->released);
	spin_lock_bh(&qp->lock);
	qp->dying = true;
	spin_unlock_bh(&qp->lock);
	re_odp_stop_qp(qp);
	cancel_delayed_work_sync(&qp->task);
	re_req_stop_qp(qp);
	/* A timer that fired meanwhile queued the work: it returns at once. */
	cancel_delayed_work_sync(&qp->task);
	skb_queue_purge(&qp->rxq);
}

/**
 * re_task_queue_rx - hand a received frame to its QP
 * @port: the port it came in on
 * @skb: the frame, parsed: skb->cb holds struct re_rx_cb
 * @qpn: the destination QP
 *
 * Called in NAPI context.
 *
 * Return: true when the QP took (consumed) @skb; false when no such QP
 * takes frames: @skb is the caller's still.
 */
bool re_task_queue_rx(struct re_port *port, struct sk_buff *skb, u32 qpn)
{
	struct re_qp *qp;

	rcu_read_lock();
	qp = xa_load(&port->qps, qpn);
	if (qp && !refcount_inc_not_zero(&qp->ref))
		qp = NULL;
	rcu_read_unlock();
	if (!qp)
		return false;
	if (skb_queue_len(&qp->rxq) >= RE_RXQ_MAX) {
		kfree_skb(skb);
		re_count(port, RE_CNT_DROPPED);
	} else {
		skb_queue_tail(&qp->rxq, skb);
		re_qp_run(qp);
	}
	re_qp_put(qp);
	return true;
}
