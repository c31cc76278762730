// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: RDMA driver bound to tandem_en's RoCE auxiliary devices.
 *
 * This is the foundation: it binds, and refuses a tandem_en from another
 * build (the bind-time lock of DESIGN.md); the ib_device comes with the
 * contract issue.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <tandem/tandem.h>

static int re_probe(struct auxiliary_device *adev,
		    const struct auxiliary_device_id *id)
{
	struct tandem_roce_dev *roce = to_tandem_roce_dev(adev);

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
	dev_info(&adev->dev, "bound to %s, tandem %s\n", pci_name(roce->pdev),
		 TANDEM_VERSION);
	return 0;
}

static void re_remove(struct auxiliary_device *adev)
{
	dev_info(&adev->dev, "unbound\n");
}

static const struct auxiliary_device_id re_id_table[] = {
	{ .name = TANDEM_ROCE_MATCH_NAME },
	{ }
};
MODULE_DEVICE_TABLE(auxiliary, re_id_table);

static struct auxiliary_driver re_driver = {
	.probe = re_probe,
	.remove = re_remove,
	.id_table = re_id_table,
};

static int __init re_init(void)
{
	pr_info("tandem %s (contract abi %s)\n", TANDEM_VERSION, TANDEM_ABI_ID);
	return auxiliary_driver_register(&re_driver);
}

static void __exit re_exit(void)
{
	auxiliary_driver_unregister(&re_driver);
}

module_init(re_init);
module_exit(re_exit);

MODULE_DESCRIPTION("tandem RoCEv2 RDMA driver over tandem_en ports");
MODULE_LICENSE("GPL");
MODULE_VERSION(TANDEM_VERSION);
MODULE_INFO(tandem_abi, TANDEM_ABI_ID);
