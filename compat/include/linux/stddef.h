/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_STDDEF_H
#define _TANDEM_COMPAT_LINUX_STDDEF_H

#include_next <linux/stddef.h>

#ifndef TANDEM_HAVE_DECLARE_FLEX_ARRAY
/* 3080ea5553cc (v5.16): a flexible array member inside a union. */
#define DECLARE_FLEX_ARRAY(TYPE, NAME)		\
	struct {				\
		struct { } __empty_ ## NAME;	\
		TYPE NAME[];			\
	}
#endif

#endif /* _TANDEM_COMPAT_LINUX_STDDEF_H */
