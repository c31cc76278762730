// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: the client side of the LAN<->RDMA contract for one port:
 * RoCEv2 frames in (the RX hook, NAPI context), frames out (tandem_en's
 * RDMA TX queue), and the port's events.
 *
 * From the moment the client is registered, every RoCEv2 frame of the
 * port comes here and none reaches the network stack, so none reaches
 * rdma_rxe's UDP socket either (DESIGN.md, "User space").
 *
 * Frames the port sends to itself (two QPs of one host: rdma-core's own
 * test suite, an NVMe-oF host and target on one machine) never come back
 * from the wire, as the NIC does not loop them back: the port takes them
 * in itself, as rdma_rxe does.
 */
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/ipv6.h>
#include <rdma/ib_verbs.h>

#include "re.h"

static struct re_port *client_to_port(struct tandem_roce_client *client)
{
	return container_of(client, struct re_port, client);
}

/* NAPI context: every RoCEv2 frame of the port, before the stack. */
static void re_net_rx(struct tandem_roce_client *client, struct sk_buff *skb)
{
	re_rx_frame(client_to_port(client), skb);
}

/* Frames on their way from the port to itself: more than a window's worth. */
#define RE_LOOPQ_MAX	4096
/* Frames per pass of the loopback work: it runs with BHs off. */
#define RE_LOOP_BUDGET	64

/*
 * To one of the port's own addresses: its MAC (the core resolves a local
 * IP address to it), or the source address itself (an address vector of
 * rdma-core before 39 carries the MAC user space found, which may be none).
 */
static bool re_net_to_self(struct re_port *port, const struct sk_buff *skb)
{
	if (ether_addr_equal(eth_hdr(skb)->h_dest, port->rdev->netdev->dev_addr))
		return true;
	if (skb->protocol == htons(ETH_P_IPV6))
		return ipv6_addr_equal(&ipv6_hdr(skb)->saddr,
				       &ipv6_hdr(skb)->daddr);
	return ip_hdr(skb)->saddr == ip_hdr(skb)->daddr;
}

/*
 * The sender may hold its QP's lock and the receiving QP may be that very
 * QP, so the frame goes to the RX path from a work item, never in place.
 */
static int re_net_loop(struct re_port *port, struct sk_buff *skb)
{
	if (skb_queue_len(&port->loopq) >= RE_LOOPQ_MAX) {
		kfree_skb(skb);
		return -EBUSY;	/* the sender backs off, as on a full ring */
	}
	/* As the RX hook has it: data at the IP header, the tag aside. */
	skb_pull(skb, ETH_HLEN);
	skb_queue_tail(&port->loopq, skb);
	re_task_queue_work(&port->loop_work);
	return 0;
}

/* The port's frames to itself, into the RX path as from the hook. */
static void re_net_loop_work(struct work_struct *work)
{
	struct re_port *port = container_of(work, struct re_port, loop_work);
	int budget = RE_LOOP_BUDGET;
	struct sk_buff *skb;

	local_bh_disable();
	rcu_read_lock();
	while (budget-- && (skb = skb_dequeue(&port->loopq))) {
		re_count(port, RE_CNT_LOOPBACK);
		re_rx_frame(port, skb);
	}
	rcu_read_unlock();
	local_bh_enable();
	if (!skb_queue_empty(&port->loopq))
		re_task_queue_work(&port->loop_work);
}

/*
 * At removal, once nothing sends any more: drop what is still on its way.
 * The work requeues itself; cancel_work_sync() waits that out.
 */
void re_net_stop_loopback(struct re_port *port)
{
	cancel_work_sync(&port->loop_work);
	skb_queue_purge(&port->loopq);
}

/* A copy of a frame to a multicast group, for the port's own members. */
static void re_net_loop_mcast(struct re_port *port, struct sk_buff *skb)
{
	struct sk_buff *copy;
	union ib_gid mgid;

	re_mcast_gid(skb_network_header(skb),
		     skb->protocol == htons(ETH_P_IPV6), &mgid);
	if (!re_mcast_has_members(port, &mgid))
		return;
	copy = skb_clone(skb, GFP_ATOMIC);
	if (copy)
		re_net_loop(port, copy);
}

/**
 * re_net_xmit - send one frame on the port's RDMA TX queue
 * @port: the port
 * @skb: a complete Ethernet frame; always consumed
 *
 * A frame to the port itself is looped back instead (see above); one to
 * a multicast group goes out, and to the port's own members of it.
 *
 * Returns 0, -EBUSY (queue full, frame dropped: back off) or -ENETDOWN.
 */
int re_net_xmit(struct re_port *port, struct sk_buff *skb)
{
	int err;

	if (is_multicast_ether_addr(eth_hdr(skb)->h_dest))
		re_net_loop_mcast(port, skb);
	if (re_net_to_self(port, skb))
		err = re_net_loop(port, skb);
	else
		err = port->rdev->ops->xmit(port->rdev, skb);

	if (err)
		re_count(port, RE_CNT_SEND_ERR);
	else
		re_count(port, RE_CNT_SENT_PKTS);
	return err;
}

static void re_port_event(struct re_port *port, enum ib_event_type type)
{
	struct ib_event ev = {
		.event = type,
		.element.port_num = 1,
	};

	/* The device cannot be freed under port->lock (re_dealloc_driver). */
	mutex_lock(&port->lock);
	if (port->ibdev && !port->closing) {
		ev.device = &port->ibdev->ibdev;
		ib_dispatch_event(&ev);
	}
	mutex_unlock(&port->lock);
}

/* Called in process context, maybe under RTNL: never takes RTNL. */
static void re_net_event(struct tandem_roce_client *client,
			 enum tandem_roce_event event)
{
	struct re_port *port = client_to_port(client);

	switch (event) {
	case TANDEM_ROCE_LINK_UP:
		re_port_event(port, IB_EVENT_PORT_ACTIVE);
		break;
	case TANDEM_ROCE_LINK_DOWN:
		re_count(port, RE_CNT_LINK_DOWNED);
		re_port_event(port, IB_EVENT_PORT_ERR);
		break;
	case TANDEM_ROCE_MAC_CHANGE:
		/* GIDs follow the MAC through the core's GID cache. */
		mutex_lock(&port->lock);
		if (port->ibdev)
			re_set_node_guid(port->ibdev);
		mutex_unlock(&port->lock);
		break;
	case TANDEM_ROCE_REMOVE:
		/* re_remove() follows: register nothing new meanwhile. */
		mutex_lock(&port->lock);
		port->closing = true;
		mutex_unlock(&port->lock);
		break;
	case TANDEM_ROCE_MTU_CHANGE:
		/* query_port reads the MTU from the netdev: nothing to keep. */
	case TANDEM_ROCE_RESET_PREPARE:
	case TANDEM_ROCE_RESET_DONE:
		/*
		 * During a reset xmit fails with -ENETDOWN and frames are
		 * lost: RC QPs recover them by retransmission.
		 */
		break;
	}
}

void re_net_init_client(struct re_port *port)
{
	port->client.rx = re_net_rx;
	port->client.event = re_net_event;
	skb_queue_head_init(&port->loopq);
	INIT_WORK(&port->loop_work, re_net_loop_work);
}
