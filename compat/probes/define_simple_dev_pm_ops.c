// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: DEFINE_SIMPLE_DEV_PM_OPS(), sleep callbacks without #ifdef.
 * tracks: v5.17, 1a3c7bb08826 ("PM: core: Add new *_PM_OPS macros, deprecate old ones")
 */
#include <linux/pm.h>

static int probe_suspend(struct device *dev)
{
	return 0;
}

static int probe_resume(struct device *dev)
{
	return 0;
}

static __maybe_unused DEFINE_SIMPLE_DEV_PM_OPS(probe_pm_ops, probe_suspend, probe_resume);
