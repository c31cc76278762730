// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: DECLARE_FLEX_ARRAY(), a flexible array inside a union.
 * tracks: v5.16, 3080ea5553cc ("stddef: Introduce DECLARE_FLEX_ARRAY() helper")
 */
#include <linux/stddef.h>
#include <linux/types.h>

struct probe_msg {
	u32 len;
	union {
		DECLARE_FLEX_ARRAY(u8, bytes);
		DECLARE_FLEX_ARRAY(u32, words);
	};
};

static __maybe_unused u32 probe(struct probe_msg *m)
{
	return m->len;
}
