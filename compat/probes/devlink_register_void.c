// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: devlink_register() returns nothing.
 * tracks: v5.16, db4278c55fa5 ("devlink: Make devlink_register to be void")
 */
#include <net/devlink.h>

static __maybe_unused void probe(struct devlink *devlink)
{
	return devlink_register(devlink);
}
