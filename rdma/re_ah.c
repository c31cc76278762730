// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: address handles.
 *
 * Each AH has a number in its device's table.  User space names the AH of
 * a UD send by that number (the ah_num of the rxe ABI, rdma-core 39 and
 * later), so the engine sends only to addresses the kernel resolved; the
 * table's lock makes a lookup and a destroy exclude each other.  Kernel
 * users create and destroy AHs in any context, interrupts off included
 * (without RDMA_CREATE_AH_SLEEPABLE): the lock is taken irq-safe.
 */
#include <rdma/ib_verbs.h>

#include "re.h"
#include "re_uabi.h"

static void re_ah_unpublish(struct re_dev *dev, u32 num)
{
	unsigned long flags;

	xa_lock_irqsave(&dev->ahs, flags);
	__xa_erase(&dev->ahs, num);
	xa_unlock_irqrestore(&dev->ahs, flags);
}

int re_create_ah(struct ib_ah *ibah, struct rdma_ah_init_attr *init,
		 struct ib_udata *udata)
{
	struct re_dev *dev = to_re_dev(ibah->device);
	gfp_t gfp = init->flags & RDMA_CREATE_AH_SLEEPABLE ? GFP_KERNEL :
							     GFP_ATOMIC;
	struct re_ah *ah = to_re_ah(ibah);
	unsigned long flags;
	int err;

	err = re_av_from_attr(dev, init->ah_attr, &ah->av);
	if (err)
		return err;
	xa_lock_irqsave(&dev->ahs, flags);
	err = __xa_alloc_cyclic(&dev->ahs, &ah->num, ah, XA_LIMIT(1, RE_MAX_AH),
				&dev->next_ah, gfp);
	xa_unlock_irqrestore(&dev->ahs, flags);
	if (err < 0)
		return err;
	/* rdma-core before 39 asks for no answer: it sends the AV itself. */
	if (udata && udata->outlen >= sizeof(struct re_create_ah_resp)) {
		struct re_create_ah_resp resp = { .ah_num = ah->num };

		err = ib_copy_to_udata(udata, &resp, sizeof(resp));
		if (err) {
			re_ah_unpublish(dev, ah->num);
			return err;
		}
	}
	return 0;
}

int re_destroy_ah(struct ib_ah *ibah, u32 flags)
{
	re_ah_unpublish(to_re_dev(ibah->device), to_re_ah(ibah)->num);
	return 0;
}

/**
 * re_ah_lookup - the address vector of AH number @num
 * @dev: the device
 * @pd: the PD of the QP that sends: the AH must be of the same
 * @num: the AH's number, from a WQE
 * @av: its address vector, copied
 *
 * Return: false when there is no such AH in @pd.
 */
bool re_ah_lookup(struct re_dev *dev, struct ib_pd *pd, u32 num,
		  struct re_av *av)
{
	unsigned long flags;
	struct re_ah *ah;
	bool found;

	xa_lock_irqsave(&dev->ahs, flags);
	ah = xa_load(&dev->ahs, num);
	found = ah && ah->ibah.pd == pd;
	if (found)
		*av = ah->av;
	xa_unlock_irqrestore(&dev->ahs, flags);
	return found;
}
