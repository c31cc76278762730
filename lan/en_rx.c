// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: receive.
 *
 * Extended descriptors, one page per descriptor with the device writing at
 * most EN_RX_BUF_LEN bytes after EN_RX_HEADROOM, so the page becomes the
 * skb's head (or, in a jumbo frame, a fragment) without a copy.  Pages
 * come from a page_pool per ring, which keeps them DMA-mapped; skbs are
 * marked for recycling, so the stack hands their pages back.  Every
 * field the device wrote back is checked before use: a frame that carries
 * errors or claims lengths its buffers cannot hold is dropped and counted.
 */
#include <linux/bitfield.h>
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/skbuff.h>
#include <linux/unaligned.h>
#include <net/page_pool/helpers.h>

#include "en.h"

static union en_rx_desc *en_rx_desc(struct en_ring *ring, u16 i)
{
	return (union en_rx_desc *)ring->desc + i;
}

/**
 * en_rx_pool_create - the page_pool of an RX ring
 * @ring: the ring, allocated, its q_vector's NAPI context known or not
 *
 * The pool maps each page once for the device and syncs for the device
 * the part it may write when a page comes back.
 *
 * Return: 0 or a negative errno.
 */
int en_rx_pool_create(struct en_ring *ring)
{
	struct page_pool_params pp = {
		.flags = PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV,
		.order = 0,
		.pool_size = ring->count,
		.nid = dev_to_node(&ring->adapter->pdev->dev),
		.dev = &ring->adapter->pdev->dev,
		.dma_dir = DMA_FROM_DEVICE,
		.offset = EN_RX_HEADROOM,
		.max_len = EN_RX_BUF_LEN,
	};
	struct page_pool *pool = page_pool_create(&pp);

	if (IS_ERR(pool))
		return PTR_ERR(pool);
	ring->page_pool = pool;
	return 0;
}

/* After en_rx_ring_drain(): the pool frees itself once the stack has
 * returned every page it still holds.
 */
void en_rx_pool_destroy(struct en_ring *ring)
{
	page_pool_destroy(ring->page_pool);
	ring->page_pool = NULL;
}

static bool en_rx_alloc_page(struct en_ring *ring, struct en_rx_buffer *buf)
{
	struct page *page = page_pool_dev_alloc_pages(ring->page_pool);

	if (!page)
		return false;
	buf->page = page;
	buf->dma = page_pool_get_dma_addr(page);
	return true;
}

/* Fill descriptor @i with its buffer's address, for the device. */
static void en_rx_post(struct en_ring *ring, u16 i)
{
	union en_rx_desc *desc = en_rx_desc(ring, i);

	desc->read.buffer_addr = cpu_to_le64(ring->rx_buf[i].dma + EN_RX_HEADROOM);
	/* Also clears the written-back status, DD included. */
	desc->read.reserved = 0;
}

/* Give the device a buffer for every free descriptor but one. */
static void en_rx_refill(struct en_ring *ring)
{
	u16 i = ring->next_to_use, n = en_ring_unused(ring);

	while (n--) {
		struct en_rx_buffer *buf = &ring->rx_buf[i];

		if (!buf->page && !en_rx_alloc_page(ring, buf)) {
			en_ring_count(ring, &ring->stats.alloc_failed);
			break;
		}
		en_rx_post(ring, i);
		i = en_ring_next(ring, i);
	}
	if (i == ring->next_to_use)
		return;
	ring->next_to_use = i;
	/* Descriptors must be visible before the device may use them. */
	wmb();
	writel(i, ring->tail);
}

/* The default table: round robin over the RX queues, unless ethtool set one. */
void en_rx_default_rss(struct en_adapter *adapter)
{
	unsigned int i;

	if (netif_is_rxfh_configured(adapter->netdev))
		return;
	for (i = 0; i < EN_RETA_ENTRIES; i++)
		adapter->rss_indir[i] = ethtool_rxfh_indir_default(i, adapter->num_queues);
}

/* Program the RSS key and redirection table; ethtool -X may call it live. */
void en_rx_write_rss(struct en_adapter *adapter)
{
	unsigned int i, j;

	for (i = 0; i < EN_RSSRK_SIZE / 4; i++)
		en_wr32(adapter, EN_RSSRK(i), get_unaligned_le32(adapter->rss_key + 4 * i));
	for (i = 0; i < EN_RETA_ENTRIES / 4; i++) {
		u32 reta = 0;

		for (j = 0; j < 4; j++)
			reta |= (u32)adapter->rss_indir[4 * i + j] << 7 << (8 * j);
		en_wr32(adapter, EN_RETA(i), reta);
	}
}

/*
 * Spread received flows over the RX queues: hash TCP and IP over IPv4 and
 * IPv6 with the Toeplitz key, through the redirection table.
 */
