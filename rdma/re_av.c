// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: address vectors: where a QP or an AH sends, resolved once from
 * the core's rdma_ah_attr into what the engine puts in each frame's
 * headers (struct re_av).
 *
 * The source GID entry the core hands over says which netdev (the port's,
 * or a VLAN device on it) and which IP family; the destination MAC comes
 * resolved by the core (roce.dmac).
 */
#include <linux/if_vlan.h>
#include <net/addrconf.h>
#include <rdma/ib_addr.h>
#include <rdma/ib_cache.h>
#include <rdma/ib_verbs.h>

#include "re.h"
#include "re_uabi.h"

#define RE_DEFAULT_HOP_LIMIT	64

int re_av_from_attr(struct re_dev *dev, const struct rdma_ah_attr *attr,
		    struct re_av *av)
{
	const struct ib_global_route *grh;
	const struct ib_gid_attr *sgid;
	struct net_device *ndev;
	union {
		struct sockaddr_in in4;
		struct sockaddr_in6 in6;
	} s, d;

	if (!(rdma_ah_get_ah_flags(attr) & IB_AH_GRH))
		return -EINVAL;	/* RoCE addresses by GID, always */
	grh = rdma_ah_read_grh(attr);
	sgid = grh->sgid_attr;
	if (!sgid)
		return -EINVAL;

	memset(av, 0, sizeof(*av));
	switch (rdma_gid_attr_network_type(sgid)) {
	case RDMA_NETWORK_IPV4:
		av->ipv6 = false;
		break;
	case RDMA_NETWORK_IPV6:
		av->ipv6 = true;
		break;
	default:
		return -EAFNOSUPPORT;	/* RoCEv1 GIDs: tandem speaks v2 only */
	}
	rdma_gid2ip((struct sockaddr *)&s, &sgid->gid);
	rdma_gid2ip((struct sockaddr *)&d, &grh->dgid);
	if (av->ipv6) {
		av->saddr.in6 = s.in6.sin6_addr;
		av->daddr.in6 = d.in6.sin6_addr;
	} else {
		av->saddr.in4 = s.in4.sin_addr.s_addr;
		av->daddr.in4 = d.in4.sin_addr.s_addr;
	}
	av->hop_limit = grh->hop_limit ?: RE_DEFAULT_HOP_LIMIT;
	av->tclass = grh->traffic_class;
	av->flow_label = grh->flow_label;
	ether_addr_copy(av->dmac, attr->roce.dmac);

	av->vlan_id = RE_NO_VLAN;
	rcu_read_lock();
	ndev = rdma_read_gid_attr_ndev_rcu(sgid);
	if (!IS_ERR(ndev) && is_vlan_dev(ndev))
		av->vlan_id = vlan_dev_vlan_id(ndev);
	rcu_read_unlock();
	return IS_ERR(ndev) ? PTR_ERR(ndev) : 0;
}

/**
 * re_av_from_user - the address vector a UD WQE of rdma-core < 39 carries
 * @dev: the device
 * @uav: struct re_uav, copied out of the ring
 * @av: resolved
 *
 * Only the destination comes from user space.  The source address, its
 * family and VLAN come from the GID table entry the vector names, as for
 * any AH: a process cannot send from an address the port does not have.
 *
 * Return: 0, or -EINVAL when the GID index names no entry.
 */
int re_av_from_user(struct re_dev *dev, const void *uav, struct re_av *av)
{
	const struct re_uav *u = uav;
	const struct ib_gid_attr *sgid;
	struct rdma_ah_attr attr = {};
	union ib_gid dgid = u->grh.dgid;
	int err;

	sgid = rdma_get_gid_attr(&dev->ibdev, 1, u->grh.sgid_index);
	if (IS_ERR(sgid))
		return -EINVAL;
	attr.type = RDMA_AH_ATTR_TYPE_ROCE;
	rdma_ah_set_grh(&attr, &dgid, u->grh.flow_label,
			u->grh.sgid_index, u->grh.hop_limit,
			u->grh.traffic_class);
	attr.grh.sgid_attr = sgid;
	memcpy(attr.roce.dmac, u->dmac, ETH_ALEN);
	err = re_av_from_attr(dev, &attr, av);
	rdma_put_gid_attr(sgid);
	return err;
}
