// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: user AHs have their own op, create_user_ah.
 * tracks: v5.11, 676a80adba01 ("RDMA: Remove AH from uverbs_cmd_mask")
 */
#include <rdma/ib_verbs.h>

static int probe_create_ah(struct ib_ah *ah, struct rdma_ah_init_attr *attr,
			   struct ib_udata *udata)
{
	return 0;
}

static const struct ib_device_ops probe_ops __maybe_unused = {
	.create_user_ah = probe_create_ah,
};
