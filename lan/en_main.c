// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: PCI driver for the Intel 82574L (8086:10d3).
 *
 * This file is the port's life cycle: PCI probe and remove, the netdev
 * operations that bring it up and down, the NAPI poll that dispatches to
 * the TX and RX rings, link tracking and the reset after a TX timeout.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "en.h"

#define PCI_DEVICE_ID_INTEL_82574L	0x10d3
#define EN_TX_TIMEOUT			(5 * HZ)

/* Two queue pairs: RSS over both RX queues; TX queue 1 is RDMA's while
 * tandem_re is bound.  One pair is for debugging and small machines.
 */
static unsigned int en_queue_pairs = EN_MAX_QUEUES;

static int en_queue_pairs_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n < 1 || n > EN_MAX_QUEUES) {
		pr_err("queue_pairs must be 1 or %u\n", EN_MAX_QUEUES);
		return -EINVAL;
	}
	*(unsigned int *)kp->arg = n;
	return 0;
}

static const struct kernel_param_ops en_queue_pairs_ops = {
	.set = en_queue_pairs_set,
	.get = param_get_uint,
};

module_param_cb(queue_pairs, &en_queue_pairs_ops, &en_queue_pairs, 0444);
MODULE_PARM_DESC(queue_pairs, "TX/RX queue pairs with MSI-X: 1 or 2 (default, with RSS)");

static const struct pci_device_id en_pci_ids[] = {
	{ PCI_VDEVICE(INTEL, PCI_DEVICE_ID_INTEL_82574L) },
	{ }
};
MODULE_DEVICE_TABLE(pci, en_pci_ids);

int en_poll(struct napi_struct *napi, int budget)
{
	struct en_q_vector *qv = container_of(napi, struct en_q_vector, napi);
	int done = 0;

	if (qv->tx)
		en_tx_clean(qv->tx, budget);
	if (qv->rx && budget)
		done = en_rx_clean(qv->rx, napi, budget);
	if (done == budget)
		return budget;
	if (napi_complete_done(napi, done))
		en_wr32(qv->adapter, EN_IMS, qv->ims);
	return done;
}

static void en_link_work(struct work_struct *work)
{
	struct en_adapter *adapter = container_of(to_delayed_work(work),
						  struct en_adapter, link_work);
	struct net_device *netdev = adapter->netdev;
	bool full_duplex = false;
	u32 speed = 0;

	if (en_hw_link_up(adapter, &speed, &full_duplex)) {
		if (!netif_carrier_ok(netdev)) {
			netdev_info(netdev, "link up, %u Mb/s, %s duplex\n",
				    speed, full_duplex ? "full" : "half");
			netif_carrier_on(netdev);
			netif_tx_wake_all_queues(netdev);
			en_roce_event(adapter, TANDEM_ROCE_LINK_UP);
		}
	} else if (netif_carrier_ok(netdev)) {
		netdev_info(netdev, "link down\n");
		netif_carrier_off(netdev);
		en_roce_event(adapter, TANDEM_ROCE_LINK_DOWN);
	}
	/* Often enough that no 32-bit counter wraps between two reads. */
	en_hw_update_mac_stats(adapter);
	en_irq_kick_queues(adapter);
	queue_delayed_work(system_dfl_wq, &adapter->link_work, EN_LINK_POLL);
}

/* Called from the interrupt handlers on a link status change. */
void en_link_check_now(struct en_adapter *adapter)
{
	mod_delayed_work(system_dfl_wq, &adapter->link_work, 0);
}

/* An empty ring: its descriptors and their bookkeeping, zeroed.  Its
 * counters carry on: they must survive resets and new ring sizes.
 */
static int en_ring_alloc(struct en_adapter *adapter, struct en_ring *ring,
			 unsigned int queue, u16 count, size_t desc_size,
			 size_t buf_size, u32 tail_reg)
{
	struct device *dev = &adapter->pdev->dev;
	struct en_ring_stats stats = ring->stats;

	memset(ring, 0, sizeof(*ring));
	ring->stats = stats;
	ring->adapter = adapter;
	ring->queue = queue;
	ring->count = count;
	ring->desc_bytes = ring->count * desc_size;
	ring->tail = adapter->hw + tail_reg;
	u64_stats_init(&ring->stats.syncp);
	ring->bufs = kcalloc(ring->count, buf_size, GFP_KERNEL);
	if (!ring->bufs)
		return -ENOMEM;
	ring->desc = dma_alloc_coherent(dev, ring->desc_bytes, &ring->desc_dma,
					GFP_KERNEL);
	if (!ring->desc) {
		kfree(ring->bufs);
		ring->bufs = NULL;
		return -ENOMEM;
	}
	return 0;
}

