/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_TIMER_H
#define _TANDEM_COMPAT_LINUX_TIMER_H

#include_next <linux/timer.h>

#ifndef TANDEM_HAVE_TIMER_DELETE
/* bb663f0f3c39 (v6.2): del_timer() renamed. */
static inline int timer_delete(struct timer_list *timer)
{
	return del_timer(timer);
}
#endif

#ifndef TANDEM_HAVE_TIMER_DELETE_SYNC
/* 9b13df3fb64e (v6.2): del_timer_sync() renamed; stable kernels took only this one. */
static inline int timer_delete_sync(struct timer_list *timer)
{
	return del_timer_sync(timer);
}
#endif

#ifndef TANDEM_HAVE_TIMER_CONTAINER_OF
/* 41cb08555c41 (v6.16): from_timer() renamed. */
#define timer_container_of(var, callback_timer, timer_fieldname) \
	from_timer(var, callback_timer, timer_fieldname)
#endif

#endif /* _TANDEM_COMPAT_LINUX_TIMER_H */
