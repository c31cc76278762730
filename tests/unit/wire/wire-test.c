// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of tandem_re's wire codec (rdma/re_wire.c, compiled as is in
 * user space): every opcode round-trips through build and parse, every
 * truncation and every unknown opcode is refused without reading past the
 * buffer (the test runs under AddressSanitizer with exact-size buffers),
 * the ICRC is the one rdma_rxe puts on the wire (frames captured from
 * rdma_rxe, in vectors/), and PSNs compare across the 2^24 wrap.
 *
 * Usage: wire-test VECTOR.hex...  Prints "pass\tNAME" or
 * "fail\tNAME\tWHY" per check, as tests/lib.sh records them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "re_wire.h"

static int failures;

static void result(const char *name, bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("pass\t%s\n", name);
		return;
	}
	failures++;
	printf("fail\t%s\t", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* A copy of @len bytes in a buffer of exactly that size (ASan bounds). */
static u8 *exact(const u8 *src, u32 len)
{
	u8 *p = malloc(len ? len : 1);

	if (!p)
		abort();
	memcpy(p, src, len);
	return p;
}

static u64 rnd64(void)
{
	return (u64)random() << 33 ^ (u64)random() << 11 ^ (u64)random();
}

static void random_pkt(struct re_pkt *p, u8 opcode)
{
	memset(p, 0, sizeof(*p));
	p->opcode = opcode;
	p->solicited = random() & 1;
	p->pad = random() & 3;
	p->pkey = random();
	p->dqpn = random() & RE_QPN_MASK;
	p->ack_req = random() & 1;
	p->psn = random() & RE_PSN_MASK;
	p->va = rnd64();
	p->rkey = random();
	p->dma_len = random();
	p->swap_add = rnd64();
	p->compare = rnd64();
	p->syndrome = random();
	p->msn = random() & RE_PSN_MASK;
	p->orig = rnd64();
	p->imm = random();
	p->inv_rkey = random();
	p->qkey = random();
	p->sqpn = random() & RE_QPN_MASK;
	p->flush_type = random() & 0x0f;
	p->flush_level = random() & 0x03;
}

/* The fields an opcode carries must come back; the others stay zero. */
static bool same_fields(const struct re_pkt *a, const struct re_pkt *b,
			u32 flags, char *why, size_t n)
{
#define SAME(field, cond) do { \
	u64 want = (cond) ? (u64)a->field : 0; \
	if ((u64)b->field != want) { \
		snprintf(why, n, #field " %llx, want %llx", \
			 (unsigned long long)b->field, (unsigned long long)want); \
		return false; \
	} } while (0)
	SAME(opcode, 1);
	SAME(solicited, 1);
	SAME(pkey, 1);
	SAME(dqpn, 1);
	SAME(ack_req, 1);
	SAME(psn, 1);
	SAME(va, flags & (RE_F_RETH | RE_F_ATMETH));
	SAME(rkey, flags & (RE_F_RETH | RE_F_ATMETH));
	SAME(dma_len, flags & RE_F_RETH);
	SAME(swap_add, flags & RE_F_ATMETH);
	SAME(compare, flags & RE_F_ATMETH);
	SAME(syndrome, flags & RE_F_AETH);
	SAME(msn, flags & RE_F_AETH);
	SAME(orig, flags & RE_F_ATMACK);
	SAME(imm, flags & RE_F_IMMDT);
	SAME(inv_rkey, flags & RE_F_IETH);
	SAME(qkey, flags & RE_F_DETH);
	SAME(sqpn, flags & RE_F_DETH);
	SAME(flush_type, flags & RE_F_FETH);
	SAME(flush_level, flags & RE_F_FETH);
#undef SAME
	return true;
}

