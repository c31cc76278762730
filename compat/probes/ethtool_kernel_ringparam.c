// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: ethtool get/set_ringparam take kernel_ethtool_ringparam and extack.
 * tracks: v5.17, 7462494408cd ("ethtool: extend ringparam setting/getting API with rx_buf_len")
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>

static void probe_get(struct net_device *dev, struct ethtool_ringparam *ring,
		      struct kernel_ethtool_ringparam *kring,
		      struct netlink_ext_ack *extack)
{
}

static const struct ethtool_ops probe_ops __maybe_unused = {
	.get_ringparam = probe_get,
};
