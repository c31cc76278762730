/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_RDMA_ITER_H
#define _TANDEM_COMPAT_RDMA_ITER_H

#ifdef TANDEM_HAVE_RDMA_ITER_H
#include_next <rdma/iter.h>
#else
/* v7.x moved the DMA block iterators here from ib_umem.h and ib_verbs.h. */
#include <rdma/ib_umem.h>
#include <rdma/ib_verbs.h>
#endif

#endif /* _TANDEM_COMPAT_RDMA_ITER_H */
