// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: system_dfl_wq, the unbound system workqueue under its new name.
 * tracks: v6.17, 128ea9f6ccfb ("workqueue: Add system_percpu_wq and system_dfl_wq")
 */
#include <linux/workqueue.h>

static __maybe_unused bool probe(struct delayed_work *work)
{
	return mod_delayed_work(system_dfl_wq, work, 0);
}
