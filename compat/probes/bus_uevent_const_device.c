// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: struct bus_type's uevent() takes a const struct device *.
 * tracks: v6.3, 2a81ada32f0e ("driver core: make struct bus_type.uevent() take a const *")
 */
#include <linux/device.h>

static int probe_uevent(const struct device *dev, struct kobj_uevent_env *env)
{
	return 0;
}

static const struct bus_type probe_bus __maybe_unused = {
	.uevent = probe_uevent,
};
