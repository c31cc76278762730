/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_NET_DEVLINK_H
#define _TANDEM_COMPAT_NET_DEVLINK_H

#include_next <net/devlink.h>

#ifndef TANDEM_HAVE_DEVLINK_CORE_DRIVER_NAME
/*
 * 226bf9805506 (v6.2): the core reports the driver name; before it, every
 * info_get() had to.  devlink_alloc() below hands the core a copy of the
 * driver's ops whose info_get() puts the name first.  A module has one
 * devlink_ops, so one copy per compilation unit is enough.
 */
static struct devlink_ops tandem_devlink_ops __maybe_unused;
static const struct devlink_ops *tandem_devlink_driver_ops __maybe_unused;

static inline int tandem_devlink_info_get(struct devlink *devlink,
					  struct devlink_info_req *req,
					  struct netlink_ext_ack *extack)
{
	return devlink_info_driver_name_put(req, KBUILD_MODNAME) ?:
	       tandem_devlink_driver_ops->info_get(devlink, req, extack);
}

static inline const struct devlink_ops *
tandem_devlink_named_ops(const struct devlink_ops *ops)
{
	if (!ops->info_get)
		return ops;
	tandem_devlink_driver_ops = ops;
	tandem_devlink_ops = *ops;
	tandem_devlink_ops.info_get = tandem_devlink_info_get;
	return &tandem_devlink_ops;
}
#else
#define tandem_devlink_named_ops(ops)	(ops)
#endif

#ifdef TANDEM_HAVE_DEVLINK_ALLOC_DEV
static inline struct devlink *tandem_devlink_alloc(const struct devlink_ops *ops,
						   size_t priv_size,
						   struct device *dev)
{
	return devlink_alloc(tandem_devlink_named_ops(ops), priv_size, dev);
}
#else
/* 919d13a7e455 (v5.15): devlink_alloc() takes the device; before, register did. */
static inline struct devlink *tandem_devlink_alloc(const struct devlink_ops *ops,
						   size_t priv_size,
						   struct device *dev)
{
	struct devlink *devlink = devlink_alloc(tandem_devlink_named_ops(ops),
						priv_size);

	if (devlink)
		devlink->dev = dev;
	return devlink;
}
#endif
#define devlink_alloc tandem_devlink_alloc

#ifndef TANDEM_HAVE_DEVLINK_REGISTER_VOID
/* db4278c55fa5 (v5.16): devlink_register() cannot fail.  It could only
 * fail for lack of memory before; devlink is informational here, so the
 * port carries on without it, as the newer kernels' callers would.
 */
static inline void tandem_devlink_register(struct devlink *devlink)
{
	if (devlink_register(devlink, devlink->dev))
		dev_warn(devlink->dev, "devlink registration failed; 'devlink dev info' will not show this port\n");
}

#define devlink_register tandem_devlink_register
#endif

#endif /* _TANDEM_COMPAT_NET_DEVLINK_H */
