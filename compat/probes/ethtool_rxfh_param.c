// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: ethtool get/set_rxfh take struct ethtool_rxfh_param (and extack).
 * tracks: v6.8, fb6e30a72539 ("net: ethtool: pass a pointer to parameters to get/set_rxfh ethtool ops")
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>

static int probe_get(struct net_device *dev, struct ethtool_rxfh_param *rxfh)
{
	return rxfh->hfunc;
}

static int probe_set(struct net_device *dev, struct ethtool_rxfh_param *rxfh,
		     struct netlink_ext_ack *extack)
{
	return rxfh->indir_size;
}

static const struct ethtool_ops probe_ops __maybe_unused = {
	.get_rxfh = probe_get,
	.set_rxfh = probe_set,
};
