// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: RoCEv2 frames in.
 *
 * In NAPI context (the contract's RX hook), a frame is checked whole, its
 * ICRC included, and queued to its QP; malformed frames and frames for no
 * QP are counted and dropped there.  The QP's work then hands each packet
 * to the responder (requests) or the completer (responses).
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>

#include "re.h"

static const enum re_counter re_parse_counter[RE_PARSE_NUM_ERRS] = {
	[RE_PARSE_BAD_ICRC] = RE_CNT_ICRC_ERR,
};

/**
 * re_rx_frame - take a frame from the RX hook
 * @port: the port it came in on
 * @skb: the frame (skb->data at the IP header); consumed
 */
void re_rx_frame(struct re_port *port, struct sk_buff *skb)
{
	struct re_frame frame;
	enum re_parse_err err;
	struct re_rx_cb *cb;

	re_count(port, RE_CNT_RCVD_PKTS);
	if (skb_linearize(skb)) {
		re_count(port, RE_CNT_DROPPED);
		kfree_skb(skb);
		return;
	}
	err = re_wire_parse_frame(skb->data, skb->len, &frame);
	if (err != RE_PARSE_OK) {
		re_count(port, re_parse_counter[err] ?: RE_CNT_MALFORMED);
		kfree_skb(skb);
		return;
	}
	cb = re_rx_cb(skb);
	cb->ipv6 = frame.ipv6;
	cb->bth_off = frame.bth - skb->data;
	cb->bth_len = frame.pkt.hdr_len + frame.pkt.payload_len +
		      frame.pkt.pad + RE_ICRC_LEN;
	if (frame.pkt.dqpn == RE_MCAST_QPN) {
		re_mcast_rx(port, skb, &frame);
		return;
	}
	if (re_task_queue_rx(port, skb, frame.pkt.dqpn))
		return;
	re_count(port, re_linger_answer(port, &frame) ? RE_CNT_DUP_REQ :
							RE_CNT_UNKNOWN_QP);
	kfree_skb(skb);
}

/* The transport a QP's packets must carry (struct re_op_desc flags). */
static u32 re_rx_transport(const struct re_qp *qp)
{
	switch (qp->ibqp.qp_type) {
	case IB_QPT_RC:
		return RE_F_RC;
	case IB_QPT_UC:
		return RE_F_UC;
	default:
		return RE_F_UD;
	}
}

/* An RC or UC QP takes packets from its peer's address only. */
static bool re_rx_from_peer(const struct re_qp *qp, const struct sk_buff *skb)
{
	if (re_rx_cb((struct sk_buff *)skb)->ipv6 != qp->av.ipv6)
		return false;
	if (qp->av.ipv6)
		return ipv6_addr_equal(&ipv6_hdr(skb)->saddr, &qp->av.daddr.in6);
	return ip_hdr(skb)->saddr == qp->av.daddr.in4;
}

/**
 * re_rx_packet - one packet for @qp, in its work
 * @qp: the QP, under qp->lock
 * @skb: the frame queued by re_rx_frame(); consumed
 */
void re_rx_packet(struct re_qp *qp, struct sk_buff *skb)
{
	struct re_rx_cb *cb = re_rx_cb(skb);
	const u8 *bth = skb->data + cb->bth_off;
	struct re_pkt pkt;

	/* Checked whole by re_rx_frame(): this decode cannot fail. */
	if (re_wire_parse_bth(bth, cb->bth_len, &pkt) != RE_PARSE_OK)
		goto drop;
	if (!(pkt.flags & re_rx_transport(qp)) ||
	    (re_qp_connected(qp) && !re_rx_from_peer(qp, skb)))
		goto drop;
	if ((pkt.pkey & 0x7fff) != (RE_DEFAULT_PKEY & 0x7fff))
		goto drop;
	if (pkt.flags & RE_F_RESP)
		re_comp_packet(qp, &pkt, bth + pkt.hdr_len);
	else
		re_resp_packet(qp, skb, &pkt, bth + pkt.hdr_len);
	consume_skb(skb);
	return;
drop:
	re_count(to_re_dev(qp->ibqp.device)->port, RE_CNT_DROPPED);
	kfree_skb(skb);
}