static void en_ring_free(struct en_ring *ring)
{
	if (!ring->desc)
		return;
	dma_free_coherent(&ring->adapter->pdev->dev, ring->desc_bytes,
			  ring->desc, ring->desc_dma);
	ring->desc = NULL;
	kfree(ring->bufs);
	ring->bufs = NULL;
}

static void en_free_rings(struct en_adapter *adapter)
{
	unsigned int q;

	for (q = 0; q < adapter->num_queues; q++) {
		en_ring_free(&adapter->tx_ring[q]);
		if (adapter->rx_ring[q].page_pool)
			en_rx_pool_destroy(&adapter->rx_ring[q]);
		en_ring_free(&adapter->rx_ring[q]);
	}
}

static int en_alloc_rings(struct en_adapter *adapter)
{
	unsigned int q;
	int err = 0;

	for (q = 0; q < adapter->num_queues && !err; q++)
		err = en_ring_alloc(adapter, &adapter->tx_ring[q], q,
				    adapter->tx_ring_size, sizeof(struct en_tx_desc),
				    sizeof(struct en_tx_buffer), EN_TDT(q)) ?:
		      en_ring_alloc(adapter, &adapter->rx_ring[q], q,
				    adapter->rx_ring_size, sizeof(union en_rx_desc),
				    sizeof(struct en_rx_buffer), EN_RDT(q)) ?:
		      en_rx_pool_create(&adapter->rx_ring[q]);
	if (err) {
		netdev_err(adapter->netdev, "cannot allocate descriptor rings (%d)\n", err);
		en_free_rings(adapter);
	}
	return err;
}

/* Program the device and start it; the rings exist, the IRQs are ours. */
static void en_up(struct en_adapter *adapter)
{
	unsigned int i;
	u16 vid;

	en_hw_set_rar(adapter, 0, adapter->netdev->dev_addr);
	/* VLAN tags: inserted on transmit, stripped on receive, filtered. */
	en_wr32(adapter, EN_CTRL, en_rd32(adapter, EN_CTRL) | EN_CTRL_VME);
	for_each_set_bit(vid, adapter->active_vlans, VLAN_N_VID)
		en_hw_set_vlan(adapter, vid, true);
	en_tx_configure(adapter);
	en_rx_configure(adapter);
	for (i = 0; i < adapter->num_q_vectors; i++)
		napi_enable(&adapter->q_vector[i].napi);
	en_irq_enable(adapter);
	netif_tx_start_all_queues(adapter->netdev);
	en_link_check_now(adapter);
}

/* Stop the device and drop what it holds; the rings stay allocated. */
static void en_down(struct en_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;
	bool had_link = netif_carrier_ok(netdev);
	unsigned int i;

	netif_carrier_off(netdev);
	netif_tx_disable(netdev);
	en_irq_disable(adapter);
	/* After the IRQs: their handlers queue this work. */
	cancel_delayed_work_sync(&adapter->link_work);
	for (i = 0; i < adapter->num_q_vectors; i++)
		napi_disable(&adapter->q_vector[i].napi);
	en_hw_quiesce(adapter);
	for (i = 0; i < adapter->num_queues; i++) {
		en_tx_ring_drain(&adapter->tx_ring[i]);
		en_rx_ring_drain(&adapter->rx_ring[i]);
	}
	if (had_link)
		en_roce_event(adapter, TANDEM_ROCE_LINK_DOWN);
}

/* Rings, IRQs, device: everything ndo_open brings up. */
static int en_open_port(struct en_adapter *adapter)
{
	int err;

	netif_carrier_off(adapter->netdev);
	err = en_alloc_rings(adapter);
	if (err)
		return err;
	err = en_irq_request(adapter);
	if (err) {
		en_free_rings(adapter);
		return err;
	}
	en_up(adapter);
	adapter->up = true;
	return 0;
}

