// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target for tandem_re's wire codec (rdma/re_wire.c, compiled as is
 * in user space): every byte string a peer can put on the wire goes
 * through re_wire_parse_frame(), which must refuse it or describe a frame
 * that lies inside the buffer; a frame it accepts must decode the same
 * after its headers are built again from what was decoded.
 *
 * The first input byte is a mode: with bit 0 set the target writes a valid
 * ICRC over the rest first, so that the fuzzer reaches the transport
 * headers instead of stopping at the checksum.
 *
 * Built by `make fuzz` with libFuzzer (clang), and by tests/unit/fuzz.test
 * with run-inputs.c, which replays the seed corpus and every crash ever
 * found under AddressSanitizer and UBSan.
 */
#include <stdio.h>
#include <stdlib.h>

#include "re_wire.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define FUZZ_MAX_FRAME	9216

static void die(const char *what)
{
	fprintf(stderr, "wire-fuzz: %s\n", what);
	abort();
}

/* The IP datagram's own length, where the input holds a whole one. */
static u32 ip_total_len(const u8 *l3, u32 len, bool *ipv6)
{
	u32 total;

	if (len < 1)
		return 0;
	*ipv6 = l3[0] >> 4 == 6;
	if (*ipv6)
		total = len >= 6 ? 40 + get_unaligned_be16(l3 + 4) : 0;
	else
		total = len >= 4 ? get_unaligned_be16(l3 + 2) : 0;
	return total <= len ? total : 0;
}

/* The fields a peer controls come back the same from rebuilt headers. */
static void check_round_trip(const struct re_frame *fr)
{
	const struct re_pkt *a = &fr->pkt;
	u32 len = a->hdr_len + a->payload_len + a->pad + RE_ICRC_LEN;
	struct re_pkt b;
	u8 *buf = calloc(1, len);

	if (!buf)
		die("out of memory");
	if (re_wire_build_bth(buf, a) != a->hdr_len)
		die("rebuilt headers have another length");
	if (re_wire_parse_bth(buf, len, &b) != RE_PARSE_OK)
		die("rebuilt headers do not parse");
	if (a->opcode != b.opcode || a->flags != b.flags || a->psn != b.psn ||
	    a->dqpn != b.dqpn || a->ack_req != b.ack_req || a->pkey != b.pkey ||
	    a->pad != b.pad || a->solicited != b.solicited || a->va != b.va ||
	    a->rkey != b.rkey || a->dma_len != b.dma_len ||
	    a->swap_add != b.swap_add || a->compare != b.compare ||
	    a->syndrome != b.syndrome || a->msn != b.msn || a->orig != b.orig ||
	    a->imm != b.imm || a->inv_rkey != b.inv_rkey || a->qkey != b.qkey ||
	    a->sqpn != b.sqpn || a->payload_len != b.payload_len)
		die("a field decodes differently from rebuilt headers");
	free(buf);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct re_frame fr;
	u32 len, total;
	bool ipv6;
	u8 *l3;

	if (size < 1 || size - 1 > FUZZ_MAX_FRAME)
		return 0;
	len = size - 1;
	/* Exactly the input's size: a read past it is an ASan report. */
	l3 = malloc(len ? len : 1);
	if (!l3)
		die("out of memory");
	memcpy(l3, data + 1, len);
	total = ip_total_len(l3, len, &ipv6);
	/* re_wire_put_icrc() is the TX side's: it trusts the headers exist. */
	if ((data[0] & 1) &&
	    total >= (ipv6 ? RE_IPV6_LEN : RE_IPV4_LEN) + RE_UDP_LEN +
		     RE_BTH_LEN + RE_ICRC_LEN)
		re_wire_put_icrc(l3, ipv6, total - RE_ICRC_LEN);

	if (re_wire_parse_frame(l3, len, &fr) == RE_PARSE_OK) {
		if (fr.l3 != l3 || fr.bth < l3 || fr.payload < fr.bth ||
		    fr.payload + fr.pkt.payload_len > l3 + len)
			die("an accepted frame points outside the buffer");
		check_round_trip(&fr);
	}
	/* The BTH parser alone, on any bytes. */
	re_wire_parse_bth(l3, len, &fr.pkt);
	free(l3);
	return 0;
}
