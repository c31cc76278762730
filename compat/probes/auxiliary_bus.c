// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: the kernel has the auxiliary bus, built in (CONFIG_AUXILIARY_BUS).
 * tracks: v5.11, 7de3697e9cbd ("Add auxiliary bus support")
 */
#include <linux/auxiliary_bus.h>

#if !IS_ENABLED(CONFIG_AUXILIARY_BUS)
#error "CONFIG_AUXILIARY_BUS is not set"
#endif

static int probe_aux(struct auxiliary_device *adev,
		     const struct auxiliary_device_id *id)
{
	return auxiliary_device_init(adev);
}

static struct auxiliary_driver probe_drv __maybe_unused = {
	.probe = probe_aux,
};
