/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_AUXILIARY_BUS_H
#define _TANDEM_COMPAT_LINUX_AUXILIARY_BUS_H

#ifdef TANDEM_HAVE_AUXILIARY_BUS
#include_next <linux/auxiliary_bus.h>
#else
/*
 * 7de3697e9cbd ("Add auxiliary bus support", v5.11): no auxiliary bus in
 * this kernel, so the kernel's names stand for the bundled bus
 * (compat/auxiliary, module tandem_auxiliary).
 */
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include "../../auxiliary/tandem_auxiliary_bus.h"

#define AUXILIARY_NAME_SIZE		TANDEM_AUXILIARY_NAME_SIZE
#define AUXILIARY_MODULE_PREFIX		TANDEM_AUXILIARY_MODULE_PREFIX
#define auxiliary_device_id		tandem_auxiliary_device_id
#define auxiliary_device		tandem_auxiliary_device
#define auxiliary_driver		tandem_auxiliary_driver
#define to_auxiliary_dev		to_tandem_auxiliary_dev
#define to_auxiliary_drv		to_tandem_auxiliary_drv
#define auxiliary_get_drvdata		tandem_auxiliary_get_drvdata
#define auxiliary_set_drvdata		tandem_auxiliary_set_drvdata
#define auxiliary_device_init		tandem_auxiliary_device_init
#define auxiliary_device_uninit		tandem_auxiliary_device_uninit
#define auxiliary_device_delete		tandem_auxiliary_device_delete
#define auxiliary_driver_unregister	tandem_auxiliary_driver_unregister
#define auxiliary_device_add(adev) \
	__tandem_auxiliary_device_add(adev, KBUILD_MODNAME)
#define auxiliary_driver_register(drv) \
	__tandem_auxiliary_driver_register(drv, THIS_MODULE, KBUILD_MODNAME)
#define module_auxiliary_driver(drv) \
	module_driver(drv, auxiliary_driver_register, auxiliary_driver_unregister)
#endif

#endif /* _TANDEM_COMPAT_LINUX_AUXILIARY_BUS_H */
