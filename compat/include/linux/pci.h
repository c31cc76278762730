/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_PCI_H
#define _TANDEM_COMPAT_LINUX_PCI_H

#include_next <linux/pci.h>

#ifndef TANDEM_HAVE_PCI_IRQ_INTX
/* 58ff9c5acb4a (v6.8): PCI_IRQ_LEGACY renamed; the old name went in v6.10. */
#define PCI_IRQ_INTX PCI_IRQ_LEGACY
#endif

#endif /* _TANDEM_COMPAT_LINUX_PCI_H */
