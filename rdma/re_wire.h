/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tandem_re: the RoCEv2 wire format (IBTA Vol. 1 chapter 9, Annex A17):
 * the transport headers of every opcode tandem_re speaks, PSN arithmetic
 * and the invariant CRC.
 *
 * Pure functions on byte buffers, with no kernel object in sight, so the
 * same file builds in the kernel and in user space (the unit tests and
 * the fuzzer, with tests/unit/shim/re_shim.h).  Whatever arrives from the
 * wire passes re_wire_parse_frame() before anything reads a field of it:
 * after that, every length in struct re_pkt is within the frame.
 */
#ifndef _TANDEM_RE_WIRE_H
#define _TANDEM_RE_WIRE_H

#ifdef __KERNEL__
#include <linux/bits.h>
#include <linux/types.h>
#else
#include "re_shim.h"
#endif

/* Header lengths in bytes. */
#define RE_BTH_LEN	12	/* base transport header */
#define RE_DETH_LEN	8	/* datagram: Q_Key, source QP */
#define RE_RETH_LEN	16	/* RDMA: virtual address, R_Key, DMA length */
#define RE_ATMETH_LEN	28	/* atomic: address, R_Key, swap/add, compare */
#define RE_AETH_LEN	4	/* ACK: syndrome, MSN */
#define RE_ATMACK_LEN	8	/* atomic ACK: the original value */
#define RE_IMMDT_LEN	4	/* immediate data */
#define RE_IETH_LEN	4	/* the R_Key to invalidate */
#define RE_FETH_LEN	4	/* FLUSH: placement type, selectivity level */
#define RE_ATOMIC_WRITE_LEN	8	/* ATOMIC WRITE: its payload, always */
#define RE_ICRC_LEN	4u
#define RE_IPV4_LEN	20	/* no options: RoCEv2 frames never carry them */
#define RE_IPV6_LEN	40
#define RE_UDP_LEN	8
/* The most any opcode puts between the BTH and its payload. */
#define RE_MAX_EXT_LEN	(RE_RETH_LEN + RE_IMMDT_LEN)

#define RE_PSN_MASK	0xffffffu
#define RE_QPN_MASK	0xffffffu
#define RE_DEFAULT_PKEY	0xffff
#define RE_GSI_QKEY	0x80010000u

/* Opcodes: the transport in the top three bits, the operation below. */
enum re_opcode {
	RE_OP_RC_SEND_FIRST		= 0x00,
	RE_OP_RC_SEND_MIDDLE		= 0x01,
	RE_OP_RC_SEND_LAST		= 0x02,
	RE_OP_RC_SEND_LAST_IMM		= 0x03,
	RE_OP_RC_SEND_ONLY		= 0x04,
	RE_OP_RC_SEND_ONLY_IMM		= 0x05,
	RE_OP_RC_WRITE_FIRST		= 0x06,
	RE_OP_RC_WRITE_MIDDLE		= 0x07,
	RE_OP_RC_WRITE_LAST		= 0x08,
	RE_OP_RC_WRITE_LAST_IMM		= 0x09,
	RE_OP_RC_WRITE_ONLY		= 0x0a,
	RE_OP_RC_WRITE_ONLY_IMM		= 0x0b,
	RE_OP_RC_READ_REQUEST		= 0x0c,
	RE_OP_RC_READ_RESPONSE_FIRST	= 0x0d,
	RE_OP_RC_READ_RESPONSE_MIDDLE	= 0x0e,
	RE_OP_RC_READ_RESPONSE_LAST	= 0x0f,
	RE_OP_RC_READ_RESPONSE_ONLY	= 0x10,
	RE_OP_RC_ACKNOWLEDGE		= 0x11,
	RE_OP_RC_ATOMIC_ACKNOWLEDGE	= 0x12,
	RE_OP_RC_COMPARE_SWAP		= 0x13,
	RE_OP_RC_FETCH_ADD		= 0x14,
	RE_OP_RC_SEND_LAST_INV		= 0x16,
	RE_OP_RC_SEND_ONLY_INV		= 0x17,
	/* IBTA's memory placement extensions */
	RE_OP_RC_FLUSH			= 0x1c,
	RE_OP_RC_ATOMIC_WRITE		= 0x1d,
	/* UC: RC's SENDs and WRITEs, transport bits 001 */
	RE_OP_UC_SEND_FIRST		= 0x20,
	RE_OP_UC_SEND_MIDDLE		= 0x21,
	RE_OP_UC_SEND_LAST		= 0x22,
	RE_OP_UC_SEND_LAST_IMM		= 0x23,
	RE_OP_UC_SEND_ONLY		= 0x24,
	RE_OP_UC_SEND_ONLY_IMM		= 0x25,
	RE_OP_UC_WRITE_FIRST		= 0x26,
	RE_OP_UC_WRITE_MIDDLE		= 0x27,
	RE_OP_UC_WRITE_LAST		= 0x28,
	RE_OP_UC_WRITE_LAST_IMM		= 0x29,
	RE_OP_UC_WRITE_ONLY		= 0x2a,
	RE_OP_UC_WRITE_ONLY_IMM		= 0x2b,
	RE_OP_UD_SEND_ONLY		= 0x64,
	RE_OP_UD_SEND_ONLY_IMM		= 0x65,
};

