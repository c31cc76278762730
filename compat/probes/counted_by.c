// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: the __counted_by() annotation of flexible arrays.
 * tracks: v6.5, dd06e72e68bc ("Compiler Attributes: Add __counted_by macro")
 */
#include <linux/compiler.h>
#include <linux/types.h>

struct probe_table {
	u32 n;
	u32 entry[] __counted_by(n);
};

static __maybe_unused u32 probe(struct probe_table *t)
{
	return t->n;
}
