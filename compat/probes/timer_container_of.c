// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: timer_container_of() (from_timer() renamed).
 * tracks: v6.16, 41cb08555c41 ("treewide, timers: Rename from_timer() to timer_container_of()")
 */
#include <linux/timer.h>

struct probe_obj {
	struct timer_list timer;
};

static __maybe_unused struct probe_obj *probe(struct timer_list *t)
{
	struct probe_obj *obj = timer_container_of(obj, t, timer);

	return obj;
}