static void test_round_trip(void)
{
	char why[160] = "";
	bool ok = true;
	int op, known = 0;

	for (op = 0; op < 256 && ok; op++) {
		const struct re_op_desc *d = re_op(op);
		u32 payload = 0, len, n;
		struct re_pkt in, out;
		u8 buf[128], *copy;

		if (!d)
			continue;
		known++;
		random_pkt(&in, op);
		if (!(d->flags & RE_F_PAYLOAD))
			in.pad = 0;
		else
			payload = in.pad + random() % 8;
		n = re_wire_build_bth(buf, &in);
		if (n != re_hdr_len(d->flags)) {
			snprintf(why, sizeof(why), "%s: built %u bytes, want %u",
				 d->name, n, re_hdr_len(d->flags));
			ok = false;
			break;
		}
		memset(buf + n, 0xa5, payload + RE_ICRC_LEN);
		len = n + payload + RE_ICRC_LEN;
		copy = exact(buf, len);
		if (re_wire_parse_bth(copy, len, &out) != RE_PARSE_OK) {
			snprintf(why, sizeof(why), "%s: refused", d->name);
			ok = false;
		} else if (!same_fields(&in, &out, d->flags, why, sizeof(why)) ||
			   out.payload_len != payload - in.pad ||
			   out.hdr_len != re_hdr_len(d->flags) || out.pad != in.pad) {
			if (!why[0])
				snprintf(why, sizeof(why), "%s: lengths", d->name);
			ok = false;
		}
		free(copy);
	}
	result("wire: every opcode round-trips through build and parse",
	       ok && known == 39, "%s (%d opcodes known)", why, known);
}

/*
 * FLUSH: the FETH comes before the RETH, its last byte holds the level
 * (bits 5-4) and the type (bits 3-0), as rdma_rxe puts them; ATOMIC WRITE
 * is a RETH and 8 bytes of payload.
 */
static void test_mem_placement(void)
{
	struct re_pkt in = {
		.opcode = RE_OP_RC_FLUSH, .flush_type = RE_FLUSH_GLOBAL,
		.flush_level = RE_FLUSH_MR, .va = 0x1122334455667788ull,
		.rkey = 0xabcdef01, .dma_len = 4096,
	};
	u8 buf[64] = {};
	u32 n = re_wire_build_bth(buf, &in);

	result("wire: FLUSH is BTH, FETH (level 1, type 1: 0x11), RETH",
	       n == RE_BTH_LEN + RE_FETH_LEN + RE_RETH_LEN &&
	       buf[12] == 0 && buf[13] == 0 && buf[14] == 0 && buf[15] == 0x11 &&
	       buf[16] == 0x11 && buf[24] == 0xab,
	       "%u bytes, FETH %02x%02x%02x%02x, RETH starts %02x",
	       n, buf[12], buf[13], buf[14], buf[15], buf[16]);
	result("wire: ATOMIC WRITE is BTH, RETH and payload",
	       re_hdr_len(re_op(RE_OP_RC_ATOMIC_WRITE)->flags) ==
	       RE_BTH_LEN + RE_RETH_LEN &&
	       (re_op(RE_OP_RC_ATOMIC_WRITE)->flags & RE_F_PAYLOAD),
	       "header length %u", re_hdr_len(re_op(RE_OP_RC_ATOMIC_WRITE)->flags));
}

/* UC's opcodes are RC's SENDs and WRITEs with RE_OP_UC, headers alike. */
static void test_uc_opcodes(void)
{
	int op, uc = 0, bad = -1;

	for (op = 0; op < 256; op++) {
		const struct re_op_desc *d = re_op(op), *rc;

		if (!d || !(d->flags & RE_F_UC))
			continue;
		uc++;
		rc = re_op(op & ~RE_OP_UC);
		if (bad < 0 && ((op & 0xe0) != RE_OP_UC || !rc ||
				(rc->flags & ~RE_F_RC) != (d->flags & ~RE_F_UC) ||
				!(d->flags & (RE_F_SEND | RE_F_WRITE))))
			bad = op;
	}
	result("wire: the 12 UC opcodes are RC's SENDs and WRITEs with their headers",
	       uc == 12 && bad < 0, "%d UC opcodes, 0x%02x unlike its RC twin", uc, bad);
}

