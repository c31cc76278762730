// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: devlink_alloc() takes the device (devlink_register() no longer does).
 * tracks: v5.15, 919d13a7e455 ("devlink: Set device as early as possible")
 */
#include <net/devlink.h>

static __maybe_unused struct devlink *probe(const struct devlink_ops *ops,
					    struct device *dev)
{
	return devlink_alloc(ops, 0, dev);
}
