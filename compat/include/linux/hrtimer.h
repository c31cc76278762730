/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_HRTIMER_H
#define _TANDEM_COMPAT_LINUX_HRTIMER_H

#include_next <linux/hrtimer.h>

#ifndef TANDEM_HAVE_HRTIMER_SETUP
/* 908a1d775422 (v6.13): hrtimer_setup() also sets the callback. */
static inline void
hrtimer_setup(struct hrtimer *timer,
	      enum hrtimer_restart (*function)(struct hrtimer *),
	      clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}
#endif

#endif /* _TANDEM_COMPAT_LINUX_HRTIMER_H */
