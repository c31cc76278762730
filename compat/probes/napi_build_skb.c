// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: napi_build_skb(), build_skb() from the per-CPU NAPI cache.
 * tracks: v5.12, f450d539c05a ("skbuff: introduce {,__}napi_build_skb() which reuses NAPI cache heads")
 */
#include <linux/skbuff.h>

static __maybe_unused struct sk_buff *probe(void *data, unsigned int size)
{
	return napi_build_skb(data, size);
}
