/* SPDX-License-Identifier: GPL-2.0-only */
/* tandem_en: what the files of the LAN driver share. */
#ifndef _TANDEM_EN_H
#define _TANDEM_EN_H

#include <linux/pci.h>
#include <tandem/tandem.h>

/* Device status register (82574 datasheet, 10.2.2.2). */
#define EN_REG_STATUS		0x00008
#define EN_STATUS_LU		BIT(1)	/* link up */

/**
 * struct en_adapter - one 82574L port
 * @pdev: its PCI function
 * @hw: BAR 0, the register space
 * @roce: the auxiliary device published for tandem_re
 */
struct en_adapter {
	struct pci_dev *pdev;
	u8 __iomem *hw;
	struct tandem_roce_dev *roce;
};

int en_roce_publish(struct en_adapter *adapter);
void en_roce_unpublish(struct en_adapter *adapter);

#endif /* _TANDEM_EN_H */
