/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_COMPILER_ATTRIBUTES_H
#define _TANDEM_COMPAT_LINUX_COMPILER_ATTRIBUTES_H

#include_next <linux/compiler_attributes.h>

#ifndef TANDEM_HAVE_COUNTED_BY
/* dd06e72e68bc (v6.5): bounds annotation; without it, no annotation. */
#define __counted_by(member)
#endif

#endif /* _TANDEM_COMPAT_LINUX_COMPILER_ATTRIBUTES_H */