/* What en_open_port() took, after en_down(). */
static void en_release_port(struct en_adapter *adapter)
{
	adapter->up = false;
	en_irq_free(adapter);
	en_free_rings(adapter);
}

static void en_close_port(struct en_adapter *adapter)
{
	if (!adapter->up)
		return;
	en_down(adapter);
	en_release_port(adapter);
}

static int en_open(struct net_device *netdev)
{
	return en_open_port(netdev_priv(netdev));
}

static int en_stop(struct net_device *netdev)
{
	en_close_port(netdev_priv(netdev));
	return 0;
}

void en_current_config(struct en_adapter *adapter, struct en_config *cfg)
{
	cfg->num_queues = adapter->num_queues;
	cfg->rx_ring_size = adapter->rx_ring_size;
	cfg->tx_ring_size = adapter->tx_ring_size;
	cfg->mtu = adapter->netdev->mtu;
}

/* A new number of queue pairs: new vectors, NAPI contexts and netdev
 * queues.  The port is closed.
 */
static int en_set_queue_pairs(struct en_adapter *adapter, unsigned int n)
{
	int err;

	en_irq_exit(adapter);
	adapter->num_queues = n;
	err = en_irq_init(adapter);
	if (err)
		return err;
	en_rx_default_rss(adapter);
	return netif_set_real_num_queues(adapter->netdev,
					 en_roce_stack_tx_queues(adapter),
					 adapter->num_queues);
}

/**
 * en_reset - the one way the port is reset, optionally into new settings
 * @adapter: the port
 * @cfg: settings to apply (ethtool -G/-L, MTU), or NULL to keep them
 *
 * A TX timeout, ethtool --reset, an MTU change and new ring or queue
 * settings all come here, under RTNL: tandem_re hears RESET_PREPARE, the
 * device is stopped and reset (the MAC counters saved first, so they
 * survive), the settings change, and the port comes up again as it was
 * (open or closed).  Rings are reallocated only when their size or number
 * changes.  If the port cannot come back, it stays down and says why.
 *
 * Return: 0 or a negative errno.
 */
int en_reset(struct en_adapter *adapter, const struct en_config *cfg)
{
	struct net_device *netdev = adapter->netdev;
	bool running = adapter->up;
	bool rebuild = cfg && (cfg->num_queues != adapter->num_queues ||
			       cfg->rx_ring_size != adapter->rx_ring_size ||
			       cfg->tx_ring_size != adapter->tx_ring_size);
	int err = 0;

	ASSERT_RTNL();
	en_roce_event(adapter, TANDEM_ROCE_RESET_PREPARE);
	if (running && rebuild)
		en_close_port(adapter);
	else if (running)
		en_down(adapter);
	en_hw_update_mac_stats(adapter);
	err = en_hw_reset(adapter);
	if (!err && cfg) {
		if (cfg->num_queues != adapter->num_queues)
			err = en_set_queue_pairs(adapter, cfg->num_queues);
		adapter->rx_ring_size = cfg->rx_ring_size;
		adapter->tx_ring_size = cfg->tx_ring_size;
		if (cfg->mtu != netdev->mtu) {
			WRITE_ONCE(netdev->mtu, cfg->mtu);
			en_roce_event(adapter, TANDEM_ROCE_MTU_CHANGE);
		}
	}
	if (!err && running && rebuild)
		err = en_open_port(adapter);
	else if (!err && running)
		en_up(adapter);
	else if (running && !rebuild)
		en_release_port(adapter);
	if (err)
		netdev_err(netdev, "the port did not come back from a reset (%d) and stays down; try 'ip link set dev %s down' and up, or reload tandem_en\n",
			   err, netdev->name);
	en_roce_event(adapter, TANDEM_ROCE_RESET_DONE);
	return err;
}

static void en_reset_work(struct work_struct *work)
{
	struct en_adapter *adapter = container_of(work, struct en_adapter, reset_work);

	rtnl_lock();
	if (adapter->up)
		en_reset(adapter, NULL);
	rtnl_unlock();
}

