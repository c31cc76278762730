/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tandem_re: what the files of the RDMA driver share.
 *
 * Two objects, two lifetimes:
 * - struct re_port: one per tandem_en port, from the auxiliary probe to
 *   the auxiliary remove.  It holds the contract client (RX hook and
 *   events) and the counters, and survives re-registrations.
 * - struct re_dev: the ib_device of that port.  The RDMA core owns its
 *   lifetime (ops.dealloc_driver): it may be unregistered by tandem_re
 *   itself or by anyone calling ib_unregister_driver(RDMA_DRIVER_RXE),
 *   which rdma_rxe does when it unloads.  The port then registers a new
 *   one (re_main.c).
 */
#ifndef _TANDEM_RE_H
#define _TANDEM_RE_H

#include <linux/atomic.h>
#include <linux/in6.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <rdma/ib_verbs.h>
#include <tandem/tandem.h>

#include "re_queue.h"
#include "re_wire.h"

#define RE_MAX_MR_SIZE		BIT_ULL(36)
#define RE_MAX_RD_ATOMIC	128
#define RE_MAX_SGE		32
#define RE_MAX_INLINE		512
#define RE_MAX_MSG_SIZE		BIT(31)
#define RE_MAX_QP		0x10000
#define RE_MAX_QP_WR		0x4000
#define RE_MAX_CQ		0x10000
#define RE_MAX_CQE		(BIT(15) - 1)
#define RE_MAX_MR		0x7fffff	/* MR key index: 1 to this */
#define RE_MW_INDEX_MIN		0x800000	/* MW key index: this on */
#define RE_MAX_MW		0x10000
#define RE_MAX_AH		0xffff
#define RE_MAX_SRQ		0x10000
#define RE_MAX_SRQ_WR		0x4000
#define RE_MAX_FAST_REG_PAGES	512
#define RE_MAX_PD		0x10000
#define RE_MAX_MCG		64	/* multicast groups per port */
#define RE_MAX_MCG_QPS		16	/* QPs attached to one group */
#define RE_MCAST_QPN		0xffffff	/* a UD SEND to a group */

/* The rights an MR or a memory window can grant. */
#define RE_ACCESS_SUPPORTED	(IB_ACCESS_LOCAL_WRITE | IB_ACCESS_REMOTE_WRITE | \
				 IB_ACCESS_REMOTE_READ | IB_ACCESS_REMOTE_ATOMIC)

/* The counters of one port, named in re_stats.c (keep the two in step). */
enum re_counter {
	RE_CNT_SENT_PKTS,
	RE_CNT_RCVD_PKTS,
	RE_CNT_DUP_REQ,
	RE_CNT_OUT_OF_SEQ_REQ,
	RE_CNT_RCV_RNR,
	RE_CNT_SND_RNR,
	RE_CNT_RCV_SEQ_ERR,
	RE_CNT_SENDER_SCHED,
	RE_CNT_RETRY_EXCEEDED,
	RE_CNT_RNR_RETRY_EXCEEDED,
	RE_CNT_COMP_RETRY,
	RE_CNT_SEND_ERR,
	RE_CNT_LINK_DOWNED,
	RE_CNT_RDMA_SEND,
	RE_CNT_RDMA_RECV,
	RE_CNT_RETRANSMITS,
	RE_CNT_NAK_SENT,
	RE_CNT_NAK_RCVD,
	RE_CNT_ICRC_ERR,
	RE_CNT_MALFORMED,
	RE_CNT_UNKNOWN_QP,
	RE_CNT_DROPPED,
	RE_CNT_LOOPBACK,
	RE_CNT_ODP_FAULTS,
	RE_NUM_COUNTERS,
};

struct re_dev;
struct re_odp;

/**
 * struct re_port - tandem_re's state for one tandem_en port
 * @rdev: the auxiliary device of tandem_en (checked for lockstep)
 * @client: what tandem_en calls: the RX hook and the events
 * @lock: guards @ibdev and @closing
 * @ibdev: the registered ib_device, NULL while there is none
 * @closing: the port is going away: register nothing any more
 * @rereg: registers the device again after someone else unregistered it
 * @qps: the QPs of the port's device by number, for the RX path; a QP is
 *	found under RCU and held through its @ref
 * @next_qpn: where the cyclic QP number allocation goes on
 * @lingering: destroyed RC QPs that still re-acknowledge, by number
 *	(re_linger.c)
 * @counters: the hardware counters of the port (rdma statistic)
 * @loopq: frames the port sent to itself, on their way to its RX path
 * @loop_work: takes them there (re_net.c)
 * @mcast_lock: guards @mcgs and @nmcgs (taken in NAPI context)
 * @mcgs: the multicast groups QPs of the port are attached to (re_mcast.c)
 * @nmcgs: how many
 */
