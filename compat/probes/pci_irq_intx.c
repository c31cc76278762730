// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: PCI_IRQ_INTX, the name of PCI_IRQ_LEGACY since it was renamed.
 * tracks: v6.6 (unconfirmed), "PCI: Introduce PCI_IRQ_INTX"; PCI_IRQ_LEGACY went away in v6.10
 */
#include <linux/pci.h>

static __maybe_unused int probe(struct pci_dev *pdev)
{
	return pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_INTX);
}
