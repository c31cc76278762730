// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: <linux/unaligned.h> (moved from <asm/unaligned.h>).
 * tracks: v6.12, 5f60d5f6bbc1 ("move asm/unaligned.h to linux/unaligned.h")
 */
#include <linux/unaligned.h>

static __maybe_unused u32 probe(const void *p)
{
	return get_unaligned_be32(p);
}
