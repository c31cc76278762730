/* SPDX-License-Identifier: GPL-2.0-only */
/* tandem_en: what the files of the LAN driver share. */
#ifndef _TANDEM_EN_H
#define _TANDEM_EN_H

#include <linux/ethtool.h>
#include <linux/if_vlan.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <tandem/tandem.h>

#include "en_regs.h"

#define EN_MAX_QUEUES		2
/* Descriptors per ring: ethtool -G moves them between these, in steps of
 * 8 (RDLEN and TDLEN count 128-byte units).
 */
#define EN_RING_DEFAULT		256
#define EN_RING_MIN		64
#define EN_RING_MAX		4096
#define EN_RING_ALIGN		8
/* 20000 interrupts per second per vector, in the ITR's 256 ns units. */
#define EN_ITR_DEFAULT		195
/* RCTL.BSIZE = 00: the device writes at most 2048 bytes per descriptor. */
#define EN_RX_BUF_LEN		2048
#define EN_RX_HEADROOM		(NET_SKB_PAD + NET_IP_ALIGN)
/* Stop a TX queue while a worst-case packet (context, head, fragments)
 * might not fit.
 */
#define EN_TX_STOP_THRESH	(MAX_SKB_FRAGS + 3)
#define EN_LINK_POLL		(2 * HZ)
/* The 82574L takes frames up to 9234 bytes, FCS included. */
#define EN_MAX_MTU		(9234 - ETH_HLEN - ETH_FCS_LEN)

struct devlink;
struct en_adapter;

/**
 * struct en_config - what a reset may change
 * @num_queues: TX/RX queue pairs
 * @rx_ring_size: descriptors per RX ring
 * @tx_ring_size: descriptors per TX ring
 * @mtu: the netdev MTU
 */
struct en_config {
	unsigned int num_queues;
	u16 rx_ring_size;
	u16 tx_ring_size;
	unsigned int mtu;
};

/* A MAC statistics register; @wide ones are 64-bit low/high pairs. */
struct en_mac_stat {
	const char *name;
	u32 reg;
	bool wide;
};

#define EN_MAC_STATS		16
extern const struct en_mac_stat en_mac_stats[EN_MAC_STATS];

struct en_ring_stats {
	struct u64_stats_sync syncp;
	u64 packets;
	u64 bytes;
	u64 dropped;		/* RX: frames the driver had to drop */
	u64 csum_errors;	/* RX: frames whose checksum the NIC found bad */
	u64 alloc_failed;	/* RX: buffers it could not refill */
	u64 busy;		/* TX: queue was full when the stack sent */
	u64 restarts;		/* TX: queue woken after being stopped */
	u64 roce;		/* RoCEv2 frames received for / sent by tandem_re */
	u64 roce_dropped;	/* TX: tandem_re frames dropped (down, full) */
};

/*
 * One TX descriptor's mapping.  The first descriptor of a packet also holds
 * the skb, the index of the packet's last descriptor, and what the packet
 * puts on the wire (a TSO packet leaves as several segments).
 */
struct en_tx_buffer {
	struct sk_buff *skb;
	dma_addr_t dma;
	u32 len;
	u32 wire_bytes;
	u16 wire_packets;
	u16 eop;
	bool is_head;		/* mapped with dma_map_single */
};

struct en_rx_buffer {
	struct page *page;
	dma_addr_t dma;
};

/**
 * struct en_ring - a TX or RX descriptor ring
 * @adapter: the port it belongs to
 * @desc: the descriptors (coherent DMA memory)
 * @desc_dma: their bus address
 * @desc_bytes: their size
 * @tail: the ring's tail register (TDT or RDT)
 * @count: number of descriptors
 * @queue: hardware queue number
 * @next_to_use: next descriptor the driver fills
 * @next_to_clean: next descriptor the driver expects back
 * @rx_skb: RX: a frame whose last descriptor has not come back yet
 * @rx_discard: RX: drop descriptors until the end of a bad frame
 * @tx_ctx_valid: TX: @tx_ctx is the checksum context the device holds
 * @tx_ctx: TX: that context (start, offset and command of the checksum)
 * @bufs: per-descriptor bookkeeping, @tx_buf or @rx_buf
 * @tx_buf: TX: per-descriptor mappings
 * @rx_buf: RX: per-descriptor pages
 * @page_pool: RX: where the pages come from and return to
 * @stats: counters, read by ndo_get_stats64
 */
