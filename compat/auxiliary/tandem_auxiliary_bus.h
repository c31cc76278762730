/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The bundled auxiliary bus: the same model and calls as the kernel's
 * <linux/auxiliary_bus.h> (v5.11, 7de3697e9cbd), under names of its own.
 *
 * Every type and exported symbol carries the tandem_ prefix and the bus is
 * registered as "tandem_auxiliary", so this module can be loaded beside the
 * kernel's auxiliary bus and beside other vendors' fallback buses.  Driver
 * code never uses these names: compat/include/linux/auxiliary_bus.h maps the
 * kernel's names onto them when the kernel has no auxiliary bus.
 */
#ifndef _TANDEM_AUXILIARY_BUS_H
#define _TANDEM_AUXILIARY_BUS_H

#include <linux/device.h>
#include <linux/mod_devicetable.h>

#define TANDEM_AUXILIARY_NAME_SIZE	32
#define TANDEM_AUXILIARY_MODULE_PREFIX	"auxiliary:"

struct tandem_auxiliary_device_id {
	char name[TANDEM_AUXILIARY_NAME_SIZE];
	kernel_ulong_t driver_data;
};

struct tandem_auxiliary_device {
	struct device dev;
	const char *name;
	u32 id;
};

struct tandem_auxiliary_driver {
	int (*probe)(struct tandem_auxiliary_device *adev,
		     const struct tandem_auxiliary_device_id *id);
	void (*remove)(struct tandem_auxiliary_device *adev);
	void (*shutdown)(struct tandem_auxiliary_device *adev);
	int (*suspend)(struct tandem_auxiliary_device *adev, pm_message_t state);
	int (*resume)(struct tandem_auxiliary_device *adev);
	const char *name;
	struct device_driver driver;
	const struct tandem_auxiliary_device_id *id_table;
};

static inline struct tandem_auxiliary_device *
to_tandem_auxiliary_dev(struct device *dev)
{
	return container_of(dev, struct tandem_auxiliary_device, dev);
}

static inline struct tandem_auxiliary_driver *
to_tandem_auxiliary_drv(const struct device_driver *drv)
{
	return container_of(drv, struct tandem_auxiliary_driver, driver);
}

static inline void *
tandem_auxiliary_get_drvdata(struct tandem_auxiliary_device *adev)
{
	return dev_get_drvdata(&adev->dev);
}

static inline void
tandem_auxiliary_set_drvdata(struct tandem_auxiliary_device *adev, void *data)
{
	dev_set_drvdata(&adev->dev, data);
}

int tandem_auxiliary_device_init(struct tandem_auxiliary_device *adev);
int __tandem_auxiliary_device_add(struct tandem_auxiliary_device *adev,
				  const char *modname);

static inline void
tandem_auxiliary_device_uninit(struct tandem_auxiliary_device *adev)
{
	put_device(&adev->dev);
}

static inline void
tandem_auxiliary_device_delete(struct tandem_auxiliary_device *adev)
{
	device_del(&adev->dev);
}

int __tandem_auxiliary_driver_register(struct tandem_auxiliary_driver *drv,
				       struct module *owner,
				       const char *modname);
void tandem_auxiliary_driver_unregister(struct tandem_auxiliary_driver *drv);

#endif /* _TANDEM_AUXILIARY_BUS_H */
