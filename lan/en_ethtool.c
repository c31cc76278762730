// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: ethtool.  Driver and NVM identity (-i), link settings, the
 * counters (-S: per queue, then the MAC's own) and a register dump (-d)
 * for support.
 *
 * Each table of counter names sits next to the code that fills it, so the
 * names and the values cannot drift apart.
 */
#include <linux/ethtool.h>
#include <linux/linkmode.h>

#include "en.h"

/* Per-queue counters, in the order en_get_ethtool_stats() writes them. */
static const char * const en_rx_queue_stats[] = {
	"packets", "bytes", "dropped", "csum_errors", "alloc_failed", "roce",
};

static const char * const en_tx_queue_stats[] = {
	"packets", "bytes", "dropped", "busy", "restarts", "roce",
	"roce_dropped",
};

static void en_get_drvinfo(struct net_device *netdev,
			   struct ethtool_drvinfo *info)
{
	struct en_adapter *adapter = netdev_priv(netdev);

	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->version, TANDEM_VERSION, sizeof(info->version));
	snprintf(info->fw_version, sizeof(info->fw_version), "nvm %u.%u-%u",
		 adapter->nvm_version >> 12, (adapter->nvm_version >> 4) & 0xff,
		 adapter->nvm_version & 0xf);
	strscpy(info->bus_info, pci_name(adapter->pdev), sizeof(info->bus_info));
}

static int en_get_link_ksettings(struct net_device *netdev,
				 struct ethtool_link_ksettings *cmd)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	bool full_duplex = false;
	u32 speed = 0;

	ethtool_link_ksettings_zero_link_mode(cmd, supported);
	ethtool_link_ksettings_add_link_mode(cmd, supported, 10baseT_Half);
	ethtool_link_ksettings_add_link_mode(cmd, supported, 10baseT_Full);
	ethtool_link_ksettings_add_link_mode(cmd, supported, 100baseT_Half);
	ethtool_link_ksettings_add_link_mode(cmd, supported, 100baseT_Full);
	ethtool_link_ksettings_add_link_mode(cmd, supported, 1000baseT_Full);
	ethtool_link_ksettings_add_link_mode(cmd, supported, Autoneg);
	ethtool_link_ksettings_add_link_mode(cmd, supported, TP);
	linkmode_copy(cmd->link_modes.advertising, cmd->link_modes.supported);
	cmd->base.port = PORT_TP;
	cmd->base.phy_address = 1;
	cmd->base.autoneg = AUTONEG_ENABLE;
	if (netif_carrier_ok(netdev) &&
	    en_hw_link_up(adapter, &speed, &full_duplex)) {
		cmd->base.speed = speed;
		cmd->base.duplex = full_duplex ? DUPLEX_FULL : DUPLEX_HALF;
	} else {
		cmd->base.speed = SPEED_UNKNOWN;
		cmd->base.duplex = DUPLEX_UNKNOWN;
	}
	return 0;
}

static int en_get_sset_count(struct net_device *netdev, int sset)
{
	struct en_adapter *adapter = netdev_priv(netdev);

	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return adapter->num_queues * (ARRAY_SIZE(en_rx_queue_stats) +
				      ARRAY_SIZE(en_tx_queue_stats)) +
	       EN_MAC_STATS;
}

static void en_get_strings(struct net_device *netdev, u32 sset, u8 *data)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	unsigned int q, i;

	if (sset != ETH_SS_STATS)
		return;
	for (q = 0; q < adapter->num_queues; q++) {
		for (i = 0; i < ARRAY_SIZE(en_rx_queue_stats); i++)
			ethtool_sprintf(&data, "rx%u_%s", q, en_rx_queue_stats[i]);
		for (i = 0; i < ARRAY_SIZE(en_tx_queue_stats); i++)
			ethtool_sprintf(&data, "tx%u_%s", q, en_tx_queue_stats[i]);
	}
	for (i = 0; i < EN_MAC_STATS; i++)
		ethtool_sprintf(&data, "mac_%s", en_mac_stats[i].name);
}

static void en_get_ethtool_stats(struct net_device *netdev,
				 struct ethtool_stats *stats, u64 *data)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	unsigned int q, i, start;

	for (q = 0; q < adapter->num_queues; q++) {
		const struct en_ring_stats *rx = &adapter->rx_ring[q].stats;
		const struct en_ring_stats *tx = &adapter->tx_ring[q].stats;

		do {
			start = u64_stats_fetch_begin(&rx->syncp);
			data[0] = rx->packets;
			data[1] = rx->bytes;
			data[2] = rx->dropped;
			data[3] = rx->csum_errors;
			data[4] = rx->alloc_failed;
			data[5] = rx->roce;
		} while (u64_stats_fetch_retry(&rx->syncp, start));
		data += ARRAY_SIZE(en_rx_queue_stats);
		do {
			start = u64_stats_fetch_begin(&tx->syncp);
			data[0] = tx->packets;
			data[1] = tx->bytes;
			data[2] = tx->dropped;
			data[3] = tx->busy;
			data[4] = tx->restarts;
			data[5] = tx->roce;
			data[6] = tx->roce_dropped;
		} while (u64_stats_fetch_retry(&tx->syncp, start));
		data += ARRAY_SIZE(en_tx_queue_stats);
	}
	en_hw_update_mac_stats(adapter);
	spin_lock_bh(&adapter->mac_stats_lock);
	for (i = 0; i < EN_MAC_STATS; i++)
		data[i] = adapter->mac_stats[i];
	spin_unlock_bh(&adapter->mac_stats_lock);
}

/* What ethtool -d shows: the registers support asks about first. */
static const u32 en_dump_regs[] = {
	EN_CTRL, EN_STATUS, EN_CTRL_EXT, EN_ICS, EN_IMS, EN_IVAR, EN_EIAC,
	EN_ITR, EN_RCTL, EN_RFCTL, EN_RXCSUM, EN_RDBAL(0), EN_RDBAH(0),
	EN_RDLEN(0), EN_RDH(0), EN_RDT(0), EN_TCTL, EN_TIPG, EN_TDBAL(0),
	EN_TDBAH(0), EN_TDLEN(0), EN_TDH(0), EN_TDT(0), EN_TARC(0),
	EN_RAL(0), EN_RAH(0),
};

static int en_get_regs_len(struct net_device *netdev)
{
	return sizeof(en_dump_regs);
}

static void en_get_regs(struct net_device *netdev, struct ethtool_regs *regs,
			void *p)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	u32 *out = p;
	unsigned int i;

	/* Layout 1 of this dump, then the device it came from. */
	regs->version = 1 << 24 | adapter->pdev->revision << 16 |
			adapter->pdev->device;
	for (i = 0; i < ARRAY_SIZE(en_dump_regs); i++)
		out[i] = en_rd32(adapter, en_dump_regs[i]);
}

static const struct ethtool_ops en_ethtool_ops = {
	.get_drvinfo = en_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_link_ksettings = en_get_link_ksettings,
	.get_sset_count = en_get_sset_count,
	.get_strings = en_get_strings,
	.get_ethtool_stats = en_get_ethtool_stats,
	.get_regs_len = en_get_regs_len,
	.get_regs = en_get_regs,
};

void en_set_ethtool_ops(struct net_device *netdev)
{
	netdev->ethtool_ops = &en_ethtool_ops;
}
