// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: hrtimer_setup(), which also sets the callback (hrtimer_init() is gone).
 * tracks: v6.13, 908a1d775422 ("hrtimers: Introduce hrtimer_setup() to replace hrtimer_init()")
 */
#include <linux/hrtimer.h>

static enum hrtimer_restart probe_fn(struct hrtimer *t)
{
	return HRTIMER_NORESTART;
}

static __maybe_unused void probe(struct hrtimer *t)
{
	hrtimer_setup(t, probe_fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
}
