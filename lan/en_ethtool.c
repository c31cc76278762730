// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: ethtool.  Driver and NVM identity (-i), link settings, the
 * counters (-S: per queue, then the MAC's own), a register dump (-d) for
 * support, ring sizes (-g/-G), interrupt moderation (-c/-C), queue pairs
 * (-l/-L) and --reset.  Settings that need new rings or vectors go
 * through en_reset(), as a TX timeout does.  The self-test is in
 * en_selftest.c.
 *
 * Each table of counter names sits next to the code that fills it, so the
 * names and the values cannot drift apart.
 */
#include <linux/ethtool.h>
#include <linux/linkmode.h>
#include <linux/netlink.h>

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
	char nvm[16];

	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->version, TANDEM_VERSION, sizeof(info->version));
	en_hw_nvm_version(adapter, nvm, sizeof(nvm));
	snprintf(info->fw_version, sizeof(info->fw_version), "nvm %s", nvm);
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

	if (sset == ETH_SS_TEST)
		return EN_SELFTESTS;
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

	if (sset == ETH_SS_TEST)
		en_self_test_strings(data);
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

static void en_get_ringparam(struct net_device *netdev,
			     struct ethtool_ringparam *ring,
			     struct kernel_ethtool_ringparam *kring,
			     struct netlink_ext_ack *extack)
{
	struct en_adapter *adapter = netdev_priv(netdev);

	ring->rx_max_pending = EN_RING_MAX;
	ring->tx_max_pending = EN_RING_MAX;
	ring->rx_pending = adapter->rx_ring_size;
	ring->tx_pending = adapter->tx_ring_size;
}

static int en_set_ringparam(struct net_device *netdev,
			    struct ethtool_ringparam *ring,
			    struct kernel_ethtool_ringparam *kring,
			    struct netlink_ext_ack *extack)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	struct en_config cfg;

	if (ring->rx_mini_pending || ring->rx_jumbo_pending) {
		NL_SET_ERR_MSG_MOD(extack, "the 82574L has no mini or jumbo rings");
		return -EINVAL;
	}
	if (ring->rx_pending < EN_RING_MIN || ring->tx_pending < EN_RING_MIN) {
		NL_SET_ERR_MSG_MOD(extack, "rings need at least 64 descriptors");
		return -EINVAL;
	}
	en_current_config(adapter, &cfg);
	cfg.rx_ring_size = ALIGN(ring->rx_pending, EN_RING_ALIGN);
	cfg.tx_ring_size = ALIGN(ring->tx_pending, EN_RING_ALIGN);
	if (cfg.rx_ring_size == adapter->rx_ring_size &&
	    cfg.tx_ring_size == adapter->tx_ring_size)
		return 0;
	return en_reset(adapter, &cfg);
}

ETHTOOL_RINGPARAM_THUNKS(en_get_ringparam, en_set_ringparam);

/* ITR counts 256 ns units in 16 bits. */
#define EN_ITR_MAX_USECS	(0xffff * 256 / 1000)

static u32 en_itr_to_usecs(u32 itr)
{
	return DIV_ROUND_CLOSEST(itr * 256, 1000);
}

static int en_get_coalesce(struct net_device *netdev,
			   struct ethtool_coalesce *ec,
			   struct kernel_ethtool_coalesce *kec,
			   struct netlink_ext_ack *extack)
{
	struct en_adapter *adapter = netdev_priv(netdev);

	ec->rx_coalesce_usecs = en_itr_to_usecs(adapter->itr[0]);
	ec->tx_coalesce_usecs = en_itr_to_usecs(adapter->itr[1]);
	return 0;
}

static int en_set_coalesce(struct net_device *netdev,
			   struct ethtool_coalesce *ec,
			   struct kernel_ethtool_coalesce *kec,
			   struct netlink_ext_ack *extack)
{
	struct en_adapter *adapter = netdev_priv(netdev);

	if (ec->rx_coalesce_usecs > EN_ITR_MAX_USECS ||
	    ec->tx_coalesce_usecs > EN_ITR_MAX_USECS) {
		NL_SET_ERR_MSG_MOD(extack, "at most 16776 us on the 82574L");
		return -EINVAL;
	}
	if (adapter->irq_mode != EN_IRQ_MSIX &&
	    ec->tx_coalesce_usecs != en_itr_to_usecs(adapter->itr[1]) &&
	    ec->tx_coalesce_usecs != ec->rx_coalesce_usecs) {
		NL_SET_ERR_MSG_MOD(extack, "one vector without MSI-X: set rx-usecs");
		return -EINVAL;
	}
	adapter->itr[0] = DIV_ROUND_CLOSEST(ec->rx_coalesce_usecs * 1000, 256);
	adapter->itr[1] = adapter->irq_mode == EN_IRQ_MSIX ?
			  DIV_ROUND_CLOSEST(ec->tx_coalesce_usecs * 1000, 256) :
			  adapter->itr[0];
	if (adapter->up)
		en_irq_set_itr(adapter);
	return 0;
}

ETHTOOL_COALESCE_THUNKS(en_get_coalesce, en_set_coalesce);

