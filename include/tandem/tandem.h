/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The LAN<->RDMA contract of the tandem bundle: the one header both
 * tandem_en and tandem_re include.
 *
 * Any change to this file changes TANDEM_ABI_ID (a build-time hash of this
 * directory and VERSION), so two modules built from different trees refuse
 * to bind to each other instead of misreading each other's structures.
 */
#ifndef _TANDEM_TANDEM_H
#define _TANDEM_TANDEM_H

#include <linux/auxiliary_bus.h>
#include <linux/types.h>

#include "version.h"

/* tandem_en publishes "tandem_en.roce.<id>"; tandem_re matches on this. */
#define TANDEM_ROCE_DEV_NAME	"roce"
#define TANDEM_ROCE_MATCH_NAME	"tandem_en." TANDEM_ROCE_DEV_NAME

struct pci_dev;

/**
 * struct tandem_roce_dev - the auxiliary device tandem_en publishes per port
 * @version: bundle version of the tandem_en that made this device
 * @abi_id: contract ABI id of the tandem_en that made this device
 * @adev: the auxiliary device itself
 * @pdev: the PCI function of the port (its DMA device)
 *
 * @version and @abi_id come first and never move: a tandem_re built from
 * another tree reads them to decide whether it may touch anything else.
 */
struct tandem_roce_dev {
	const char *version;
	const char *abi_id;
	struct auxiliary_device adev;
	struct pci_dev *pdev;
};

static inline struct tandem_roce_dev *
to_tandem_roce_dev(struct auxiliary_device *adev)
{
	return container_of(adev, struct tandem_roce_dev, adev);
}

#endif /* _TANDEM_TANDEM_H */
