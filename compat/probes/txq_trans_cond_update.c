// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: txq_trans_cond_update(), a driver's own TX stamps trans_start.
 * tracks: v5.16, 5337824f4dc4 ("net: annotate accesses to queue->trans_start")
 */
#include <linux/netdevice.h>

static __maybe_unused void probe(struct netdev_queue *txq)
{
	txq_trans_cond_update(txq);
}
