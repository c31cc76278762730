// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: address handles.
 *
 * Each AH has a number in its device's table.  User space names the AH of
 * a UD send by that number (the ah_num of the rxe ABI, rdma-core 39 and
 * later), so the engine sends only to addresses the kernel resolved; the
 * table's lock makes a lookup and a destroy exclude each other.
 */
#include <rdma/ib_verbs.h>

#include "re.h"
#include "re_uabi.h"

int re_create_ah(struct ib_ah *ibah, struct rdma_ah_init_attr *init,
		 struct ib_udata *udata)
{
	struct re_dev *dev = to_re_dev(ibah->device);
	gfp_t gfp = init->flags & RDMA_CREATE_AH_SLEEPABLE ? GFP_KERNEL :
							     GFP_ATOMIC;
	struct re_ah *ah = to_re_ah(ibah);
	int err;

	err = re_av_from_attr(dev, init->ah_attr, &ah->av);
	if (err)
		return err;
	err = xa_alloc_cyclic_bh(&dev->ahs, &ah->num, ah,
				 XA_LIMIT(1, RE_MAX_AH), &dev->next_ah, gfp);
	if (err < 0)
		return err;
	/* rdma-core before 39 asks for no answer: it sends the AV itself. */
	if (udata && udata->outlen >= sizeof(struct re_create_ah_resp)) {
		struct re_create_ah_resp resp = { .ah_num = ah->num };

		err = ib_copy_to_udata(udata, &resp, sizeof(resp));
		if (err) {
			xa_erase_bh(&dev->ahs, ah->num);
			return err;
		}
	}
	return 0;
}

int re_destroy_ah(struct ib_ah *ibah, u32 flags)
{
	struct re_ah *ah = to_re_ah(ibah);

	xa_erase_bh(&to_re_dev(ibah->device)->ahs, ah->num);
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
	struct re_ah *ah;
	bool found;

	xa_lock_bh(&dev->ahs);
	ah = xa_load(&dev->ahs, num);
	found = ah && ah->ibah.pd == pd;
	if (found)
		*av = ah->av;
	xa_unlock_bh(&dev->ahs);
	return found;
}
