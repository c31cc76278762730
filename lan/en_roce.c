// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: the provider side of the LAN<->RDMA contract.  Each port
 * publishes one auxiliary device, tandem_en.roce.<id>, carrying this
 * build's version and contract ABI id for tandem_re to check, and the ops
 * that let tandem_re use the port: a TX queue of its own, the RoCEv2
 * frames the port receives, and the port's events.
 */
#include <linux/idr.h>
#include <linux/if_vlan.h>
#include <net/ip.h>
#include <linux/ipv6.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/udp.h>

#include "en.h"

static DEFINE_IDA(en_roce_ida);

static struct en_adapter *en_roce_adapter(struct tandem_roce_dev *rdev)
{
	return netdev_priv(rdev->netdev);
}

/*
 * With two queue pairs, TX queue 1 belongs to RDMA while a client is
 * registered: the stack is told there is one queue, so only RDMA frames
 * reach ring 1.  With one pair, RDMA shares queue 0 with the stack.
 */
static unsigned int en_roce_tx_queue(struct en_adapter *adapter)
{
	return adapter->num_queues - 1;
}

/* TX queues the stack may use: all but RDMA's while it has one. */
unsigned int en_roce_stack_tx_queues(struct en_adapter *adapter)
{
	bool reserved = rcu_access_pointer(adapter->roce_client) &&
			adapter->num_queues > 1;

	return adapter->num_queues - reserved;
}

static int en_roce_xmit(struct tandem_roce_dev *rdev, struct sk_buff *skb)
{
	struct en_adapter *adapter = en_roce_adapter(rdev);
	struct en_ring *ring = &adapter->tx_ring[en_roce_tx_queue(adapter)];
	struct net_device *netdev = adapter->netdev;
	struct netdev_queue *txq = netdev_get_tx_queue(netdev, ring->queue);
	int err = 0;

	skb->dev = netdev;
	skb_set_queue_mapping(skb, ring->queue);
	local_bh_disable();
	__netif_tx_lock(txq, smp_processor_id());
	/* en_down() turns the carrier off before it stops the queues under
	 * this lock, so a frame checked here never meets a ring going away.
	 */
	if (!netif_running(netdev) || !netif_carrier_ok(netdev)) {
		err = -ENETDOWN;
	} else if (netif_xmit_frozen_or_stopped(txq) ||
		   en_tx_frame(ring, skb, false) != NETDEV_TX_OK) {
		err = -EBUSY;
	} else {
		/*
		 * The stack's xmit stamps trans_start; this path bypasses it,
		 * and the TX watchdog would take a queue that stops when full
		 * for a hung one.
		 */
		txq_trans_cond_update(txq);
		en_ring_count(ring, &ring->stats.roce);
	}
	__netif_tx_unlock(txq);
	local_bh_enable();
	if (err) {
		en_ring_count(ring, &ring->stats.roce_dropped);
		kfree_skb(skb);
	}
	return err;
}

static int en_roce_register_client(struct tandem_roce_dev *rdev,
				   struct tandem_roce_client *client)
{
	struct en_adapter *adapter = en_roce_adapter(rdev);
	int err = 0;

	rtnl_lock();
	mutex_lock(&adapter->roce_lock);
	if (rcu_access_pointer(adapter->roce_client)) {
		err = -EBUSY;
	} else {
		rcu_assign_pointer(adapter->roce_client, client);
		err = netif_set_real_num_tx_queues(adapter->netdev,
						   en_roce_stack_tx_queues(adapter));
		if (err)
			RCU_INIT_POINTER(adapter->roce_client, NULL);
	}
	mutex_unlock(&adapter->roce_lock);
	rtnl_unlock();
	return err;
}

static void en_roce_unregister_client(struct tandem_roce_dev *rdev)
{
	struct en_adapter *adapter = en_roce_adapter(rdev);

	rtnl_lock();
	mutex_lock(&adapter->roce_lock);
	RCU_INIT_POINTER(adapter->roce_client, NULL);
	/* Giving a queue back cannot fail: it grows to what was allocated. */
	WARN_ON(netif_set_real_num_tx_queues(adapter->netdev,
					     en_roce_stack_tx_queues(adapter)));
	mutex_unlock(&adapter->roce_lock);
	rtnl_unlock();
	/* No rx() call may still be running when the client goes away. */
	synchronize_net();
}

static const struct tandem_roce_ops en_roce_ops = {
	.xmit = en_roce_xmit,
	.register_client = en_roce_register_client,
	.unregister_client = en_roce_unregister_client,
};

/* Tell the client, if there is one, about @event; process context. */
void en_roce_event(struct en_adapter *adapter, enum tandem_roce_event event)
{
	struct tandem_roce_client *client;

	mutex_lock(&adapter->roce_lock);
	client = rcu_dereference_protected(adapter->roce_client,
					   lockdep_is_held(&adapter->roce_lock));
	if (client)
		client->event(client, event);
	mutex_unlock(&adapter->roce_lock);
}