static void en_get_channels(struct net_device *netdev,
			    struct ethtool_channels *ch)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	unsigned int other = adapter->irq_mode == EN_IRQ_MSIX;

	ch->max_combined = adapter->max_queues;
	ch->combined_count = adapter->num_queues;
	ch->max_other = other;
	ch->other_count = other;
}

static int en_set_channels(struct net_device *netdev,
			   struct ethtool_channels *ch)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	struct en_config cfg;

	/* The core has checked the counts against en_get_channels(). */
	if (!ch->combined_count || ch->rx_count || ch->tx_count)
		return -EINVAL;
	if (ch->combined_count == adapter->num_queues)
		return 0;
	en_current_config(adapter, &cfg);
	cfg.num_queues = ch->combined_count;
	return en_reset(adapter, &cfg);
}

static u32 en_get_rx_ring_count(struct net_device *netdev)
{
	struct en_adapter *adapter = netdev_priv(netdev);

	return adapter->num_queues;
}

ETHTOOL_RX_RING_COUNT_THUNK(en_get_rx_ring_count);

static u32 en_get_rxfh_key_size(struct net_device *netdev)
{
	return EN_RSSRK_SIZE;
}

static u32 en_get_rxfh_indir_size(struct net_device *netdev)
{
	return EN_RETA_ENTRIES;
}

/* ethtool -x: the Toeplitz key and the redirection table. */
static int en_get_rxfh(struct net_device *netdev,
		       struct ethtool_rxfh_param *rxfh)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	unsigned int i;

	rxfh->hfunc = ETH_RSS_HASH_TOP;
	if (rxfh->indir)
		for (i = 0; i < EN_RETA_ENTRIES; i++)
			rxfh->indir[i] = adapter->rss_indir[i];
	if (rxfh->key)
		memcpy(rxfh->key, adapter->rss_key, EN_RSSRK_SIZE);
	return 0;
}

/*
 * ethtool -X: a new key or table, live.  The core has checked the table's
 * queues against en_get_rx_ring_count(), and remembers that the table is
 * the user's (a queue count change then keeps it, or is refused).
 */
static int en_set_rxfh(struct net_device *netdev,
		       struct ethtool_rxfh_param *rxfh,
		       struct netlink_ext_ack *extack)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	unsigned int i;

	if (rxfh->hfunc != ETH_RSS_HASH_NO_CHANGE &&
	    rxfh->hfunc != ETH_RSS_HASH_TOP) {
		NL_SET_ERR_MSG_MOD(extack, "the 82574L hashes with Toeplitz only");
		return -EOPNOTSUPP;
	}
	if (rxfh->indir)
		for (i = 0; i < EN_RETA_ENTRIES; i++)
			adapter->rss_indir[i] = rxfh->indir[i];
	if (rxfh->key)
		memcpy(adapter->rss_key, rxfh->key, EN_RSSRK_SIZE);
	if (adapter->up)
		en_rx_write_rss(adapter);
	return 0;
}

ETHTOOL_RXFH_THUNKS(en_get_rxfh, en_set_rxfh);

/* ethtool --reset: the whole port but the PHY goes through en_reset(). */
#define EN_RESET_FLAGS	(ETH_RESET_MAC | ETH_RESET_DMA | ETH_RESET_IRQ | \
			 ETH_RESET_FILTER | ETH_RESET_OFFLOAD)

static int en_reset_op(struct net_device *netdev, u32 *flags)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	int err;

	if (!(*flags & EN_RESET_FLAGS))
		return -EOPNOTSUPP;
	err = en_reset(adapter, NULL);
	if (!err)
		*flags &= ~EN_RESET_FLAGS;
	return err;
}

static const struct ethtool_ops en_ethtool_ops = {
	.supported_coalesce_params = ETHTOOL_COALESCE_USECS,
	.get_drvinfo = en_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_link_ksettings = en_get_link_ksettings,
	.get_sset_count = en_get_sset_count,
	.get_strings = en_get_strings,
	.get_ethtool_stats = en_get_ethtool_stats,
	.get_regs_len = en_get_regs_len,
	.get_regs = en_get_regs,
	.get_ringparam = ETHTOOL_RINGPARAM_OP(en_get_ringparam),
	.set_ringparam = ETHTOOL_RINGPARAM_OP(en_set_ringparam),
	.get_coalesce = ETHTOOL_COALESCE_OP(en_get_coalesce),
	.set_coalesce = ETHTOOL_COALESCE_OP(en_set_coalesce),
	.get_channels = en_get_channels,
	.set_channels = en_set_channels,
	ETHTOOL_RX_RING_COUNT_OPS(en_get_rx_ring_count),
	.get_rxfh_key_size = en_get_rxfh_key_size,
	.get_rxfh_indir_size = en_get_rxfh_indir_size,
	.get_rxfh = ETHTOOL_RXFH_OP(en_get_rxfh),
	.set_rxfh = ETHTOOL_RXFH_OP(en_set_rxfh),
	.reset = en_reset_op,
	.self_test = en_self_test,
};

void en_set_ethtool_ops(struct net_device *netdev)
{
	netdev->ethtool_ops = &en_ethtool_ops;
}