struct en_ring {
	struct en_adapter *adapter;
	void *desc;
	dma_addr_t desc_dma;
	size_t desc_bytes;
	u8 __iomem *tail;
	u16 count;
	u8 queue;
	u16 next_to_use;
	u16 next_to_clean;
	struct sk_buff *rx_skb;
	bool rx_discard;
	bool tx_ctx_valid;
	u32 tx_ctx;
	union {
		void *bufs;
		struct en_tx_buffer *tx_buf;
		struct en_rx_buffer *rx_buf;
	};
	struct page_pool *page_pool;
	struct en_ring_stats stats;
};

/**
 * struct en_q_vector - one interrupt vector and the NAPI context it drives
 * @adapter: the port
 * @napi: NAPI context
 * @rx: RX ring it serves, if any
 * @tx: TX ring it serves, if any
 * @ims: interrupt causes to re-arm when polling is done
 * @irq: Linux IRQ number
 * @name: IRQ name, as /proc/interrupts shows it
 */
struct en_q_vector {
	struct en_adapter *adapter;
	struct napi_struct napi;
	struct en_ring *rx;
	struct en_ring *tx;
	u32 ims;
	int irq;
	char name[IFNAMSIZ + 16];
};

enum en_irq_mode {
	EN_IRQ_MSIX,
	EN_IRQ_MSI,
	EN_IRQ_INTX,
};

/**
 * struct en_adapter - one 82574L port
 * @pdev: its PCI function
 * @netdev: its network device
 * @hw: BAR 0, the register space
 * @irq_mode: MSI-X, MSI or INTx, chosen at probe
 * @num_queues: TX/RX queue pairs in use
 * @max_queues: queue pairs the interrupt mode allows (ethtool -l)
 * @rx_ring_size: descriptors per RX ring, used at the next open
 * @tx_ring_size: descriptors per TX ring, used at the next open
 * @itr: interrupt throttling of RX [0] and TX [1] vectors, 256 ns units
 * @self_test_running: ethtool -t's loopback frames are expected
 * @self_test_frames: loopback frames that came back intact
 * @open_at_suspend: the port was open when the system went to sleep
 * @up: rings, IRQs and device running (netif_running() may say so while
 *	a failed reset left them down)
 * @num_q_vectors: entries of @q_vector in use
 * @q_vector: interrupt vectors with their NAPI contexts
 * @other_irq: MSI-X: the vector for link and other causes
 * @tx_ring: TX rings
 * @rx_ring: RX rings
 * @link_work: reads the link state on LSC and every EN_LINK_POLL
 * @reset_work: brings the port down and up again after a TX timeout
 * @nvm_version: the NVM image version word, for ethtool -i
 * @mac_stats_lock: guards @mac_stats
 * @mac_stats: the MAC's read-clear counters, accumulated (they survive resets)
 * @active_vlans: VLAN IDs the filter passes, to program again after a reset
 * @rss_key: the RSS hash key (random, or ethtool -X hkey)
 * @rss_indir: the RSS redirection table, an RX queue per entry
 * @devlink: its devlink instance (devlink dev info)
 * @roce: the auxiliary device published for tandem_re
 * @roce_lock: serialises tandem_re's (un)registration and its events
 * @roce_client: tandem_re's side of the port, if registered
 */
struct en_adapter {
	struct pci_dev *pdev;
	struct net_device *netdev;
	u8 __iomem *hw;
	enum en_irq_mode irq_mode;
	unsigned int num_queues;
	unsigned int max_queues;
	u16 rx_ring_size;
	u16 tx_ring_size;
	u32 itr[2];
	u8 rss_key[EN_RSSRK_SIZE];
	u8 rss_indir[EN_RETA_ENTRIES];
	bool up;
	bool open_at_suspend;
	bool self_test_running;
	atomic_t self_test_frames;
	unsigned int num_q_vectors;
	struct en_q_vector q_vector[2 * EN_MAX_QUEUES];
	int other_irq;
	struct en_ring tx_ring[EN_MAX_QUEUES];
	struct en_ring rx_ring[EN_MAX_QUEUES];
	struct delayed_work link_work;
	struct work_struct reset_work;
	u16 nvm_version;
	spinlock_t mac_stats_lock;	/* guards mac_stats */
	u64 mac_stats[EN_MAC_STATS];
	unsigned long active_vlans[BITS_TO_LONGS(VLAN_N_VID)];
	struct devlink *devlink;
	struct tandem_roce_dev *roce;
	struct mutex roce_lock;		/* guards roce_client updates, events */
	struct tandem_roce_client __rcu *roce_client;
};

static inline u32 en_rd32(struct en_adapter *adapter, u32 reg)
{
	return readl(adapter->hw + reg);
}

