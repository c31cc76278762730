/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_NET_PAGE_POOL_HELPERS_H
#define _TANDEM_COMPAT_NET_PAGE_POOL_HELPERS_H

#ifdef TANDEM_HAVE_PAGE_POOL_HELPERS_H
#include_next <net/page_pool/helpers.h>
#else
/* a9ca9f9ceff3 (v6.6): page_pool.h was split into types.h and helpers.h. */
#include <net/page_pool.h>
#endif

#ifndef TANDEM_HAVE_SKB_MARK_FOR_RECYCLE
#include <linux/skbuff.h>

/*
 * 57f05bc2ab24 (v5.15): the stack returns page_pool pages to their pool.
 * Before it, the stack frees them with put_page(), so a page must leave
 * its pool (page_pool_release_page(): unmapped, no longer counted in
 * flight) before an skb takes it.  The page does not know its pool on
 * those kernels, so the allocation below records it in page->private,
 * which page_pool leaves alone there; skb_mark_for_recycle() releases
 * every page of the skb that still carries one.  Calling it again after
 * adding a fragment releases just the new page.
 */
static inline struct page *tandem_page_pool_dev_alloc_pages(struct page_pool *pool)
{
	struct page *page = page_pool_dev_alloc_pages(pool);

	if (page)
		set_page_private(page, (unsigned long)pool);
	return page;
}

#define page_pool_dev_alloc_pages tandem_page_pool_dev_alloc_pages

static inline void tandem_page_pool_release_skb_page(struct page *page)
{
	struct page_pool *pool = (struct page_pool *)page_private(page);

	if (!pool)
		return;
	set_page_private(page, 0);
	page_pool_release_page(pool, page);
}

static inline void skb_mark_for_recycle(struct sk_buff *skb)
{
	unsigned int f;

	if (skb->head_frag)
		tandem_page_pool_release_skb_page(virt_to_head_page(skb->head));
	for (f = 0; f < skb_shinfo(skb)->nr_frags; f++)
		tandem_page_pool_release_skb_page(skb_frag_page(&skb_shinfo(skb)->frags[f]));
}
#endif

#endif /* _TANDEM_COMPAT_NET_PAGE_POOL_HELPERS_H */
