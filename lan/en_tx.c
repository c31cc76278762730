// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: transmit.
 *
 * One extended data descriptor per buffer (the linear part, then each
 * fragment), preceded by a context descriptor when the packet's checksum
 * offsets differ from the ring's last ones, or always for a TSO packet
 * (its payload length is part of the context).  Report-status is set only on a
 * packet's last descriptor: the device writes back DD there and nowhere
 * else.  The tail register is written once per
 * batch (netdev_xmit_more), since each write makes the device (or QEMU's
 * model, synchronously) run the ring.
 */
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ip6_checksum.h>

#include "en.h"

static struct en_tx_desc *en_tx_desc(struct en_ring *ring, u16 i)
{
	return (struct en_tx_desc *)ring->desc + i;
}

void en_tx_configure(struct en_adapter *adapter)
{
	unsigned int q;

	for (q = 0; q < adapter->num_queues; q++) {
		struct en_ring *ring = &adapter->tx_ring[q];

		en_wr32(adapter, EN_TDBAL(q), lower_32_bits(ring->desc_dma));
		en_wr32(adapter, EN_TDBAH(q), upper_32_bits(ring->desc_dma));
		en_wr32(adapter, EN_TDLEN(q), ring->desc_bytes);
		en_wr32(adapter, EN_TDH(q), 0);
		en_wr32(adapter, EN_TDT(q), 0);
		/* A ring runs only while its TARC enable bit is set. */
		en_wr32(adapter, EN_TARC(q),
			en_rd32(adapter, EN_TARC(q)) | EN_TARC_ENABLE);
	}
	en_wr32(adapter, EN_TIPG, EN_TIPG_DEFAULT);
	en_wr32(adapter, EN_TIDV, 0);
	en_wr32(adapter, EN_TADV, 0);
	en_wr32(adapter, EN_TCTL, EN_TCTL_EN | EN_TCTL_PSP | EN_TCTL_CT |
		EN_TCTL_COLD | EN_TCTL_RTLC);
}

static void en_tx_unmap(struct en_ring *ring, struct en_tx_buffer *buf)
{
	struct device *dev = &ring->adapter->pdev->dev;

	if (!buf->len)
		return;
	if (buf->is_head)
		dma_unmap_single(dev, buf->dma, buf->len, DMA_TO_DEVICE);
	else
		dma_unmap_page(dev, buf->dma, buf->len, DMA_TO_DEVICE);
	buf->len = 0;
}

static void en_tx_fill(struct en_ring *ring, u16 i, dma_addr_t dma, u32 len,
		       u32 cmd, u32 popts)
{
	struct en_tx_desc *desc = en_tx_desc(ring, i);

	desc->buffer_addr = cpu_to_le64(dma);
	desc->lower = cpu_to_le32(len | EN_TXD_DTYP_DATA | EN_TXD_CMD_DEXT |
				  EN_TXD_CMD_IFCS | cmd);
	desc->upper = cpu_to_le32(popts);
}

/**
 * en_tx_tso - set up TCP segmentation of a GSO packet
 * @ring: the TX ring
 * @skb: the packet
 * @i: the next free descriptor; moved on past the context descriptor
 * @popts: set to the data descriptors' option bits
 * @hdr_len: set to the length of the headers repeated in every segment
 *
 * The device cuts the payload into gso_size segments, repeating the headers
 * and filling in lengths and checksums, seeded with a pseudo-header
 * checksum that leaves the length out.
 *
 * Return: 1 if @skb is sent with TSO, 0 if it is not a GSO packet, or a
 * negative errno.
 */