struct re_port {
	struct tandem_roce_dev *rdev;
	struct tandem_roce_client client;
	struct mutex lock; /* guards ibdev and closing */
	struct re_dev *ibdev;
	bool closing;
	struct delayed_work rereg;
	atomic64_t counters[RE_NUM_COUNTERS];
	struct xarray qps;
	u32 next_qpn;
	struct xarray lingering;
	struct sk_buff_head loopq;
	struct work_struct loop_work;
	spinlock_t mcast_lock;	/* guards mcgs and nmcgs */
	struct list_head mcgs;
	unsigned int nmcgs;
};

/* The objects whose number re_objs.c limits. */
enum re_obj {
	RE_OBJ_PD,
	RE_OBJ_CQ,
	RE_OBJ_QP,
	RE_OBJ_SRQ,
	RE_OBJ_MW,
	RE_NUM_OBJS
};

/**
 * struct re_dev - the ib_device of one port (allocated by ib_alloc_device)
 * @ibdev: the core's device; first, as ib_alloc_device() requires
 * @port: the port it belongs to (outlives it)
 * @ours: tandem_re itself is unregistering it (set under @port->lock)
 * @objs: PDs, CQs, QPs, SRQs and MWs it holds (enum re_obj)
 * @objs_warned: the objects whose limit was reported (a bit each)
 * @mrs: MRs by key index
 * @mws: MWs by key index; its lock (BH) guards every MW's binding and
 *	every MR's @mw_binds and @mw_closed
 * @ahs: AHs by number
 * @next_ah: where the search for a free AH number starts
 */
struct re_dev {
	struct ib_device ibdev;
	struct re_port *port;
	bool ours;
	atomic_t objs[RE_NUM_OBJS];
	unsigned long objs_warned;
	struct xarray mrs;
	struct xarray mws;
	struct xarray ahs;
	u32 next_ah;
};

/**
 * struct re_av - where a QP or AH sends: the headers' addresses
 * @ipv6: IPv6 (else IPv4)
 * @saddr: source IP address
 * @daddr: destination IP address
 * @dmac: destination MAC address
 * @vlan_id: VLAN of the source GID's netdev, or RE_NO_VLAN
 * @hop_limit: IPv4 TTL or IPv6 hop limit
 * @tclass: IPv4 TOS or IPv6 traffic class
 * @flow_label: IPv6 flow label
 */
struct re_av {
	bool ipv6;
	union {
		__be32 in4;
		struct in6_addr in6;
	} saddr, daddr;
	u8 dmac[ETH_ALEN];
	u16 vlan_id;
	u8 hop_limit;
	u8 tclass;
	u32 flow_label;
};

#define RE_NO_VLAN	0xffff

/**
 * struct re_cq - a completion queue
 * @ibcq: the core's CQ; first
 * @lock: guards the ring's producer side and @notify
 * @queue: the ring of completions
 * @user: its slots are struct ib_uverbs_wc in user space's mapping
 * @notify: IB_CQ_NEXT_COMP or IB_CQ_SOLICITED while armed, else 0
 */
struct re_cq {
	struct ib_cq ibcq;
	spinlock_t lock; /* guards queue producer and notify */
	struct re_queue queue;
	bool user;
	u8 notify;
};

enum re_mr_kind {
	RE_MR_DMA,
	RE_MR_USER,
	RE_MR_FAST,
};

/**
 * struct re_mr - a memory region
 * @ibmr: the core's MR; first
 * @kind: all of kernel memory (DMA MR), pinned user pages, or kernel pages
 *	a ULP maps and registers through its send queue (fast-register MR)
 * @key: the lkey and, with a remote right, the rkey in force: a ULP
 *	changes ibmr's keys itself before it posts IB_WR_REG_MR
 * @valid: lookups find it (a fast-register MR between REG_MR and an
 *	invalidation; every other kind from creation on)
 * @access: IB_ACCESS_* rights
 * @iova: the address its users give for its first byte
 * @length: its length in bytes
 * @umem: the pinned user memory
 * @odp: an on-demand-paging user MR's state (re_odp.c), else NULL
 * @pages: the kernel address of each page (an ODP MR: of each page in,
 *	NULL for the others, guarded by @odp's lock)
 * @npages: entries in @pages
 * @max_pages: room in @pages (fast-register MR)
 * @page_shift: log2 of the size of those pages
 * @page_offset: where @iova lies in the first page
 * @ref: held by every copy in progress, and 1 while registered
 * @released: completed when @ref drops to 0
 * @rcu: frees it after lookups that may still see it
 * @mw_binds: memory windows bound to it (deregistration fails while any is)
 * @mw_closed: deregistration began: no window binds to it any more
 */
struct re_mr {
	struct ib_mr ibmr;
	enum re_mr_kind kind;
	u32 key;
	bool valid;
	int access;
	u64 iova;
	u64 length;
	struct ib_umem *umem;
	struct re_odp *odp;
	void **pages;
	unsigned int npages;
	unsigned int max_pages;
	unsigned int page_shift;
	unsigned int page_offset;
	refcount_t ref;
	struct completion released;
	struct rcu_head rcu;
	unsigned int mw_binds;
	bool mw_closed;
};

/* re_odp_fault() flags */
#define RE_ODP_WRITE	BIT(0)	/* make the pages writable */
#define RE_ODP_NO_FAULT	BIT(1)	/* take only the pages present already */

