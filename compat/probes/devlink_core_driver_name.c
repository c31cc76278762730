// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: the devlink core reports the driver name in "devlink dev info"
 * itself: devlink_info_driver_name_put() is gone, so a function of that
 * name and another type compiles.
 * tracks: v6.2, 226bf9805506 ("net: devlink: let the core report the driver name instead of the drivers")
 */
#include <net/devlink.h>

static __maybe_unused int devlink_info_driver_name_put(int unused)
{
	return unused;
}