/* Is this frame, as eth_type_trans() left it, RoCEv2 for this host? */
static bool en_roce_frame(struct sk_buff *skb)
{
	const struct udphdr *uh;
	unsigned int l4;

	if (skb->pkt_type == PACKET_OTHERHOST)
		return false;
	/* The stack sets it later; the parse below and the client need it now. */
	skb_reset_network_header(skb);
	switch (skb->protocol) {
	case htons(ETH_P_IP): {
		const struct iphdr *iph;

		if (!pskb_may_pull(skb, sizeof(*iph)))
			return false;
		iph = ip_hdr(skb);
		if (iph->protocol != IPPROTO_UDP || iph->ihl < 5 ||
		    ip_is_fragment(iph))
			return false;
		l4 = iph->ihl * 4;
		break;
	}
	case htons(ETH_P_IPV6):
		if (!pskb_may_pull(skb, sizeof(struct ipv6hdr)) ||
		    ipv6_hdr(skb)->nexthdr != IPPROTO_UDP)
			return false;
		l4 = sizeof(struct ipv6hdr);
		break;
	default:
		return false;
	}
	if (!pskb_may_pull(skb, l4 + sizeof(*uh)))
		return false;
	uh = (const struct udphdr *)(skb->data + l4);
	return uh->dest == htons(TANDEM_ROCE_UDP_PORT);
}

/**
 * en_roce_rx - offer a received frame to tandem_re
 * @ring: the RX ring it came from
 * @skbp: the frame, after eth_type_trans(); may be replaced (VLAN untag)
 *
 * NAPI context.  RoCEv2 frames go to the registered client, before the
 * network stack (and so before any UDP socket, rdma_rxe's included).
 *
 * Return: true if the frame was taken (or dropped); false if it is the
 * stack's.
 */
bool en_roce_rx(struct en_ring *ring, struct sk_buff **skbp)
{
	struct tandem_roce_client *client;
	struct sk_buff *skb = *skbp;
	bool taken = false;

	rcu_read_lock();
	client = rcu_dereference(ring->adapter->roce_client);
	if (!client)
		goto out;
	/* A tag left in the frame (VLAN stripping off) moves to the skb,
	 * as the contract promises; the stack would do the same.
	 */
	if (eth_type_vlan(skb->protocol)) {
		skb = skb_vlan_untag(skb);
		*skbp = skb;
		if (!skb) {
			taken = true;
			goto out;
		}
	}
	if (en_roce_frame(skb)) {
		en_ring_count(ring, &ring->stats.roce);
		client->rx(client, skb);
		taken = true;
	}
out:
	rcu_read_unlock();
	return taken;
}

/* The core may hold the device after unpublish; it is freed here, last. */
static void en_roce_release(struct device *dev)
{
	struct tandem_roce_dev *roce = to_tandem_roce_dev(to_auxiliary_dev(dev));

	ida_free(&en_roce_ida, roce->adev.id);
	kfree(roce);
}

int en_roce_publish(struct en_adapter *adapter)
{
	struct tandem_roce_dev *roce;
	int id, err;

	id = ida_alloc(&en_roce_ida, GFP_KERNEL);
	if (id < 0)
		return id;
	roce = kzalloc(sizeof(*roce), GFP_KERNEL);
	if (!roce) {
		ida_free(&en_roce_ida, id);
		return -ENOMEM;
	}
	roce->version = TANDEM_VERSION;
	roce->abi_id = TANDEM_ABI_ID;
	roce->pdev = adapter->pdev;
	roce->netdev = adapter->netdev;
	roce->ops = &en_roce_ops;
	roce->adev.name = TANDEM_ROCE_DEV_NAME;
	roce->adev.id = id;
	roce->adev.dev.parent = &adapter->pdev->dev;
	roce->adev.dev.release = en_roce_release;

	err = auxiliary_device_init(&roce->adev);
	if (err) {
		ida_free(&en_roce_ida, id);
		kfree(roce);
		return err;
	}
	err = auxiliary_device_add(&roce->adev);
	if (err) {
		auxiliary_device_uninit(&roce->adev);
		return err;
	}
	adapter->roce = roce;
	return 0;
}

/* Before the netdev goes: the client hears REMOVE, then loses the device
 * (tandem_re's remove unregisters the client).
 */
void en_roce_unpublish(struct en_adapter *adapter)
{
	en_roce_event(adapter, TANDEM_ROCE_REMOVE);
	auxiliary_device_delete(&adapter->roce->adev);
	auxiliary_device_uninit(&adapter->roce->adev);
	adapter->roce = NULL;
	WARN_ON(rcu_access_pointer(adapter->roce_client));
}