/* What an opcode carries and means; struct re_op_desc.flags. */
enum re_op_flag {
	RE_F_DETH	= BIT(0),
	RE_F_RETH	= BIT(1),
	RE_F_ATMETH	= BIT(2),
	RE_F_AETH	= BIT(3),
	RE_F_ATMACK	= BIT(4),
	RE_F_IMMDT	= BIT(5),
	RE_F_IETH	= BIT(6),
	RE_F_PAYLOAD	= BIT(7),	/* may carry payload (a LAST may be empty) */
	RE_F_REQ	= BIT(8),	/* requester to responder */
	RE_F_RESP	= BIT(9),	/* responder to requester (ACK, read data) */
	RE_F_FIRST	= BIT(10),
	RE_F_MIDDLE	= BIT(11),
	RE_F_LAST	= BIT(12),
	RE_F_SEND	= BIT(13),
	RE_F_WRITE	= BIT(14),
	RE_F_READ	= BIT(15),
	RE_F_ATOMIC	= BIT(16),
	RE_F_RC		= BIT(17),
	RE_F_UD		= BIT(18),
	RE_F_UC		= BIT(19),
	RE_F_FETH	= BIT(20),
	RE_F_FLUSH	= BIT(21),
	RE_F_ATOMIC_WRITE = BIT(22),
};

/*
 * Requests answered by a response of their own (READ responses or an
 * atomic ACK), not by the coalesced ACK: FLUSH and ATOMIC WRITE get one
 * empty READ response, as rdma_rxe sends and expects.
 */
#define RE_F_ANSWERED	(RE_F_READ | RE_F_ATOMIC | RE_F_FLUSH | RE_F_ATOMIC_WRITE)

/* FETH placement types (bits) and selectivity levels */
#define RE_FLUSH_GLOBAL		BIT(0)	/* visible to every agent */
#define RE_FLUSH_PERSISTENT	BIT(1)	/* persistent */
#define RE_FLUSH_RANGE		0	/* the RETH's range */
#define RE_FLUSH_MR		1	/* the whole MR */

/* A FETH names one placement type or both, and a level that exists. */
static inline bool re_flush_feth_valid(u8 type, u8 level)
{
	return type && !(type & ~(RE_FLUSH_GLOBAL | RE_FLUSH_PERSISTENT)) &&
	       level <= RE_FLUSH_MR;
}

/* A UC opcode is the RC opcode of the same SEND or WRITE with this bit. */
#define RE_OP_UC	0x20

#define RE_F_ONLY	(RE_F_FIRST | RE_F_LAST)

/**
 * struct re_op_desc - one opcode tandem_re speaks
 * @name: as the IBTA names it, for logs
 * @flags: enum re_op_flag
 */
struct re_op_desc {
	const char *name;
	u32 flags;
};

const struct re_op_desc *re_op(u8 opcode);
u32 re_hdr_len(u32 flags);

/* AETH syndromes (IBTA 9.7.5.2.2): the top three bits say which kind. */
#define RE_AETH_TYPE_MASK	0xe0
#define RE_AETH_ACK		0x00	/* low five bits: credit count */
#define RE_AETH_RNR_NAK		0x20	/* low five bits: RNR timer */
#define RE_AETH_NAK		0x60	/* low five bits: enum re_nak_code */
#define RE_AETH_ACK_UNLIMITED	0x1f	/* "no credits reported" */

enum re_nak_code {
	RE_NAK_PSN_SEQ_ERROR	= 0,
	RE_NAK_INVALID_REQUEST	= 1,
	RE_NAK_REMOTE_ACCESS	= 2,
	RE_NAK_REMOTE_OP_ERROR	= 3,
	RE_NAK_INVALID_RD_REQ	= 4,
};

