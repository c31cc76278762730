// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: struct bus_type's match() takes a const struct device_driver *.
 * tracks: v6.11, d69d80484598 ("driver core: have match() callback in struct bus_type take a const *")
 */
#include <linux/device.h>

static int probe_match(struct device *dev, const struct device_driver *drv)
{
	return 0;
}

static const struct bus_type probe_bus __maybe_unused = {
	.match = probe_match,
};