static int en_tx_tso(struct en_ring *ring, struct sk_buff *skb, u16 *i,
		     u32 *popts, u32 *hdr_len)
{
	u32 ipcss, ipcso = 0, ipcse = 0, tucss, tucso;
	u32 tucmd = EN_TXD_CMD_DEXT | EN_TXD_CMD_TSE | EN_TXC_TUCMD_TCP;
	struct en_tx_context_desc *ctx;
	int err;

	if (!skb_is_gso(skb))
		return 0;
	err = skb_cow_head(skb, 0);
	if (err)
		return err;
	ipcss = skb_network_offset(skb);
	tucss = skb_transport_offset(skb);
	tucso = tucss + offsetof(struct tcphdr, check);
	*hdr_len = tucss + tcp_hdrlen(skb);
	if (*hdr_len > 0xff)	/* HDRLEN is 8 bits wide */
		return -EINVAL;

	if (skb_shinfo(skb)->gso_type & SKB_GSO_TCPV4) {
		struct iphdr *iph = ip_hdr(skb);

		iph->tot_len = 0;
		iph->check = 0;
		tcp_hdr(skb)->check = ~csum_tcpudp_magic(iph->saddr, iph->daddr,
							 0, IPPROTO_TCP, 0);
		ipcso = ipcss + offsetof(struct iphdr, check);
		ipcse = tucss - 1;
		tucmd |= EN_TXC_TUCMD_IPV4;
		*popts = EN_TXD_POPTS_IXSM | EN_TXD_POPTS_TXSM;
	} else {
		struct ipv6hdr *ip6h = ipv6_hdr(skb);

		ip6h->payload_len = 0;
		tcp_hdr(skb)->check = ~csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr,
						       0, IPPROTO_TCP, 0);
		*popts = EN_TXD_POPTS_TXSM;
	}

	ctx = (struct en_tx_context_desc *)en_tx_desc(ring, *i);
	ctx->ip_setup = cpu_to_le32(ipcss | ipcso << 8 | ipcse << 16);
	ctx->tu_setup = cpu_to_le32(tucss | tucso << 8);
	ctx->cmd_and_length = cpu_to_le32((skb->len - *hdr_len) | tucmd);
	ctx->tcp_seg_setup = cpu_to_le32(*hdr_len << 8 |
					 (u32)skb_shinfo(skb)->gso_size << 16);
	*i = en_ring_next(ring, *i);
	/* The device now holds this context, not the cached checksum one. */
	ring->tx_ctx_valid = false;
	return 1;
}

/**
 * en_tx_csum - set up the checksum offload of a packet
 * @ring: the TX ring
 * @skb: the packet
 * @i: the next free descriptor; moved on if a context descriptor is written
 * @popts: set to the data descriptors' option bits
 *
 * The device fills in TCP and UDP checksums over IPv4 and IPv6; anything
 * else the stack asks for is computed here.
 *
 * Return: 0, or a negative errno if the checksum could not be computed.
 */
static int en_tx_csum(struct en_ring *ring, struct sk_buff *skb, u16 *i,
		      u32 *popts)
{
	struct en_tx_context_desc *ctx;
	u32 tucmd, css, cso, key;

	*popts = 0;
	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return 0;
	css = skb_checksum_start_offset(skb);
	switch (skb->csum_offset) {
	case offsetof(struct tcphdr, check):
		tucmd = EN_TXC_TUCMD_TCP;
		break;
	case offsetof(struct udphdr, check):
		tucmd = 0;
		break;
	default:
		return skb_checksum_help(skb);
	}
	cso = css + skb->csum_offset;
	if (css > 0xff || cso > 0xff)	/* the fields are 8 bits wide */
		return skb_checksum_help(skb);
	if (vlan_get_protocol(skb) == htons(ETH_P_IP))
		tucmd |= EN_TXC_TUCMD_IPV4;

	key = css | cso << 8 | tucmd;
	if (!ring->tx_ctx_valid || ring->tx_ctx != key) {
		ctx = (struct en_tx_context_desc *)en_tx_desc(ring, *i);
		ctx->ip_setup = 0;
		ctx->tu_setup = cpu_to_le32(css | cso << 8);
		ctx->cmd_and_length = cpu_to_le32(tucmd | EN_TXD_CMD_DEXT);
		ctx->tcp_seg_setup = 0;
		*i = en_ring_next(ring, *i);
		ring->tx_ctx = key;
		ring->tx_ctx_valid = true;
	}
	*popts = EN_TXD_POPTS_TXSM;
	return 0;
}

