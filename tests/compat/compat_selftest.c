// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_compat_selftest: calls every API that compat/ backports, written as
 * driver code would write it against the newest kernel.  The matrix builds it
 * on every kernel (with W=1 and sparse), so a backport that does not compile
 * or warns somewhere fails the matrix even before a driver uses it.  It is
 * never installed; loading it runs each call once on dummy objects.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/auxiliary_bus.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/hrtimer.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/pm.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/timer.h>
#include <linux/unaligned.h>
#include <linux/workqueue.h>
#include <net/devlink.h>
#include <net/page_pool/helpers.h>
#include <net/page_pool/types.h>
#include <rdma/ib_verbs.h>

struct selftest_table {
	u32 count;
	union {
		DECLARE_FLEX_ARRAY(u8, bytes);
		DECLARE_FLEX_ARRAY(u32, words);
	};
};

struct selftest_counted {
	u32 count;
	u32 entry[] __counted_by(count);
};

struct selftest_timers {
	struct timer_list timer;
	struct hrtimer hrtimer;
	bool fired;
};

static void selftest_timer_fn(struct timer_list *t)
{
	struct selftest_timers *timers = timer_container_of(timers, t, timer);

	timers->fired = true;
}

static enum hrtimer_restart selftest_hrtimer_fn(struct hrtimer *t)
{
	return HRTIMER_NORESTART;
}

static int selftest_poll(struct napi_struct *napi, int budget)
{
	return 0;
}

static void selftest_work_fn(struct work_struct *work)
{
}

static DECLARE_WORK(selftest_work, selftest_work_fn);

static int selftest_timers(void)
{
	struct selftest_timers *timers = kzalloc(sizeof(*timers), GFP_KERNEL);

	if (!timers)
		return -ENOMEM;
	timer_setup(&timers->timer, selftest_timer_fn, 0);
	mod_timer(&timers->timer, jiffies + HZ);
	timer_delete(&timers->timer);
	timer_delete_sync(&timers->timer);
	queue_work(system_dfl_wq, &selftest_work);
	cancel_work_sync(&selftest_work);
	hrtimer_setup(&timers->hrtimer, selftest_hrtimer_fn, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL);
	hrtimer_cancel(&timers->hrtimer);
	kfree(timers);
	return 0;
}

static int selftest_netdev(void)
{
	static const u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 1 };
	struct napi_struct *napi;
	struct net_device *dev;
	int err;

	dev = alloc_etherdev_mqs(0, 2, 2);
	if (!dev)
		return -ENOMEM;
	eth_hw_addr_set(dev, mac);
	err = netif_set_real_num_queues(dev, 1, 1);
	napi = kzalloc(sizeof(*napi), GFP_KERNEL);
	if (napi) {
		netif_napi_add(dev, napi, selftest_poll);
		netif_napi_del(napi);
		kfree(napi);
	}
	free_netdev(dev);
	return err;
}

static int selftest_skb(void)
{
	struct page_pool_params pp = {
		.order = 0,
		.pool_size = 16,
		.nid = NUMA_NO_NODE,
	};
	struct page_pool *pool;
	struct sk_buff *skb;
	struct page *page;
	void *data;

	data = kzalloc(SKB_DATA_ALIGN(256) +
		       SKB_DATA_ALIGN(sizeof(struct skb_shared_info)), GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	skb = napi_build_skb(data, 0);
	if (!skb) {
		kfree(data);
		return -ENOMEM;
	}
	pool = page_pool_create(&pp);
	if (IS_ERR(pool)) {
		kfree_skb(skb);
		return PTR_ERR(pool);
	}
	page = page_pool_dev_alloc_pages(pool);
	if (page) {
		skb_frag_fill_page_desc(&skb_shinfo(skb)->frags[0], page, 0, 64);
		page_pool_put_full_page(pool, page, false);
	}
	skb_mark_for_recycle(skb);
	kfree_skb(skb);
	page_pool_destroy(pool);
	return 0;
}

static const struct rdma_stat_desc selftest_stat_descs[] = {
	{ .name = "selftest_pkts" },
};

static struct rdma_hw_stats *
selftest_alloc_port_stats(struct ib_device *dev, tandem_port_t port)
{
	return rdma_alloc_hw_stats_struct(selftest_stat_descs,
					  ARRAY_SIZE(selftest_stat_descs),
					  RDMA_HW_STATS_DEFAULT_LIFESPAN);
}

static int selftest_query_port(struct ib_device *dev, tandem_port_t port,
			       struct ib_port_attr *attr)
{
	return 0;
}

static const struct ib_device_ops selftest_ib_ops = {
	.alloc_hw_port_stats = selftest_alloc_port_stats,
	.query_port = selftest_query_port,
};

struct selftest_ibdev {
	struct ib_device ibdev;
};

static int selftest_rdma(void)
{
	struct selftest_ibdev *sdev;
	struct rdma_hw_stats *stats;
	struct ib_device *dev;
	int err = 0;

	sdev = ib_alloc_device(selftest_ibdev, ibdev);
	if (!sdev)
		return -ENOMEM;
	dev = &sdev->ibdev;
	ib_set_device_ops(dev, &selftest_ib_ops);
	stats = dev->ops.alloc_hw_port_stats(dev, 1);
	if (!stats)
		err = -ENOMEM;
	else if (stats->num_counters != 1)
		err = -EINVAL;
	rdma_free_hw_stats_struct(stats);
	/* The device lacks mandatory verbs: never registered, only built. */
	if (!err && dev->ops.query_device)
		err = ib_register_device(dev, "selftest%d", NULL);
	ib_dealloc_device(dev);
	return err;
}

static int selftest_devlink_info_get(struct devlink *devlink,
				     struct devlink_info_req *req,
				     struct netlink_ext_ack *extack)
{
	return devlink_info_version_running_put(req, "selftest", "1");
}

static const struct devlink_ops selftest_devlink_ops = {
	.info_get = selftest_devlink_info_get,
};

/* Registered on no device: the calls are what is tested. */
static int selftest_devlink(void)
{
	struct devlink *devlink;

	devlink = devlink_alloc(&selftest_devlink_ops, 0, NULL);
	if (!devlink)
		return -ENOMEM;
	devlink_free(devlink);
	return 0;
}

static int selftest_suspend(struct device *dev)
{
	return 0;
}

static int selftest_resume(struct device *dev)
{
	return 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(selftest_pm_ops, selftest_suspend, selftest_resume);

static int __init selftest_init(void)
{
	u8 strings[2 * ETH_GSTRING_LEN], *p = strings;
	struct selftest_counted *counted;
	struct selftest_table table = { .count = 0 };
	__be32 wire = cpu_to_be32(0x12345678);
	int err;

	ethtool_sprintf(&p, "rx%d_packets", 0);
	ethtool_puts(&p, "tx_timeouts");
	counted = kzalloc(struct_size(counted, entry, 1), GFP_KERNEL);
	if (counted)
		counted->count = 1;
	kfree(counted);

	err = selftest_timers() ?: selftest_netdev() ?: selftest_skb() ?:
	      selftest_devlink() ?: selftest_rdma();
	pr_info("%s: %s, %u %zu %x %u %d\n", err ? "failed" : "passed", strings,
		table.count, sizeof(struct auxiliary_device_id),
		get_unaligned_be32(&wire), PCI_IRQ_INTX, !!selftest_pm_ops.suspend);
	return err;
}

static void __exit selftest_exit(void)
{
}

module_init(selftest_init);
module_exit(selftest_exit);

MODULE_DESCRIPTION("tandem compat layer self-test (not installed)");
MODULE_LICENSE("GPL");
