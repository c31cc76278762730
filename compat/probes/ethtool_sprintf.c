// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: ethtool_sprintf(), which writes one ETH_GSTRING_LEN string and advances.
 * tracks: v5.13, 7888fe53b706 ("ethtool: Add common function for filling out strings")
 */
#include <linux/ethtool.h>

static __maybe_unused void probe(u8 **data, int queue)
{
	ethtool_sprintf(data, "rx%d_packets", queue);
}