static void en_rx_configure_rss(struct en_adapter *adapter)
{
	en_rx_write_rss(adapter);
	en_wr32(adapter, EN_MRQC, EN_MRQC_RSS | EN_MRQC_TCP_IPV4 | EN_MRQC_IPV4 |
		EN_MRQC_TCP_IPV6 | EN_MRQC_IPV6);
}

void en_rx_configure(struct en_adapter *adapter)
{
	u32 rxcsum = EN_RXCSUM_IPOFLD | EN_RXCSUM_TUOFLD;
	u32 rfctl = EN_RFCTL_EXTEN | EN_RFCTL_ISCSI_DIS | EN_RFCTL_NFSW_DIS |
		    EN_RFCTL_NFSR_DIS;
	unsigned int q;

	/* Under MSI-X every TCP ACK would otherwise raise the OTHER cause. */
	if (adapter->irq_mode == EN_IRQ_MSIX)
		rfctl |= EN_RFCTL_ACK_DIS;
	en_wr32(adapter, EN_RFCTL, rfctl);
	/* The NIC checks IPv4 header and TCP/UDP checksums; en_rx_csum()
	 * trusts its verdict while NETIF_F_RXCSUM is on.  RSS needs the hash
	 * in the descriptor (PCSD), extended descriptors and MRQC.
	 */
	if (adapter->num_queues > 1) {
		en_rx_configure_rss(adapter);
		rxcsum |= EN_RXCSUM_PCSD;
	} else {
		en_wr32(adapter, EN_MRQC, 0);
	}
	en_wr32(adapter, EN_RXCSUM, rxcsum);
	en_wr32(adapter, EN_RDTR, 0);
	en_wr32(adapter, EN_RADV, 0);
	for (q = 0; q < adapter->num_queues; q++) {
		struct en_ring *ring = &adapter->rx_ring[q];

		en_wr32(adapter, EN_RDBAL(q), lower_32_bits(ring->desc_dma));
		en_wr32(adapter, EN_RDBAH(q), upper_32_bits(ring->desc_dma));
		en_wr32(adapter, EN_RDLEN(q), ring->desc_bytes);
		en_wr32(adapter, EN_RDH(q), 0);
		en_wr32(adapter, EN_RDT(q), 0);
	}
	/* RCTL last: the device latches buffer sizes when EN is written.
	 * LPE lets frames longer than 1522 bytes in, across descriptors.
	 */
	en_wr32(adapter, EN_RCTL, EN_RCTL_EN | EN_RCTL_BAM | EN_RCTL_SECRC |
		(adapter->netdev->mtu > ETH_DATA_LEN ? EN_RCTL_LPE : 0));
	en_hw_set_rx_mode(adapter);
	for (q = 0; q < adapter->num_queues; q++)
		en_rx_refill(&adapter->rx_ring[q]);
}

static void en_rx_csum(struct en_ring *ring, struct sk_buff *skb, u32 staterr)
{
	if (!(ring->adapter->netdev->features & NETIF_F_RXCSUM))
		return;
	if (staterr & (EN_RXD_ERR_TCPE | EN_RXD_ERR_IPE)) {
		/* Let the stack check it again, drop it and count it. */
		en_ring_count(ring, &ring->stats.csum_errors);
		return;
	}
	if (staterr & (EN_RXD_STAT_TCPCS | EN_RXD_STAT_UDPCS))
		skb->ip_summed = CHECKSUM_UNNECESSARY;
}

/* Turn the buffer of a good frame into an skb; the page goes with it. */
static struct sk_buff *en_rx_build_skb(struct en_ring *ring,
				       struct en_rx_buffer *buf, u16 len)
{
	struct sk_buff *skb;

	skb = napi_build_skb(page_address(buf->page), PAGE_SIZE);
	if (!skb)
		return NULL;	/* the page stays on the ring */
	buf->page = NULL;
	skb_reserve(skb, EN_RX_HEADROOM);
	__skb_put(skb, len);
	skb_mark_for_recycle(skb);
	return skb;
}

/*
 * Add a buffer of @len bytes to the frame being assembled in *@skbp, or
 * start the frame with it.  Return: false if it cannot be added; the frame
 * is then to be dropped.
 */
static bool en_rx_add_buffer(struct en_ring *ring, struct sk_buff **skbp,
			     struct en_rx_buffer *buf, u16 len)
{
	struct device *dev = &ring->adapter->pdev->dev;
	struct sk_buff *skb = *skbp;

	/* The pool synced the page for the device; the CPU reads it now. */
	dma_sync_single_range_for_cpu(dev, buf->dma, EN_RX_HEADROOM, len,
				      DMA_FROM_DEVICE);
	if (!skb) {
		*skbp = en_rx_build_skb(ring, buf, len);
		return *skbp;
	}
	if (skb_shinfo(skb)->nr_frags == MAX_SKB_FRAGS)
		return false;
	skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, buf->page,
			EN_RX_HEADROOM, len, PAGE_SIZE);
	buf->page = NULL;
	/* Again, for the new page: a no-op where the mark is per skb. */
	skb_mark_for_recycle(skb);
	return true;
}

