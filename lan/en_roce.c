// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: the provider side of the LAN<->RDMA contract.  Each port
 * publishes one auxiliary device, tandem_en.roce.<id>, carrying this
 * build's version and contract ABI id for tandem_re to check.
 */
#include <linux/idr.h>
#include <linux/slab.h>

#include "en.h"

static DEFINE_IDA(en_roce_ida);

/* The core may hold the device after unpublish; it is freed here, last. */
static void en_roce_release(struct device *dev)
{
	struct tandem_roce_dev *roce = to_tandem_roce_dev(to_auxiliary_dev(dev));

	ida_free(&en_roce_ida, roce->adev.id);
	kfree(roce);
}

int en_roce_publish(struct en_adapter *adapter)
{
	struct tandem_roce_dev *roce;
	int id, err;

	id = ida_alloc(&en_roce_ida, GFP_KERNEL);
	if (id < 0)
		return id;
	roce = kzalloc(sizeof(*roce), GFP_KERNEL);
	if (!roce) {
		ida_free(&en_roce_ida, id);
		return -ENOMEM;
	}
	roce->version = TANDEM_VERSION;
	roce->abi_id = TANDEM_ABI_ID;
	roce->pdev = adapter->pdev;
	roce->adev.name = TANDEM_ROCE_DEV_NAME;
	roce->adev.id = id;
	roce->adev.dev.parent = &adapter->pdev->dev;
	roce->adev.dev.release = en_roce_release;

	err = auxiliary_device_init(&roce->adev);
	if (err) {
		ida_free(&en_roce_ida, id);
		kfree(roce);
		return err;
	}
	err = auxiliary_device_add(&roce->adev);
	if (err) {
		auxiliary_device_uninit(&roce->adev);
		return err;
	}
	adapter->roce = roce;
	return 0;
}

void en_roce_unpublish(struct en_adapter *adapter)
{
	auxiliary_device_delete(&adapter->roce->adev);
	auxiliary_device_uninit(&adapter->roce->adev);
	adapter->roce = NULL;
}
