/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The LAN<->RDMA contract of the tandem bundle: the one header both
 * tandem_en and tandem_re include.
 *
 * Any change to this file changes TANDEM_ABI_ID (a build-time hash of this
 * directory and VERSION), so two modules built from different trees refuse
 * to bind to each other instead of misreading each other's structures.
 */
#ifndef _TANDEM_TANDEM_H
#define _TANDEM_TANDEM_H

#include <linux/auxiliary_bus.h>
#include <linux/types.h>

#include "version.h"

/* tandem_en publishes "tandem_en.roce.<id>"; tandem_re matches on this. */
#define TANDEM_ROCE_DEV_NAME	"roce"
#define TANDEM_ROCE_MATCH_NAME	"tandem_en." TANDEM_ROCE_DEV_NAME

/* The UDP destination port of RoCEv2 (IBTA Annex A17). */
#define TANDEM_ROCE_UDP_PORT	4791

struct net_device;
struct pci_dev;
struct sk_buff;
struct tandem_roce_dev;

/**
 * enum tandem_roce_event - what tandem_en tells its RDMA client
 * @TANDEM_ROCE_LINK_UP: carrier came up
 * @TANDEM_ROCE_LINK_DOWN: carrier went down
 * @TANDEM_ROCE_MTU_CHANGE: the netdev MTU changed (read it from the netdev)
 * @TANDEM_ROCE_MAC_CHANGE: the netdev MAC address changed
 * @TANDEM_ROCE_RESET_PREPARE: the rings are about to go down (TX timeout,
 *	ethtool --reset, MTU change); xmit fails with -ENETDOWN and no frame
 *	is delivered until RESET_DONE
 * @TANDEM_ROCE_RESET_DONE: the rings are up again
 * @TANDEM_ROCE_REMOVE: the port is going away; the auxiliary device is
 *	deleted right after, so the client unregisters now
 */
enum tandem_roce_event {
	TANDEM_ROCE_LINK_UP,
	TANDEM_ROCE_LINK_DOWN,
	TANDEM_ROCE_MTU_CHANGE,
	TANDEM_ROCE_MAC_CHANGE,
	TANDEM_ROCE_RESET_PREPARE,
	TANDEM_ROCE_RESET_DONE,
	TANDEM_ROCE_REMOVE,
};

/**
 * struct tandem_roce_client - tandem_re's side of one port
 * @rx: takes one received RoCEv2 frame (UDP destination port 4791 over
 *	IPv4 or IPv6, with or without a VLAN tag).  Called in NAPI context
 *	(softirq, under rcu_read_lock) before the network stack sees the
 *	frame; it owns the skb.  The skb is as eth_type_trans() leaves it:
 *	data at the IP header, mac header set, protocol set, a stripped VLAN
 *	tag in the hwaccel fields, ip_summed as the NIC checked it.
 * @event: one event of enum tandem_roce_event.  Called in process
 *	context, possibly under RTNL, so it must not take RTNL itself; it
 *	may sleep.
 */
struct tandem_roce_client {
	void (*rx)(struct tandem_roce_client *client, struct sk_buff *skb);
	void (*event)(struct tandem_roce_client *client,
		      enum tandem_roce_event event);
};

/**
 * struct tandem_roce_ops - what tandem_en does for tandem_re
 * @xmit: send one complete Ethernet frame (skb->data at the Ethernet
 *	header) on the port's RDMA TX queue.  Always consumes the skb.
 *	Returns 0 when queued, -EBUSY when the queue was full and the frame
 *	was dropped (back off and retransmit), -ENETDOWN when the port is
 *	down or resetting.  Any context but hard IRQ.
 * @register_client: start taking the port's RoCEv2 frames and events.
 *	-EBUSY if a client is registered already.  Process context.
 * @unregister_client: stop; when it returns, no @rx or @event call of the
 *	client is running or will run.  Process context, not under RTNL.
 */
struct tandem_roce_ops {
	int (*xmit)(struct tandem_roce_dev *rdev, struct sk_buff *skb);
	int (*register_client)(struct tandem_roce_dev *rdev,
			       struct tandem_roce_client *client);
	void (*unregister_client)(struct tandem_roce_dev *rdev);
};

/**
 * struct tandem_roce_dev - the auxiliary device tandem_en publishes per port
 * @version: bundle version of the tandem_en that made this device
 * @abi_id: contract ABI id of the tandem_en that made this device
 * @adev: the auxiliary device itself
 * @pdev: the PCI function of the port (its DMA device)
 * @netdev: the port's network device; registered for as long as @adev is
 * @ops: the operations above
 *
 * @version and @abi_id come first and never move: a tandem_re built from
 * another tree reads them to decide whether it may touch anything else.
 * The device lives from after register_netdev() to before
 * unregister_netdev(), across resets.
 */
struct tandem_roce_dev {
	const char *version;
	const char *abi_id;
	struct auxiliary_device adev;
	struct pci_dev *pdev;
	struct net_device *netdev;
	const struct tandem_roce_ops *ops;
};

static inline struct tandem_roce_dev *
to_tandem_roce_dev(struct auxiliary_device *adev)
{
	return container_of(adev, struct tandem_roce_dev, adev);
}

#endif /* _TANDEM_TANDEM_H */
