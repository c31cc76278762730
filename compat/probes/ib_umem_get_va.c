// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: ib_umem_get() is named ib_umem_get_va().
 * tracks: v7.x (commit not checked; sid's 7.2 has it, 6.12 not)
 */
#include <rdma/ib_umem.h>

static __maybe_unused struct ib_umem *probe(struct ib_device *dev)
{
	return ib_umem_get_va(dev, 0, 4096, 0);
}