/**
 * struct re_odp_fault - a QP's request to fault in a range of an ODP MR
 *	(re_odp_fault_request()); guarded by the QP's lock
 * @work: does it, in process context
 * @mr: the MR, held while @pending
 * @key: its key
 * @iova: the range's first byte
 * @len: its length
 * @write: for writing
 * @pending: queued and not done
 * @failed: the errno of the last fault, which was of this range: the next
 *	request of it fails
 * @rewind: once done, send again from @psn (a response was dropped)
 * @psn: see @rewind
 */
struct re_odp_fault {
	struct work_struct work;
	struct re_mr *mr;
	u32 key;
	u64 iova;
	u32 len;
	bool write;
	bool pending;
	int failed;
	bool rewind;
	u32 psn;
};

/**
 * struct re_mw - a memory window: remote access to part of an MR, granted
 *	and revoked through the send queue (re_mw.c); guarded by the lock of
 *	the device's @mws
 * @ibmw: the core's MW; first
 * @key: its rkey in force (the index part never changes)
 * @mr: the MR it is bound to, or NULL: no rkey lookup finds it
 * @qp: type 2: the QP that bound it, the only one its rkey works on
 *	(compared, never followed: destroy_qp unbinds what it bound)
 * @access: the remote rights it grants (IB_ACCESS_*)
 * @addr: its first byte, an address of @mr
 * @length: its length in bytes
 */
struct re_mw {
	struct ib_mw ibmw;
	u32 key;
	struct re_mr *mr;
	const struct re_qp *qp;
	int access;
	u64 addr;
	u64 length;
};

/**
 * struct re_mw_bind - what a BIND_MW WQE asks for
 * @mw_rkey: the window's rkey (its index names it)
 * @new_rkey: its rkey from now on
 * @mr_lkey: the MR to bind it to
 * @addr: the window's first byte
 * @length: its length (0: unbind a type 1 window)
 * @access: the rights it grants
 */
struct re_mw_bind {
	u32 mw_rkey;
	u32 new_rkey;
	u32 mr_lkey;
	u64 addr;
	u64 length;
	int access;
};

/**
 * struct re_swqe - a send WQE as the engine keeps it: copied and checked
 * @wr_id: the user's id, for the completion
 * @opcode: IB_WR_*
 * @send_flags: IB_SEND_*
 * @imm: immediate data (big endian, as on the wire)
 * @inv_rkey: the rkey SEND_WITH_INV or LOCAL_INV invalidates
 * @remote_addr: RDMA/atomic target address
 * @rkey: RDMA/atomic target key
 * @compare_add: atomic compare or add operand
 * @swap: atomic swap operand
 * @remote_qpn: UD destination QP
 * @remote_qkey: UD Q_Key
 * @av: UD destination
 * @reg_mr: the MR IB_WR_REG_MR registers (kernel QPs only)
 * @reg_key: the key it registers it with
 * @reg_access: and the rights
 * @bind: IB_WR_BIND_MW (user QPs only)
 * @flush_type: IB_WR_FLUSH: FETH placement type
 * @flush_level: and selectivity level
 * @length: bytes to send (or to read, or to flush)
 * @num_sge: entries in @sge, unless @inline_data
 * @inline_data: @inline_buf holds @length bytes
 * @first_psn: PSN of its first packet
 * @last_psn: PSN of its last packet (READ: of its last response)
 * @sent: all its packets went out
 * @done_len: READ: response bytes received so far
 * @status: IB_WC_SUCCESS, or the error it completes with when the QP
 *	flushes (user space wrote it wrong, or its data could not be read)
 * @sge: the SGEs (lkeys are checked when the data moves)
 * @inline_buf: the inline bytes
 */
struct re_swqe {
	u64 wr_id;
	u32 opcode;
	u32 send_flags;
	__be32 imm;
	u32 inv_rkey;
	u64 remote_addr;
	u32 rkey;
	u64 compare_add;
	u64 swap;
	u32 remote_qpn;
	u32 remote_qkey;
	struct re_av av;
	struct re_mr *reg_mr;
	u32 reg_key;
	int reg_access;
	struct re_mw_bind bind;
	u8 flush_type;
	u8 flush_level;
	u32 length;
	u32 num_sge;
	bool inline_data;
	u32 first_psn;
	u32 last_psn;
	bool sent;
	u32 done_len;
	u8 status;
	union {
		DECLARE_FLEX_ARRAY(struct ib_sge, sge);
		DECLARE_FLEX_ARRAY(u8, inline_buf);
	};
};

static inline bool re_is_atomic(u32 wr_opcode)
{
	return wr_opcode == IB_WR_ATOMIC_CMP_AND_SWP ||
	       wr_opcode == IB_WR_ATOMIC_FETCH_AND_ADD;
}

/*
 * Send WQEs the responder answers with READ responses: a READ, and a
 * FLUSH or an ATOMIC WRITE (one empty response each).
 */
