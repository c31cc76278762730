// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: devlink.  "devlink dev info" names the driver (the core does
 * that), the tandem bundle's version and contract ABI id, and the NVM
 * image version, so support sees which build drives a port without
 * loading anything.
 */
#include <net/devlink.h>

#include "en.h"

struct en_devlink {
	struct en_adapter *adapter;
};

static int en_devlink_info_get(struct devlink *devlink,
			       struct devlink_info_req *req,
			       struct netlink_ext_ack *extack)
{
	struct en_devlink *priv = devlink_priv(devlink);
	char nvm[16];

	en_hw_nvm_version(priv->adapter, nvm, sizeof(nvm));
	return devlink_info_version_fixed_put(req,
					      DEVLINK_INFO_VERSION_GENERIC_ASIC_ID,
					      "82574L") ?:
	       devlink_info_version_running_put(req, "tandem", TANDEM_VERSION) ?:
	       devlink_info_version_running_put(req, "tandem.abi", TANDEM_ABI_ID) ?:
	       devlink_info_version_running_put(req,
						DEVLINK_INFO_VERSION_GENERIC_FW,
						nvm);
}

static const struct devlink_ops en_devlink_ops = {
	.info_get = en_devlink_info_get,
};

int en_devlink_register(struct en_adapter *adapter)
{
	struct devlink *devlink;
	struct en_devlink *priv;

	devlink = devlink_alloc(&en_devlink_ops, sizeof(*priv),
				&adapter->pdev->dev);
	if (!devlink)
		return -ENOMEM;
	priv = devlink_priv(devlink);
	priv->adapter = adapter;
	devlink_register(devlink);
	adapter->devlink = devlink;
	return 0;
}

void en_devlink_unregister(struct en_adapter *adapter)
{
	devlink_unregister(adapter->devlink);
	devlink_free(adapter->devlink);
	adapter->devlink = NULL;
}