static void en_tx_timeout(struct net_device *netdev, unsigned int txqueue)
{
	struct en_adapter *adapter = netdev_priv(netdev);

	netdev_err(netdev, "TX queue %u made no progress for %u s; resetting the port\n",
		   txqueue, EN_TX_TIMEOUT / HZ);
	schedule_work(&adapter->reset_work);
}

/* A new MTU changes how the receive side is set up: through the reset. */
static int en_change_mtu(struct net_device *netdev, int new_mtu)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	struct en_config cfg;

	en_current_config(adapter, &cfg);
	cfg.mtu = new_mtu;
	return en_reset(adapter, &cfg);
}

static int en_set_mac_address(struct net_device *netdev, void *addr)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	int err = eth_mac_addr(netdev, addr);

	if (err)
		return err;
	en_hw_set_rar(adapter, 0, netdev->dev_addr);
	en_roce_event(adapter, TANDEM_ROCE_MAC_CHANGE);
	return 0;
}

static int en_vlan_rx_add_vid(struct net_device *netdev, __be16 proto, u16 vid)
{
	struct en_adapter *adapter = netdev_priv(netdev);

	set_bit(vid, adapter->active_vlans);
	en_hw_set_vlan(adapter, vid, true);
	return 0;
}

static int en_vlan_rx_kill_vid(struct net_device *netdev, __be16 proto, u16 vid)
{
	struct en_adapter *adapter = netdev_priv(netdev);

	clear_bit(vid, adapter->active_vlans);
	en_hw_set_vlan(adapter, vid, false);
	return 0;
}

static void en_set_rx_mode(struct net_device *netdev)
{
	en_hw_set_rx_mode(netdev_priv(netdev));
}

static void en_get_stats64(struct net_device *netdev,
			   struct rtnl_link_stats64 *stats)
{
	struct en_adapter *adapter = netdev_priv(netdev);
	unsigned int q, start;

	/* Every ring, in use or not: a queue pair taken away by ethtool -L
	 * keeps what it counted.
	 */
	for (q = 0; q < EN_MAX_QUEUES; q++) {
		const struct en_ring *rx = &adapter->rx_ring[q];
		const struct en_ring *tx = &adapter->tx_ring[q];
		u64 packets, bytes, dropped;

		do {
			start = u64_stats_fetch_begin(&rx->stats.syncp);
			packets = rx->stats.packets;
			bytes = rx->stats.bytes;
			dropped = rx->stats.dropped;
		} while (u64_stats_fetch_retry(&rx->stats.syncp, start));
		stats->rx_packets += packets;
		stats->rx_bytes += bytes;
		stats->rx_dropped += dropped;

		do {
			start = u64_stats_fetch_begin(&tx->stats.syncp);
			packets = tx->stats.packets;
			bytes = tx->stats.bytes;
			dropped = tx->stats.dropped;
		} while (u64_stats_fetch_retry(&tx->stats.syncp, start));
		stats->tx_packets += packets;
		stats->tx_bytes += bytes;
		stats->tx_dropped += dropped;
	}
}

static const struct net_device_ops en_netdev_ops = {
	.ndo_open = en_open,
	.ndo_stop = en_stop,
	.ndo_start_xmit = en_xmit_frame,
	.ndo_tx_timeout = en_tx_timeout,
	.ndo_change_mtu = en_change_mtu,
	.ndo_set_mac_address = en_set_mac_address,
	.ndo_set_rx_mode = en_set_rx_mode,
	.ndo_vlan_rx_add_vid = en_vlan_rx_add_vid,
	.ndo_vlan_rx_kill_vid = en_vlan_rx_kill_vid,
	.ndo_validate_addr = eth_validate_addr,
	.ndo_get_stats64 = en_get_stats64,
};

static int en_map_device(struct en_adapter *adapter)
{
	struct pci_dev *pdev = adapter->pdev;
	int err;

	err = pci_enable_device_mem(pdev);
	if (err) {
		dev_err(&pdev->dev, "cannot enable the PCI device (%d); check the PCI settings of the machine or VM\n",
			err);
		return err;
	}
	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (err) {
		dev_err(&pdev->dev, "no usable DMA configuration (%d)\n", err);
		goto err_disable;
	}
	err = pci_request_mem_regions(pdev, KBUILD_MODNAME);
	if (err) {
		dev_err(&pdev->dev, "the register BAR is in use by another driver (%d); unbind it first\n",
			err);
		goto err_disable;
	}
	adapter->hw = pci_ioremap_bar(pdev, 0);
	if (!adapter->hw) {
		dev_err(&pdev->dev, "cannot map the register BAR\n");
		err = -ENOMEM;
		goto err_release;
	}
	pci_set_master(pdev);
	return 0;

err_release:
	pci_release_mem_regions(pdev);
err_disable:
	pci_disable_device(pdev);
	return err;
}

