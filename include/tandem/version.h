/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bundle identity.  Both values come from the build (Kbuild passes them on
 * the compiler command line): TANDEM_VERSION from the VERSION file, the one
 * place the version is spelt, and TANDEM_ABI_ID from a hash of
 * include/tandem/ and VERSION.
 */
#ifndef _TANDEM_VERSION_H
#define _TANDEM_VERSION_H

#ifndef TANDEM_VERSION
#error "TANDEM_VERSION is not set: build tandem with its own Makefile (make, or dkms)"
#endif
#ifndef TANDEM_ABI_ID
#error "TANDEM_ABI_ID is not set: build tandem with its own Makefile (make, or dkms)"
#endif

#endif /* _TANDEM_VERSION_H */