static inline bool re_is_read_answered(u32 wr_opcode)
{
	return wr_opcode == IB_WR_RDMA_READ || wr_opcode == IB_WR_FLUSH ||
	       wr_opcode == IB_WR_ATOMIC_WRITE;
}

/* Completed by a response of its own, not by an ACK. */
static inline bool re_wr_has_response(u32 wr_opcode)
{
	return re_is_read_answered(wr_opcode) || re_is_atomic(wr_opcode);
}

/**
 * struct re_rwqe - a receive WQE as the engine keeps it: copied, checked
 * @wr_id: the user's id
 * @num_sge: entries in @sge
 * @length: their total length
 * @sge: the SGEs
 */
struct re_rwqe {
	u64 wr_id;
	u32 num_sge;
	u32 length;
	struct ib_sge sge[RE_MAX_SGE];
};

/**
 * struct re_req_state - the requester and completer of a QP
 * @psn: the next PSN to send (a go-back moves it back)
 * @sent_psn: the PSN after the last one ever sent: what a response may name
 * @una: the oldest PSN not yet acknowledged
 * @offset: bytes of the WQE at sq_next already sent
 * @retries: transport retries left
 * @rnr_retries: RNR retries left (7: unlimited)
 * @rexmit_timer: fires when nothing was acknowledged for the QP's timeout
 * @rnr_timer: ends the wait an RNR NAK asked for
 * @timed_out: @rexmit_timer fired; the task retransmits
 * @wait_rnr: sending waits for @rnr_timer
 * @gap_psn: the READ response PSN a gap last sent the requester back to
 * @gap_valid: @gap_psn holds one (until progress): one rewind per gap
 * @window: PSNs that may be in flight (re_window.c)
 * @window_credit: PSNs acknowledged towards @window's next increase, times
 *	RE_WINDOW_GROWTH
 */
struct re_req_state {
	u32 psn;
	u32 sent_psn;
	u32 una;
	u32 offset;
	u8 retries;
	u8 rnr_retries;
	struct timer_list rexmit_timer;
	struct timer_list rnr_timer;
	bool timed_out;
	bool wait_rnr;
	u32 gap_psn;
	bool gap_valid;
	u32 window;
	u32 window_credit;
};

/**
 * struct re_atomic_result - an atomic the responder executed
 * @psn: its PSN
 * @valid: this entry holds one
 * @orig: the value it returned
 */
struct re_atomic_result {
	u32 psn;
	bool valid;
	u64 orig;
};

/**
 * struct re_resp_state - the responder of a QP
 * @psn: the next PSN expected
 * @msn: messages completed
 * @nak_sent: a sequence NAK went out for @psn; do not repeat it
 * @ack_pending: a request asked for an ACK; one goes out after the batch
 * @opcode: the previous request's opcode (-1: none), for the RC rules
 * @uc_drop: UC: a packet of the message in progress was lost; drop the
 *	rest of it
 * @rwqe_valid: @rwqe holds the receive WQE of the SEND in progress
 * @rwqe: that WQE
 * @offset: bytes of the message placed so far
 * @mr: the target MR of the RDMA WRITE in progress (held)
 * @va: where its next byte goes
 * @left: bytes it may still write
 * @write_len: its total length (the DMA length of its RETH)
 * @atomics: the results of the last RE_MAX_RD_ATOMIC atomics executed
 *	(as many as a requester may have in flight), to answer a duplicate
 *	whose response was lost: an atomic must not run twice
 * @atomic_next: the entry of @atomics the next atomic fills
 * @rd_mr: the MR a READ in progress reads from (held; NULL for length 0)
 * @rd_active: READ responses are still to be sent
 * @rd_psn: PSN of the next response
 * @rd_va: where its data starts
 * @rd_len: bytes of the READ from @rd_va on
 * @rd_first: the next response is the first of its READ
 */
struct re_resp_state {
	u32 psn;
	u32 msn;
	bool nak_sent;
	bool ack_pending;
	int opcode;
	bool uc_drop;
	bool rwqe_valid;
	struct re_rwqe rwqe;
	u32 offset;
	struct re_mr *mr;
	u64 va;
	u32 left;
	u32 write_len;
	struct re_atomic_result atomics[RE_MAX_RD_ATOMIC];
	u32 atomic_next;
	struct re_mr *rd_mr;
	bool rd_active;
	u32 rd_psn;
	u64 rd_va;
	u32 rd_len;
	bool rd_first;
};

