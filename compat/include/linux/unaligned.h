/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_UNALIGNED_H
#define _TANDEM_COMPAT_LINUX_UNALIGNED_H

#ifdef TANDEM_HAVE_LINUX_UNALIGNED_H
#include_next <linux/unaligned.h>
#else
/* 5f60d5f6bbc1 (v6.12): the header moved from asm/ to linux/. */
#include <asm/unaligned.h>
#endif

#endif /* _TANDEM_COMPAT_LINUX_UNALIGNED_H */
