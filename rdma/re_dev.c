// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: the ib_device of a port, and its life.
 *
 * The RDMA core owns the device's lifetime (ops.dealloc_driver): whoever
 * unregisters it, the core calls re_dealloc_driver() once and frees it
 * (ib_dealloc_device() calls it too, so the error paths below see it).
 * Besides tandem_re, ib_unregister_driver(RDMA_DRIVER_RXE) does, because
 * tandem_re shares rxe's driver id for rdma-core's sake: rdma_rxe calls it
 * when it unloads.  re_dealloc_driver() tells the two apart and, when it
 * was not tandem_re, has the port register a new device.
 *
 * The device is tied to its netdev through ops.get_netdev, not
 * ib_device_set_netdev(): the core's GID cache, rdma link and the port
 * queries all find the netdev through it, but ib_device_get_by_netdev()
 * never finds this device.  That is the lookup rdma_rxe makes, for its
 * own devices only, on every netdev event and every UDP packet it
 * receives; a tandem device found there would be taken for a struct
 * rxe_dev and written to.
 */
#include <linux/etherdevice.h>
#include <linux/pci.h>
#include <net/addrconf.h>
#include <rdma/ib_verbs.h>
#include <rdma/uverbs_ioctl.h>

#include "re.h"

static void re_dealloc_driver(struct ib_device *ibdev)
{
	struct re_dev *dev = to_re_dev(ibdev);
	struct re_port *port = dev->port;

	re_objs_check_released(dev);
	mutex_lock(&port->lock);
	if (port->ibdev == dev)
		port->ibdev = NULL;
	if (!dev->ours && !port->closing)
		re_port_schedule_rereg(port);
	mutex_unlock(&port->lock);
}

TANDEM_CREATE_CQ_THUNK(re_create_cq, re_create_user_cq);
TANDEM_RESIZE_CQ_THUNK(re_resize_cq);
TANDEM_REG_USER_MR_THUNK(re_reg_user_mr);
TANDEM_QP_THUNKS(re_create_qp, re_destroy_qp, re_qp, ibqp);

static const struct ib_device_ops re_dev_ops = {
	.owner = THIS_MODULE,
	.driver_id = RDMA_DRIVER_RXE,
	.uverbs_abi_ver = RE_UVERBS_ABI_VERSION,

	.advise_mr = re_advise_mr,
	.alloc_hw_port_stats = re_alloc_hw_port_stats,
	.alloc_mr = re_alloc_mr,
	.alloc_mw = re_alloc_mw,
	.alloc_pd = re_alloc_pd,
	.alloc_ucontext = re_alloc_ucontext,
	.attach_mcast = re_attach_mcast,
	TANDEM_CREATE_AH_OPS(re_create_ah),
	TANDEM_CREATE_CQ_OPS(re_create_cq, re_create_user_cq),
	.dealloc_driver = re_dealloc_driver,
	.dealloc_mw = re_dealloc_mw,
	.dealloc_pd = re_dealloc_pd,
	.dealloc_ucontext = re_dealloc_ucontext,
	.create_srq = re_create_srq,
	.dereg_mr = re_dereg_mr,
	.destroy_ah = re_destroy_ah,
	.destroy_cq = re_destroy_cq,
	.destroy_srq = re_destroy_srq,
	.detach_mcast = re_detach_mcast,
	.disassociate_ucontext = re_disassociate_ucontext,
	.get_dev_fw_str = re_get_dev_fw_str,
	.get_dma_mr = re_get_dma_mr,
	.get_hw_stats = re_get_hw_stats,
	.get_link_layer = re_get_link_layer,
	.get_netdev = re_get_netdev,
	.get_port_immutable = re_get_port_immutable,
	.map_mr_sg = re_map_mr_sg,
	.mmap = re_mmap,
	.mmap_free = re_mmap_free,
	.modify_qp = re_modify_qp,
	.modify_srq = re_modify_srq,
	.poll_cq = re_poll_cq,
	.post_recv = re_post_recv,
	.post_send = re_post_send,
	.post_srq_recv = re_post_srq_recv,
	.query_device = re_query_device,
	.query_pkey = re_query_pkey,
	.query_port = re_query_port,
	.query_qp = re_query_qp,
	.query_srq = re_query_srq,
	.reg_user_mr = TANDEM_REG_USER_MR_OP(re_reg_user_mr),
	.req_notify_cq = re_req_notify_cq,
	TANDEM_RESIZE_CQ_OP(re_resize_cq),

	INIT_RDMA_OBJ_SIZE(ib_ah, re_ah, ibah),
	INIT_RDMA_OBJ_SIZE(ib_cq, re_cq, ibcq),
	INIT_RDMA_OBJ_SIZE(ib_mw, re_mw, ibmw),
	INIT_RDMA_OBJ_SIZE(ib_pd, re_pd, ibpd),
	TANDEM_QP_OPS(re_create_qp, re_destroy_qp, re_qp, ibqp),
	INIT_RDMA_OBJ_SIZE(ib_srq, re_srq, ibsrq),
	INIT_RDMA_OBJ_SIZE(ib_ucontext, re_ucontext, ibuc),
};

