/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_PCI_H
#define _TANDEM_COMPAT_LINUX_PCI_H

#include_next <linux/pci.h>

#ifndef TANDEM_HAVE_PCI_IRQ_INTX
/* 58ff9c5acb4a (v6.8): PCI_IRQ_LEGACY renamed; the old name went in v6.10. */
#define PCI_IRQ_INTX PCI_IRQ_LEGACY
#endif

#ifndef TANDEM_HAVE_DEVICE_MATCH_DRIVER_OVERRIDE
/*
 * The driver core's generic driver_override (v7, and 6.12.y stable) moved
 * the override from the bus devices into struct device.  Before it, PCI
 * kept its own in pci_dev; only PCI devices are answered here.  > 0: the
 * override names @drv, 0: it names another driver, < 0: none is set.  The
 * caller holds the device lock, as probe does.
 */
static inline int device_match_driver_override(struct device *dev,
					       const struct device_driver *drv)
{
	const char *name = dev_is_pci(dev) ? to_pci_dev(dev)->driver_override : NULL;

	if (name)
		return !strcmp(name, drv->name);
	return -1;
}
#endif

#endif /* _TANDEM_COMPAT_LINUX_PCI_H */
