// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: <net/page_pool/helpers.h> and <net/page_pool/types.h> (page_pool.h split).
 * tracks: v6.6, a9ca9f9ceff3 ("page_pool: split types and declarations from page_pool.h")
 */
#include <net/page_pool/types.h>
#include <net/page_pool/helpers.h>

static __maybe_unused struct page *probe(struct page_pool *pool)
{
	return page_pool_dev_alloc_pages(pool);
}
