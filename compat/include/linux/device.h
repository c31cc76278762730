/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_DEVICE_H
#define _TANDEM_COMPAT_LINUX_DEVICE_H

#include_next <linux/device.h>

#if defined(__CHECKER__) && defined(TANDEM_HAVE_DEVICE_MATCH_DRIVER_OVERRIDE)
/*
 * For sparse only (it generates no code): the kernel's helper takes its lock
 * with guard(), whose release sparse cannot see, so every caller would be
 * reported for a lock context imbalance.  Sparse checks this lock-free
 * equivalent instead; the compiler still builds the kernel's own.
 */
static inline int tandem_sparse_match_driver_override(struct device *dev,
						      const struct device_driver *drv)
{
	if (dev->driver_override.name)
		return !strcmp(dev->driver_override.name, drv->name);
	return -1;
}

#define device_match_driver_override tandem_sparse_match_driver_override
#endif

#endif /* _TANDEM_COMPAT_LINUX_DEVICE_H */
