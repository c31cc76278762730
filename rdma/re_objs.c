// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: how many PDs, CQs, QPs, SRQs and MWs a device holds, against the
 * limits re_query_device() reports.  Without a count, a program could
 * create objects until the kernel runs out of memory; with it, the create
 * that goes past the limit fails with -ENOMEM and the device says so once.
 * At removal every count must be back to zero: anything else is a leak.
 */
#include <rdma/ib_verbs.h>

#include "re.h"

static const struct {
	const char *name;
	int max;
} re_obj_limits[RE_NUM_OBJS] = {
	[RE_OBJ_PD] = { "PDs", RE_MAX_PD },
	[RE_OBJ_CQ] = { "CQs", RE_MAX_CQ },
	[RE_OBJ_QP] = { "QPs", RE_MAX_QP },
	[RE_OBJ_SRQ] = { "SRQs", RE_MAX_SRQ },
	[RE_OBJ_MW] = { "MWs", RE_MAX_MW },
};

int re_obj_hold(struct re_dev *dev, enum re_obj obj)
{
	int max = re_obj_limits[obj].max;

	if (atomic_add_unless(&dev->objs[obj], 1, max))
		return 0;
	if (!test_and_set_bit(obj, &dev->objs_warned))
		ibdev_warn(&dev->ibdev,
			   "all %d %s of the device are in use; a program creates more than it frees, or needs another device\n",
			   max, re_obj_limits[obj].name);
	return -ENOMEM;
}

void re_obj_release(struct re_dev *dev, enum re_obj obj)
{
	atomic_dec(&dev->objs[obj]);
}

/* At removal, after the core destroyed every object of the device. */
void re_objs_check_released(struct re_dev *dev)
{
	int i;

	for (i = 0; i < RE_NUM_OBJS; i++)
		WARN(atomic_read(&dev->objs[i]), "%s: %d %s never released\n",
		     dev_name(&dev->ibdev.dev), atomic_read(&dev->objs[i]),
		     re_obj_limits[i].name);
}
