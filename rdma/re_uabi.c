// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: the user ABI of rdma-core's software RoCE provider (rxe).
 *
 * libibverbs binds its rxe provider to any device that reports driver id
 * RDMA_DRIVER_RXE and uverbs ABI 2 over netlink (re_dev.c sets both), so
 * stock rdma-core 33 to 65 drives tandem_re unmodified.  Opening the
 * device allocates a user context: the provider sends no driver data with
 * GET_CONTEXT and expects none back.  The queues the provider maps
 * (struct rxe_queue_buf rings, include/uapi/rdma/rdma_user_rxe.h) come
 * with the RoCE engine.
 */
#include <rdma/ib_verbs.h>

#include "re.h"
#include "re_uabi.h"

int re_alloc_ucontext(struct ib_ucontext *ibuc, struct ib_udata *udata)
{
	return 0;
}

void re_dealloc_ucontext(struct ib_ucontext *ibuc)
{
}

/*
 * Unregistration (unbind, rmmod, rdma_rxe's unload) must not wait for
 * every process that opened the device to close it: with this callback
 * the core destroys the process's objects, cuts it off from the device
 * (its calls fail with EIO from then on) and lets unregistration go on.
 * A context owns nothing here that outlives its objects.
 */
void re_disassociate_ucontext(struct ib_ucontext *ibuc)
{
}

/* The offsets the rxe user ABI fixes (rdma-core 33 to 65 write these). */
static_assert(sizeof(struct re_uav) == 88);
static_assert(offsetof(struct re_usend_wr, wr.ud.av) == 56);
static_assert(offsetof(struct re_usend_wr, wr.mw.access) == 52);
static_assert(offsetof(struct re_usend_wr, wr.flush.rkey) == 36);
static_assert(offsetof(struct re_usend_wr, wr.flush.level) == 41);
static_assert(sizeof(struct re_usend_wr) == 144);
static_assert(offsetof(struct re_usend_wqe, iova) == 152);
static_assert(offsetof(struct re_usend_wqe, dma) == 184);
static_assert(sizeof(struct re_usend_wqe) == 208);
static_assert(sizeof(struct re_urecv_wqe) == 40);
static_assert(sizeof(struct re_usge) == 16);
