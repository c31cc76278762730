// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: ethtool_puts(), ethtool_sprintf() for a plain string.
 * tracks: v6.8, 2a48c635fd9a ("ethtool: Implement ethtool_puts()")
 */
#include <linux/ethtool.h>

static __maybe_unused void probe(u8 **data)
{
	ethtool_puts(data, "tx_timeouts");
}
