// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: skb_frag_fill_page_desc(), which fills a fragment in one call.
 * tracks: v6.5, b51f4113ebb0 ("net: introduce and use skb_frag_fill_page_desc()")
 */
#include <linux/skbuff.h>

static __maybe_unused void probe(skb_frag_t *frag, struct page *page)
{
	skb_frag_fill_page_desc(frag, page, 0, PAGE_SIZE);
}