/* Stop the queue if a worst-case packet may not fit, without racing the
 * cleaner that might just have made room.
 */
static void en_tx_maybe_stop(struct en_ring *ring, struct netdev_queue *txq)
{
	if (likely(en_ring_unused(ring) >= EN_TX_STOP_THRESH))
		return;
	netif_tx_stop_queue(txq);
	smp_mb(); /* pairs with the barrier in en_tx_clean() */
	if (en_ring_unused(ring) >= EN_TX_STOP_THRESH)
		netif_tx_start_queue(txq);
}

/**
 * en_tx_frame - put one packet on a TX ring
 * @ring: the ring; the caller holds its netdev queue's TX lock
 * @skb: the packet, consumed unless NETDEV_TX_BUSY is returned
 * @more: another packet follows at once, so the doorbell may wait
 *
 * Return: NETDEV_TX_OK, or NETDEV_TX_BUSY if the ring had no room.
 */
netdev_tx_t en_tx_frame(struct en_ring *ring, struct sk_buff *skb, bool more)
{
	struct en_adapter *adapter = ring->adapter;
	struct net_device *netdev = adapter->netdev;
	struct netdev_queue *txq = netdev_get_tx_queue(netdev, ring->queue);
	struct device *dev = &adapter->pdev->dev;
	unsigned int f, nr_frags = skb_shinfo(skb)->nr_frags;
	u16 first = ring->next_to_use, i = first;
	u32 len, popts, dcmd = 0, hdr_len = 0;
	struct en_tx_buffer *buf;
	dma_addr_t dma;
	int tso;

	if (skb_put_padto(skb, ETH_ZLEN))
		return NETDEV_TX_OK;	/* freed: counted by the stack */
	if (unlikely(en_ring_unused(ring) < nr_frags + 2)) {
		/* en_tx_maybe_stop() should have prevented this. */
		netif_tx_stop_queue(txq);
		en_ring_count(ring, &ring->stats.busy);
		return NETDEV_TX_BUSY;
	}

	tso = en_tx_tso(ring, skb, &i, &popts, &hdr_len);
	if (tso < 0 || (!tso && en_tx_csum(ring, skb, &i, &popts)))
		goto err_drop;
	if (tso)
		dcmd = EN_TXD_CMD_TSE;
	if (skb_vlan_tag_present(skb)) {
		dcmd |= EN_TXD_CMD_VLE;
		popts |= (u32)skb_vlan_tag_get(skb) << EN_TXD_VLAN_SHIFT;
	}
	len = skb_headlen(skb);
	dma = dma_map_single(dev, skb->data, len, DMA_TO_DEVICE);
	if (dma_mapping_error(dev, dma))
		goto err_drop;
	buf = &ring->tx_buf[i];
	buf->dma = dma;
	buf->len = len;
	buf->is_head = true;

	for (f = 0; f < nr_frags; f++) {
		const skb_frag_t *frag = &skb_shinfo(skb)->frags[f];

		en_tx_fill(ring, i, dma, len, dcmd, popts);
		i = en_ring_next(ring, i);
		len = skb_frag_size(frag);
		dma = skb_frag_dma_map(dev, frag, 0, len, DMA_TO_DEVICE);
		if (dma_mapping_error(dev, dma))
			goto err_unmap;
		buf = &ring->tx_buf[i];
		buf->dma = dma;
		buf->len = len;
		buf->is_head = false;
	}
	en_tx_fill(ring, i, dma, len, dcmd | EN_TXD_CMD_EOP | EN_TXD_CMD_RS, popts);

	buf = &ring->tx_buf[first];
	buf->skb = skb;
	buf->eop = i;
	buf->wire_packets = tso ? skb_shinfo(skb)->gso_segs : 1;
	buf->wire_bytes = skb->len + (buf->wire_packets - 1) * hdr_len;
	netdev_tx_sent_queue(txq, buf->wire_bytes);
	skb_tx_timestamp(skb);

	/* Descriptors must be visible before the device may fetch them. */
	wmb();
	ring->next_to_use = en_ring_next(ring, i);
	en_tx_maybe_stop(ring, txq);
	if (netif_xmit_stopped(txq) || !more)
		writel(ring->next_to_use, ring->tail);
	return NETDEV_TX_OK;

err_unmap:
	for (;;) {
		en_tx_unmap(ring, &ring->tx_buf[i]);
		if (i == first)
			break;
		i = i ? i - 1 : ring->count - 1;
	}
err_drop:
	/* A context descriptor written for this packet never reached the
	 * device: do not count on it for the next one.
	 */
	ring->tx_ctx_valid = false;
	netdev_warn_once(netdev, "cannot map a TX buffer for DMA or checksum it; dropping\n");
	dev_kfree_skb_any(skb);
	en_ring_count(ring, &ring->stats.dropped);
	return NETDEV_TX_OK;
}

