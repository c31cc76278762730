// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: multicast groups of UD QPs (attach_mcast, detach_mcast).
 *
 * A RoCEv2 multicast group is an IP multicast address, as a GID (IPv4
 * ones mapped into IPv6).  A UD SEND to it goes to destination QP 0xffffff
 * and the group's Ethernet address: every QP of the port attached to the
 * group gets a copy.  The port's netdev is told to accept that Ethernet
 * address while the group has a QP (rdma_cm's IGMP join does the same for
 * the IP stack; the netdev counts both).  A frame the port sends to a
 * group it has members of is also taken in by the port itself, as the
 * NIC does not loop it back (re_net.c).
 *
 * Groups are few and small: a spinlock (taken in NAPI context) guards the
 * port's list of them.
 */
#include <linux/etherdevice.h>
#include <linux/ipv6.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/ip.h>
#include <rdma/ib_verbs.h>

#include "re.h"

/**
 * struct re_mcg - a multicast group with QPs of the port attached
 * @node: in the port's @mcgs
 * @mgid: its GID
 * @nqps: QPs attached
 * @qpns: their numbers
 */
struct re_mcg {
	struct list_head node;
	union ib_gid mgid;
	unsigned int nqps;
	u32 qpns[RE_MAX_MCG_QPS];
};

/* The Ethernet address of a multicast GID (IPv4-mapped or IPv6). */
static void re_mcast_mac(const union ib_gid *mgid, u8 *mac)
{
	const struct in6_addr *addr = (const struct in6_addr *)mgid->raw;

	if (ipv6_addr_v4mapped(addr))
		ip_eth_mc_map(addr->s6_addr32[3], mac);
	else
		ipv6_eth_mc_map(addr, mac);
}

/**
 * re_mcast_gid - the destination of a RoCEv2 frame, as a GID
 * @l3: its IP header
 * @ipv6: which version that is
 * @gid: the GID
 */
void re_mcast_gid(const u8 *l3, bool ipv6, union ib_gid *gid)
{
	if (ipv6)
		memcpy(gid->raw, &((const struct ipv6hdr *)l3)->daddr,
		       sizeof(gid->raw));
	else
		ipv6_addr_set_v4mapped(((const struct iphdr *)l3)->daddr,
				       (struct in6_addr *)gid->raw);
}

static struct re_mcg *re_mcg_find(struct re_port *port,
				  const union ib_gid *mgid)
{
	struct re_mcg *g;

	list_for_each_entry(g, &port->mcgs, node)
		if (!memcmp(g->mgid.raw, mgid->raw, sizeof(mgid->raw)))
			return g;
	return NULL;
}

/*
 * The netdev's filter follows the groups under mcast_lock (its address
 * lock nests inside), so that an attach and a detach of one group cannot
 * add and remove its address in the wrong order.
 */
int re_attach_mcast(struct ib_qp *ibqp, union ib_gid *mgid, u16 mlid)
{
	struct re_port *port = to_re_dev(ibqp->device)->port;
	struct re_mcg *g, *new;
	u8 mac[ETH_ALEN];
	unsigned int i;
	int err = 0;

	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	spin_lock_bh(&port->mcast_lock);
	g = re_mcg_find(port, mgid);
	if (!g) {
		if (port->nmcgs >= RE_MAX_MCG) {
			err = -ENOMEM;
			goto out;
		}
		g = new;
		new = NULL;
		g->mgid = *mgid;
		list_add_tail(&g->node, &port->mcgs);
		port->nmcgs++;
		re_mcast_mac(mgid, mac);
		dev_mc_add(port->rdev->netdev, mac);
	}
	for (i = 0; i < g->nqps; i++)
		if (g->qpns[i] == ibqp->qp_num)
			goto out;	/* attached already: nothing to do */
	if (g->nqps == RE_MAX_MCG_QPS) {
		err = -ENOMEM;
		goto out;
	}
	g->qpns[g->nqps++] = ibqp->qp_num;
out:
	spin_unlock_bh(&port->mcast_lock);
	kfree(new);
	return err;
}

int re_detach_mcast(struct ib_qp *ibqp, union ib_gid *mgid, u16 mlid)
{
	struct re_port *port = to_re_dev(ibqp->device)->port;
	struct re_mcg *g;
	u8 mac[ETH_ALEN];
	unsigned int i;

	spin_lock_bh(&port->mcast_lock);
	g = re_mcg_find(port, mgid);
	for (i = 0; g && i < g->nqps; i++)
		if (g->qpns[i] == ibqp->qp_num)
			break;
	if (!g || i == g->nqps) {
		spin_unlock_bh(&port->mcast_lock);
		return -EINVAL;
	}
	g->qpns[i] = g->qpns[--g->nqps];
	if (g->nqps) {
		spin_unlock_bh(&port->mcast_lock);
		return 0;
	}
	list_del(&g->node);
	port->nmcgs--;
	re_mcast_mac(mgid, mac);
	dev_mc_del(port->rdev->netdev, mac);
	spin_unlock_bh(&port->mcast_lock);
	kfree(g);
	return 0;
}

/* Whether QPs of the port are attached to @mgid (for the loopback). */
bool re_mcast_has_members(struct re_port *port, const union ib_gid *mgid)
{
	bool found;

	spin_lock_bh(&port->mcast_lock);
	found = re_mcg_find(port, mgid);
	spin_unlock_bh(&port->mcast_lock);
	return found;
}

/**
 * re_mcast_rx - a frame to a multicast group, to each QP attached to it
 * @port: the port it came in on
 * @skb: the frame, parsed; consumed
 * @frame: where its parts are
 *
 * NAPI context.
 */
void re_mcast_rx(struct re_port *port, struct sk_buff *skb,
		 const struct re_frame *frame)
{
	u32 qpns[RE_MAX_MCG_QPS];
	unsigned int i, n = 0;
	union ib_gid mgid;
	struct re_mcg *g;

	re_mcast_gid(frame->l3, frame->ipv6, &mgid);
	spin_lock(&port->mcast_lock);
	g = re_mcg_find(port, &mgid);
	if (g) {
		n = g->nqps;
		memcpy(qpns, g->qpns, n * sizeof(*qpns));
	}
	spin_unlock(&port->mcast_lock);

	for (i = 0; i < n; i++) {
		/* The last QP takes the frame itself, the others a clone. */
		struct sk_buff *c = i + 1 < n ? skb_clone(skb, GFP_ATOMIC) : skb;

		if (!c) {
			re_count(port, RE_CNT_DROPPED);
			continue;
		}
		if (!re_task_queue_rx(port, c, qpns[i])) {
			/* Destroyed meanwhile: detach follows. */
			re_count(port, RE_CNT_DROPPED);
			kfree_skb(c);
		}
	}
	if (!n) {
		re_count(port, RE_CNT_DROPPED);
		kfree_skb(skb);
	}
}

void re_mcast_init(struct re_port *port)
{
	spin_lock_init(&port->mcast_lock);
	INIT_LIST_HEAD(&port->mcgs);
}

/* At removal, the port about to be freed: whatever group is left goes. */
void re_mcast_cleanup(struct re_port *port)
{
	struct re_mcg *g, *next;
	u8 mac[ETH_ALEN];

	list_for_each_entry_safe(g, next, &port->mcgs, node) {
		re_mcast_mac(&g->mgid, mac);
		dev_mc_del(port->rdev->netdev, mac);
		kfree(g);
	}
}
