/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_PM_H
#define _TANDEM_COMPAT_LINUX_PM_H

#include_next <linux/pm.h>

#ifndef TANDEM_HAVE_DEFINE_SIMPLE_DEV_PM_OPS
/*
 * 1a3c7bb08826 (v5.17): system sleep callbacks set whatever CONFIG_PM_SLEEP,
 * used as "static DEFINE_SIMPLE_DEV_PM_OPS(...)".  Some stable trees (Debian
 * 11's 5.10) carry an earlier form that has the "static" inside; replace it.
 */
#undef DEFINE_SIMPLE_DEV_PM_OPS
#define DEFINE_SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn)		\
const struct dev_pm_ops name = {					\
	.suspend = suspend_fn,						\
	.resume = resume_fn,						\
	.freeze = suspend_fn,						\
	.thaw = resume_fn,						\
	.poweroff = suspend_fn,						\
	.restore = resume_fn,						\
}
#endif

#endif /* _TANDEM_COMPAT_LINUX_PM_H */
