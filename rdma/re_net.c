// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: the client side of the LAN<->RDMA contract for one port:
 * RoCEv2 frames in (the RX hook, NAPI context), frames out (tandem_en's
 * RDMA TX queue), and the port's events.
 *
 * From the moment the client is registered, every RoCEv2 frame of the
 * port comes here and none reaches the network stack, so none reaches
 * rdma_rxe's UDP socket either (DESIGN.md, "User space").
 */
#include <linux/netdevice.h>
#include <linux/skbuff.h>
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

/**
 * re_net_xmit - send one frame on the port's RDMA TX queue
 * @port: the port
 * @skb: a complete Ethernet frame; always consumed
 *
 * Returns 0, -EBUSY (queue full, frame dropped: back off) or -ENETDOWN.
 */
int re_net_xmit(struct re_port *port, struct sk_buff *skb)
{
	int err = port->rdev->ops->xmit(port->rdev, skb);

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
}
