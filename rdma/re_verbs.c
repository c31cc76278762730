// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: the verbs that describe the device and its port, and PDs.
 *
 * Everything a port reports follows its netdev at the moment of the
 * query: state from carrier, active MTU from the netdev MTU, node GUID
 * from the MAC address.  The limits on objects are enforced where the
 * objects are made (re_objs.c, and the key and number ranges of MRs, AHs
 * and QPs).
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <net/addrconf.h>
#include <rdma/ib_addr.h>
#include <rdma/ib_mad.h>
#include <rdma/ib_verbs.h>

#include "re.h"

#define RE_GID_TABLE_LEN	64
#define RE_PKEY_TABLE_LEN	1

/* The EUI-64 of the MAC address, as IPv6 builds a link-local address. */
void re_set_node_guid(struct re_dev *dev)
{
	addrconf_addr_eui48((u8 *)&dev->ibdev.node_guid,
			    re_netdev(dev)->dev_addr);
}

/*
 * On-demand paging (re_odp.c): every operation of RC, UC and UD may use
 * an ODP MR.  A UD receive that meets a page not yet in drops its
 * datagram; taken from an SRQ, it would lose its WQE: not offered.
 */
static void re_query_odp(struct ib_device_attr *attr)
{
	struct ib_odp_caps *odp = &attr->odp_caps;

	attr->kernel_cap_flags |= IBK_ON_DEMAND_PAGING;
	odp->general_caps = IB_ODP_SUPPORT;
	odp->per_transport_caps.rc_odp_caps =
		IB_ODP_SUPPORT_SEND | IB_ODP_SUPPORT_RECV |
		IB_ODP_SUPPORT_WRITE | IB_ODP_SUPPORT_READ |
		IB_ODP_SUPPORT_ATOMIC | IB_ODP_SUPPORT_SRQ_RECV |
		IB_ODP_SUPPORT_FLUSH | IB_ODP_SUPPORT_ATOMIC_WRITE;
	odp->per_transport_caps.uc_odp_caps =
		IB_ODP_SUPPORT_SEND | IB_ODP_SUPPORT_RECV |
		IB_ODP_SUPPORT_WRITE | IB_ODP_SUPPORT_SRQ_RECV;
	odp->per_transport_caps.ud_odp_caps =
		IB_ODP_SUPPORT_SEND | IB_ODP_SUPPORT_RECV;
}

int re_query_device(struct ib_device *ibdev, struct ib_device_attr *attr,
		    struct ib_udata *udata)
{
	struct re_dev *dev = to_re_dev(ibdev);
	struct pci_dev *pdev = dev->port->rdev->pdev;

	/* No driver data either way; the core's own query has no udata. */
	if (udata && (udata->inlen || udata->outlen))
		return -EINVAL;

	memset(attr, 0, sizeof(*attr));
	attr->sys_image_guid = ibdev->node_guid;
	attr->max_mr_size = RE_MAX_MR_SIZE;
	attr->page_size_cap = PAGE_SIZE;
	attr->vendor_id = pdev->vendor;
	attr->vendor_part_id = pdev->device;
	attr->hw_ver = pdev->revision;
	attr->device_cap_flags = IB_DEVICE_BAD_PKEY_CNTR |
				 IB_DEVICE_BAD_QKEY_CNTR |
				 IB_DEVICE_SYS_IMAGE_GUID |
				 IB_DEVICE_PORT_ACTIVE_EVENT |
				 IB_DEVICE_RC_RNR_NAK_GEN |
				 IB_DEVICE_SRQ_RESIZE |
				 IB_DEVICE_MEM_MGT_EXTENSIONS |
				 IB_DEVICE_MEM_WINDOW |
				 IB_DEVICE_MEM_WINDOW_TYPE_2B |
				 IB_DEVICE_FLUSH_GLOBAL |
				 IB_DEVICE_ATOMIC_WRITE;
	attr->max_fast_reg_page_list_len = RE_MAX_FAST_REG_PAGES;
	attr->max_pd = RE_MAX_PD;
	attr->max_qp = RE_MAX_QP;
	attr->max_qp_wr = RE_MAX_QP_WR;
	attr->max_send_sge = RE_MAX_SGE;
	attr->max_recv_sge = RE_MAX_SGE;
	attr->max_sge_rd = RE_MAX_SGE;
	attr->max_cq = RE_MAX_CQ;
	attr->max_cqe = RE_MAX_CQE;
	attr->max_mr = RE_MAX_MR;
	attr->max_mw = RE_MAX_MW;
	attr->max_ah = RE_MAX_AH;
	attr->max_srq = RE_MAX_SRQ;
	attr->max_mcast_grp = RE_MAX_MCG;
	attr->max_mcast_qp_attach = RE_MAX_MCG_QPS;
	attr->max_total_mcast_qp_attach = RE_MAX_MCG * RE_MAX_MCG_QPS;
	attr->max_srq_wr = RE_MAX_SRQ_WR;
	attr->max_srq_sge = RE_MAX_SGE;
	attr->max_qp_rd_atom = RE_MAX_RD_ATOMIC;
	attr->max_qp_init_rd_atom = RE_MAX_RD_ATOMIC;
	attr->max_res_rd_atom = RE_MAX_QP * RE_MAX_RD_ATOMIC;
	attr->atomic_cap = IB_ATOMIC_HCA;
	attr->max_pkeys = RE_PKEY_TABLE_LEN;
	attr->local_ca_ack_delay = 15;
	if (IS_ENABLED(CONFIG_HMM_MIRROR))
		re_query_odp(attr);
	return 0;
}