/**
 * struct re_qp - a queue pair
 * @ibqp: the core's QP; first
 * @modify_lock: serialises modify_qp
 * @lock: guards the state, the attributes and the engine state: the
 *	engine's work holds it while it runs
 * @sq_lock: guards the send ring's producer side for kernel posts
 * @rq_lock: guards the receive ring's producer side for kernel posts
 * @sq: the send ring
 * @rq: the receive ring (none with an SRQ)
 * @sq_max_sge: SGEs per send WQE
 * @sq_max_inline: inline bytes per send WQE
 * @rq_max_sge: SGEs per receive WQE
 * @user: the rings are shared with user space
 * @sig_all: every send WQE completes with a CQE
 * @state: the IBTA state
 * @av: the destination (RC)
 * @path_mtu: enum ib_mtu
 * @qkey: Q_Key (UD)
 * @access: remote access rights for incoming requests
 * @dest_qpn: the remote QP (RC)
 * @rq_psn: the next PSN expected
 * @sq_psn: the next PSN to send
 * @timeout: local ACK timeout, 4.096 us * 2^timeout
 * @retry_cnt: transport retries
 * @rnr_retry: RNR retries (7: for ever)
 * @min_rnr_timer: the RNR NAK timer this QP asks for
 * @max_rd_atomic: READs/atomics in flight as requester
 * @max_dest_rd_atomic: READs/atomics in flight as responder
 * @ref: 1 while the QP exists, plus one per RX lookup in progress
 * @released: completed when @ref drops to 0
 * @dying: destroy_qp began: the engine does nothing more
 * @tx_busy: a frame met a full TX queue in this run of the work
 * @task: the engine's work item (re_task.c)
 * @rxq: frames for the QP, from the RX hook
 * @swqe: the engine's copies of the send WQEs, by ring index
 * @swqe_stride: bytes per entry of @swqe
 * @sq_head: ring index up to which WQEs were copied into @swqe
 * @sq_next: the WQE that sends next (the oldest one not completed is at
 *	the ring's consumer index, @sq.index)
 * @req: requester state
 * @resp: responder state
 */
struct re_qp {
	struct ib_qp ibqp;
	struct mutex modify_lock; /* serialises modify_qp */
	spinlock_t lock; /* guards state, attributes and the engine */
	spinlock_t sq_lock; /* kernel posts to the send ring */
	spinlock_t rq_lock; /* kernel posts to the receive ring */
	struct re_queue sq;
	struct re_queue rq;
	u32 sq_max_sge;
	u32 sq_max_inline;
	u32 rq_max_sge;
	bool user;
	bool sig_all;
	enum ib_qp_state state;
	struct re_av av;
	enum ib_mtu path_mtu;
	u32 qkey;
	int access;
	u32 dest_qpn;
	u32 rq_psn;
	u32 sq_psn;
	u8 timeout;
	u8 retry_cnt;
	u8 rnr_retry;
	u8 min_rnr_timer;
	u8 max_rd_atomic;
	u8 max_dest_rd_atomic;

	refcount_t ref;
	struct completion released;
	bool dying;
	bool tx_busy;
	struct delayed_work task;
	struct sk_buff_head rxq;
	void *swqe;
	size_t swqe_stride;
	u32 sq_head;
	u32 sq_next;
	struct re_req_state req;
	struct re_resp_state resp;
	struct re_odp_fault odp_fault;
};

/**
 * struct re_srq - a shared receive queue
 * @ibsrq: the core's SRQ; first
 * @lock: serialises the QPs that take WQEs, and guards @limit
 * @post_lock: guards the ring's producer side for kernel posts
 * @rq: the ring
 * @max_sge: SGEs per WQE
 * @user: the ring is shared with user space
 * @limit: the armed limit (0: not armed)
 */
struct re_srq {
	struct ib_srq ibsrq;
	spinlock_t lock; /* takers, limit */
	spinlock_t post_lock; /* kernel posts */
	struct re_queue rq;
	u32 max_sge;
	bool user;
	u32 limit;
};

/**
 * struct re_ah - an address handle
 * @ibah: the core's AH; first
 * @av: where it sends
 * @num: its number in the device's table (user space names it by this)
 */
struct re_ah {
	struct ib_ah ibah;
	struct re_av av;
	u32 num;
};

/* skb->cb of a received frame, from the RX hook to the QP's work */
struct re_rx_cb {
	u16 bth_off;	/* from skb->data (the IP header) */
	u16 bth_len;	/* from the BTH to the end of the ICRC */
	bool ipv6;
};

static inline struct re_rx_cb *re_rx_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct re_rx_cb) > sizeof(skb->cb));
	return (struct re_rx_cb *)skb->cb;
}

struct re_pd {
	struct ib_pd ibpd;
};

struct re_ucontext {
	struct ib_ucontext ibuc;
};

static inline struct re_dev *to_re_dev(struct ib_device *ibdev)
{
	return container_of(ibdev, struct re_dev, ibdev);
}

static inline struct re_cq *to_re_cq(struct ib_cq *ibcq)
{
	return container_of(ibcq, struct re_cq, ibcq);
}

static inline struct re_mr *to_re_mr(struct ib_mr *ibmr)
{
	return container_of(ibmr, struct re_mr, ibmr);
}

/* [iova, iova + len) lies inside [start, start + length), without overflow. */
static inline bool re_range_within(u64 start, u64 length, u64 iova, u64 len)
{
	return iova >= start && len <= length && iova - start <= length - len;
}

static inline struct re_mw *to_re_mw(struct ib_mw *ibmw)
{
	return container_of(ibmw, struct re_mw, ibmw);
}

static inline struct re_srq *to_re_srq(struct ib_srq *ibsrq)
{
	return container_of(ibsrq, struct re_srq, ibsrq);
}

