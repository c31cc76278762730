// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: RoCEv2 headers in and out, and the ICRC (see re_wire.h).
 *
 * One table describes every opcode tandem_re speaks: which extension
 * headers follow the BTH and what the packet means.  The parser and the
 * builder are driven by it, so they cannot disagree.  An opcode missing
 * from the table has no name, and re_op() refuses it before any length is
 * computed from it: a packet never reaches arithmetic on a header it does
 * not have.
 */
#ifdef __KERNEL__
#include <linux/crc32.h>
#include <linux/errno.h>
#include <linux/in.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <net/checksum.h>
#include <net/ip.h>
#endif

#include "re_wire.h"

#define RC_REQ	(RE_F_RC | RE_F_REQ)
#define RC_RESP	(RE_F_RC | RE_F_RESP)
#define UC_REQ	(RE_F_UC | RE_F_REQ)
#define F_SEND	(RE_F_SEND | RE_F_PAYLOAD)
#define F_WRITE	(RE_F_WRITE | RE_F_PAYLOAD)
#define F_RDATA	(RE_F_READ | RE_F_PAYLOAD)

#define OP(code, f)						\
	[code] = { .name = #code + 6, .flags = (f) }

static const struct re_op_desc re_ops[256] = {
	OP(RE_OP_RC_SEND_FIRST, RC_REQ | F_SEND | RE_F_FIRST),
	OP(RE_OP_RC_SEND_MIDDLE, RC_REQ | F_SEND | RE_F_MIDDLE),
	OP(RE_OP_RC_SEND_LAST, RC_REQ | F_SEND | RE_F_LAST),
	OP(RE_OP_RC_SEND_LAST_IMM, RC_REQ | F_SEND | RE_F_LAST | RE_F_IMMDT),
	OP(RE_OP_RC_SEND_ONLY, RC_REQ | F_SEND | RE_F_ONLY),
	OP(RE_OP_RC_SEND_ONLY_IMM, RC_REQ | F_SEND | RE_F_ONLY | RE_F_IMMDT),
	OP(RE_OP_RC_WRITE_FIRST, RC_REQ | F_WRITE | RE_F_FIRST | RE_F_RETH),
	OP(RE_OP_RC_WRITE_MIDDLE, RC_REQ | F_WRITE | RE_F_MIDDLE),
	OP(RE_OP_RC_WRITE_LAST, RC_REQ | F_WRITE | RE_F_LAST),
	OP(RE_OP_RC_WRITE_LAST_IMM, RC_REQ | F_WRITE | RE_F_LAST | RE_F_IMMDT),
	OP(RE_OP_RC_WRITE_ONLY, RC_REQ | F_WRITE | RE_F_ONLY | RE_F_RETH),
	OP(RE_OP_RC_WRITE_ONLY_IMM, RC_REQ | F_WRITE | RE_F_ONLY | RE_F_RETH |
	   RE_F_IMMDT),
	OP(RE_OP_RC_READ_REQUEST, RC_REQ | RE_F_READ | RE_F_ONLY | RE_F_RETH),
	OP(RE_OP_RC_READ_RESPONSE_FIRST, RC_RESP | F_RDATA | RE_F_FIRST | RE_F_AETH),
	OP(RE_OP_RC_READ_RESPONSE_MIDDLE, RC_RESP | F_RDATA | RE_F_MIDDLE),
	OP(RE_OP_RC_READ_RESPONSE_LAST, RC_RESP | F_RDATA | RE_F_LAST | RE_F_AETH),
	OP(RE_OP_RC_READ_RESPONSE_ONLY, RC_RESP | F_RDATA | RE_F_ONLY | RE_F_AETH),
	OP(RE_OP_RC_ACKNOWLEDGE, RC_RESP | RE_F_ONLY | RE_F_AETH),
	OP(RE_OP_RC_ATOMIC_ACKNOWLEDGE, RC_RESP | RE_F_ATOMIC | RE_F_ONLY |
	   RE_F_AETH | RE_F_ATMACK),
	OP(RE_OP_RC_COMPARE_SWAP, RC_REQ | RE_F_ATOMIC | RE_F_ONLY | RE_F_ATMETH),
	OP(RE_OP_RC_FETCH_ADD, RC_REQ | RE_F_ATOMIC | RE_F_ONLY | RE_F_ATMETH),
	OP(RE_OP_RC_SEND_LAST_INV, RC_REQ | F_SEND | RE_F_LAST | RE_F_IETH),
	OP(RE_OP_RC_SEND_ONLY_INV, RC_REQ | F_SEND | RE_F_ONLY | RE_F_IETH),
	OP(RE_OP_RC_FLUSH, RC_REQ | RE_F_FLUSH | RE_F_ONLY | RE_F_FETH | RE_F_RETH),
	OP(RE_OP_RC_ATOMIC_WRITE, RC_REQ | RE_F_ATOMIC_WRITE | RE_F_PAYLOAD |
	   RE_F_ONLY | RE_F_RETH),
	OP(RE_OP_UC_SEND_FIRST, UC_REQ | F_SEND | RE_F_FIRST),
	OP(RE_OP_UC_SEND_MIDDLE, UC_REQ | F_SEND | RE_F_MIDDLE),
	OP(RE_OP_UC_SEND_LAST, UC_REQ | F_SEND | RE_F_LAST),
	OP(RE_OP_UC_SEND_LAST_IMM, UC_REQ | F_SEND | RE_F_LAST | RE_F_IMMDT),
	OP(RE_OP_UC_SEND_ONLY, UC_REQ | F_SEND | RE_F_ONLY),
	OP(RE_OP_UC_SEND_ONLY_IMM, UC_REQ | F_SEND | RE_F_ONLY | RE_F_IMMDT),
	OP(RE_OP_UC_WRITE_FIRST, UC_REQ | F_WRITE | RE_F_FIRST | RE_F_RETH),
	OP(RE_OP_UC_WRITE_MIDDLE, UC_REQ | F_WRITE | RE_F_MIDDLE),
	OP(RE_OP_UC_WRITE_LAST, UC_REQ | F_WRITE | RE_F_LAST),
	OP(RE_OP_UC_WRITE_LAST_IMM, UC_REQ | F_WRITE | RE_F_LAST | RE_F_IMMDT),
	OP(RE_OP_UC_WRITE_ONLY, UC_REQ | F_WRITE | RE_F_ONLY | RE_F_RETH),
	OP(RE_OP_UC_WRITE_ONLY_IMM, UC_REQ | F_WRITE | RE_F_ONLY | RE_F_RETH |
	   RE_F_IMMDT),
	OP(RE_OP_UD_SEND_ONLY, RE_F_UD | RE_F_REQ | F_SEND | RE_F_ONLY | RE_F_DETH),
	OP(RE_OP_UD_SEND_ONLY_IMM, RE_F_UD | RE_F_REQ | F_SEND | RE_F_ONLY |
	   RE_F_DETH | RE_F_IMMDT),
};

/**
 * re_op - what tandem_re knows of an opcode
 * @opcode: BTH opcode
 *
 * Return: its description, or NULL for an opcode tandem_re does not speak.
 */
const struct re_op_desc *re_op(u8 opcode)
{
	const struct re_op_desc *op = &re_ops[opcode];

	return op->name ? op : NULL;
}

/**
 * re_hdr_len - the length of an opcode's headers
 * @flags: its struct re_op_desc flags
 *
 * Return: the bytes of the BTH and of every extension header it carries.
 */
u32 re_hdr_len(u32 flags)
{
	return RE_BTH_LEN +
	       (flags & RE_F_DETH ? RE_DETH_LEN : 0) +
	       (flags & RE_F_FETH ? RE_FETH_LEN : 0) +
	       (flags & RE_F_RETH ? RE_RETH_LEN : 0) +
	       (flags & RE_F_ATMETH ? RE_ATMETH_LEN : 0) +
	       (flags & RE_F_AETH ? RE_AETH_LEN : 0) +
	       (flags & RE_F_ATMACK ? RE_ATMACK_LEN : 0) +
	       (flags & RE_F_IMMDT ? RE_IMMDT_LEN : 0) +
	       (flags & RE_F_IETH ? RE_IETH_LEN : 0);
}

/**
 * re_wire_parse_bth - decode the transport headers of a packet
 * @bth: the BTH
 * @len: bytes from the BTH to the end of the ICRC
 * @pkt: decoded; @pkt->payload_len bytes of payload follow the headers
 *
 * Checks that the opcode is one tandem_re speaks and that its headers, pad
 * and ICRC fit in @len; does not check the ICRC.
 *
 * Return: RE_PARSE_OK or why the packet is malformed.
 */
enum re_parse_err re_wire_parse_bth(const u8 *bth, u32 len, struct re_pkt *pkt)
{
	const struct re_op_desc *op;
	u32 rest, hdr_len;
	const u8 *h;

	memset(pkt, 0, sizeof(*pkt));
	if (len < RE_BTH_LEN + RE_ICRC_LEN)
		return RE_PARSE_SHORT;
	op = re_op(bth[0]);
	if (!op)
		return RE_PARSE_BAD_OPCODE;
	if (bth[1] & 0x0f)
		return RE_PARSE_BAD_VERSION;
	hdr_len = re_hdr_len(op->flags);
	if (len < hdr_len + RE_ICRC_LEN)
		return RE_PARSE_SHORT;

	pkt->opcode = bth[0];
	pkt->flags = op->flags;
	pkt->solicited = bth[1] & 0x80;
	pkt->pad = (bth[1] >> 4) & 3;
	pkt->pkey = get_unaligned_be16(bth + 2);
	pkt->dqpn = get_unaligned_be32(bth + 4) & RE_QPN_MASK;
	pkt->ack_req = bth[8] & 0x80;
	pkt->psn = get_unaligned_be32(bth + 8) & RE_PSN_MASK;
	pkt->hdr_len = hdr_len;

	h = bth + RE_BTH_LEN;
	if (op->flags & RE_F_DETH) {
		pkt->qkey = get_unaligned_be32(h);
		pkt->sqpn = get_unaligned_be32(h + 4) & RE_QPN_MASK;
		h += RE_DETH_LEN;
	}
	if (op->flags & RE_F_FETH) {	/* before the RETH */
		pkt->flush_type = h[3] & 0x0f;
		pkt->flush_level = (h[3] >> 4) & 0x03;
		h += RE_FETH_LEN;
	}
	if (op->flags & RE_F_RETH) {
		pkt->va = get_unaligned_be64(h);
		pkt->rkey = get_unaligned_be32(h + 8);
		pkt->dma_len = get_unaligned_be32(h + 12);
		h += RE_RETH_LEN;
	}
	if (op->flags & RE_F_ATMETH) {
		pkt->va = get_unaligned_be64(h);
		pkt->rkey = get_unaligned_be32(h + 8);
		pkt->swap_add = get_unaligned_be64(h + 12);
		pkt->compare = get_unaligned_be64(h + 20);
		h += RE_ATMETH_LEN;
	}
	if (op->flags & RE_F_AETH) {
		pkt->syndrome = h[0];
		pkt->msn = get_unaligned_be32(h) & RE_PSN_MASK;
		h += RE_AETH_LEN;
	}
	if (op->flags & RE_F_ATMACK) {
		pkt->orig = get_unaligned_be64(h);
		h += RE_ATMACK_LEN;
	}
	if (op->flags & RE_F_IMMDT) {
		memcpy(&pkt->imm, h, RE_IMMDT_LEN);
		h += RE_IMMDT_LEN;
	}
	if (op->flags & RE_F_IETH)
		pkt->inv_rkey = get_unaligned_be32(h);

	rest = len - hdr_len - RE_ICRC_LEN;
	if (!(op->flags & RE_F_PAYLOAD) && (rest || pkt->pad))
		return RE_PARSE_BAD_PAD;
	if (pkt->pad > rest)
		return RE_PARSE_BAD_PAD;
	pkt->payload_len = rest - pkt->pad;
	return RE_PARSE_OK;
}

/**
 * re_wire_build_bth - encode the BTH and extension headers of a packet
 * @bth: where they go: re_hdr_len() of the opcode's flags, in bytes
 * @pkt: the fields; @pkt->opcode must be one re_op() knows
 *
 * Return: the bytes written, 0 for an unknown opcode.
 */
u32 re_wire_build_bth(u8 *bth, const struct re_pkt *pkt)
{
	const struct re_op_desc *op = re_op(pkt->opcode);
	u8 *h;

	if (!op)
		return 0;
	bth[0] = pkt->opcode;
	bth[1] = (pkt->solicited ? 0x80 : 0) | ((pkt->pad & 3) << 4);
	put_unaligned_be16(pkt->pkey, bth + 2);
	put_unaligned_be32(pkt->dqpn & RE_QPN_MASK, bth + 4);
	put_unaligned_be32((pkt->ack_req ? 0x80000000u : 0) |
			   (pkt->psn & RE_PSN_MASK), bth + 8);

	h = bth + RE_BTH_LEN;
	if (op->flags & RE_F_DETH) {
		put_unaligned_be32(pkt->qkey, h);
		put_unaligned_be32(pkt->sqpn & RE_QPN_MASK, h + 4);
		h += RE_DETH_LEN;
	}
	if (op->flags & RE_F_FETH) {
		put_unaligned_be32((pkt->flush_level & 0x03) << 4 |
				   (pkt->flush_type & 0x0f), h);
		h += RE_FETH_LEN;
	}
	if (op->flags & RE_F_RETH) {
		put_unaligned_be64(pkt->va, h);
		put_unaligned_be32(pkt->rkey, h + 8);
		put_unaligned_be32(pkt->dma_len, h + 12);
		h += RE_RETH_LEN;
	}
	if (op->flags & RE_F_ATMETH) {
		put_unaligned_be64(pkt->va, h);
		put_unaligned_be32(pkt->rkey, h + 8);
		put_unaligned_be64(pkt->swap_add, h + 12);
		put_unaligned_be64(pkt->compare, h + 20);
		h += RE_ATMETH_LEN;
	}
	if (op->flags & RE_F_AETH) {
		put_unaligned_be32((u32)pkt->syndrome << 24 |
				   (pkt->msn & RE_PSN_MASK), h);
		h += RE_AETH_LEN;
	}
	if (op->flags & RE_F_ATMACK) {
		put_unaligned_be64(pkt->orig, h);
		h += RE_ATMACK_LEN;
	}
	if (op->flags & RE_F_IMMDT) {
		memcpy(h, &pkt->imm, RE_IMMDT_LEN);
		h += RE_IMMDT_LEN;
	}
	if (op->flags & RE_F_IETH)
		put_unaligned_be32(pkt->inv_rkey, h);
	return re_hdr_len(op->flags);
}

/**
 * re_icrc - the invariant CRC of a RoCEv2 packet (IBTA Annex A17.3.3)
 * @l3: the IP header; the UDP header and the BTH follow it
 * @ipv6: @l3 is IPv6 (else IPv4 without options)
 * @len: bytes from @l3 to the ICRC, not counting it
 *
 * The CRC-32 of the packet with the fields routers may change masked to
 * all ones, starting from the CRC of the 8 masked bytes of the LRH that
 * RoCEv2 does not carry.  On the wire it is stored least significant byte
 * first, as rdma_rxe and RoCE hardware store it.
 *
 * Return: the ICRC.
 */
u32 re_icrc(const u8 *l3, bool ipv6, u32 len)
{
	u8 masked[RE_IPV6_LEN + RE_UDP_LEN + RE_BTH_LEN];
	u32 l3_len = ipv6 ? RE_IPV6_LEN : RE_IPV4_LEN;
	u32 hdrs = l3_len + RE_UDP_LEN + RE_BTH_LEN;
	u32 crc = 0xdebb20e3;	/* CRC-32 of 0xffffffff and the masked LRH */

	memcpy(masked, l3, hdrs);
	if (ipv6) {
		masked[0] |= 0x0f;	/* traffic class, flow label */
		memset(&masked[1], 0xff, 3);
		masked[7] = 0xff;	/* hop limit */
	} else {
		masked[1] = 0xff;	/* TOS */
		masked[8] = 0xff;	/* TTL */
		masked[10] = 0xff;	/* header checksum */
		masked[11] = 0xff;
	}
	masked[l3_len + 6] = 0xff;	/* UDP checksum */
	masked[l3_len + 7] = 0xff;
	masked[l3_len + RE_UDP_LEN + 4] = 0xff;	/* BTH reserved byte */

	crc = crc32_le(crc, masked, hdrs);
	crc = crc32_le(crc, l3 + hdrs, len - hdrs);
	return ~crc;
}

/* Append the ICRC of the @len bytes from @l3 right after them. */
void re_wire_put_icrc(u8 *l3, bool ipv6, u32 len)
{
	put_unaligned_le32(re_icrc(l3, ipv6, len), l3 + len);
}

static enum re_parse_err re_parse_ipv4(const u8 *l3, u32 *len)
{
	u32 total;

	if (*len < RE_IPV4_LEN)
		return RE_PARSE_BAD_IP;
	if (l3[9] != IPPROTO_UDP)
		return RE_PARSE_NOT_ROCE;
	/* No options (the ICRC covers exactly 20 bytes), no fragments. */
	if ((l3[0] & 0x0f) != 5 || (get_unaligned_be16(l3 + 6) & 0x3fff))
		return RE_PARSE_BAD_IP;
	total = get_unaligned_be16(l3 + 2);
	if (total < RE_IPV4_LEN || total > *len)
		return RE_PARSE_BAD_IP;
	*len = total;		/* what follows is Ethernet padding */
	return RE_PARSE_OK;
}

static enum re_parse_err re_parse_ipv6(const u8 *l3, u32 *len)
{
	u32 total;

	if (*len < RE_IPV6_LEN)
		return RE_PARSE_BAD_IP;
	if (l3[6] != IPPROTO_UDP)	/* extension headers: not RoCEv2 */
		return RE_PARSE_NOT_ROCE;
	total = RE_IPV6_LEN + get_unaligned_be16(l3 + 4);
	if (total > *len)
		return RE_PARSE_BAD_IP;
	*len = total;
	return RE_PARSE_OK;
}

/**
 * re_wire_parse_frame - check and decode a received RoCEv2 packet
 * @l3: its IP header
 * @len: bytes from @l3 to the end of the frame (Ethernet padding allowed)
 * @frame: where the parts are, and the decoded transport headers
 *
 * IP and UDP lengths must agree with each other and with @len, the
 * transport headers must be whole and the ICRC right.
 *
 * Return: RE_PARSE_OK or why the frame is refused.
 */
enum re_parse_err re_wire_parse_frame(const u8 *l3, u32 len,
				      struct re_frame *frame)
{
	enum re_parse_err err;
	u32 l3_len, udp_len;
	const u8 *udp;

	memset(frame, 0, sizeof(*frame));
	if (!len)
		return RE_PARSE_BAD_IP;
	switch (l3[0] >> 4) {
	case 4:
		err = re_parse_ipv4(l3, &len);
		l3_len = RE_IPV4_LEN;
		break;
	case 6:
		err = re_parse_ipv6(l3, &len);
		l3_len = RE_IPV6_LEN;
		frame->ipv6 = true;
		break;
	default:
		return RE_PARSE_NOT_ROCE;
	}
	if (err)
		return err;
	if (len < l3_len + RE_UDP_LEN)
		return RE_PARSE_BAD_UDP;
	udp = l3 + l3_len;
	if (get_unaligned_be16(udp + 2) != 4791)
		return RE_PARSE_NOT_ROCE;
	udp_len = get_unaligned_be16(udp + 4);
	if (udp_len != len - l3_len)
		return RE_PARSE_BAD_UDP;

	err = re_wire_parse_bth(udp + RE_UDP_LEN, udp_len - RE_UDP_LEN,
				&frame->pkt);
	if (err)
		return err;
	if (get_unaligned_le32(l3 + len - RE_ICRC_LEN) !=
	    re_icrc(l3, frame->ipv6, len - RE_ICRC_LEN))
		return RE_PARSE_BAD_ICRC;
	frame->l3 = l3;
	frame->bth = udp + RE_UDP_LEN;
	frame->payload = frame->bth + frame->pkt.hdr_len;
	return RE_PARSE_OK;
}
