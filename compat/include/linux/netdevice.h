/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_NETDEVICE_H
#define _TANDEM_COMPAT_LINUX_NETDEVICE_H

#include_next <linux/netdevice.h>

#ifndef TANDEM_HAVE_NETIF_NAPI_ADD_NO_WEIGHT
/* b48b89f9c189 (v6.1): the weight argument is gone; it was always the default. */
#define netif_napi_add(dev, napi, poll) \
	netif_napi_add(dev, napi, poll, NAPI_POLL_WEIGHT)
#endif

#ifndef TANDEM_HAVE_NETIF_SET_REAL_NUM_QUEUES
/* 271e5b7d00ae (v5.15): set both queue counts in one call. */
static inline int netif_set_real_num_queues(struct net_device *dev,
					    unsigned int txq, unsigned int rxq)
{
	int err = netif_set_real_num_rx_queues(dev, rxq);

	return err ? err : netif_set_real_num_tx_queues(dev, txq);
}
#endif

#ifndef TANDEM_HAVE_TXQ_TRANS_COND_UPDATE
/* v5.16 (5337824f4dc4): before it, drivers stamped trans_start directly. */
static inline void txq_trans_cond_update(struct netdev_queue *txq)
{
	unsigned long now = jiffies;

	if (READ_ONCE(txq->trans_start) != now)
		WRITE_ONCE(txq->trans_start, now);
}
#endif

#endif /* _TANDEM_COMPAT_LINUX_NETDEVICE_H */
