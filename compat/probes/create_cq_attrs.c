// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: create_cq takes the uverbs attribute bundle, not the udata.
 * tracks: v6.11 (commit not checked; Debian 12's 6.12 has it, 6.1 not)
 */
#include <rdma/ib_verbs.h>

static int probe_create(struct ib_cq *cq, const struct ib_cq_init_attr *attr,
			struct uverbs_attr_bundle *attrs)
{
	return attr->cqe;
}

static const struct ib_device_ops probe_ops __maybe_unused = {
	.create_cq = probe_create,
};