static void en_unmap_device(struct en_adapter *adapter)
{
	/* Bus mastering goes last: the device may DMA until quiesced. */
	pci_clear_master(adapter->pdev);
	iounmap(adapter->hw);
	pci_release_mem_regions(adapter->pdev);
	pci_disable_device(adapter->pdev);
}

static void en_init_mac(struct en_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;
	u8 mac[ETH_ALEN];
	int err;

	err = en_hw_read_mac(adapter, mac);
	if (!err) {
		eth_hw_addr_set(netdev, mac);
		return;
	}
	eth_hw_addr_random(netdev);
	dev_warn(&adapter->pdev->dev,
		 "no valid MAC address in the NVM (%s); using random %pM, set a fixed one with 'ip link set dev <if> address'\n",
		 err == -EIO ? "unreadable" : "bad checksum or address",
		 netdev->dev_addr);
}

static int en_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct en_adapter *adapter;
	struct net_device *netdev;
	int err;

	err = en_claim_check(pdev);
	if (err)
		return err;

	netdev = alloc_etherdev_mq(sizeof(*adapter), EN_MAX_QUEUES);
	if (!netdev)
		return -ENOMEM;
	SET_NETDEV_DEV(netdev, &pdev->dev);
	adapter = netdev_priv(netdev);
	adapter->pdev = pdev;
	adapter->netdev = netdev;
	/* As asked, if MSI-X gives a vector to each queue; else one. */
	adapter->num_queues = en_queue_pairs;
	adapter->rx_ring_size = EN_RING_DEFAULT;
	adapter->tx_ring_size = EN_RING_DEFAULT;
	adapter->itr[0] = EN_ITR_DEFAULT;
	adapter->itr[1] = EN_ITR_DEFAULT;
	INIT_DELAYED_WORK(&adapter->link_work, en_link_work);
	INIT_WORK(&adapter->reset_work, en_reset_work);
	spin_lock_init(&adapter->mac_stats_lock);
	mutex_init(&adapter->roce_lock);
	pci_set_drvdata(pdev, adapter);

	err = en_map_device(adapter);
	if (err)
		goto err_free_netdev;
	err = en_hw_reset(adapter);
	if (err)
		goto err_unmap;
	en_init_mac(adapter);
	/* NVM word 5 is the image version; without it ethtool shows 0.0-0. */
	en_hw_read_nvm_word(adapter, 5, &adapter->nvm_version);

	err = en_irq_init(adapter);
	if (err)
		goto err_unmap;
	adapter->max_queues = adapter->irq_mode == EN_IRQ_MSIX ? EN_MAX_QUEUES : 1;
	netdev_rss_key_fill(adapter->rss_key, sizeof(adapter->rss_key));
	en_rx_default_rss(adapter);
	err = netif_set_real_num_queues(netdev, adapter->num_queues,
					adapter->num_queues);
	if (err)
		goto err_irq;

	netdev->netdev_ops = &en_netdev_ops;
	en_set_ethtool_ops(netdev);
	netdev->hw_features = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM |
			      NETIF_F_TSO | NETIF_F_TSO6 | NETIF_F_RXCSUM |
			      NETIF_F_RXHASH;
	netdev->vlan_features = netdev->hw_features &
				~(NETIF_F_RXCSUM | NETIF_F_RXHASH);
	netdev->features = netdev->hw_features | NETIF_F_HIGHDMA |
			   NETIF_F_HW_VLAN_CTAG_RX | NETIF_F_HW_VLAN_CTAG_TX |
			   NETIF_F_HW_VLAN_CTAG_FILTER;
	netdev->watchdog_timeo = EN_TX_TIMEOUT;
	netdev->min_mtu = ETH_MIN_MTU;
	netdev->max_mtu = EN_MAX_MTU;
	netdev->priv_flags |= IFF_UNICAST_FLT;
	netif_carrier_off(netdev);

	err = register_netdev(netdev);
	if (err) {
		dev_err(&pdev->dev, "cannot register the network device (%d)\n", err);
		goto err_irq;
	}
	err = en_devlink_register(adapter);
	if (err)
		goto err_unregister;
	err = en_roce_publish(adapter);
	if (err)
		goto err_devlink;

	netdev_info(netdev, "82574L at %s, MAC %pM, %s interrupts, %u queue pair%s, tandem %s\n",
		    pci_name(pdev), netdev->dev_addr,
		    en_irq_mode_name(adapter->irq_mode), adapter->num_queues,
		    adapter->num_queues == 1 ? "" : "s", TANDEM_VERSION);
	return 0;