static void test_unknown_opcodes(void)
{
	int op, bad = -1, refused = 0;
	u8 buf[64];

	for (op = 0; op < 256; op++) {
		struct re_pkt p;

		if (re_op(op))
			continue;
		memset(buf, 0, sizeof(buf));
		buf[0] = op;
		if (re_wire_parse_bth(buf, sizeof(buf), &p) == RE_PARSE_BAD_OPCODE)
			refused++;
		else if (bad < 0)
			bad = op;
	}
	result("wire: every opcode it does not speak is refused",
	       bad < 0 && refused == 256 - 39, "opcode 0x%02x accepted", bad);
	memset(buf, 0, sizeof(buf));
	result("wire: no name for an unknown opcode (0xff, 0x15, 0x1e)",
	       !re_op(0xff) && !re_op(0x15) && !re_op(0x1e), "re_op() knew one");
}

static void test_truncation(void)
{
	char why[96] = "";
	int op;

	for (op = 0; op < 256 && !why[0]; op++) {
		const struct re_op_desc *d = re_op(op);
		u32 len;

		if (!d)
			continue;
		for (len = 0; len < re_hdr_len(d->flags) + RE_ICRC_LEN; len++) {
			u8 buf[64] = { [0] = (u8)op };
			struct re_pkt p;
			u8 *copy = exact(buf, len);
			enum re_parse_err err = re_wire_parse_bth(copy, len, &p);

			free(copy);
			if (err != RE_PARSE_SHORT) {
				snprintf(why, sizeof(why), "%s at %u bytes: %d",
					 d->name, len, err);
				break;
			}
		}
	}
	result("wire: a packet shorter than its opcode's headers is refused",
	       !why[0], "%s", why);
}

static void test_pad_and_version(void)
{
	struct re_pkt p = { .opcode = RE_OP_RC_SEND_ONLY, .pad = 3 };
	u8 buf[64];
	enum re_parse_err e1, e2, e3, e4;

	re_wire_build_bth(buf, &p);
	/* 2 bytes after the headers, 3 of them pad */
	e1 = re_wire_parse_bth(buf, RE_BTH_LEN + 2 + RE_ICRC_LEN, &p);
	p = (struct re_pkt){ .opcode = RE_OP_RC_ACKNOWLEDGE };
	re_wire_build_bth(buf, &p);
	/* an ACK with 2 bytes of payload */
	e2 = re_wire_parse_bth(buf, RE_BTH_LEN + RE_AETH_LEN + 2 + RE_ICRC_LEN, &p);
	p = (struct re_pkt){ .opcode = RE_OP_RC_READ_REQUEST, .pad = 1 };
	re_wire_build_bth(buf, &p);
	e3 = re_wire_parse_bth(buf, RE_BTH_LEN + RE_RETH_LEN + RE_ICRC_LEN, &p);
	p = (struct re_pkt){ .opcode = RE_OP_RC_SEND_ONLY };
	re_wire_build_bth(buf, &p);
	buf[1] |= 1;	/* transport version 1 */
	e4 = re_wire_parse_bth(buf, RE_BTH_LEN + RE_ICRC_LEN, &p);
	result("wire: pad larger than the payload is refused",
	       e1 == RE_PARSE_BAD_PAD, "got %d", e1);
	result("wire: payload or pad on an opcode without payload is refused",
	       e2 == RE_PARSE_BAD_PAD && e3 == RE_PARSE_BAD_PAD, "got %d, %d", e2, e3);
	result("wire: a transport version other than 0 is refused",
	       e4 == RE_PARSE_BAD_VERSION, "got %d", e4);
}

static void test_psn(void)
{
	bool ok = re_psn_cmp(0, RE_PSN_MASK) > 0 &&	/* 0 follows 0xffffff */
		  re_psn_cmp(RE_PSN_MASK, 0) < 0 &&
		  re_psn_cmp(5, 5) == 0 &&
		  re_psn_cmp(0x7fffff, 0) > 0 &&	/* half the space ahead */
		  re_psn_cmp(0x800001, 0) < 0 &&	/* more is behind */
		  re_psn_add(RE_PSN_MASK, 2) == 1 &&
		  re_psn_add(10, 0) == 10 &&
		  re_psn_sub(1, RE_PSN_MASK) == 2 &&	/* across the wrap */
		  re_psn_sub(10, 7) == 3 &&
		  re_psn_sub(7, 7) == 0;

	result("wire: PSNs compare, add and subtract modulo 2^24", ok,
	       "a comparison or sum was wrong");
}

