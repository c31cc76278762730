// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: skb_mark_for_recycle(skb), the stack returning page_pool pages.
 * tracks: v5.15, 57f05bc2ab24 ("page_pool: keep pp info as long as page pool owns the page")
 */
#include <linux/skbuff.h>

static __maybe_unused void probe(struct sk_buff *skb)
{
	skb_mark_for_recycle(skb);
}
