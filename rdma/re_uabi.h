/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tandem_re: the work queue entries of the rxe user ABI, as rdma-core's
 * rxe provider writes them into the send and receive rings.
 *
 * Defined here, not taken from the target kernel's uapi header, because
 * the layout that matters is the one user space writes, whatever kernel
 * the bundle is built for: Debian 11's 5.10 header predates ah_num and
 * names the address vector's place differently, at the same offset.  The
 * asserts in re_uabi.c pin every offset the ABI fixes.
 */
#ifndef _TANDEM_RE_UABI_H
#define _TANDEM_RE_UABI_H

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/types.h>
#include <rdma/ib_verbs.h>

#include "re_queue.h"

/* struct rxe_av: an address vector, inside a UD WQE for rdma-core < 39 */
struct re_uav {
	__u8 port_num;
	__u8 network_type;		/* RE_UAV_NET_IPV4 or _IPV6 */
	__u8 dmac[6];
	struct {
		union ib_gid dgid;
		__u32 flow_label;
		__u8 sgid_index;
		__u8 hop_limit;
		__u8 traffic_class;
	} grh;
	union {
		struct sockaddr_in in4;
		struct sockaddr_in6 in6;
	} saddr, daddr;
};

#define RE_UAV_NET_IPV4	2
#define RE_UAV_NET_IPV6	3

/* struct rxe_send_wr */
struct re_usend_wr {
	__aligned_u64 wr_id;
	__u32 reserved;
	__u32 opcode;			/* enum ib_uverbs_wr_opcode */
	__u32 send_flags;		/* IB_SEND_* */
	union {
		__be32 imm_data;
		__u32 invalidate_rkey;
	} ex;
	union {
		struct {
			__aligned_u64 remote_addr;
			__u32 rkey;
			__u32 reserved;
		} rdma;
		struct {
			__aligned_u64 remote_addr;
			__aligned_u64 compare_add;
			__aligned_u64 swap;
			__u32 rkey;
			__u32 reserved;
		} atomic;
		struct {
			__u32 remote_qpn;
			__u32 remote_qkey;
			__u16 pkey_index;
			__u16 reserved;
			__u32 ah_num;		/* 0: the address vector is @av */
			__u32 pad[4];
			struct re_uav av;
		} ud;
		/* IB_WR_FLUSH: its length is in dma.length */
		struct {
			__aligned_u64 remote_addr;
			__u32 length;
			__u32 rkey;
			__u8 type;		/* RE_FLUSH_GLOBAL, _PERSISTENT */
			__u8 level;		/* RE_FLUSH_RANGE or _MR */
		} flush;
		/* IB_WR_BIND_MW */
		struct {
			__aligned_u64 addr;
			__aligned_u64 length;
			__u32 mr_lkey;
			__u32 mw_rkey;
			__u32 rkey;		/* the window's new rkey */
			__u32 access;
		} mw;
		/*
		 * IB_WR_REG_MR: written by re_post_send() for kernel QPs
		 * only (a user QP's WQE with that opcode is refused).
		 */
		struct {
			__aligned_u64 mr;	/* struct ib_mr * */
			__u32 key;
			__u32 access;
		} reg;
	} wr;
};

/* struct rxe_sge */
struct re_usge {
	__aligned_u64 addr;
	__u32 length;
	__u32 lkey;
};

/*
 * struct rxe_dma_info: the data of a WQE, SGEs or inline bytes (an
 * ATOMIC WRITE's 8 bytes are there too, as atomic_wr)
 */
struct re_udma {
	__u32 length;
	__u32 resid;
	__u32 cur_sge;
	__u32 num_sge;
	__u32 sge_offset;
	__u32 reserved;
	union {
		DECLARE_FLEX_ARRAY(__u8, inline_data);
		DECLARE_FLEX_ARRAY(struct re_usge, sge);
	};
};

/* struct rxe_send_wqe */
struct re_usend_wqe {
	struct re_usend_wr wr;
	__u32 status;
	__u32 state;
	__aligned_u64 iova;
	__u32 mask;
	__u32 first_psn;
	__u32 last_psn;
	__u32 ack_length;
	__u32 ssn;
	__u32 has_rd_atomic;
	struct re_udma dma;
};

/* struct rxe_recv_wqe */
struct re_urecv_wqe {
	__aligned_u64 wr_id;
	__u32 reserved;
	__u32 padding;
	struct re_udma dma;
};

/* Create responses (struct rxe_create_*_resp) */
struct re_create_qp_resp {
	struct re_mminfo rq_mi;
	struct re_mminfo sq_mi;
};

struct re_create_ah_resp {
	__u32 ah_num;
	__u32 reserved;
};

#endif /* _TANDEM_RE_UABI_H */
