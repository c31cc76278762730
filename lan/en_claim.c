// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: which 82574L ports it takes.
 *
 * The in-tree e1000e driver claims the same PCI ID (8086:10d3).  Installing
 * tandem must never take a port away from it unasked, so tandem_en binds a
 * port only when the port is claimed for it:
 * - its driver_override names tandem_en (what tandem-bind writes), or
 * - the module parameter claim=all (in /etc/modprobe.d/tandem.conf).
 * Any other port is declined in probe with one line that says how to claim
 * it.  The ID stays in the table so that modaliases and driver_override work.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/moduleparam.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "en.h"

static bool en_claim_all;

static int en_claim_set(const char *val, const struct kernel_param *kp)
{
	if (sysfs_streq(val, "all")) {
		WRITE_ONCE(en_claim_all, true);
	} else if (sysfs_streq(val, "none")) {
		WRITE_ONCE(en_claim_all, false);
	} else {
		pr_err("claim must be none (ports claimed with tandem-bind only) or all (every 82574L port)\n");
		return -EINVAL;
	}
	return 0;
}

static int en_claim_get(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%s\n", READ_ONCE(en_claim_all) ? "all" : "none");
}

static const struct kernel_param_ops en_claim_ops = {
	.set = en_claim_set,
	.get = en_claim_get,
};

module_param_cb(claim, &en_claim_ops, NULL, 0644);
MODULE_PARM_DESC(claim, "which 82574L ports to take: none (default: only those tandem-bind moved here) or all");

/* 0 if tandem_en may take @pdev; -ENODEV, said once per probe, if not. */
int en_claim_check(struct pci_dev *pdev)
{
	if (READ_ONCE(en_claim_all) ||
	    device_match_driver_override(&pdev->dev, pdev->dev.driver) > 0)
		return 0;
	dev_info(&pdev->dev,
		 "port not claimed, left to other drivers (e1000e); to use it with tandem run 'tandem-bind %s', or set 'options tandem_en claim=all'\n",
		 pci_name(pdev));
	return -ENODEV;
}