static inline struct re_ah *to_re_ah(struct ib_ah *ibah)
{
	return container_of(ibah, struct re_ah, ibah);
}

static inline struct re_qp *to_re_qp(struct ib_qp *ibqp)
{
	return container_of(ibqp, struct re_qp, ibqp);
}

/* RC and UC QPs have one peer, set by modify_qp; UD and GSI QPs address each message. */
static inline bool re_qp_connected(const struct re_qp *qp)
{
	return qp->ibqp.qp_type == IB_QPT_RC || qp->ibqp.qp_type == IB_QPT_UC;
}

static inline struct net_device *re_netdev(struct re_dev *dev)
{
	return dev->port->rdev->netdev;
}

static inline void re_count(struct re_port *port, enum re_counter c)
{
	atomic64_inc(&port->counters[c]);
}

/* re_dev.c: the ib_device's life */
int re_dev_register(struct re_port *port);
void re_dev_unregister(struct re_port *port);

/* re_objs.c: object counts against the device's limits */
int re_obj_hold(struct re_dev *dev, enum re_obj obj);
void re_obj_release(struct re_dev *dev, enum re_obj obj);
void re_objs_check_released(struct re_dev *dev);

/* re_verbs.c: device and port queries, PDs */
int re_query_device(struct ib_device *ibdev, struct ib_device_attr *attr,
		    struct ib_udata *udata);
int re_query_port(struct ib_device *ibdev, tandem_port_t port,
		  struct ib_port_attr *attr);
int re_get_port_immutable(struct ib_device *ibdev, tandem_port_t port,
			  struct ib_port_immutable *immutable);
int re_query_pkey(struct ib_device *ibdev, tandem_port_t port, u16 index,
		  u16 *pkey);
enum rdma_link_layer re_get_link_layer(struct ib_device *ibdev,
				       tandem_port_t port);
struct net_device *re_get_netdev(struct ib_device *ibdev, tandem_port_t port);
void re_get_dev_fw_str(struct ib_device *ibdev, char *str);
int re_alloc_pd(struct ib_pd *ibpd, struct ib_udata *udata);
int re_dealloc_pd(struct ib_pd *ibpd, struct ib_udata *udata);
void re_set_node_guid(struct re_dev *dev);

/* re_uabi.c: the user ABI of rdma-core's rxe provider */
#define RE_UVERBS_ABI_VERSION	2
int re_alloc_ucontext(struct ib_ucontext *ibuc, struct ib_udata *udata);
void re_dealloc_ucontext(struct ib_ucontext *ibuc);
void re_disassociate_ucontext(struct ib_ucontext *ibuc);

/* re_cq.c: completion queues */
int re_resize_cq(struct ib_cq *ibcq, unsigned int cqe, struct ib_udata *udata);
int re_create_cq(struct ib_cq *ibcq, const struct ib_cq_init_attr *attr,
		 struct uverbs_attr_bundle *attrs);
int re_create_user_cq(struct ib_cq *ibcq, const struct ib_cq_init_attr *attr,
		      struct uverbs_attr_bundle *attrs);
int re_destroy_cq(struct ib_cq *ibcq, struct ib_udata *udata);
int re_poll_cq(struct ib_cq *ibcq, int num_entries, struct ib_wc *wc);
int re_req_notify_cq(struct ib_cq *ibcq, enum ib_cq_notify_flags flags);
int re_cq_post(struct re_cq *cq, const struct ib_wc *wc, bool solicited);

/* re_mr.c: memory regions */
struct ib_mr *re_get_dma_mr(struct ib_pd *ibpd, int access);
struct ib_mr *re_reg_user_mr(struct ib_pd *ibpd, u64 start, u64 length,
			     u64 iova, int access, struct ib_dmah *dmah,
			     struct ib_udata *udata);
int re_dereg_mr(struct ib_mr *ibmr, struct ib_udata *udata);
struct re_mr *re_mr_get(struct re_dev *dev, struct ib_pd *pd, u32 key,
			bool remote, int access, u64 iova, u64 len);
void re_mr_put(struct re_mr *mr);
bool re_mr_covers(const struct re_mr *mr, u64 iova, u64 len);
int __must_check re_mr_copy(struct re_mr *mr, u64 iova, void *buf, size_t len,
			    bool to_mr);
void re_mr_copy_pages(struct re_mr *mr, u64 iova, void *buf, size_t len,
		      bool to_mr);
struct ib_mr *re_alloc_mr(struct ib_pd *ibpd, enum ib_mr_type type,
			  u32 max_num_sg);
int re_map_mr_sg(struct ib_mr *ibmr, struct scatterlist *sg, int sg_nents,
		 unsigned int *sg_offset);
int re_mr_fast_reg(struct re_qp *qp, struct re_mr *mr, u32 key, int access);
int re_mr_invalidate(struct re_qp *qp, u32 key);

