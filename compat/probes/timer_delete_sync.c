// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: timer_delete_sync() (del_timer_sync() renamed).
 * tracks: v6.2, 9b13df3fb64e ("timers: Rename del_timer_sync() to timer_delete_sync()")
 * note: stable 5.10.215+ (Debian 11) has it without timer_delete().
 */
#include <linux/timer.h>

static __maybe_unused int probe(struct timer_list *t)
{
	return timer_delete_sync(t);
}
