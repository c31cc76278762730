// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: ethtool -t.  The link test reads the MAC's link state; the
 * offline tests, which stop traffic for a moment, check that registers
 * hold what is written to them and that frames go round through the MAC's
 * own loopback (which QEMU's 82574L model implements as well).  tandem_re
 * sees them as a reset.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/delay.h>
#include <linux/iopoll.h>

#include "en.h"

enum {
	EN_TEST_REGISTERS,
	EN_TEST_LOOPBACK,
	EN_TEST_LINK,
};

static const char * const en_self_test_names[EN_SELFTESTS] = {
	[EN_TEST_REGISTERS] = "Register test  (offline)",
	[EN_TEST_LOOPBACK] = "Loopback test  (offline)",
	[EN_TEST_LINK] = "Link test   (on/offline)",
};

#define EN_LOOPBACK_FRAMES	8
#define EN_LOOPBACK_LEN		512
#define EN_LOOPBACK_WAIT_MS	500

void en_self_test_strings(u8 *data)
{
	unsigned int i;

	for (i = 0; i < EN_SELFTESTS; i++)
		ethtool_puts(&data, en_self_test_names[i]);
}

/* Timer registers the port does not rely on while stopped: 16 bits each. */
static const u32 en_test_regs[] = { EN_RDTR, EN_RADV, EN_TADV };
static const u32 en_test_patterns[] = { 0x0000, 0x5a5a, 0xa5a5, 0xffff };

static bool en_test_registers(struct en_adapter *adapter)
{
	unsigned int r, p;
	bool ok = true;

	for (r = 0; r < ARRAY_SIZE(en_test_regs); r++) {
		u32 saved = en_rd32(adapter, en_test_regs[r]);

		for (p = 0; p < ARRAY_SIZE(en_test_patterns); p++) {
			u32 got;

			en_wr32(adapter, en_test_regs[r], en_test_patterns[p]);
			got = en_rd32(adapter, en_test_regs[r]) & 0xffff;
			if (got == en_test_patterns[p])
				continue;
			netdev_err(adapter->netdev, "self-test: register 0x%05x reads 0x%04x after writing 0x%04x\n",
				   en_test_regs[r], got, en_test_patterns[p]);
			ok = false;
		}
		en_wr32(adapter, en_test_regs[r], saved);
	}
	return ok;
}

static u8 en_loopback_byte(unsigned int frame, unsigned int i)
{
	return (frame * 7 + i) & 0xff;
}

/**
 * en_self_test_rx - take a frame of the loopback test
 * @adapter: the port
 * @skb: a received frame, after eth_type_trans()
 *
 * NAPI context, only while the loopback test runs.
 *
 * Return: true if the frame was the test's (and is consumed).
 */
bool en_self_test_rx(struct en_adapter *adapter, struct sk_buff *skb)
{
	unsigned int i, frame;
	const u8 *payload;

	if (skb->protocol != htons(ETH_P_802_EX1))
		return false;
	if (skb->len == EN_LOOPBACK_LEN - ETH_HLEN && !skb_linearize(skb)) {
		payload = skb->data;
		frame = payload[0];
		for (i = 1; i < skb->len; i++)
			if (payload[i] != en_loopback_byte(frame, i))
				break;
		if (i == skb->len)
			atomic_inc(&adapter->self_test_frames);
	}
	napi_consume_skb(skb, 1);
	return true;
}

static bool en_test_loopback(struct en_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;
	struct en_ring *ring = &adapter->tx_ring[0];
	struct netdev_queue *txq = netdev_get_tx_queue(netdev, 0);
	unsigned int frame, i;
	u32 rctl = en_rd32(adapter, EN_RCTL);
	bool ok;

	atomic_set(&adapter->self_test_frames, 0);
	WRITE_ONCE(adapter->self_test_running, true);
	en_wr32(adapter, EN_RCTL, rctl | EN_RCTL_LBM_MAC);
	for (frame = 0; frame < EN_LOOPBACK_FRAMES; frame++) {
		struct sk_buff *skb = netdev_alloc_skb(netdev, EN_LOOPBACK_LEN);
		struct ethhdr *eth;
		u8 *payload;

		if (!skb)
			break;
		eth = skb_put(skb, ETH_HLEN);
		ether_addr_copy(eth->h_dest, netdev->dev_addr);
		ether_addr_copy(eth->h_source, netdev->dev_addr);
		eth->h_proto = htons(ETH_P_802_EX1);
		payload = skb_put(skb, EN_LOOPBACK_LEN - ETH_HLEN);
		payload[0] = frame;
		for (i = 1; i < EN_LOOPBACK_LEN - ETH_HLEN; i++)
			payload[i] = en_loopback_byte(frame, i);
		skb_set_queue_mapping(skb, 0);
		__netif_tx_lock_bh(txq);
		if (en_tx_frame(ring, skb, false) != NETDEV_TX_OK)
			dev_kfree_skb_any(skb);
		__netif_tx_unlock_bh(txq);
	}
	/* Times out quietly: the count below tells. */
	read_poll_timeout(atomic_read, i, i == EN_LOOPBACK_FRAMES, 10000,
			  EN_LOOPBACK_WAIT_MS * 1000, false,
			  &adapter->self_test_frames);
	en_wr32(adapter, EN_RCTL, rctl);
	/* Frames still in flight must not reach the stack as test frames. */
	msleep(20);
	WRITE_ONCE(adapter->self_test_running, false);
	ok = atomic_read(&adapter->self_test_frames) == EN_LOOPBACK_FRAMES;
	if (!ok)
		netdev_err(netdev, "self-test: %d of %d loopback frames came back intact\n",
			   atomic_read(&adapter->self_test_frames),
			   EN_LOOPBACK_FRAMES);
	return ok;
}

void en_self_test(struct net_device *netdev, struct ethtool_test *test,
		  u64 *data)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	bool full_duplex;
	u32 speed;

	memset(data, 0, EN_SELFTESTS * sizeof(*data));
	data[EN_TEST_LINK] = !en_hw_link_up(adapter, &speed, &full_duplex);

	if (test->flags & ETH_TEST_FL_OFFLINE) {
		if (!adapter->up) {
			netdev_err(netdev, "self-test: the offline tests need the interface up ('ip link set dev %s up')\n",
				   netdev->name);
			data[EN_TEST_REGISTERS] = 1;
			data[EN_TEST_LOOPBACK] = 1;
		} else {
			/* The stack and tandem_re stop sending; the link
			 * work brings the carrier back afterwards.
			 */
			en_roce_event(adapter, TANDEM_ROCE_RESET_PREPARE);
			netif_carrier_off(netdev);
			netif_tx_disable(netdev);
			data[EN_TEST_REGISTERS] = !en_test_registers(adapter);
			data[EN_TEST_LOOPBACK] = !en_test_loopback(adapter);
			en_roce_event(adapter, TANDEM_ROCE_RESET_DONE);
			en_link_check_now(adapter);
		}
	}
	if (data[EN_TEST_REGISTERS] || data[EN_TEST_LOOPBACK] ||
	    data[EN_TEST_LINK])
		test->flags |= ETH_TEST_FL_FAILED;
}