/**
 * re_dev_register - register the port's ib_device, tandem_re<id>
 * @port: the port; its client is registered, so its RoCE frames already
 *	go to tandem_re and never to the network stack
 *
 * Process context, without @port->lock and without RTNL (registration
 * takes RTNL to scan the netdev's addresses into the GID table).
 */
int re_dev_register(struct re_port *port)
{
	struct tandem_roce_dev *rdev = port->rdev;
	struct ib_device *ibdev;
	struct re_dev *dev;
	char name[IB_DEVICE_NAME_MAX];
	int err;

	dev = ib_alloc_device(re_dev, ibdev);
	if (!dev)
		return -ENOMEM;
	dev->port = port;
	xa_init_flags(&dev->mrs, XA_FLAGS_ALLOC1);
	xa_init_flags(&dev->mws, XA_FLAGS_ALLOC | XA_FLAGS_LOCK_BH);
	xa_init_flags(&dev->ahs, XA_FLAGS_ALLOC1 | XA_FLAGS_LOCK_IRQ);
	ibdev = &dev->ibdev;
	ibdev->node_type = RDMA_NODE_IB_CA;
	ibdev->phys_port_cnt = 1;
	ibdev->num_comp_vectors = 1;
	ibdev->local_dma_lkey = 0;
	strscpy(ibdev->node_desc, "tandem_re", sizeof(ibdev->node_desc));
	re_set_node_guid(dev);
	ib_set_device_ops(ibdev, &re_dev_ops);
	/*
	 * The two uverbs commands rdma-core's rxe provider sends that every
	 * kernel leaves to the driver to enable: the send doorbell and CQ
	 * arming (polling and receive posts stay in user space).
	 */
	ibdev->uverbs_cmd_mask |= BIT_ULL(IB_USER_VERBS_CMD_POST_SEND) |
				  BIT_ULL(IB_USER_VERBS_CMD_REQ_NOTIFY_CQ);

	/*
	 * Publish the device to the port before the core can see it: an
	 * unregistration racing with the end of ib_register_device() calls
	 * re_dealloc_driver(), which must find it there.
	 */
	mutex_lock(&port->lock);
	if (port->closing || port->ibdev) {
		err = port->closing ? -ENODEV : -EBUSY;
		mutex_unlock(&port->lock);
		/* ib_dealloc_device() calls re_dealloc_driver(): no retry. */
		dev->ours = true;
		ib_dealloc_device(ibdev);
		return err;
	}
	port->ibdev = dev;
	mutex_unlock(&port->lock);

	snprintf(name, sizeof(name), "tandem_re%u", rdev->adev.id);
	/* A software device: no DMA device, the core uses virtual DMA. */
	err = ib_register_device(ibdev, name, NULL);
	if (err) {
		/* re_dealloc_driver() unpublishes it, and schedules nothing. */
		dev->ours = true;
		ib_dealloc_device(ibdev);
		return err;
	}
	return 0;
}

/**
 * re_dev_unregister - unregister the port's ib_device, if it has one
 * @port: the port, already marked closing (nothing registers again)
 *
 * Returns when the device is gone, whoever else was unregistering it at
 * the same time.  Process context, without @port->lock, without RTNL.
 */
void re_dev_unregister(struct re_port *port)
{
	struct re_dev *dev;
	struct device *ref = NULL;

	mutex_lock(&port->lock);
	dev = port->ibdev;
	if (dev) {
		dev->ours = true;
		/*
		 * While dev is the port's, re_dealloc_driver() has not run
		 * and the core has not freed it: hold it across the call.
		 */
		ref = get_device(&dev->ibdev.dev);
	}
	mutex_unlock(&port->lock);
	if (!dev)
		return;
	ib_unregister_device(&dev->ibdev);
	put_device(ref);
}
