// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: reg_user_mr takes a DMA handle (struct ib_dmah).
 * tracks: v6.17 (commit not checked; sid's 7.2 has it, 6.12 not)
 */
#include <rdma/ib_verbs.h>

static struct ib_mr *probe_reg(struct ib_pd *pd, u64 start, u64 length,
			       u64 iova, int access, struct ib_dmah *dmah,
			       struct ib_udata *udata)
{
	return NULL;
}

static const struct ib_device_ops probe_ops __maybe_unused = {
	.reg_user_mr = probe_reg,
};