int re_query_port(struct ib_device *ibdev, tandem_port_t port,
		  struct ib_port_attr *attr)
{
	struct net_device *netdev = re_netdev(to_re_dev(ibdev));
	bool up = netif_running(netdev) && netif_carrier_ok(netdev);
	int err;

	/* The core cleared *attr. */
	attr->state = up ? IB_PORT_ACTIVE : IB_PORT_DOWN;
	attr->phys_state = up ? IB_PORT_PHYS_STATE_LINK_UP :
				IB_PORT_PHYS_STATE_DISABLED;
	attr->max_mtu = IB_MTU_4096;
	/* The largest IB MTU that fits a netdev MTU with RoCEv2's headers. */
	attr->active_mtu = iboe_get_mtu(READ_ONCE(netdev->mtu));
	attr->phys_mtu = ib_mtu_enum_to_int(attr->max_mtu);
	attr->gid_tbl_len = RE_GID_TABLE_LEN;
	attr->port_cap_flags = IB_PORT_CM_SUP;
	attr->max_msg_sz = RE_MAX_MSG_SIZE;
	attr->pkey_tbl_len = RE_PKEY_TABLE_LEN;
	attr->max_vl_num = 1;

	/* From the link speed, as ethtool shows it; rates need a width. */
	err = ib_get_eth_speed(ibdev, port, &attr->active_speed,
			       &attr->active_width);
	if (err) {
		attr->active_speed = IB_SPEED_SDR;
		attr->active_width = IB_WIDTH_1X;
	}
	return 0;
}

int re_get_port_immutable(struct ib_device *ibdev, tandem_port_t port,
			  struct ib_port_immutable *immutable)
{
	struct ib_port_attr attr;
	int err;

	err = ib_query_port(ibdev, port, &attr);
	if (err)
		return err;
	immutable->pkey_tbl_len = attr.pkey_tbl_len;
	immutable->gid_tbl_len = attr.gid_tbl_len;
	immutable->core_cap_flags = RDMA_CORE_PORT_IBA_ROCE_UDP_ENCAP;
	immutable->max_mad_size = IB_MGMT_MAD_SIZE;
	return 0;
}

int re_query_pkey(struct ib_device *ibdev, tandem_port_t port, u16 index,
		  u16 *pkey)
{
	if (index >= RE_PKEY_TABLE_LEN)
		return -EINVAL;
	*pkey = RE_DEFAULT_PKEY;
	return 0;
}

enum rdma_link_layer re_get_link_layer(struct ib_device *ibdev,
				       tandem_port_t port)
{
	return IB_LINK_LAYER_ETHERNET;
}

/*
 * The core asks for the port's netdev (GID cache, rdma link, link speed)
 * and puts the reference it gets.  tandem_en keeps the netdev registered
 * for as long as the auxiliary device exists, which outlives this ib_device.
 */
struct net_device *re_get_netdev(struct ib_device *ibdev, tandem_port_t port)
{
	struct net_device *netdev = re_netdev(to_re_dev(ibdev));

	dev_hold(netdev);
	return netdev;
}

void re_get_dev_fw_str(struct ib_device *ibdev, char *str)
{
	snprintf(str, IB_FW_VERSION_NAME_MAX, "tandem %s", TANDEM_VERSION);
}

int re_alloc_pd(struct ib_pd *ibpd, struct ib_udata *udata)
{
	return re_obj_hold(to_re_dev(ibpd->device), RE_OBJ_PD);
}

int re_dealloc_pd(struct ib_pd *ibpd, struct ib_udata *udata)
{
	re_obj_release(to_re_dev(ibpd->device), RE_OBJ_PD);
	return 0;
}
