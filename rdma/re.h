/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tandem_re: what the files of the RDMA driver share.
 *
 * Two objects, two lifetimes:
 * - struct re_port: one per tandem_en port, from the auxiliary probe to
 *   the auxiliary remove.  It holds the contract client (RX hook and
 *   events) and the counters, and survives re-registrations.
 * - struct re_dev: the ib_device of that port.  The RDMA core owns its
 *   lifetime (ops.dealloc_driver): it may be unregistered by tandem_re
 *   itself or by anyone calling ib_unregister_driver(RDMA_DRIVER_RXE),
 *   which rdma_rxe does when it unloads.  The port then registers a new
 *   one (re_main.c).
 */
#ifndef _TANDEM_RE_H
#define _TANDEM_RE_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>
#include <rdma/ib_verbs.h>
#include <tandem/tandem.h>

/* The counters of one port, named in re_stats.c (keep the two in step). */
enum re_counter {
	RE_CNT_SENT_PKTS,
	RE_CNT_RCVD_PKTS,
	RE_CNT_DUP_REQ,
	RE_CNT_OUT_OF_SEQ_REQ,
	RE_CNT_RCV_RNR,
	RE_CNT_SND_RNR,
	RE_CNT_RCV_SEQ_ERR,
	RE_CNT_SENDER_SCHED,
	RE_CNT_RETRY_EXCEEDED,
	RE_CNT_RNR_RETRY_EXCEEDED,
	RE_CNT_COMP_RETRY,
	RE_CNT_SEND_ERR,
	RE_CNT_LINK_DOWNED,
	RE_CNT_RDMA_SEND,
	RE_CNT_RDMA_RECV,
	RE_NUM_COUNTERS,
};

struct re_dev;

/**
 * struct re_port - tandem_re's state for one tandem_en port
 * @rdev: the auxiliary device of tandem_en (checked for lockstep)
 * @client: what tandem_en calls: the RX hook and the events
 * @lock: guards @ibdev and @closing
 * @ibdev: the registered ib_device, NULL while there is none
 * @closing: the port is going away: register nothing any more
 * @rereg: registers the device again after someone else unregistered it
 * @counters: the hardware counters of the port (rdma statistic)
 */
struct re_port {
	struct tandem_roce_dev *rdev;
	struct tandem_roce_client client;
	struct mutex lock; /* guards ibdev and closing */
	struct re_dev *ibdev;
	bool closing;
	struct delayed_work rereg;
	atomic64_t counters[RE_NUM_COUNTERS];
};

/**
 * struct re_dev - the ib_device of one port (allocated by ib_alloc_device)
 * @ibdev: the core's device; first, as ib_alloc_device() requires
 * @port: the port it belongs to (outlives it)
 * @ours: tandem_re itself is unregistering it (set under @port->lock)
 */
struct re_dev {
	struct ib_device ibdev;
	struct re_port *port;
	bool ours;
};

struct re_pd {
	struct ib_pd ibpd;
};

struct re_ucontext {
	struct ib_ucontext ibuc;
};

static inline struct re_dev *to_re_dev(struct ib_device *ibdev)
{
	return container_of(ibdev, struct re_dev, ibdev);
}

static inline struct net_device *re_netdev(struct re_dev *dev)
{
	return dev->port->rdev->netdev;
}

static inline void re_count(struct re_port *port, enum re_counter c)
{
	atomic64_inc(&port->counters[c]);
}

/* re_dev.c: the ib_device's life */
int re_dev_register(struct re_port *port);
void re_dev_unregister(struct re_port *port);

/* re_verbs.c: device and port queries, PDs */
int re_query_device(struct ib_device *ibdev, struct ib_device_attr *attr,
		    struct ib_udata *udata);
int re_query_port(struct ib_device *ibdev, tandem_port_t port,
		  struct ib_port_attr *attr);
int re_get_port_immutable(struct ib_device *ibdev, tandem_port_t port,
			  struct ib_port_immutable *immutable);
int re_query_pkey(struct ib_device *ibdev, tandem_port_t port, u16 index,
		  u16 *pkey);
enum rdma_link_layer re_get_link_layer(struct ib_device *ibdev,
				       tandem_port_t port);
struct net_device *re_get_netdev(struct ib_device *ibdev, tandem_port_t port);
void re_get_dev_fw_str(struct ib_device *ibdev, char *str);
int re_alloc_pd(struct ib_pd *ibpd, struct ib_udata *udata);
int re_dealloc_pd(struct ib_pd *ibpd, struct ib_udata *udata);
void re_set_node_guid(struct re_dev *dev);

/* re_uabi.c: the user ABI of rdma-core's rxe provider */
#define RE_UVERBS_ABI_VERSION	2
int re_alloc_ucontext(struct ib_ucontext *ibuc, struct ib_udata *udata);
void re_dealloc_ucontext(struct ib_ucontext *ibuc);
void re_disassociate_ucontext(struct ib_ucontext *ibuc);

/* re_stats.c: hardware counters */
struct rdma_hw_stats *re_alloc_hw_port_stats(struct ib_device *ibdev,
					     tandem_port_t port);
int re_get_hw_stats(struct ib_device *ibdev, struct rdma_hw_stats *stats,
		    tandem_port_t port, int index);

/* re_net.c: the contract's client side (RX hook, events, TX) */
void re_net_init_client(struct re_port *port);
int re_net_xmit(struct re_port *port, struct sk_buff *skb);

/* re_main.c: port-level work */
void re_port_schedule_rereg(struct re_port *port);

#endif /* _TANDEM_RE_H */
