// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: the RC send window, how many PSNs past the oldest
 * unacknowledged one the requester sends before it waits for an ACK.
 *
 * Recovery is go-back-N (the responder drops every packet after a gap), so
 * a loss costs everything in flight behind the lost packet: at a fixed
 * window of 128, about 110 packets per loss, and 1 % loss halved the
 * bandwidth.  The window therefore adapts, additive increase and
 * multiplicative decrease: each loss the completer or the retransmit
 * timer sees (a sequence NAK, a gap in READ responses, a timeout) halves
 * it, down to RE_WINDOW_MIN; every window/RE_WINDOW_GROWTH PSNs
 * acknowledged add one, up to RE_WINDOW_MAX, which the clean emulated
 * wire needs for its bandwidth and where a QP starts.
 *
 * Runs in the QP's work, under qp->lock.
 */
#include "re.h"

#define RE_WINDOW_MAX		128
#define RE_WINDOW_MIN		16
#define RE_WINDOW_GROWTH	8
/*
 * A READ starts only with fewer PSNs in flight: its responses come back
 * in a burst the responder sends as fast as it can, and bursts of two
 * 64 KiB READs overflow the emulated wire (bench-rdma: 0.2x rdma_rxe's
 * read bandwidth at 128, 1.05x at 64).
 */
#define RE_READ_WINDOW		64
/* A long message asks for an ACK this many times per window. */
#define RE_ACKS_PER_WINDOW	4

/* The QP reached RTS: a new connection starts with the whole window. */
void re_window_reset(struct re_qp *qp)
{
	qp->req.window = RE_WINDOW_MAX;
	qp->req.window_credit = 0;
}

/* A packet was lost on the way: send less at once. */
void re_window_shrink(struct re_qp *qp)
{
	qp->req.window = max_t(u32, qp->req.window / 2, RE_WINDOW_MIN);
	qp->req.window_credit = 0;
}

/* The responder acknowledged @npsn more PSNs: send a little more at once. */
void re_window_grow(struct re_qp *qp, u32 npsn)
{
	u32 credit = qp->req.window_credit + npsn * RE_WINDOW_GROWTH;

	if (qp->req.window >= RE_WINDOW_MAX)
		return;
	qp->req.window = min_t(u32, qp->req.window + credit / qp->req.window,
			       RE_WINDOW_MAX);
	qp->req.window_credit = credit % qp->req.window;
}

/* How many PSNs past una may be in flight when @w's next packet goes. */
u32 re_window_for(const struct re_qp *qp, const struct re_swqe *w)
{
	if (w->opcode == IB_WR_RDMA_READ)
		return min_t(u32, qp->req.window, RE_READ_WINDOW);
	return qp->req.window;
}

/*
 * Whether an RC packet asks for an ACK (the responder acknowledges only
 * those): a message's last packet; one in every quarter window, so that
 * ACKs come back before the window closes; and the packet that fills the
 * window, which else would wait for the retransmit timer.
 */
bool re_window_wants_ack(const struct re_qp *qp, u32 psn, bool last)
{
	u32 every = max_t(u32, qp->req.window / RE_ACKS_PER_WINDOW, 1);

	return last || !(psn % every) ||
	       re_psn_add(psn, 1) == re_psn_add(qp->req.una, qp->req.window);
}