/**
 * struct re_pkt - one RoCEv2 packet, decoded; or one to encode
 * @opcode: enum re_opcode
 * @flags: re_op(@opcode)->flags, filled by the parser
 * @solicited: BTH SE bit
 * @pad: pad bytes after the payload (0-3)
 * @pkey: partition key
 * @dqpn: destination QP
 * @ack_req: BTH A bit
 * @psn: packet sequence number
 * @va: RETH/AtomicETH virtual address
 * @rkey: RETH/AtomicETH R_Key
 * @dma_len: RETH DMA length
 * @swap_add: AtomicETH swap or add data
 * @compare: AtomicETH compare data
 * @syndrome: AETH syndrome
 * @msn: AETH message sequence number
 * @orig: AtomicAckETH original remote data
 * @imm: immediate data, as it was on the wire (big endian)
 * @inv_rkey: IETH R_Key to invalidate
 * @flush_type: FETH placement type (RE_FLUSH_GLOBAL, RE_FLUSH_PERSISTENT)
 * @flush_level: FETH selectivity level (RE_FLUSH_RANGE, RE_FLUSH_MR)
 * @qkey: DETH Q_Key
 * @sqpn: DETH source QP
 * @hdr_len: bytes from the BTH to the payload
 * @payload_len: payload bytes, without pad and ICRC
 */
struct re_pkt {
	u8 opcode;
	u32 flags;
	bool solicited;
	u8 pad;
	u16 pkey;
	u32 dqpn;
	bool ack_req;
	u32 psn;
	u64 va;
	u32 rkey;
	u32 dma_len;
	u64 swap_add;
	u64 compare;
	u8 syndrome;
	u32 msn;
	u64 orig;
	__be32 imm;
	u32 inv_rkey;
	u8 flush_type;
	u8 flush_level;
	u32 qkey;
	u32 sqpn;
	u32 hdr_len;
	u32 payload_len;
};

/* Why a frame was refused; the RX path counts each class. */
enum re_parse_err {
	RE_PARSE_OK,
	RE_PARSE_NOT_ROCE,	/* not IPv4/IPv6 UDP to port 4791: not ours */
	RE_PARSE_BAD_IP,	/* IP header malformed or lengths inconsistent */
	RE_PARSE_BAD_UDP,	/* UDP length inconsistent */
	RE_PARSE_SHORT,		/* shorter than its opcode's headers */
	RE_PARSE_BAD_OPCODE,	/* an opcode tandem_re does not speak */
	RE_PARSE_BAD_VERSION,	/* BTH transport version other than 0 */
	RE_PARSE_BAD_PAD,	/* pad on an opcode without payload, or > payload */
	RE_PARSE_BAD_ICRC,
	RE_PARSE_NUM_ERRS
};

/**
 * struct re_frame - where the parts of a received RoCEv2 frame are
 * @ipv6: the network header is IPv6
 * @l3: the network header
 * @bth: the BTH
 * @payload: the payload (@pkt.payload_len bytes)
 * @pkt: the decoded transport headers
 */
struct re_frame {
	bool ipv6;
	const u8 *l3;
	const u8 *bth;
	const u8 *payload;
	struct re_pkt pkt;
};

enum re_parse_err re_wire_parse_frame(const u8 *l3, u32 len,
				      struct re_frame *frame);
enum re_parse_err re_wire_parse_bth(const u8 *bth, u32 len,
				    struct re_pkt *pkt);
u32 re_wire_build_bth(u8 *bth, const struct re_pkt *pkt);
u32 re_icrc(const u8 *l3, bool ipv6, u32 len);
void re_wire_put_icrc(u8 *l3, bool ipv6, u32 len);

/* PSNs are 24-bit serial numbers (IBTA 9.7.1). */
static inline u32 re_psn_add(u32 psn, u32 n)
{
	return (psn + n) & RE_PSN_MASK;
}

/* How many PSNs @a is past @b, modulo 2^24: re_psn_add(@b, result) == @a. */
static inline u32 re_psn_sub(u32 a, u32 b)
{
	return (a - b) & RE_PSN_MASK;
}

/* < 0 when @a comes before @b, 0 when equal, > 0 after, modulo 2^24. */
static inline s32 re_psn_cmp(u32 a, u32 b)
{
	return (s32)((a - b) << 8);
}

#endif /* _TANDEM_RE_WIRE_H */
