// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_auxiliary: a fallback auxiliary bus for kernels built without
 * CONFIG_AUXILIARY_BUS (all kernels before v5.11).  Built and loaded only
 * when the auxiliary_bus probe fails; see tandem_auxiliary_bus.h.
 *
 * A device is named "<modname>.<name>.<id>" and a driver's id table entry
 * "<modname>.<name>" matches it, exactly as on the kernel's bus, so the
 * drivers above cannot tell the two apart.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "tandem_auxiliary_bus.h"

/* The bus callbacks' signatures changed over time; see compat/probes/bus_*. */
#ifdef TANDEM_HAVE_BUS_MATCH_CONST_DRIVER
#define TANDEM_MATCH_CONST const
#else
#define TANDEM_MATCH_CONST
#endif
#ifdef TANDEM_HAVE_BUS_UEVENT_CONST_DEVICE
#define TANDEM_UEVENT_CONST const
#else
#define TANDEM_UEVENT_CONST
#endif

/* Length of "<modname>.<name>" in a device name, or 0 if it has no id. */
static size_t tandem_aux_match_len(const char *dev_name)
{
	const char *last_dot = strrchr(dev_name, '.');

	return last_dot ? last_dot - dev_name : 0;
}

static const struct tandem_auxiliary_device_id *
tandem_aux_match_id(const struct tandem_auxiliary_device_id *id,
		    struct device *dev)
{
	const char *name = dev_name(dev);
	size_t len = tandem_aux_match_len(name);

	if (!len)
		return NULL;
	for (; id->name[0]; id++)
		if (strlen(id->name) == len && !memcmp(id->name, name, len))
			return id;
	return NULL;
}

static int tandem_aux_match(struct device *dev,
			    TANDEM_MATCH_CONST struct device_driver *drv)
{
	return !!tandem_aux_match_id(to_tandem_auxiliary_drv(drv)->id_table, dev);
}

static int tandem_aux_uevent(TANDEM_UEVENT_CONST struct device *dev,
			     struct kobj_uevent_env *env)
{
	const char *name = dev_name(dev);

	return add_uevent_var(env, "MODALIAS=%s%.*s",
			      TANDEM_AUXILIARY_MODULE_PREFIX,
			      (int)tandem_aux_match_len(name), name);
}

static int tandem_aux_probe(struct device *dev)
{
	struct tandem_auxiliary_driver *drv = to_tandem_auxiliary_drv(dev->driver);

	return drv->probe(to_tandem_auxiliary_dev(dev),
			  tandem_aux_match_id(drv->id_table, dev));
}

static void tandem_aux_remove_device(struct device *dev)
{
	struct tandem_auxiliary_driver *drv = to_tandem_auxiliary_drv(dev->driver);

	if (drv->remove)
		drv->remove(to_tandem_auxiliary_dev(dev));
}

#ifdef TANDEM_HAVE_BUS_REMOVE_VOID
#define tandem_aux_remove tandem_aux_remove_device
#else
static int tandem_aux_remove(struct device *dev)
{
	tandem_aux_remove_device(dev);
	return 0;
}
#endif

static void tandem_aux_shutdown(struct device *dev)
{
	struct tandem_auxiliary_driver *drv;

	if (!dev->driver)
		return;
	drv = to_tandem_auxiliary_drv(dev->driver);
	if (drv->shutdown)
		drv->shutdown(to_tandem_auxiliary_dev(dev));
}

static int tandem_aux_suspend(struct device *dev, pm_message_t state)
{
	struct tandem_auxiliary_driver *drv;

	if (!dev->driver)
		return 0;
	drv = to_tandem_auxiliary_drv(dev->driver);
	return drv->suspend ? drv->suspend(to_tandem_auxiliary_dev(dev), state) : 0;
}

static int tandem_aux_resume(struct device *dev)
{
	struct tandem_auxiliary_driver *drv;

	if (!dev->driver)
		return 0;
	drv = to_tandem_auxiliary_drv(dev->driver);
	return drv->resume ? drv->resume(to_tandem_auxiliary_dev(dev)) : 0;
}

