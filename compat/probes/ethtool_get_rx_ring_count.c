// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: ethtool_ops.get_rx_ring_count, the RX ring count without get_rxnfc.
 * tracks: v6.19 ("net: ethtool: add get_rx_ring_count callback"; the commit id was not checked)
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>

static u32 probe_count(struct net_device *dev)
{
	return 1;
}

static const struct ethtool_ops probe_ops __maybe_unused = {
	.get_rx_ring_count = probe_count,
};