static inline void en_wr32(struct en_adapter *adapter, u32 reg, u32 val)
{
	writel(val, adapter->hw + reg);
}

/* Make posted register writes reach the device. */
static inline void en_flush(struct en_adapter *adapter)
{
	en_rd32(adapter, EN_STATUS);
}

static inline u16 en_ring_next(const struct en_ring *ring, u16 i)
{
	return ++i == ring->count ? 0 : i;
}

/* Count one event in a ring counter that ndo_get_stats64 may be reading. */
static inline void en_ring_count(struct en_ring *ring, u64 *counter)
{
	u64_stats_update_begin(&ring->stats.syncp);
	(*counter)++;
	u64_stats_update_end(&ring->stats.syncp);
}

/* Descriptors free for the driver to fill; one always stays empty. */
static inline u16 en_ring_unused(const struct en_ring *ring)
{
	u16 ntc = READ_ONCE(ring->next_to_clean), ntu = ring->next_to_use;

	return (ntc > ntu ? 0 : ring->count) + ntc - ntu - 1;
}

/* en_hw.c */
int en_hw_reset(struct en_adapter *adapter);
void en_hw_quiesce(struct en_adapter *adapter);
int en_hw_read_mac(struct en_adapter *adapter, u8 *mac);
int en_hw_read_nvm_word(struct en_adapter *adapter, u16 word, u16 *data);
void en_hw_nvm_version(struct en_adapter *adapter, char *buf, size_t len);
void en_hw_update_mac_stats(struct en_adapter *adapter);
void en_hw_set_rar(struct en_adapter *adapter, unsigned int n, const u8 *mac);
void en_hw_set_rx_mode(struct en_adapter *adapter);
void en_hw_set_vlan(struct en_adapter *adapter, u16 vid, bool on);
bool en_hw_link_up(struct en_adapter *adapter, u32 *speed, bool *full_duplex);

/* en_selftest.c */
#define EN_SELFTESTS	3
void en_self_test_strings(u8 *data);
void en_self_test(struct net_device *netdev, struct ethtool_test *test,
		  u64 *data);
bool en_self_test_rx(struct en_adapter *adapter, struct sk_buff *skb);

/* en_devlink.c */
int en_devlink_register(struct en_adapter *adapter);
void en_devlink_unregister(struct en_adapter *adapter);

/* en_ethtool.c */
void en_set_ethtool_ops(struct net_device *netdev);

/* en_claim.c */
int en_claim_check(struct pci_dev *pdev);

/* en_irq.c */
void en_irq_set_itr(struct en_adapter *adapter);
int en_irq_init(struct en_adapter *adapter);
void en_irq_exit(struct en_adapter *adapter);
int en_irq_request(struct en_adapter *adapter);
void en_irq_free(struct en_adapter *adapter);
void en_irq_enable(struct en_adapter *adapter);
void en_irq_disable(struct en_adapter *adapter);
void en_irq_kick_queues(struct en_adapter *adapter);
const char *en_irq_mode_name(enum en_irq_mode mode);

/* en_tx.c */
void en_tx_configure(struct en_adapter *adapter);
void en_tx_ring_drain(struct en_ring *ring);
void en_tx_clean(struct en_ring *ring, int napi_budget);
netdev_tx_t en_tx_frame(struct en_ring *ring, struct sk_buff *skb, bool more);
netdev_tx_t en_xmit_frame(struct sk_buff *skb, struct net_device *netdev);

/* en_rx.c */
int en_rx_pool_create(struct en_ring *ring);
void en_rx_pool_destroy(struct en_ring *ring);
void en_rx_configure(struct en_adapter *adapter);
void en_rx_default_rss(struct en_adapter *adapter);
void en_rx_write_rss(struct en_adapter *adapter);
void en_rx_ring_drain(struct en_ring *ring);
int en_rx_clean(struct en_ring *ring, struct napi_struct *napi, int budget);

/* en_main.c */
int en_poll(struct napi_struct *napi, int budget);
void en_link_check_now(struct en_adapter *adapter);
void en_current_config(struct en_adapter *adapter, struct en_config *cfg);
int en_reset(struct en_adapter *adapter, const struct en_config *cfg);

/* en_roce.c */
int en_roce_publish(struct en_adapter *adapter);
void en_roce_unpublish(struct en_adapter *adapter);
void en_roce_event(struct en_adapter *adapter, enum tandem_roce_event event);
unsigned int en_roce_stack_tx_queues(struct en_adapter *adapter);
bool en_roce_rx(struct en_ring *ring, struct sk_buff **skbp);

#endif /* _TANDEM_EN_H */
