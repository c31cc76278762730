// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: device_match_driver_override(), driver_override kept in struct
 * device by the driver core instead of by each bus (PCI: pci_dev).
 * tracks: v6.12.y stable and v7 ("driver core: generic driver_override infrastructure")
 * note: Debian's 6.12.95 and 7.2 have it; 5.10 and 6.1 keep pci_dev->driver_override.
 */
#include <linux/device.h>

static __maybe_unused int probe(struct device *dev, const struct device_driver *drv)
{
	return device_match_driver_override(dev, drv);
}
