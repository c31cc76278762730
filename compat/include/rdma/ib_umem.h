/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_RDMA_IB_UMEM_H
#define _TANDEM_COMPAT_RDMA_IB_UMEM_H

#include_next <rdma/ib_umem.h>

#ifndef TANDEM_HAVE_IB_UMEM_GET_VA
/* v7.x: ib_umem_get() of a user virtual address became ib_umem_get_va(). */
static inline struct ib_umem *ib_umem_get_va(struct ib_device *device,
					     unsigned long addr, size_t size,
					     int access)
{
	return ib_umem_get(device, addr, size, access);
}
#endif

#endif /* _TANDEM_COMPAT_RDMA_IB_UMEM_H */