/* re_mw.c: memory windows */
int re_alloc_mw(struct ib_mw *ibmw, struct ib_udata *udata);
int re_dealloc_mw(struct ib_mw *ibmw);
int re_mw_bind(struct re_qp *qp, const struct re_mw_bind *bind);
void re_mw_unbind_qp(struct re_qp *qp);
int re_key_invalidate(struct re_qp *qp, u32 key, bool remote);
struct re_mr *re_rkey_get(struct re_qp *qp, u32 rkey, int access, u64 va,
			  u64 len);
bool re_mr_close_to_mws(struct re_mr *mr);

/* re_qp.c: queue pairs */
int re_create_qp(struct ib_qp *ibqp, struct ib_qp_init_attr *init,
		 struct ib_udata *udata);
int re_destroy_qp(struct ib_qp *ibqp, struct ib_udata *udata);
int re_modify_qp(struct ib_qp *ibqp, struct ib_qp_attr *attr, int mask,
		 struct ib_udata *udata);
int re_query_qp(struct ib_qp *ibqp, struct ib_qp_attr *attr, int mask,
		struct ib_qp_init_attr *init);

/* re_av.c: address vectors */
int re_av_from_attr(struct re_dev *dev, const struct rdma_ah_attr *attr,
		    struct re_av *av);
int re_av_from_user(struct re_dev *dev, const void *uav, struct re_av *av);

/* re_ah.c: address handles */
int re_create_ah(struct ib_ah *ibah, struct rdma_ah_init_attr *init,
		 struct ib_udata *udata);
int re_destroy_ah(struct ib_ah *ibah, u32 flags);
int re_query_ah(struct ib_ah *ibah, struct rdma_ah_attr *attr);
bool re_ah_lookup(struct re_dev *dev, struct ib_pd *pd, u32 num,
		  struct re_av *av);

/* re_srq.c: shared receive queues */
int re_create_srq(struct ib_srq *ibsrq, struct ib_srq_init_attr *init,
		  struct ib_udata *udata);
int re_modify_srq(struct ib_srq *ibsrq, struct ib_srq_attr *attr,
		  enum ib_srq_attr_mask mask, struct ib_udata *udata);
int re_query_srq(struct ib_srq *ibsrq, struct ib_srq_attr *attr);
int re_destroy_srq(struct ib_srq *ibsrq, struct ib_udata *udata);
int re_post_srq_recv(struct ib_srq *ibsrq, const struct ib_recv_wr *wr,
		     const struct ib_recv_wr **bad_wr);
int re_srq_take(struct re_srq *srq, struct re_rwqe *r);

/* re_recv.c: receive WQEs in a receive ring */
int re_queue_post_recv(struct re_queue *q, u32 max_sge,
		       const struct ib_recv_wr *wr);
int re_queue_copy_recv(struct re_queue *q, u32 max_sge, struct re_rwqe *r);

/* re_post.c: kernel ULPs' posts, user space's doorbell */
int re_post_send(struct ib_qp *ibqp, const struct ib_send_wr *wr,
		 const struct ib_send_wr **bad_wr);
int re_post_recv(struct ib_qp *ibqp, const struct ib_recv_wr *wr,
		 const struct ib_recv_wr **bad_wr);

/* re_task.c: where a QP's protocol work runs */
int re_task_init(void);
void re_task_exit(void);
void re_task_init_qp(struct re_qp *qp);
void re_task_stop_qp(struct re_qp *qp);
void re_qp_run(struct re_qp *qp);
bool re_task_queue_rx(struct re_port *port, struct sk_buff *skb, u32 qpn);
void re_task_queue_work(struct work_struct *work);

/* re_mcast.c: multicast groups of UD QPs */
int re_attach_mcast(struct ib_qp *ibqp, union ib_gid *mgid, u16 mlid);
int re_detach_mcast(struct ib_qp *ibqp, union ib_gid *mgid, u16 mlid);
void re_mcast_gid(const u8 *l3, bool ipv6, union ib_gid *gid);
bool re_mcast_has_members(struct re_port *port, const union ib_gid *mgid);
void re_mcast_rx(struct re_port *port, struct sk_buff *skb,
		 const struct re_frame *frame);
void re_mcast_init(struct re_port *port);
void re_mcast_cleanup(struct re_port *port);

/* re_linger.c: a destroyed RC QP re-acknowledges duplicates a while */
void re_linger_add(struct re_port *port, const struct re_qp *qp);
bool re_linger_answer(struct re_port *port, const struct re_frame *frame);
void re_linger_forget(struct re_port *port, u32 qpn);
void re_linger_cleanup(struct re_port *port);
void re_qp_put(struct re_qp *qp);

/* re_rx.c: frames in */
void re_rx_frame(struct re_port *port, struct sk_buff *skb);
void re_rx_packet(struct re_qp *qp, struct sk_buff *skb);

/* re_pkt.c: frames out */
struct sk_buff *re_frame_new(struct re_port *port, u32 src_qpn,
			     const struct re_av *av, struct re_pkt *pkt,
			     u32 payload_len, u8 **payload);
