/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_NET_PAGE_POOL_TYPES_H
#define _TANDEM_COMPAT_NET_PAGE_POOL_TYPES_H

#ifdef TANDEM_HAVE_PAGE_POOL_HELPERS_H
#include_next <net/page_pool/types.h>
#else
/* a9ca9f9ceff3 (v6.6): page_pool.h was split into types.h and helpers.h. */
#include <net/page_pool.h>
#endif

#endif /* _TANDEM_COMPAT_NET_PAGE_POOL_TYPES_H */
