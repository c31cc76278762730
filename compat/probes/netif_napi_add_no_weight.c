// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: netif_napi_add() without a weight argument.
 * tracks: v6.1, b48b89f9c189 ("net: drop the weight argument from netif_napi_add")
 */
#include <linux/netdevice.h>

static int probe_poll(struct napi_struct *napi, int budget)
{
	return 0;
}

static __maybe_unused void probe(struct net_device *dev, struct napi_struct *napi)
{
	netif_napi_add(dev, napi, probe_poll);
}
