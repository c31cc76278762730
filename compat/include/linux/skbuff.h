/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_SKBUFF_H
#define _TANDEM_COMPAT_LINUX_SKBUFF_H

#include_next <linux/skbuff.h>

#ifndef TANDEM_HAVE_NAPI_BUILD_SKB
/* f450d539c05a (v5.12): build_skb() with the NAPI head cache. */
static inline struct sk_buff *napi_build_skb(void *data, unsigned int frag_size)
{
	return build_skb(data, frag_size);
}
#endif

#ifndef TANDEM_HAVE_SKB_FRAG_FILL_PAGE_DESC
/* b51f4113ebb0 (v6.5): fill a fragment in one call. */
static inline void skb_frag_fill_page_desc(skb_frag_t *frag, struct page *page,
					   int off, int size)
{
	__skb_frag_set_page(frag, page);
	skb_frag_off_set(frag, off);
	skb_frag_size_set(frag, size);
}
#endif

#endif /* _TANDEM_COMPAT_LINUX_SKBUFF_H */
