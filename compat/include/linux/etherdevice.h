/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_ETHERDEVICE_H
#define _TANDEM_COMPAT_LINUX_ETHERDEVICE_H

#include_next <linux/etherdevice.h>

#ifndef TANDEM_HAVE_ETH_HW_ADDR_SET
/* 48eab831ae8b (v5.15): dev_addr is written through a helper. */
static inline void eth_hw_addr_set(struct net_device *dev, const u8 *addr)
{
	memcpy(dev->dev_addr, addr, ETH_ALEN);
}
#endif

#endif /* _TANDEM_COMPAT_LINUX_ETHERDEVICE_H */
