/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_WORKQUEUE_H
#define _TANDEM_COMPAT_LINUX_WORKQUEUE_H

#include_next <linux/workqueue.h>

#ifndef TANDEM_HAVE_SYSTEM_DFL_WQ
/* 128ea9f6ccfb (v6.17): system_unbound_wq's new name (7.x warns on system_wq). */
#define system_dfl_wq system_unbound_wq
#endif

#endif /* _TANDEM_COMPAT_LINUX_WORKQUEUE_H */