/*
 * Not const: on the kernels that need this module, bus_register() and
 * struct device take a non-const bus_type.
 */
static struct bus_type tandem_auxiliary_bus = {
	.name = "tandem_auxiliary",
	.match = tandem_aux_match,
	.uevent = tandem_aux_uevent,
	.probe = tandem_aux_probe,
	.remove = tandem_aux_remove,
	.shutdown = tandem_aux_shutdown,
	.suspend = tandem_aux_suspend,
	.resume = tandem_aux_resume,
};

/**
 * tandem_auxiliary_device_init - prepare an auxiliary device for adding
 * @adev: the device; its parent, name and release callback must be set
 *
 * On success the caller owns a reference and drops it with
 * tandem_auxiliary_device_uninit(), which ends in the release callback.
 */
int tandem_auxiliary_device_init(struct tandem_auxiliary_device *adev)
{
	struct device *dev = &adev->dev;

	if (!dev->parent) {
		pr_err("auxiliary device %s has no parent device\n", adev->name);
		return -EINVAL;
	}
	if (!adev->name) {
		dev_err(dev->parent, "auxiliary device has no name\n");
		return -EINVAL;
	}
	dev->bus = &tandem_auxiliary_bus;
	device_initialize(dev);
	return 0;
}
EXPORT_SYMBOL_GPL(tandem_auxiliary_device_init);

/**
 * __tandem_auxiliary_device_add - name an initialised device and add it
 * @adev: the device, after tandem_auxiliary_device_init()
 * @modname: the caller's KBUILD_MODNAME, the first part of the name
 */
int __tandem_auxiliary_device_add(struct tandem_auxiliary_device *adev,
				  const char *modname)
{
	struct device *dev = &adev->dev;
	int err;

	err = dev_set_name(dev, "%s.%s.%u", modname, adev->name, adev->id);
	if (err)
		return err;
	err = device_add(dev);
	if (err)
		dev_err(dev->parent, "cannot add auxiliary device %s: %d\n",
			dev_name(dev), err);
	return err;
}
EXPORT_SYMBOL_GPL(__tandem_auxiliary_device_add);

/**
 * __tandem_auxiliary_driver_register - register an auxiliary driver
 * @drv: the driver; probe and id_table are required
 * @owner: the module that owns it
 * @modname: its KBUILD_MODNAME, which names the driver in sysfs
 */
int __tandem_auxiliary_driver_register(struct tandem_auxiliary_driver *drv,
				       struct module *owner,
				       const char *modname)
{
	int err;

	if (WARN_ON(!drv->probe) || WARN_ON(!drv->id_table))
		return -EINVAL;
	if (drv->name)
		drv->driver.name = kasprintf(GFP_KERNEL, "%s.%s", modname,
					     drv->name);
	else
		drv->driver.name = kstrdup(modname, GFP_KERNEL);
	if (!drv->driver.name)
		return -ENOMEM;
	drv->driver.owner = owner;
	drv->driver.bus = &tandem_auxiliary_bus;
	drv->driver.mod_name = modname;
	err = driver_register(&drv->driver);
	if (err)
		kfree(drv->driver.name);
	return err;
}
EXPORT_SYMBOL_GPL(__tandem_auxiliary_driver_register);

void tandem_auxiliary_driver_unregister(struct tandem_auxiliary_driver *drv)
{
	driver_unregister(&drv->driver);
	kfree(drv->driver.name);
}
EXPORT_SYMBOL_GPL(tandem_auxiliary_driver_unregister);

static int __init tandem_auxiliary_init(void)
{
	return bus_register(&tandem_auxiliary_bus);
}

static void __exit tandem_auxiliary_exit(void)
{
	bus_unregister(&tandem_auxiliary_bus);
}

module_init(tandem_auxiliary_init);
module_exit(tandem_auxiliary_exit);

MODULE_DESCRIPTION("tandem fallback auxiliary bus for kernels without CONFIG_AUXILIARY_BUS");
MODULE_LICENSE("GPL");
MODULE_VERSION(TANDEM_VERSION);
