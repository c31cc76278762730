// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: CQ resize is resize_user_cq (user CQs only, cqe unsigned), from
 * the CQ-umem series that also brought create_user_cq.
 * tracks: v7.1 (commit not checked; sid's 7.2 has it, Debian 13's 6.12 not)
 */
#include <rdma/ib_verbs.h>

static int probe_resize(struct ib_cq *cq, unsigned int cqe,
			struct ib_udata *udata)
{
	return cqe;
}

static const struct ib_device_ops probe_ops __maybe_unused = {
	.resize_user_cq = probe_resize,
};
