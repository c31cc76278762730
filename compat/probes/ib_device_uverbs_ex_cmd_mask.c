// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: the OLD way: struct ib_device has uverbs_ex_cmd_mask, and the
 * driver lists the uverbs write commands it takes in uverbs_cmd_mask.
 * Passing means the kernel predates the series that moved those masks
 * into the core (its last step removed the field).
 * tracks: v5.11, bd2a40cc2463 ("RDMA/core Remove uverbs_ex_cmd_mask")
 */
#include <rdma/ib_verbs.h>

static __maybe_unused void probe(struct ib_device *dev)
{
	dev->uverbs_ex_cmd_mask = 0;
}
