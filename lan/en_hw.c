// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: the 82574L itself: reset, NVM, address filters, link state.
 *
 * Everything here is plain register access with no knowledge of rings or
 * interrupts, in the order the datasheet (and QEMU's model of it) wants.
 */
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/iopoll.h>

#include "en.h"

/* Words 0x00-0x3f of the NVM sum to this (82574 datasheet, 6.1.2.10). */
#define EN_NVM_CHECKSUM		0xbaba
#define EN_NVM_CHECKSUM_WORDS	0x40

/* Stop the device's DMA and interrupts: what may run from earlier owners. */
void en_hw_quiesce(struct en_adapter *adapter)
{
	en_wr32(adapter, EN_IMC, ~0u);
	en_wr32(adapter, EN_EIAC, 0);
	en_wr32(adapter, EN_RCTL, 0);
	en_wr32(adapter, EN_TCTL, 0);
	en_flush(adapter);
}

/*
 * A device reset leaves state behind on some models (QEMU 7.2 reloads only
 * the MAC address): clear what the driver relies on being clear.
 */
static void en_hw_clear_state(struct en_adapter *adapter)
{
	unsigned int i;
	u32 reg;

	en_wr32(adapter, EN_IMC, ~0u);
	en_wr32(adapter, EN_ICR, ~0u);
	en_rd32(adapter, EN_ICR);
	en_wr32(adapter, EN_IVAR, 0);
	en_wr32(adapter, EN_EIAC, 0);
	en_wr32(adapter, EN_IAM, 0);
	for (i = 0; i < EN_MAX_QUEUES; i++) {
		en_wr32(adapter, EN_TDH(i), 0);
		en_wr32(adapter, EN_TDT(i), 0);
		en_wr32(adapter, EN_RDH(i), 0);
		en_wr32(adapter, EN_RDT(i), 0);
		en_wr32(adapter, EN_TARC(i),
			en_rd32(adapter, EN_TARC(i)) | EN_TARC_ENABLE);
	}
	for (i = 0; i < EN_MTA_SIZE; i++)
		en_wr32(adapter, EN_MTA(i), 0);
	for (i = 0; i < EN_VFTA_SIZE; i++)
		en_wr32(adapter, EN_VFTA(i), 0);
	/*
	 * The TPID the NIC inserts and the VLAN filter matches.  QEMU's
	 * model clears it on a software reset: left alone, tags go out as
	 * 0x0000 and only another tandem port understands them.
	 */
	en_wr32(adapter, EN_VET, ETH_P_8021Q);
	for (i = 1; i < EN_RAR_ENTRIES; i++) {
		en_wr32(adapter, EN_RAL(i), 0);
		en_wr32(adapter, EN_RAH(i), 0);
	}
	/* The statistics registers clear on read. */
	for (reg = EN_STATS_FIRST; reg <= EN_STATS_LAST; reg += 4)
		en_rd32(adapter, reg);
}

/**
 * en_hw_reset - reset the MAC and bring it to a known state
 * @adapter: the port
 *
 * Return: 0, or -EIO if the device does not come out of reset.
 */
int en_hw_reset(struct en_adapter *adapter)
{
	u32 ctrl;
	int err;

	en_hw_quiesce(adapter);
	en_wr32(adapter, EN_CTRL, en_rd32(adapter, EN_CTRL) | EN_CTRL_RST);
	/* The datasheet asks for 1 ms before the first access after RST. */
	usleep_range(1000, 2000);
	err = readl_poll_timeout(adapter->hw + EN_CTRL, ctrl,
				 !(ctrl & EN_CTRL_RST), 100, 20000);
	if (!err)
		err = readl_poll_timeout(adapter->hw + EN_EECD, ctrl,
					 ctrl & EN_EECD_AUTO_RD, 100, 20000);
	if (err) {
		dev_err(&adapter->pdev->dev,
			"the NIC did not come out of reset; check the device (lspci -vv) and reload the driver\n");
		return -EIO;
	}
	ctrl = en_rd32(adapter, EN_CTRL);
	en_wr32(adapter, EN_CTRL,
		(ctrl & ~(EN_CTRL_GIO_MASTER_DIS | EN_CTRL_PHY_RST)) | EN_CTRL_SLU);
	en_hw_clear_state(adapter);
	return 0;
}

/* The NVM image version word as "major.minor-build", for ethtool and devlink. */
void en_hw_nvm_version(struct en_adapter *adapter, char *buf, size_t len)
{
	u16 v = adapter->nvm_version;

	snprintf(buf, len, "%u.%u-%u", v >> 12, (v >> 4) & 0xff, v & 0xf);
}

int en_hw_read_nvm_word(struct en_adapter *adapter, u16 word, u16 *data)
{
	u32 eerd;
	int err;

	en_wr32(adapter, EN_EERD, (word << EN_EERD_ADDR_SHIFT) | EN_EERD_START);
	err = readl_poll_timeout_atomic(adapter->hw + EN_EERD, eerd,
					eerd & EN_EERD_DONE, 5, 10000);
	if (err)
		return err;
	*data = eerd >> EN_EERD_DATA_SHIFT;
	return 0;
}

/**
 * en_hw_read_mac - read the permanent MAC address from the NVM
 * @adapter: the port
 * @mac: ETH_ALEN bytes to fill
 *
 * Return: 0; -EIO if the NVM cannot be read; -EINVAL if its checksum is
 * wrong or it holds no valid unicast address.
 */
int en_hw_read_mac(struct en_adapter *adapter, u8 *mac)
{
	u16 word, sum = 0;
	unsigned int i;

	for (i = 0; i < EN_NVM_CHECKSUM_WORDS; i++) {
		if (en_hw_read_nvm_word(adapter, i, &word))
			return -EIO;
		if (i < ETH_ALEN / 2) {
			mac[2 * i] = word & 0xff;
			mac[2 * i + 1] = word >> 8;
		}
		sum += word;
	}
	if (sum != EN_NVM_CHECKSUM || !is_valid_ether_addr(mac))
		return -EINVAL;
	return 0;
}

/* Receive address register @n: @mac, or nothing when @mac is NULL. */
void en_hw_set_rar(struct en_adapter *adapter, unsigned int n, const u8 *mac)
{
	u32 ral = 0, rah = 0;

	if (mac) {
		ral = mac[0] | mac[1] << 8 | mac[2] << 16 | (u32)mac[3] << 24;
		rah = mac[4] | mac[5] << 8 | EN_RAH_AV;
	}
	/* Clear AV first so the pair never matches half-written. */
	en_wr32(adapter, EN_RAH(n), 0);
	en_wr32(adapter, EN_RAL(n), ral);
	en_wr32(adapter, EN_RAH(n), rah);
}

/* Multicast table array index of @mac with RCTL.MO = 00 (10.2.5.11). */
static u32 en_hw_mta_hash(const u8 *mac)
{
	return ((mac[5] << 8 | mac[4]) >> 4) & 0xfff;
}

/**
 * en_hw_set_rx_mode - program the address filters from the netdev's lists
 * @adapter: the port
 *
 * Extra unicast addresses take the spare receive address registers and
 * fall back to promiscuous mode when there are more; multicast addresses
 * are hashed into the multicast table; the VLAN filter is on unless the
 * port is promiscuous.  Runs under the netdev address lock.
 */
void en_hw_set_rx_mode(struct en_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;
	u32 mta[EN_MTA_SIZE] = { };
	struct netdev_hw_addr *ha;
	unsigned int i, rar = 1;
	u32 rctl;

	rctl = en_rd32(adapter, EN_RCTL) & ~(EN_RCTL_UPE | EN_RCTL_MPE | EN_RCTL_VFE);
	if (netdev->flags & IFF_PROMISC)
		rctl |= EN_RCTL_UPE | EN_RCTL_MPE;
	else if (netdev->flags & IFF_ALLMULTI)
		rctl |= EN_RCTL_MPE | EN_RCTL_VFE;
	else
		rctl |= EN_RCTL_VFE;

	if (netdev_uc_count(netdev) >= EN_RAR_ENTRIES)
		rctl |= EN_RCTL_UPE;
	else
		netdev_for_each_uc_addr(ha, netdev)
			en_hw_set_rar(adapter, rar++, ha->addr);
	for (; rar < EN_RAR_ENTRIES; rar++)
		en_hw_set_rar(adapter, rar, NULL);

	netdev_for_each_mc_addr(ha, netdev) {
		u32 hash = en_hw_mta_hash(ha->addr);

		mta[hash >> 5] |= BIT(hash & 31);
	}
	for (i = 0; i < EN_MTA_SIZE; i++)
		en_wr32(adapter, EN_MTA(i), mta[i]);
	en_wr32(adapter, EN_RCTL, rctl);
}

/* Let frames tagged @vid through the VLAN filter, or stop them. */
void en_hw_set_vlan(struct en_adapter *adapter, u16 vid, bool on)
{
	u32 reg = EN_VFTA(vid >> 5), vfta = en_rd32(adapter, reg);

	if (on)
		vfta |= BIT(vid & 31);
	else
		vfta &= ~BIT(vid & 31);
	en_wr32(adapter, reg, vfta);
}

/**
 * en_hw_link_up - read the link state
 * @adapter: the port
 * @speed: set to the speed in Mb/s when the link is up
 * @full_duplex: set to the duplex when the link is up
 *
 * Return: whether the link is up.
 */
bool en_hw_link_up(struct en_adapter *adapter, u32 *speed, bool *full_duplex)
{
	static const u32 speeds[] = { 10, 100, 1000, 1000 };
	u32 status = en_rd32(adapter, EN_STATUS);

	if (!(status & EN_STATUS_LU))
		return false;
	*speed = speeds[FIELD_GET(EN_STATUS_SPEED, status)];
	*full_duplex = status & EN_STATUS_FD;
	return true;
}

/*
 * The MAC counters ethtool -S shows, as mac_<name> (10.2.7).  They clear on
 * read, so en_hw_update_mac_stats() adds them up in adapter->mac_stats.
 */
const struct en_mac_stat en_mac_stats[EN_MAC_STATS] = {
	{ "rx_good_packets",	0x04074 },
	{ "rx_good_bytes",	0x04088, true },
	{ "rx_broadcast",	0x04078 },
	{ "rx_multicast",	0x0407c },
	{ "rx_undersize",	0x040a4 },
	{ "rx_oversize",	0x040ac },
	{ "rx_crc_errors",	0x04000 },
	{ "rx_missed",		0x04010 },
	{ "rx_no_buffer",	0x040a0 },
	{ "rx_total_packets",	0x040d0 },
	{ "tx_good_packets",	0x04080 },
	{ "tx_good_bytes",	0x04090, true },
	{ "tx_broadcast",	0x040f4 },
	{ "tx_multicast",	0x040f0 },
	{ "tx_tso_contexts",	0x040f8 },
	{ "tx_total_packets",	0x040d4 },
};

void en_hw_update_mac_stats(struct en_adapter *adapter)
{
	unsigned int i;
	u64 val;

	spin_lock_bh(&adapter->mac_stats_lock);
	for (i = 0; i < EN_MAC_STATS; i++) {
		const struct en_mac_stat *stat = &en_mac_stats[i];

		/* Low half first: reading the high half clears both. */
		val = en_rd32(adapter, stat->reg);
		if (stat->wide)
			val |= (u64)en_rd32(adapter, stat->reg + 4) << 32;
		adapter->mac_stats[i] += val;
	}
	spin_unlock_bh(&adapter->mac_stats_lock);
}