err_devlink:
	en_devlink_unregister(adapter);
err_unregister:
	unregister_netdev(netdev);
err_irq:
	en_irq_exit(adapter);
err_unmap:
	en_hw_quiesce(adapter);
	en_unmap_device(adapter);
err_free_netdev:
	free_netdev(netdev);
	return err;
}

static void en_remove(struct pci_dev *pdev)
{
	struct en_adapter *adapter = pci_get_drvdata(pdev);
	struct net_device *netdev = adapter->netdev;

	en_roce_unpublish(adapter);
	en_devlink_unregister(adapter);
	unregister_netdev(netdev);
	cancel_work_sync(&adapter->reset_work);
	en_irq_exit(adapter);
	en_hw_quiesce(adapter);
	en_unmap_device(adapter);
	free_netdev(netdev);
}

static void en_shutdown(struct pci_dev *pdev)
{
	struct en_adapter *adapter = pci_get_drvdata(pdev);

	rtnl_lock();
	if (netif_running(adapter->netdev))
		dev_close(adapter->netdev);
	rtnl_unlock();
	en_hw_quiesce(adapter);
	pci_clear_master(pdev);
}

/*
 * System sleep: the port closes as if taken down (tandem_re hears a reset),
 * and on resume the device is reset and the port reopened if it was open.
 * The PCI core saves and restores the function's config space around it.
 */
static int en_suspend(struct device *dev)
{
	struct en_adapter *adapter = dev_get_drvdata(dev);

	rtnl_lock();
	netif_device_detach(adapter->netdev);
	adapter->open_at_suspend = adapter->up;
	if (adapter->up) {
		en_roce_event(adapter, TANDEM_ROCE_RESET_PREPARE);
		en_close_port(adapter);
	}
	en_hw_update_mac_stats(adapter);
	en_hw_quiesce(adapter);
	rtnl_unlock();
	return 0;
}

static int en_resume(struct device *dev)
{
	struct en_adapter *adapter = dev_get_drvdata(dev);
	int err;

	rtnl_lock();
	err = en_hw_reset(adapter);
	if (!err && adapter->open_at_suspend) {
		err = en_open_port(adapter);
		en_roce_event(adapter, TANDEM_ROCE_RESET_DONE);
	}
	if (err)
		netdev_err(adapter->netdev, "the port did not come back from sleep (%d); reload tandem_en\n",
			   err);
	else
		netif_device_attach(adapter->netdev);
	rtnl_unlock();
	return err;
}

static DEFINE_SIMPLE_DEV_PM_OPS(en_pm_ops, en_suspend, en_resume);

static struct pci_driver en_pci_driver = {
	.name = KBUILD_MODNAME,
	.id_table = en_pci_ids,
	.probe = en_probe,
	.remove = en_remove,
	.shutdown = en_shutdown,
	.driver.pm = &en_pm_ops,
};

static int __init en_init(void)
{
	pr_info("tandem %s (contract abi %s)\n", TANDEM_VERSION, TANDEM_ABI_ID);
	return pci_register_driver(&en_pci_driver);
}

static void __exit en_exit(void)
{
	pci_unregister_driver(&en_pci_driver);
}

module_init(en_init);
module_exit(en_exit);

MODULE_DESCRIPTION("tandem LAN driver for the Intel 82574L");
MODULE_LICENSE("GPL");
MODULE_VERSION(TANDEM_VERSION);
MODULE_INFO(tandem_abi, TANDEM_ABI_ID);
