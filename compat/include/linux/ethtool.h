/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_ETHTOOL_H
#define _TANDEM_COMPAT_LINUX_ETHTOOL_H

#include_next <linux/ethtool.h>

#include <linux/kernel.h>
#include <linux/string.h>

#ifndef TANDEM_HAVE_ETHTOOL_SPRINTF
/* 7888fe53b706 (v5.13): write one ETH_GSTRING_LEN string and advance. */
static inline __printf(2, 3) void ethtool_sprintf(u8 **data, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(*data, ETH_GSTRING_LEN, fmt, args);
	va_end(args);
	*data += ETH_GSTRING_LEN;
}
#endif

#ifndef TANDEM_HAVE_ETHTOOL_PUTS
/* 2a48c635fd9a (v6.8): ethtool_sprintf() for a plain string. */
static inline void ethtool_puts(u8 **data, const char *str)
{
	strscpy(*data, str, ETH_GSTRING_LEN);
	*data += ETH_GSTRING_LEN;
}
#endif

#endif /* _TANDEM_COMPAT_LINUX_ETHTOOL_H */