int re_frame_send(struct re_port *port, struct sk_buff *skb);
struct sk_buff *re_pkt_new(struct re_qp *qp, const struct re_av *av,
			   struct re_pkt *pkt, u32 payload_len, u8 **payload);
int re_pkt_send(struct re_qp *qp, struct sk_buff *skb);

/* re_data.c: moving a message's bytes between SGEs and packets */
int re_sge_copy(struct re_qp *qp, const struct ib_sge *sge, u32 num_sge,
		u32 offset, void *buf, u32 len, bool to_mr);
int re_qp_mr_copy(struct re_qp *qp, struct re_mr *mr, u64 iova, void *buf,
		  u32 len, bool to_mr);

/*
 * re_odp.c: on-demand paging MRs.  hmm_range_fault() comes with
 * CONFIG_HMM_MIRROR (which the core's own ODP selects): without it, no
 * MR is ODP and the device offers none.
 */
#if IS_ENABLED(CONFIG_HMM_MIRROR)
int re_odp_reg(struct re_mr *mr, u64 start);
void re_odp_release(struct re_mr *mr);
int re_odp_copy(struct re_mr *mr, u64 iova, void *buf, size_t len,
		bool to_mr);
int re_odp_fault(struct re_mr *mr, u64 iova, u64 len, unsigned int flags);
void re_odp_init_qp(struct re_qp *qp);
void re_odp_stop_qp(struct re_qp *qp);
int re_odp_fault_request(struct re_qp *qp, struct re_mr *mr, u64 iova,
			 u32 len, bool write);
void re_odp_rewind_after(struct re_qp *qp, u32 psn);
int re_advise_mr(struct ib_pd *pd, enum ib_uverbs_advise_mr_advice advice,
		 u32 flags, struct ib_sge *sg_list, u32 num_sge,
		 struct uverbs_attr_bundle *attrs);
#else
static inline int re_odp_reg(struct re_mr *mr, u64 start)
{
	return -EOPNOTSUPP;
}

static inline void re_odp_release(struct re_mr *mr) {}

static inline int re_odp_copy(struct re_mr *mr, u64 iova, void *buf,
			      size_t len, bool to_mr)
{
	return -EFAULT;
}

static inline void re_odp_init_qp(struct re_qp *qp) {}
static inline void re_odp_stop_qp(struct re_qp *qp) {}

static inline int re_odp_fault_request(struct re_qp *qp, struct re_mr *mr,
				       u64 iova, u32 len, bool write)
{
	return -EFAULT;
}

static inline void re_odp_rewind_after(struct re_qp *qp, u32 psn) {}
#define re_advise_mr NULL
#endif

/* re_req.c: the requester (send queue) */
bool re_req_run(struct re_qp *qp);
void re_req_fetch(struct re_qp *qp);
void re_req_init_qp(struct re_qp *qp);
void re_req_stop_qp(struct re_qp *qp);
void re_req_rewind(struct re_qp *qp, u32 psn);
void re_req_skip(struct re_qp *qp, u32 psn);
void re_req_complete(struct re_qp *qp, struct re_swqe *w,
		     enum ib_wc_status status);
struct re_swqe *re_swqe_at(struct re_qp *qp, u32 index);
u32 re_swqe_response_psn(const struct re_swqe *w, u32 mtu);
void re_req_arm_rexmit(struct re_qp *qp);

/* re_window.c: how many PSNs an RC requester keeps in flight */
void re_window_reset(struct re_qp *qp);
void re_window_shrink(struct re_qp *qp);
void re_window_grow(struct re_qp *qp, u32 npsn);
u32 re_window_for(const struct re_qp *qp, const struct re_swqe *w);
bool re_window_wants_ack(const struct re_qp *qp, u32 psn, bool last);

/* re_comp.c: the completer (ACKs, NAKs, read responses) */
void re_comp_packet(struct re_qp *qp, const struct re_pkt *pkt,
		    const u8 *payload);

/* re_resp.c: the responder (requests in, ACKs and read responses out) */
void re_resp_packet(struct re_qp *qp, struct sk_buff *skb,
		    const struct re_pkt *pkt, const u8 *payload);
bool re_resp_flush_ack(struct re_qp *qp);
bool re_resp_send_reads(struct re_qp *qp);
void re_resp_reset(struct re_qp *qp);

/* re_flush.c: errors: the QP's state, and flushing its queues */
void re_qp_set_error(struct re_qp *qp);
void re_qp_flush(struct re_qp *qp);

/* re_stats.c: hardware counters */
struct rdma_hw_stats *re_alloc_hw_port_stats(struct ib_device *ibdev,
					     tandem_port_t port);
int re_get_hw_stats(struct ib_device *ibdev, struct rdma_hw_stats *stats,
		    tandem_port_t port, int index);

/* re_net.c: the contract's client side (RX hook, events, TX) */
void re_net_init_client(struct re_port *port);
int re_net_xmit(struct re_port *port, struct sk_buff *skb);
void re_net_stop_loopback(struct re_port *port);

/* re_main.c: port-level work */
void re_port_schedule_rereg(struct re_port *port);

#endif /* _TANDEM_RE_H */
