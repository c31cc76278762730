// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: user CQs have their own op, create_user_cq (the CQ-umem series).
 * tracks: v7.1 (commit not checked; sid's 7.2 has it, Debian 13's 6.12 not)
 */
#include <rdma/ib_verbs.h>

static int probe_create(struct ib_cq *cq, const struct ib_cq_init_attr *attr,
			struct uverbs_attr_bundle *attrs)
{
	return attr->cqe;
}

static const struct ib_device_ops probe_ops __maybe_unused = {
	.create_user_cq = probe_create,
};
