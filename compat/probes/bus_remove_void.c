// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: struct bus_type's remove() returns void.
 * tracks: v5.15, fc7a6209d571 ("bus: Make remove callback return void")
 */
#include <linux/device.h>

static void probe_remove(struct device *dev)
{
}

static const struct bus_type probe_bus __maybe_unused = {
	.remove = probe_remove,
};
