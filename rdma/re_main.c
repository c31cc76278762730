// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: RDMA driver bound to tandem_en's RoCE auxiliary devices.
 *
 * One port per auxiliary device: the bind-time lock of DESIGN.md (refuse a
 * tandem_en from another build), then the contract client, then the port's
 * ib_device (re_dev.c); remove undoes them in the reverse order.  When
 * someone else unregisters the ib_device (rdma_rxe's unload unregisters
 * every device with rxe's driver id), the port registers a new one.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <tandem/tandem.h>

#include "re.h"

/* Long enough for an ib_unregister_driver() loop to finish first. */
#define RE_REREG_DELAY_MS	100

static void re_rereg_work(struct work_struct *work)
{
	struct re_port *port = container_of(to_delayed_work(work),
					    struct re_port, rereg);
	struct device *dev = &port->rdev->adev.dev;
	int err;

	err = re_dev_register(port);
	if (err == -ENODEV || err == -EBUSY)
		return;
	if (err)
		dev_err(dev, "tandem_re%u was unregistered by another driver and cannot be registered again (error %d): reload tandem_re ('modprobe -r tandem_re; modprobe tandem_re')\n",
			port->rdev->adev.id, err);
	else
		dev_info(dev, "tandem_re%u registered again: another driver of the rxe driver id (rdma_rxe unloading) had unregistered it\n",
			 port->rdev->adev.id);
}

/* Called under port->lock, from re_dealloc_driver(). */
void re_port_schedule_rereg(struct re_port *port)
{
	queue_delayed_work(system_dfl_wq, &port->rereg,
			   msecs_to_jiffies(RE_REREG_DELAY_MS));
}

static int re_probe(struct auxiliary_device *adev,
		    const struct auxiliary_device_id *id)
{
	struct tandem_roce_dev *roce = to_tandem_roce_dev(adev);
	struct re_port *port;
	int err;

	/*
	 * Only ->version and ->abi_id may be read before this check: the
	 * rest of the structure belongs to the other build's contract.
	 * -ENODEV keeps the driver core quiet, so this is the one line.
	 */
	if (strcmp(roce->version, TANDEM_VERSION) ||
	    strcmp(roce->abi_id, TANDEM_ABI_ID)) {
		dev_err(&adev->dev,
			"tandem_re %s (abi %s) will not drive a port of tandem_en %s (abi %s): both must come from one tandem build; run 'dkms install tandem/%s' (or reinstall the tandem package) and reload both modules\n",
			TANDEM_VERSION, TANDEM_ABI_ID, roce->version,
			roce->abi_id, roce->version);
		return -ENODEV;
	}
	if (!roce->ops || !roce->netdev) {
		dev_err(&adev->dev,
			"tandem_en of this build publishes no RoCE port (no netdev or ops); nothing to drive\n");
		return -ENODEV;
	}

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->rdev = roce;
	mutex_init(&port->lock);
	xa_init_flags(&port->qps, XA_FLAGS_ALLOC);
	xa_init(&port->lingering);
	INIT_DELAYED_WORK(&port->rereg, re_rereg_work);
	re_net_init_client(port);
	re_mcast_init(port);
	auxiliary_set_drvdata(adev, port);

	/* The port's RoCE frames come here before any device can see them. */
	err = roce->ops->register_client(roce, &port->client);
	if (err) {
		dev_err(&adev->dev,
			"%s: cannot take the port's RoCE traffic (error %d): another RDMA client holds it\n",
			netdev_name(roce->netdev), err);
		goto err_free;
	}
	err = re_dev_register(port);
	if (err) {
		dev_err(&adev->dev,
			"%s: cannot register RDMA device tandem_re%u (error %d)\n",
			netdev_name(roce->netdev), adev->id, err);
		goto err_client;
	}
	dev_info(&adev->dev, "bound to %s (%s), tandem %s: RDMA device tandem_re%u\n",
		 pci_name(roce->pdev), netdev_name(roce->netdev),
		 TANDEM_VERSION, adev->id);
	return 0;

err_client:
	roce->ops->unregister_client(roce);
err_free:
	mutex_destroy(&port->lock);
	kfree(port);
	return err;
}

static void re_remove(struct auxiliary_device *adev)
{
	struct re_port *port = auxiliary_get_drvdata(adev);

	mutex_lock(&port->lock);
	port->closing = true;
	mutex_unlock(&port->lock);
	/* No re-registration runs after this, and none is scheduled again. */
	cancel_delayed_work_sync(&port->rereg);
	re_dev_unregister(port);
	port->rdev->ops->unregister_client(port->rdev);
	/* Before the lingering QPs go: a looped frame may look them up. */
	re_net_stop_loopback(port);
	re_mcast_cleanup(port);
	re_linger_cleanup(port);
	mutex_destroy(&port->lock);
	kfree(port);
	dev_info(&adev->dev, "unbound\n");
}

static const struct auxiliary_device_id re_id_table[] = {
	{ .name = TANDEM_ROCE_MATCH_NAME },
	{ }
};
MODULE_DEVICE_TABLE(auxiliary, re_id_table);
/*
 * The same alias by hand: modpost learnt auxiliary device tables with the
 * bus (v5.11); on older kernels the bundled bus sends this MODALIAS and
 * udev needs the alias to load tandem_re.
 */
MODULE_ALIAS(AUXILIARY_MODULE_PREFIX TANDEM_ROCE_MATCH_NAME);

static struct auxiliary_driver re_driver = {
	.probe = re_probe,
	.remove = re_remove,
	.id_table = re_id_table,
};

static int __init re_init(void)
{
	int err;

	pr_info("tandem %s (contract abi %s)\n", TANDEM_VERSION, TANDEM_ABI_ID);
	err = re_task_init();
	if (err)
		return err;
	err = auxiliary_driver_register(&re_driver);
	if (err)
		re_task_exit();
	return err;
}

static void __exit re_exit(void)
{
	auxiliary_driver_unregister(&re_driver);
	re_task_exit();
}

module_init(re_init);
module_exit(re_exit);

MODULE_DESCRIPTION("tandem RoCEv2 RDMA driver over tandem_en ports");
MODULE_LICENSE("GPL");
MODULE_VERSION(TANDEM_VERSION);
/* User space reaches the device through ib_uverbs, which nothing else loads. */
MODULE_SOFTDEP("pre: ib_uverbs");
MODULE_INFO(tandem_abi, TANDEM_ABI_ID);
