// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: netif_set_real_num_queues(), both queue counts in one call.
 * tracks: v5.15, 271e5b7d00ae ("net: add netif_set_real_num_queues() for device reconfig")
 */
#include <linux/netdevice.h>

static __maybe_unused int probe(struct net_device *dev)
{
	return netif_set_real_num_queues(dev, 2, 2);
}
