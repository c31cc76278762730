// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: an RC QP's last acknowledgment, after destroy_qp.
 *
 * The last ACK a responder sends can be lost, and its application may
 * destroy the QP right after the message completed (ibv_rc_pingpong does):
 * the requester then retransmits to a QP that is gone, and its message,
 * delivered, fails with a retry error.  As TCP's TIME_WAIT, a destroyed RC
 * QP leaves its responder's position behind for RE_LINGER_TIME, and a
 * duplicate of a request it had taken, from its peer, is acknowledged
 * again from here.  Nothing else is answered: a new request, a READ or an
 * atomic (their responses are gone with the QP) meets an unknown QP.
 */
#include <linux/jiffies.h>
#include <linux/slab.h>

#include "re.h"

#define RE_LINGER_TIME	(2 * HZ)	/* a requester's default retries */
#define RE_LINGER_MAX	256		/* entries per port */

/**
 * struct re_linger - what a destroyed RC QP's responder leaves behind
 * @av: its peer
 * @qpn: its number
 * @dest_qpn: its peer's QP
 * @psn: the next PSN it expected: anything before was taken
 * @msn: the messages it completed
 * @expires: when it stops answering (jiffies)
 * @rcu: frees it after the RX path's lookups
 */
struct re_linger {
	struct re_av av;
	u32 qpn;
	u32 dest_qpn;
	u32 psn;
	u32 msn;
	unsigned long expires;
	struct rcu_head rcu;
};

/* Drop the expired entries; return how many remain. */
static unsigned int re_linger_prune(struct re_port *port)
{
	struct re_linger *l;
	unsigned int n = 0;
	unsigned long i;

	xa_for_each(&port->lingering, i, l) {
		if (time_before(jiffies, l->expires)) {
			n++;
			continue;
		}
		if (xa_cmpxchg(&port->lingering, i, l, NULL, GFP_KERNEL) == l)
			kfree_rcu(l, rcu);
	}
	return n;
}

/**
 * re_linger_add - keep a destroyed RC QP's responder position
 * @port: its port
 * @qp: the QP, its engine stopped
 */
void re_linger_add(struct re_port *port, const struct re_qp *qp)
{
	struct re_linger *l, *old;

	if (qp->ibqp.qp_type != IB_QPT_RC || qp->state == IB_QPS_RESET ||
	    qp->state == IB_QPS_INIT)
		return;		/* it never took a request */
	if (re_linger_prune(port) >= RE_LINGER_MAX)
		return;
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return;		/* the requester's retries decide, as without */
	l->av = qp->av;
	l->qpn = qp->ibqp.qp_num;
	l->dest_qpn = qp->dest_qpn;
	l->psn = qp->resp.psn;
	l->msn = qp->resp.msn;
	l->expires = jiffies + RE_LINGER_TIME;
	old = xa_store(&port->lingering, l->qpn, l, GFP_KERNEL);
	if (xa_is_err(old)) {
		kfree(l);
		return;
	}
	if (old)
		kfree_rcu(old, rcu);
}

/* A new QP took the number: its traffic is its own. */
void re_linger_forget(struct re_port *port, u32 qpn)
{
	struct re_linger *l = xa_erase(&port->lingering, qpn);

	if (l)
		kfree_rcu(l, rcu);
}

/* The frame comes from @l's peer. */
static bool re_linger_from_peer(const struct re_linger *l,
				const struct re_frame *frame)
{
	if (frame->ipv6 != l->av.ipv6)
		return false;
	if (frame->ipv6)
		return !memcmp(frame->l3 + 8, &l->av.daddr.in6, sizeof(l->av.daddr.in6));
	return !memcmp(frame->l3 + 12, &l->av.daddr.in4, sizeof(l->av.daddr.in4));
}

/**
 * re_linger_answer - acknowledge a duplicate for a destroyed RC QP
 * @port: the port the frame came in on
 * @frame: a frame whose destination QP does not exist (in NAPI context)
 *
 * Return: true when the frame was a duplicate of a request the QP had
 * taken, and was acknowledged again.
 */
bool re_linger_answer(struct re_port *port, const struct re_frame *frame)
{
	const struct re_pkt *req = &frame->pkt;
	struct re_pkt ack = {
		.opcode = RE_OP_RC_ACKNOWLEDGE,
		.pkey = RE_DEFAULT_PKEY,
		.syndrome = RE_AETH_ACK | RE_AETH_ACK_UNLIMITED,
	};
	struct re_linger *l;
	struct sk_buff *skb;
	struct re_av av;
	u32 qpn;
	u8 *data;

	if (!(req->flags & RE_F_RC) ||
	    (req->flags & (RE_F_RESP | RE_F_ANSWERED)))
		return false;
	rcu_read_lock();
	l = xa_load(&port->lingering, req->dqpn);
	if (!l || time_after_eq(jiffies, l->expires) ||
	    !re_linger_from_peer(l, frame) || re_psn_cmp(req->psn, l->psn) >= 0) {
		rcu_read_unlock();
		return false;
	}
	av = l->av;
	qpn = l->qpn;
	ack.dqpn = l->dest_qpn;
	ack.psn = re_psn_add(l->psn, RE_PSN_MASK);	/* the last one taken */
	ack.msn = l->msn;
	rcu_read_unlock();

	skb = re_frame_new(port, qpn, &av, &ack, 0, &data);
	if (skb)
		re_frame_send(port, skb);
	return true;
}

/* The port goes away: no frame comes in any more. */
void re_linger_cleanup(struct re_port *port)
{
	struct re_linger *l;
	unsigned long i;

	xa_for_each(&port->lingering, i, l) {
		xa_erase(&port->lingering, i);
		kfree_rcu(l, rcu);
	}
	xa_destroy(&port->lingering);
}
