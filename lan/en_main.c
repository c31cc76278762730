// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: PCI driver for the Intel 82574L (8086:10d3).
 *
 * This is the foundation: probe maps the register BAR, reports the port and
 * publishes the RoCE auxiliary device; the netdev, rings and interrupts come
 * with the LAN driver proper.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/module.h>

#include "en.h"

#define PCI_DEVICE_ID_INTEL_82574L	0x10d3

static const struct pci_device_id en_pci_ids[] = {
	{ PCI_VDEVICE(INTEL, PCI_DEVICE_ID_INTEL_82574L) },
	{ }
};
MODULE_DEVICE_TABLE(pci, en_pci_ids);

static int en_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct en_adapter *adapter;
	u32 status;
	int err;

	adapter = kzalloc(sizeof(*adapter), GFP_KERNEL);
	if (!adapter)
		return -ENOMEM;
	adapter->pdev = pdev;

	err = pci_enable_device_mem(pdev);
	if (err) {
		dev_err(&pdev->dev, "cannot enable the PCI device (%d); check the BIOS/VM PCI settings\n",
			err);
		goto err_free;
	}
	err = pci_request_mem_regions(pdev, KBUILD_MODNAME);
	if (err) {
		dev_err(&pdev->dev, "register BAR is in use by another driver (%d); unbind it first (see tandem-bind)\n",
			err);
		goto err_disable;
	}
	adapter->hw = pci_ioremap_bar(pdev, 0);
	if (!adapter->hw) {
		dev_err(&pdev->dev, "cannot map the register BAR\n");
		err = -ENOMEM;
		goto err_release;
	}
	pci_set_drvdata(pdev, adapter);

	err = en_roce_publish(adapter);
	if (err)
		goto err_unmap;

	status = readl(adapter->hw + EN_REG_STATUS);
	dev_info(&pdev->dev, "82574L port, link %s, tandem %s\n",
		 status & EN_STATUS_LU ? "up" : "down", TANDEM_VERSION);
	return 0;

err_unmap:
	iounmap(adapter->hw);
err_release:
	pci_release_mem_regions(pdev);
err_disable:
	pci_disable_device(pdev);
err_free:
	kfree(adapter);
	return err;
}

static void en_remove(struct pci_dev *pdev)
{
	struct en_adapter *adapter = pci_get_drvdata(pdev);

	en_roce_unpublish(adapter);
	iounmap(adapter->hw);
	pci_release_mem_regions(pdev);
	pci_disable_device(pdev);
	kfree(adapter);
}

static struct pci_driver en_pci_driver = {
	.name = KBUILD_MODNAME,
	.id_table = en_pci_ids,
	.probe = en_probe,
	.remove = en_remove,
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
