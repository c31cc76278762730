// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: ethtool get/set_coalesce take kernel_ethtool_coalesce and extack.
 * tracks: v5.15, f3ccfda19319 ("ethtool: extend coalesce setting uAPI with CQE mode")
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>

static int probe_get(struct net_device *dev, struct ethtool_coalesce *ec,
		     struct kernel_ethtool_coalesce *kec,
		     struct netlink_ext_ack *extack)
{
	return 0;
}

static const struct ethtool_ops probe_ops __maybe_unused = {
	.get_coalesce = probe_get,
};
