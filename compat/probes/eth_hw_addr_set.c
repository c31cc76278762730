// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: eth_hw_addr_set(), the way to write a netdev's (const) dev_addr.
 * tracks: v5.15, 48eab831ae8b ("net: create netdev->dev_addr assignment helpers")
 * note: Debian 5.10.188+ has it too.
 */
#include <linux/etherdevice.h>

static __maybe_unused void probe(struct net_device *dev, const u8 *mac)
{
	eth_hw_addr_set(dev, mac);
}
