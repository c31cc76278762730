// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: one RoCEv2 frame out: Ethernet, IPv4 or IPv6, UDP and the
 * transport headers around a payload the caller fills, then the ICRC, then
 * tandem_en's RDMA TX queue (the contract).
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "re.h"

#define RE_UDP_SPORT_BASE	0xc000	/* rdma_rxe's range for the source port */

/**
 * re_frame_new - a frame for one packet from QP @src_qpn of @port to @av
 * @port: the port it leaves by
 * @src_qpn: the sending QP's number (it picks the UDP source port)
 * @av: where it goes
 * @pkt: the transport headers; @pkt->pad is set here
 * @payload_len: payload bytes the caller writes at *@payload
 * @payload: where to write them
 *
 * Return: the frame, or NULL without memory.
 */
struct sk_buff *re_frame_new(struct re_port *port, u32 src_qpn,
			     const struct re_av *av, struct re_pkt *pkt,
			     u32 payload_len, u8 **payload)
{
	struct net_device *ndev = port->rdev->netdev;
	u32 l3_len = av->ipv6 ? RE_IPV6_LEN : RE_IPV4_LEN;
	u32 hdr_len, udp_len;
	struct sk_buff *skb;
	struct udphdr *udp;
	struct ethhdr *eth;
	u8 *bth;

	pkt->pad = -payload_len & 3;
	hdr_len = re_hdr_len(re_op(pkt->opcode)->flags);
	udp_len = RE_UDP_LEN + hdr_len + payload_len + pkt->pad + RE_ICRC_LEN;
	skb = alloc_skb(NET_IP_ALIGN + ETH_HLEN + l3_len + udp_len, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, NET_IP_ALIGN);
	skb_reset_mac_header(skb);
	eth = skb_put(skb, ETH_HLEN);
	ether_addr_copy(eth->h_dest, av->dmac);
	ether_addr_copy(eth->h_source, ndev->dev_addr);
	eth->h_proto = htons(av->ipv6 ? ETH_P_IPV6 : ETH_P_IP);
	skb->protocol = eth->h_proto;
	if (av->vlan_id != RE_NO_VLAN)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), av->vlan_id);

	skb_set_network_header(skb, ETH_HLEN);
	if (av->ipv6) {
		struct ipv6hdr *ip6 = skb_put(skb, RE_IPV6_LEN);

		ip6_flow_hdr(ip6, av->tclass, htonl(av->flow_label));
		ip6->payload_len = htons(udp_len);
		ip6->nexthdr = IPPROTO_UDP;
		ip6->hop_limit = av->hop_limit;
		ip6->saddr = av->saddr.in6;
		ip6->daddr = av->daddr.in6;
	} else {
		struct iphdr *ip4 = skb_put(skb, RE_IPV4_LEN);

		ip4->version = 4;
		ip4->ihl = 5;
		ip4->tos = av->tclass;
		ip4->tot_len = htons(RE_IPV4_LEN + udp_len);
		ip4->id = 0;		/* DF: no fragment to tell apart */
		ip4->frag_off = htons(IP_DF);
		ip4->ttl = av->hop_limit;
		ip4->protocol = IPPROTO_UDP;
		ip4->saddr = av->saddr.in4;
		ip4->daddr = av->daddr.in4;
		ip_send_check(ip4);
	}
	skb_set_transport_header(skb, ETH_HLEN + l3_len);
	udp = skb_put(skb, RE_UDP_LEN);
	udp->source = htons(RE_UDP_SPORT_BASE | (src_qpn & 0x3fff));
	udp->dest = htons(TANDEM_ROCE_UDP_PORT);
	udp->len = htons(udp_len);
	udp->check = 0;		/* RoCEv2: the ICRC protects the packet */

	bth = skb_put(skb, hdr_len);
	re_wire_build_bth(bth, pkt);
	*payload = skb_put(skb, payload_len);
	memset(skb_put(skb, pkt->pad + RE_ICRC_LEN), 0, pkt->pad + RE_ICRC_LEN);
	return skb;
}

/* A frame for one packet of @qp to @av (see re_frame_new()). */
struct sk_buff *re_pkt_new(struct re_qp *qp, const struct re_av *av,
			   struct re_pkt *pkt, u32 payload_len, u8 **payload)
{
	return re_frame_new(to_re_dev(qp->ibqp.device)->port, qp->ibqp.qp_num,
			    av, pkt, payload_len, payload);
}

/**
 * re_frame_send - finish a frame of re_frame_new() with its ICRC, send it
 * @port: the port it leaves by
 * @skb: the frame, payload written; always consumed
 *
 * Return: 0, or -EBUSY/-ENETDOWN as the contract's xmit (the frame is
 * lost; RC recovers it by retransmission).
 */
int re_frame_send(struct re_port *port, struct sk_buff *skb)
{
	bool ipv6 = skb->protocol == htons(ETH_P_IPV6);
	u8 *l3 = skb_network_header(skb);

	re_wire_put_icrc(l3, ipv6, skb_tail_pointer(skb) - l3 - RE_ICRC_LEN);
	return re_net_xmit(port, skb);
}

/*
 * Send a frame of re_pkt_new() for @qp; -EBUSY (a full TX queue) also
 * marks the QP's work to run again a tick later, when the queue has room.
 */
int re_pkt_send(struct re_qp *qp, struct sk_buff *skb)
{
	int err = re_frame_send(to_re_dev(qp->ibqp.device)->port, skb);

	if (err == -EBUSY)
		qp->tx_busy = true;
	return err;
}