/* An IPv4 or IPv6 + UDP frame around a transport packet, with its ICRC. */
static u32 build_frame(u8 *f, bool ipv6, const struct re_pkt *pkt, u32 payload)
{
	u32 l3 = ipv6 ? RE_IPV6_LEN : RE_IPV4_LEN;
	u32 n, udp_len;

	memset(f, 0, l3 + RE_UDP_LEN);
	n = re_wire_build_bth(f + l3 + RE_UDP_LEN, pkt);
	memset(f + l3 + RE_UDP_LEN + n, 0x5a, payload);
	udp_len = RE_UDP_LEN + n + payload + RE_ICRC_LEN;
	if (ipv6) {
		f[0] = 0x60;
		put_unaligned_be16(udp_len, f + 4);
		f[6] = IPPROTO_UDP;
		f[7] = 64;
		f[23] = 1;
		f[39] = 2;
	} else {
		f[0] = 0x45;
		put_unaligned_be16(l3 + udp_len, f + 2);
		f[6] = 0x40;	/* DF */
		f[8] = 64;
		f[9] = IPPROTO_UDP;
		f[12] = 192, f[15] = 1, f[16] = 192, f[19] = 2;
	}
	put_unaligned_be16(0xc000, f + l3);
	put_unaligned_be16(4791, f + l3 + 2);
	put_unaligned_be16(udp_len, f + l3 + 4);
	re_wire_put_icrc(f, ipv6, l3 + udp_len - RE_ICRC_LEN);
	return l3 + udp_len;
}