netdev_tx_t en_xmit_frame(struct sk_buff *skb, struct net_device *netdev)
{
	struct en_adapter *adapter = netdev_priv(netdev);

	return en_tx_frame(&adapter->tx_ring[skb_get_queue_mapping(skb)], skb,
			   netdev_xmit_more());
}

/**
 * en_tx_clean - reclaim the descriptors of packets the device has sent
 * @ring: the TX ring
 * @napi_budget: the NAPI budget, 0 outside NAPI
 *
 */
void en_tx_clean(struct en_ring *ring, int napi_budget)
{
	struct netdev_queue *txq = netdev_get_tx_queue(ring->adapter->netdev, ring->queue);
	unsigned int packets = 0, bytes = 0;
	u16 i = ring->next_to_clean;

	while (i != READ_ONCE(ring->next_to_use)) {
		struct en_tx_buffer *first = &ring->tx_buf[i];
		struct sk_buff *skb = first->skb;
		u16 eop = first->eop;

		if (!skb || !(le32_to_cpu(en_tx_desc(ring, eop)->upper) & EN_TXD_STAT_DD))
			break;
		dma_rmb();	/* read the buffers only after DD */
		first->skb = NULL;
		packets += first->wire_packets;
		bytes += first->wire_bytes;
		for (;;) {
			en_tx_unmap(ring, &ring->tx_buf[i]);
			if (i == eop)
				break;
			i = en_ring_next(ring, i);
		}
		napi_consume_skb(skb, napi_budget);
		i = en_ring_next(ring, i);
	}
	WRITE_ONCE(ring->next_to_clean, i);

	u64_stats_update_begin(&ring->stats.syncp);
	ring->stats.packets += packets;
	ring->stats.bytes += bytes;
	u64_stats_update_end(&ring->stats.syncp);
	netdev_tx_completed_queue(txq, packets, bytes);

	if (packets && netif_tx_queue_stopped(txq)) {
		smp_mb(); /* pairs with the barrier in en_tx_maybe_stop() */
		if (en_ring_unused(ring) >= EN_TX_STOP_THRESH &&
		    netif_carrier_ok(ring->adapter->netdev)) {
			netif_tx_wake_queue(txq);
			en_ring_count(ring, &ring->stats.restarts);
		}
	}
}

/* Drop what the device never sent; the port is down. */
void en_tx_ring_drain(struct en_ring *ring)
{
	struct netdev_queue *txq = netdev_get_tx_queue(ring->adapter->netdev, ring->queue);
	u16 i;

	for (i = 0; i < ring->count; i++) {
		struct en_tx_buffer *buf = &ring->tx_buf[i];

		en_tx_unmap(ring, buf);
		if (buf->skb) {
			dev_kfree_skb_any(buf->skb);
			buf->skb = NULL;
		}
	}
	netdev_tx_reset_queue(txq);
	memset(ring->desc, 0, ring->desc_bytes);
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
	ring->tx_ctx_valid = false;
}
