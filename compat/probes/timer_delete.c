// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: timer_delete() (del_timer() renamed).
 * tracks: v6.2, bb663f0f3c39 ("timers: Rename del_timer() to timer_delete()")
 */
#include <linux/timer.h>

static __maybe_unused int probe(struct timer_list *t)
{
	return timer_delete(t);
}