/* Hand a complete frame, described by its last descriptor, to the stack. */
static void en_rx_deliver(struct en_ring *ring, struct napi_struct *napi,
			  struct sk_buff *skb, union en_rx_desc *desc, u32 staterr)
{
	struct net_device *netdev = ring->adapter->netdev;
	u32 rss_type = FIELD_GET(EN_RXD_MRQ_TYPE, le32_to_cpu(desc->wb.mrq));

	skb->protocol = eth_type_trans(skb, netdev);
	en_rx_csum(ring, skb, staterr);
	if (rss_type && (netdev->features & NETIF_F_RXHASH))
		skb_set_hash(skb, le32_to_cpu(desc->wb.rss),
			     rss_type == EN_RXD_MRQ_TCP_IPV4 ||
			     rss_type == EN_RXD_MRQ_TCP_IPV6 ?
			     PKT_HASH_TYPE_L4 : PKT_HASH_TYPE_L3);
	/* CTRL.VME strips the tag into the descriptor. */
	if (staterr & EN_RXD_STAT_VP)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q),
				       le16_to_cpu(desc->wb.vlan));
	if (unlikely(READ_ONCE(ring->adapter->self_test_running)) &&
	    en_self_test_rx(ring->adapter, skb))
		return;
	if (en_roce_rx(ring, &skb))
		return;
	napi_gro_receive(napi, skb);
}

/**
 * en_rx_clean - pass received frames up and give buffers back
 * @ring: the RX ring
 * @napi: the NAPI context polling it
 * @budget: most descriptors to process
 *
 * A frame longer than one buffer spans several descriptors, EOP on the
 * last; the first buffer becomes the skb's head, the others its fragments.
 * A frame still incomplete at the end of the budget waits in ring->rx_skb.
 *
 * Return: descriptors processed, at most @budget.
 */
int en_rx_clean(struct en_ring *ring, struct napi_struct *napi, int budget)
{
	struct sk_buff *skb = ring->rx_skb;
	unsigned int packets = 0, bytes = 0;
	u16 i = ring->next_to_clean;
	int done = 0;

	while (done < budget) {
		union en_rx_desc *desc = en_rx_desc(ring, i);
		struct en_rx_buffer *buf = &ring->rx_buf[i];
		u32 staterr = le32_to_cpu(desc->wb.status_error);
		bool eop, bad;
		u16 len;

		if (!(staterr & EN_RXD_STAT_DD))
			break;
		dma_rmb();	/* read the rest only after DD */
		len = le16_to_cpu(desc->wb.length);
		eop = staterr & EN_RXD_STAT_EOP;
		done++;

		/* Every buffer but the last of a frame comes back full. */
		bad = len > EN_RX_BUF_LEN || (!eop && len != EN_RX_BUF_LEN) ||
		      (eop && (staterr & EN_RXD_ERR_FRAME));
		if (!ring->rx_discard && !bad &&
		    en_rx_add_buffer(ring, &skb, buf, len)) {
			if (eop && skb->len < ETH_HLEN) {
				dev_kfree_skb_any(skb);
				en_ring_count(ring, &ring->stats.dropped);
			} else if (eop) {
				packets++;
				bytes += skb->len;
				en_rx_deliver(ring, napi, skb, desc, staterr);
			}
			if (eop)
				skb = NULL;
		} else {
			/* Drop the whole frame: what was assembled of it and
			 * the descriptors still to come.  A buffer not taken
			 * stays, and en_rx_refill() posts it again.
			 */
			if (skb) {
				dev_kfree_skb_any(skb);
				skb = NULL;
			}
			if (!ring->rx_discard)
				en_ring_count(ring, &ring->stats.dropped);
			ring->rx_discard = !eop;
		}
		i = en_ring_next(ring, i);
	}
	ring->rx_skb = skb;
	WRITE_ONCE(ring->next_to_clean, i);

	u64_stats_update_begin(&ring->stats.syncp);
	ring->stats.packets += packets;
	ring->stats.bytes += bytes;
	u64_stats_update_end(&ring->stats.syncp);
	en_rx_refill(ring);
	return done;
}

/* Give every buffer back to the pool; the port is down. */
void en_rx_ring_drain(struct en_ring *ring)
{
	u16 i;

	for (i = 0; i < ring->count; i++) {
		struct en_rx_buffer *buf = &ring->rx_buf[i];

		if (!buf->page)
			continue;
		page_pool_put_full_page(ring->page_pool, buf->page, false);
		buf->page = NULL;
	}
	dev_kfree_skb_any(ring->rx_skb);
	ring->rx_skb = NULL;
	memset(ring->desc, 0, ring->desc_bytes);
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
	ring->rx_discard = false;
}