static void test_frames(void)
{
	struct re_pkt pkt = { .opcode = RE_OP_RC_WRITE_ONLY, .dqpn = 17,
			      .psn = 42, .va = 0x1000, .rkey = 7, .dma_len = 100 };
	u8 f[256], *copy;
	struct re_frame fr;
	u32 len, i, flips_caught, flips, masked_ok;
	enum re_parse_err err;
	int v6;

	for (v6 = 0; v6 < 2; v6++) {
		const char *fam = v6 ? "IPv6" : "IPv4";
		char name[96];

		flips_caught = flips = masked_ok = 0;
		len = build_frame(f, v6, &pkt, 100);
		copy = exact(f, len);
		err = re_wire_parse_frame(copy, len, &fr);
		free(copy);
		snprintf(name, sizeof(name), "wire: an %s frame it built parses, ICRC and all", fam);
		result(name, err == RE_PARSE_OK && fr.ipv6 == v6 && fr.pkt.payload_len == 100 &&
		       fr.pkt.dma_len == 100, "got %d", err);

		/* Every bit the ICRC covers is protected... */
		for (i = 0; i < (len - RE_ICRC_LEN) * 8; i++) {
			u32 byte = i / 8, l3 = v6 ? RE_IPV6_LEN : RE_IPV4_LEN;
			bool masked = v6 ? (byte == 0 && i % 8 >= 4) || (byte >= 1 && byte <= 3) ||
					   byte == 7 :
					   byte == 1 || byte == 8 || byte == 10 || byte == 11;

			masked = masked || byte == l3 + 6 || byte == l3 + 7 ||
				 byte == l3 + RE_UDP_LEN + 4;
			/* (bits the IP and UDP checks catch first do not count) */
			if (byte < l3 + RE_UDP_LEN && !masked)
				continue;
			f[byte] ^= 0x80 >> (i % 8);
			copy = exact(f, len);
			err = re_wire_parse_frame(copy, len, &fr);
			free(copy);
			f[byte] ^= 0x80 >> (i % 8);
			if (masked) {
				/* ...and the variant fields are not. */
				masked_ok += err == RE_PARSE_OK;
				continue;
			}
			flips++;
			flips_caught += err != RE_PARSE_OK;
		}
		snprintf(name, sizeof(name), "wire: %s: every flipped transport bit is refused", fam);
		result(name, flips && flips_caught == flips, "%u of %u caught", flips_caught, flips);
		snprintf(name, sizeof(name), "wire: %s: the fields routers change are outside the ICRC", fam);
		result(name, masked_ok == (v6 ? 4 + 24 + 8 + 16 + 8 : 8 + 8 + 16 + 16 + 8),
		       "%u masked bit flips kept the ICRC", masked_ok);

		/* Every truncation of the frame is refused. */
		for (i = 0; i < len; i++) {
			copy = exact(f, i);
			err = re_wire_parse_frame(copy, i, &fr);
			free(copy);
			if (err == RE_PARSE_OK)
				break;
		}
		snprintf(name, sizeof(name), "wire: %s: every truncated frame is refused", fam);
		result(name, i == len, "accepted at %u of %u bytes", i, len);

		/* Ethernet padding after the IP packet is not part of it. */
		memset(f + len, 0, 8);
		copy = exact(f, len + 8);
		err = re_wire_parse_frame(copy, len + 8, &fr);
		free(copy);
		snprintf(name, sizeof(name), "wire: %s: Ethernet padding is ignored", fam);
		result(name, err == RE_PARSE_OK, "got %d", err);
	}

	len = build_frame(f, false, &pkt, 4);
	f[0] = 0x46;	/* an IPv4 option */
	err = re_wire_parse_frame(f, len, &fr);
	result("wire: IPv4 with options is refused", err == RE_PARSE_BAD_IP, "got %d", err);
	len = build_frame(f, false, &pkt, 4);
	f[6] = 0x20;	/* more fragments */
	err = re_wire_parse_frame(f, len, &fr);
	result("wire: an IPv4 fragment is refused", err == RE_PARSE_BAD_IP, "got %d", err);
	len = build_frame(f, false, &pkt, 4);
	put_unaligned_be16(4792, f + RE_IPV4_LEN + 2);
	err = re_wire_parse_frame(f, len, &fr);
	result("wire: another UDP port is not RoCE", err == RE_PARSE_NOT_ROCE, "got %d", err);
	len = build_frame(f, false, &pkt, 4);
	put_unaligned_be16(len + 1, f + 2);
	err = re_wire_parse_frame(f, len, &fr);
	result("wire: an IP length beyond the frame is refused", err == RE_PARSE_BAD_IP, "got %d", err);
	len = build_frame(f, false, &pkt, 4);
	put_unaligned_be16(len - RE_IPV4_LEN - 1, f + RE_IPV4_LEN + 4);
	err = re_wire_parse_frame(f, len, &fr);
	result("wire: a UDP length that disagrees with IP is refused", err == RE_PARSE_BAD_UDP,
	       "got %d", err);
}

/* A frame rdma_rxe sent, as hex from its IP header on (see vectors/README). */
static void test_vector(const char *path)
{
	char name[256], hex[3] = "";
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	u8 f[9000];
	u32 len = 0;
	struct re_frame fr;
	enum re_parse_err err;
	FILE *in = fopen(path, "r");
	int c, k = 0;

	snprintf(name, sizeof(name), "wire: rdma_rxe's frame %s parses with its ICRC", base);
	if (!in) {
		result(name, false, "cannot open %s", path);
		return;
	}
	while ((c = fgetc(in)) != EOF && len < sizeof(f)) {
		if (c == ' ' || c == '\n')
			continue;
		hex[k++] = c;
		if (k == 2) {
			f[len++] = strtoul(hex, NULL, 16);
			k = 0;
		}
	}
	fclose(in);
	err = re_wire_parse_frame(f, len, &fr);
	result(name, err == RE_PARSE_OK, "error %d (%u bytes, opcode 0x%02x)", err, len,
	       len > 28 ? f[28] : 0);
}

int main(int argc, char **argv)
{
	int i;

	srandom(1);
	test_round_trip();
	test_uc_opcodes();
	test_mem_placement();
	test_unknown_opcodes();
	test_truncation();
	test_pad_and_version();
	test_psn();
	test_frames();
	for (i = 1; i < argc; i++)
		test_vector(argv[i]);
	return failures ? 1 : 0;
}
