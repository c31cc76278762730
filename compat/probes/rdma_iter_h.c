// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: the DMA block iterators have their own header, <rdma/iter.h>.
 * tracks: v7.x (commit not checked; sid's 7.2 has it, 6.12 not)
 */
#include <rdma/iter.h>

static void __maybe_unused probe(struct ib_block_iter *biter)
{
	rdma_block_iter_dma_address(biter);
}
