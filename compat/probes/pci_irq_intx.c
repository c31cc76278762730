// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: PCI_IRQ_INTX, the name of PCI_IRQ_LEGACY since it was renamed.
 * tracks: v6.8, 58ff9c5acb4a ("PCI: Rename PCI_IRQ_LEGACY to PCI_IRQ_INTX")
 * note: 0e1fdd222f0a (v6.10) removed PCI_IRQ_LEGACY.
 */
#include <linux/pci.h>

static __maybe_unused int probe(struct pci_dev *pdev)
{
	return pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_INTX);
}
