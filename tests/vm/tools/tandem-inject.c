// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem-inject - crafted RoCEv2 frames against a live RDMA device.
 *
 * "target" runs on the attacked machine, through stock libibverbs: a
 * 12 KiB buffer whose middle 4 KiB is an MR open to remote write, read and
 * atomics, with canary pages around it; RC QP A, six more RC QPs B0-B5
 * (one per attack that must kill its QP), a UD QP, and an MR of another
 * PD.  It writes their numbers and keys to a file, waits for the injector
 * to finish, then checks: the canary pages are intact, the MR holds
 * exactly what the one valid WRITE put there, A and the UD QP are still
 * ready to send, and each B QP is in the error state.
 *
 * "inject" runs on the other machine and sends, through an AF_PACKET
 * socket, RoCEv2 over IPv4 frames built here (BTH, RETH, AtomicETH, DETH,
 * FETH, ICRC): to A, a valid RDMA WRITE (the control: the builder is right
 * if it lands), a duplicate, a PSN far ahead of the window, a wrong P_Key, a UD
 * opcode; to nobody, a truncated BTH, a bad ICRC, an unknown opcode, a pad
 * count larger than the payload, transport version 1, an unknown QP; to
 * the UD QP a wrong Q_Key; to the multicast QP (0xffffff) a SEND for a
 * group no QP joined; and to B0-B7 a WRITE with an rkey that does not
 * exist, one past the MR's end, one whose RETH length wraps, one with the
 * rkey of another PD's MR, a fetch-and-add on an unaligned address, a
 * WRITE MIDDLE with no FIRST, an ATOMIC WRITE on an unaligned address and
 * a FLUSH of an MR registered without flush rights.  The caller compares the target's counters
 * before and after against what each class must move.
 *
 * usage: tandem-inject target -d DEV -g GID_INDEX -p PEER_IPV4 -o INFO -w DONE
 *        tandem-inject inject -i IFACE -m DST_MAC -s SRC_IPV4 -t DST_IPV4 -f INFO
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <infiniband/verbs.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define IB_PORT		1
#define NB		8		/* QPs B0-B7, one per fatal attack */
#define RQ_PSN		0x1000
#define PEER_QPN	0x100		/* the injector's pretend QP number */
#define QKEY		0x11111111
#define PKEY		0xffff
#define CANARY		0xa5
#define CONTROL		0x5a		/* what the valid WRITE writes */
#define CONTROL_LEN	64
#define PAGE		4096
#define ROCE_PORT	4791

/* BTH opcodes (IBTA 9.2, table 38) */
#define OP_RC_WRITE_MIDDLE	0x07
#define OP_RC_WRITE_ONLY	0x0a
#define OP_RC_SEND_ONLY		0x04
#define OP_RC_FETCH_ADD		0x14
#define OP_RC_FLUSH		0x1c
#define OP_RC_ATOMIC_WRITE	0x1d
#define OP_RESERVED		0x1f
#define OP_UD_SEND_ONLY		0x64

static int failed;

static __attribute__((format(printf, 2, 3))) void check(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	failed += !ok;
}

static __attribute__((noreturn, format(printf, 1, 2))) void die(const char *fmt, ...)
{
	va_list ap;

	fputs("FAIL: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(1);
}

/* What the target publishes for the injector. */
struct info {
	uint32_t qpn_a, qpn_b[NB], qpn_ud;
	uint32_t rkey, rkey_other;
	uint64_t addr, addr_other;
};

static void write_info(const char *path, const struct info *in)
{
	char tmp[256];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		die("write %s: %s", tmp, strerror(errno));
	fprintf(f, "%u %u %u %u %u %u %u %u %u %u %u %u %llu %llu\n", in->qpn_a, in->qpn_b[0],
		in->qpn_b[1], in->qpn_b[2], in->qpn_b[3], in->qpn_b[4], in->qpn_b[5],
		in->qpn_b[6], in->qpn_b[7], in->qpn_ud,
		in->rkey, in->rkey_other, (unsigned long long)in->addr,
		(unsigned long long)in->addr_other);
	fclose(f);
	if (rename(tmp, path))
		die("rename %s: %s", tmp, strerror(errno));
}

static void read_info(const char *path, struct info *in)
{
	unsigned long long a, b;
	FILE *f = fopen(path, "r");

	if (!f || fscanf(f, "%u %u %u %u %u %u %u %u %u %u %u %u %llu %llu", &in->qpn_a,
			 &in->qpn_b[0], &in->qpn_b[1], &in->qpn_b[2], &in->qpn_b[3], &in->qpn_b[4],
			 &in->qpn_b[5], &in->qpn_b[6], &in->qpn_b[7], &in->qpn_ud, &in->rkey,
			 &in->rkey_other, &a, &b) != 14)
		die("read the target's numbers from %s", path);
	fclose(f);
	in->addr = a;
	in->addr_other = b;
}

/* ---- target ---- */

static struct ibv_context *open_device(const char *dev)
{
	struct ibv_device **list = ibv_get_device_list(NULL);
	struct ibv_context *ctx = NULL;

	for (int i = 0; list && list[i] && !ctx; i++)
		if (!strcmp(ibv_get_device_name(list[i]), dev))
			ctx = ibv_open_device(list[i]);
	if (list)
		ibv_free_device_list(list);
	if (!ctx)
		die("open %s", dev);
	return ctx;
}

static struct ibv_qp *make_qp(struct ibv_pd *pd, struct ibv_cq *cq, enum ibv_qp_type type,
			      int gid_index, uint32_t peer_ip)
{
	struct ibv_qp_init_attr init = {
		.send_cq = cq, .recv_cq = cq, .qp_type = type,
		.cap = { .max_send_wr = 4, .max_recv_wr = 16, .max_send_sge = 1,
			 .max_recv_sge = 1 },
	};
	struct ibv_qp_attr a = { .qp_state = IBV_QPS_INIT, .port_num = IB_PORT, .qkey = QKEY,
				 .qp_access_flags = IBV_ACCESS_REMOTE_WRITE |
						    IBV_ACCESS_REMOTE_READ |
						    IBV_ACCESS_REMOTE_ATOMIC };
	bool rc = type == IBV_QPT_RC;
	struct ibv_qp *qp = ibv_create_qp(pd, &init);

	if (!qp || ibv_modify_qp(qp, &a, IBV_QP_STATE | IBV_QP_PKEY_INDEX | IBV_QP_PORT |
				 (rc ? IBV_QP_ACCESS_FLAGS : IBV_QP_QKEY)))
		die("create a QP and move it to INIT: %s", strerror(errno));
	memset(&a, 0, sizeof(a));
	a.qp_state = IBV_QPS_RTR;
	if (rc) {
		a.path_mtu = IBV_MTU_1024;
		a.dest_qp_num = PEER_QPN;
		a.rq_psn = RQ_PSN;
		a.max_dest_rd_atomic = 4;
		a.min_rnr_timer = 12;
		a.ah_attr.is_global = 1;
		a.ah_attr.port_num = IB_PORT;
		a.ah_attr.grh.hop_limit = 64;
		a.ah_attr.grh.sgid_index = gid_index;
		a.ah_attr.grh.dgid.raw[10] = 0xff;
		a.ah_attr.grh.dgid.raw[11] = 0xff;
		memcpy(&a.ah_attr.grh.dgid.raw[12], &peer_ip, 4);
	}
	if (ibv_modify_qp(qp, &a, rc ? IBV_QP_STATE | IBV_QP_AV | IBV_QP_PATH_MTU |
			  IBV_QP_DEST_QPN | IBV_QP_RQ_PSN | IBV_QP_MAX_DEST_RD_ATOMIC |
			  IBV_QP_MIN_RNR_TIMER : IBV_QP_STATE))
		die("QP to RTR: %s", strerror(errno));
	memset(&a, 0, sizeof(a));
	a.qp_state = IBV_QPS_RTS;
	a.timeout = 14;
	a.retry_cnt = 7;
	a.rnr_retry = 7;
	a.max_rd_atomic = 1;
	if (ibv_modify_qp(qp, &a, rc ? IBV_QP_STATE | IBV_QP_TIMEOUT | IBV_QP_RETRY_CNT |
			  IBV_QP_RNR_RETRY | IBV_QP_SQ_PSN | IBV_QP_MAX_QP_RD_ATOMIC :
			  IBV_QP_STATE | IBV_QP_SQ_PSN))
		die("QP to RTS: %s", strerror(errno));
	return qp;
}

static enum ibv_qp_state qp_state(struct ibv_qp *qp)
{
	struct ibv_qp_init_attr init;
	struct ibv_qp_attr attr;

	if (ibv_query_qp(qp, &attr, IBV_QP_STATE, &init))
		die("query QP %u: %s", qp->qp_num, strerror(errno));
	return attr.qp_state;
}

static long first_not(const uint8_t *p, size_t n, uint8_t want)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != want)
			return (long)i;
	return -1;
}

static int target(const char *dev, int gid_index, uint32_t peer_ip, const char *info_path,
		  const char *done_path)
{
	struct ibv_context *ctx = open_device(dev);
	struct ibv_pd *pd = ibv_alloc_pd(ctx), *pd_other = ibv_alloc_pd(ctx);
	struct ibv_cq *cq = ibv_create_cq(ctx, 256, NULL, NULL, 0);
	uint8_t *buf = aligned_alloc(PAGE, 3 * PAGE), *other = aligned_alloc(PAGE, PAGE);
	struct ibv_qp *a, *b[NB], *ud;
	struct ibv_mr *mr, *mr_other, *mr_recv;
	struct info in;
	struct stat st;
	double waited = 0;
	long bad;

	if (!pd || !pd_other || !cq || !buf || !other)
		die("set up PDs, CQ and buffers: %s", strerror(errno));
	memset(buf, CANARY, 3 * PAGE);
	memset(buf + PAGE, 0, PAGE);
	memset(other, 0, PAGE);
	mr = ibv_reg_mr(pd, buf + PAGE, PAGE, IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE |
			IBV_ACCESS_REMOTE_READ | IBV_ACCESS_REMOTE_ATOMIC);
	mr_other = ibv_reg_mr(pd_other, other, PAGE, IBV_ACCESS_LOCAL_WRITE |
			      IBV_ACCESS_REMOTE_WRITE);
	/* Receives land in a buffer of their own, never in the MR under attack. */
	mr_recv = ibv_reg_mr(pd, aligned_alloc(PAGE, PAGE), PAGE, IBV_ACCESS_LOCAL_WRITE);
	if (!mr || !mr_other || !mr_recv)
		die("register MRs: %s", strerror(errno));
	a = make_qp(pd, cq, IBV_QPT_RC, gid_index, peer_ip);
	for (int i = 0; i < NB; i++)
		b[i] = make_qp(pd, cq, IBV_QPT_RC, gid_index, peer_ip);
	ud = make_qp(pd, cq, IBV_QPT_UD, gid_index, peer_ip);
	for (int i = 0; i < 8; i++) {
		struct ibv_sge s = { (uintptr_t)mr_recv->addr, PAGE, mr_recv->lkey };
		struct ibv_recv_wr wr = { .sg_list = &s, .num_sge = 1 }, *badwr;

		if (ibv_post_recv(a, &wr, &badwr) || ibv_post_recv(ud, &wr, &badwr))
			die("post receives: %s", strerror(errno));
	}

	in.qpn_a = a->qp_num;
	for (int i = 0; i < NB; i++)
		in.qpn_b[i] = b[i]->qp_num;
	in.qpn_ud = ud->qp_num;
	in.rkey = mr->rkey;
	in.addr = (uintptr_t)mr->addr;
	in.rkey_other = mr_other->rkey;
	in.addr_other = (uintptr_t)other;
	write_info(info_path, &in);
	printf("target: A %u, B %u-%u, UD %u, rkey %#x\n", in.qpn_a, in.qpn_b[0],
	       in.qpn_b[NB - 1], in.qpn_ud, in.rkey);
	fflush(stdout);

	while (stat(done_path, &st)) {
		struct timespec ts = { 0, 200000000 };

		nanosleep(&ts, NULL);
		waited += 0.2;
		if (waited > 120)
			die("the injector never finished (%s)", done_path);
	}

	bad = first_not(buf, PAGE, CANARY);
	check(bad < 0, "the canary page before the MR is intact (first change at %ld)", bad);
	bad = first_not(buf + 2 * PAGE, PAGE, CANARY);
	check(bad < 0, "the canary page after the MR is intact (first change at %ld)", bad);
	bad = first_not(buf + PAGE, CONTROL_LEN, CONTROL);
	check(bad < 0, "the valid WRITE landed in the MR (first wrong byte at %ld)", bad);
	bad = first_not(buf + PAGE + CONTROL_LEN, PAGE - CONTROL_LEN, 0);
	check(bad < 0, "nothing else changed in the MR (first change at offset %ld)",
	      bad < 0 ? bad : bad + CONTROL_LEN);
	bad = first_not(other, PAGE, 0);
	check(bad < 0, "the other PD's MR is untouched (first change at %ld)", bad);
	check(qp_state(a) == IBV_QPS_RTS, "QP A kept its connection (state %d)", qp_state(a));
	check(qp_state(ud) == IBV_QPS_RTS, "the UD QP is still ready (state %d)", qp_state(ud));
	for (int i = 0; i < NB; i++)
		check(qp_state(b[i]) == IBV_QPS_ERR, "QP B%d was moved to the error state (state %d)",
		      i, qp_state(b[i]));
	return failed ? 1 : 0;
}

/* ---- inject ---- */

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return crc;
}

/*
 * The ICRC (IBTA A17.3.3): CRC-32 over 8 bytes of ones (the LRH RoCEv2
 * lacks), then IPv4, UDP and BTH with the fields routers change set to
 * ones, then the rest; stored least significant byte first.
 */
static uint32_t icrc(const uint8_t *ip, size_t len)
{
	uint8_t masked[20 + 8 + 12], ones[8];
	uint32_t crc = 0xffffffff;

	memset(ones, 0xff, sizeof(ones));
	memcpy(masked, ip, sizeof(masked));
	masked[1] = 0xff;			/* TOS */
	masked[8] = 0xff;			/* TTL */
	masked[10] = masked[11] = 0xff;		/* header checksum */
	masked[26] = masked[27] = 0xff;		/* UDP checksum */
	masked[32] = 0xff;			/* BTH: FECN, BECN, reserved */
	crc = crc32_update(crc, ones, sizeof(ones));
	crc = crc32_update(crc, masked, sizeof(masked));
	crc = crc32_update(crc, ip + sizeof(masked), len - sizeof(masked));
	return ~crc;
}

static uint16_t ip_checksum(const uint8_t *h)
{
	uint32_t sum = 0;

	for (int i = 0; i < 20; i += 2)
		sum += (uint32_t)h[i] << 8 | h[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void be16(uint8_t *p, uint32_t v) { p[0] = v >> 8; p[1] = v; }
static void be24(uint8_t *p, uint32_t v) { p[0] = v >> 16; p[1] = v >> 8; p[2] = v; }
static void be32(uint8_t *p, uint32_t v) { be16(p, v >> 16); be16(p + 2, v); }
static void be64(uint8_t *p, uint64_t v) { be32(p, v >> 32); be32(p + 4, v); }

struct wire {
	int fd;
	struct sockaddr_ll to;
	uint8_t src_mac[6], dst_mac[6];
	uint32_t src_ip, dst_ip;	/* network order */
};

/* One RoCEv2 frame to be built: the BTH fields and what follows it. */
struct pkt {
	uint8_t opcode, pad, tver;
	uint16_t pkey;
	uint32_t dqpn, psn;
	uint8_t ext[28];		/* RETH, AtomicETH, FETH+RETH or DETH */
	size_t ext_len, payload_len;
	bool bad_icrc;
	bool pad_missing;		/* the BTH counts pad bytes the frame lacks */
	size_t cut;			/* > 0: send only this much from the IP header on */
};

static void send_pkt(struct wire *w, const struct pkt *p, const char *what)
{
	uint8_t f[2048] = { 0 };
	uint8_t *ip = f + 14, *udp = ip + 20, *bth = udp + 8, *q = bth + 12;
	size_t l4, ip_len, len;
	uint32_t crc;

	memcpy(f, w->dst_mac, 6);
	memcpy(f + 6, w->src_mac, 6);
	be16(f + 12, ETHERTYPE_IP);
	bth[0] = p->opcode;
	bth[1] = (p->pad & 3) << 4 | (p->tver & 0xf);
	be16(bth + 2, p->pkey);
	be24(bth + 5, p->dqpn);
	bth[8] = 0x80;			/* AckReq */
	be24(bth + 9, p->psn);
	memcpy(q, p->ext, p->ext_len);
	q += p->ext_len;
	memset(q, CONTROL, p->payload_len);
	q += p->payload_len + (p->pad_missing ? 0 : p->pad);
	ip_len = q + 4 - ip;
	if (p->cut)
		ip_len = p->cut;
	l4 = ip_len - 20;
	ip[0] = 0x45;
	be16(ip + 2, ip_len);
	be16(ip + 6, 0x4000);		/* DF */
	ip[8] = 64;
	ip[9] = 17;			/* UDP */
	memcpy(ip + 12, &w->src_ip, 4);
	memcpy(ip + 16, &w->dst_ip, 4);
	be16(ip + 10, ip_checksum(ip));
	be16(udp, 0xc000 | (p->dqpn & 0x3fff));
	be16(udp + 2, ROCE_PORT);
	be16(udp + 4, l4);
	if (!p->cut) {
		crc = icrc(ip, ip_len - 4) ^ (p->bad_icrc ? 0x1 : 0);
		for (int i = 0; i < 4; i++)
			ip[ip_len - 4 + i] = crc >> (8 * i);
	}
	len = 14 + ip_len;
	if (len < 60)
		len = 60;
	if (sendto(w->fd, f, len, 0, (struct sockaddr *)&w->to, sizeof(w->to)) != (ssize_t)len)
		die("send %s: %s", what, strerror(errno));
	printf("sent: %s\n", what);
	fflush(stdout);
	usleep(100000);
}

static void reth(struct pkt *p, uint64_t va, uint32_t rkey, uint32_t len)
{
	be64(p->ext, va);
	be32(p->ext + 8, rkey);
	be32(p->ext + 12, len);
	p->ext_len = 16;
}

static struct pkt write_only(uint32_t dqpn, uint64_t va, uint32_t rkey, uint32_t len)
{
	struct pkt p = { .opcode = OP_RC_WRITE_ONLY, .pkey = PKEY, .dqpn = dqpn, .psn = RQ_PSN,
			 .payload_len = len };

	reth(&p, va, rkey, len);
	return p;
}

static void parse_mac(const char *s, uint8_t *mac)
{
	if (sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1], &mac[2], &mac[3],
		   &mac[4], &mac[5]) != 6)
		die("not a MAC address: %s", s);
}

static int inject(const char *ifname, const char *dst_mac, const char *src, const char *dst,
		  const char *info_path)
{
	struct wire w = { 0 };
	struct info in;
	struct pkt p;
	char path[128];
	FILE *f;

	read_info(info_path, &in);
	parse_mac(dst_mac, w.dst_mac);
	snprintf(path, sizeof(path), "/sys/class/net/%s/address", ifname);
	f = fopen(path, "r");
	if (!f || fscanf(f, "%17s", path) != 1)
		die("read %s's MAC address", ifname);
	fclose(f);
	parse_mac(path, w.src_mac);
	if (inet_pton(AF_INET, src, &w.src_ip) != 1 || inet_pton(AF_INET, dst, &w.dst_ip) != 1)
		die("bad IPv4 address");
	w.fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (w.fd < 0)
		die("AF_PACKET socket: %s", strerror(errno));
	w.to.sll_family = AF_PACKET;
	w.to.sll_ifindex = if_nametoindex(ifname);
	w.to.sll_halen = 6;
	memcpy(w.to.sll_addr, w.dst_mac, 6);

	/* QP A: the control first; then what A must shrug off. */
	p = write_only(in.qpn_a, in.addr, in.rkey, CONTROL_LEN);
	send_pkt(&w, &p, "A: valid RDMA WRITE ONLY (control)");
	p.psn = RQ_PSN - 16;
	send_pkt(&w, &p, "A: duplicate PSN");
	p.psn = RQ_PSN + 1 + 0x400000;
	p.payload_len = 8;
	reth(&p, in.addr + 2048, in.rkey, 8);
	send_pkt(&w, &p, "A: PSN far ahead of the window");
	p = write_only(in.qpn_a, in.addr + 1024, in.rkey, 8);
	p.psn = RQ_PSN + 1;
	p.pkey = 0x7ffe;
	send_pkt(&w, &p, "A: wrong P_Key");
	p = (struct pkt){ .opcode = OP_UD_SEND_ONLY, .pkey = PKEY, .dqpn = in.qpn_a,
			  .psn = RQ_PSN + 1, .payload_len = 8, .ext_len = 8 };
	be32(p.ext, QKEY);
	be24(p.ext + 5, PEER_QPN);
	send_pkt(&w, &p, "A: UD opcode to an RC QP");

	/* Malformed: to A's number, so only the parser stands in the way. */
	p = write_only(in.qpn_a, in.addr + 1024, in.rkey, 8);
	p.psn = RQ_PSN + 1;
	p.cut = 20 + 8 + 6;
	send_pkt(&w, &p, "truncated BTH");
	p.cut = 0;
	p.bad_icrc = true;
	send_pkt(&w, &p, "bad ICRC");
	p.bad_icrc = false;
	p.opcode = OP_RESERVED;
	send_pkt(&w, &p, "reserved opcode 0x1f");
	p = (struct pkt){ .opcode = OP_RC_SEND_ONLY, .pkey = PKEY, .dqpn = in.qpn_a,
			  .psn = RQ_PSN + 1, .pad = 3, .pad_missing = true };
	send_pkt(&w, &p, "pad count 3 with no byte after the BTH");
	p = write_only(in.qpn_a, in.addr + 1024, in.rkey, 8);
	p.psn = RQ_PSN + 1;
	p.tver = 1;
	send_pkt(&w, &p, "transport version 1");
	p = write_only(0xfffff0, in.addr + 1024, in.rkey, 8);
	send_pkt(&w, &p, "unknown destination QP 0xfffff0");
	p = (struct pkt){ .opcode = OP_UD_SEND_ONLY, .pkey = PKEY, .dqpn = in.qpn_ud,
			  .psn = 0, .payload_len = 8, .ext_len = 8 };
	be32(p.ext, QKEY ^ 1);
	be24(p.ext + 5, PEER_QPN);
	send_pkt(&w, &p, "UD: wrong Q_Key");
	p.dqpn = 0xffffff;
	be32(p.ext, QKEY);
	send_pkt(&w, &p, "UD: to the multicast QP, for a group no QP joined");

	/* Each of these must NAK and end its own QP. */
	p = write_only(in.qpn_b[0], in.addr, in.rkey ^ 0xffff00, 8);
	send_pkt(&w, &p, "B0: rkey that does not exist");
	p = write_only(in.qpn_b[1], in.addr + PAGE - 32, in.rkey, 64);
	send_pkt(&w, &p, "B1: WRITE running 32 bytes past the MR");
	p = write_only(in.qpn_b[2], in.addr + 64, in.rkey, 8);
	reth(&p, in.addr + 64, in.rkey, 0xfffffff8);
	send_pkt(&w, &p, "B2: RETH length 0xfffffff8 with 8 bytes of payload");
	p = write_only(in.qpn_b[3], in.addr_other, in.rkey_other, 8);
	send_pkt(&w, &p, "B3: rkey of an MR in another PD");
	p = (struct pkt){ .opcode = OP_RC_FETCH_ADD, .pkey = PKEY, .dqpn = in.qpn_b[4],
			  .psn = RQ_PSN, .ext_len = 28 };
	be64(p.ext, in.addr + 4);
	be32(p.ext + 8, in.rkey);
	be64(p.ext + 12, 1);
	send_pkt(&w, &p, "B4: fetch-and-add on an unaligned address");
	p = write_only(in.qpn_b[5], in.addr + 512, in.rkey, 1024);
	p.opcode = OP_RC_WRITE_MIDDLE;
	p.ext_len = 0;
	send_pkt(&w, &p, "B5: WRITE MIDDLE with no FIRST");
	p = write_only(in.qpn_b[6], in.addr + 1024 + 4, in.rkey, 8);
	p.opcode = OP_RC_ATOMIC_WRITE;
	send_pkt(&w, &p, "B6: ATOMIC WRITE on an unaligned address");
	p = (struct pkt){ .opcode = OP_RC_FLUSH, .pkey = PKEY, .dqpn = in.qpn_b[7],
			  .psn = RQ_PSN, .ext_len = 20 };
	p.ext[3] = 0x01;		/* FETH: global visibility, of a range */
	be64(p.ext + 4, in.addr);
	be32(p.ext + 12, in.rkey);
	be32(p.ext + 16, CONTROL_LEN);
	send_pkt(&w, &p, "B7: FLUSH of an MR without flush rights");
	return 0;
}

int main(int argc, char **argv)
{
	const char *dev = NULL, *info = NULL, *done = NULL, *ifname = NULL, *mac = NULL;
	const char *src = NULL, *dst = NULL;
	uint32_t peer_ip = 0;
	int gid_index = -1, opt;
	bool is_target;

	if (argc < 2)
		goto usage;
	is_target = !strcmp(argv[1], "target");
	if (!is_target && strcmp(argv[1], "inject"))
		goto usage;
	optind = 2;
	while ((opt = getopt(argc, argv, "d:g:p:o:w:i:m:s:t:f:")) != -1) {
		switch (opt) {
		case 'd': dev = optarg; break;
		case 'g': gid_index = atoi(optarg); break;
		case 'p':
			if (inet_pton(AF_INET, optarg, &peer_ip) != 1)
				goto usage;
			break;
		case 'o': case 'f': info = optarg; break;
		case 'w': done = optarg; break;
		case 'i': ifname = optarg; break;
		case 'm': mac = optarg; break;
		case 's': src = optarg; break;
		case 't': dst = optarg; break;
		default: goto usage;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (is_target && dev && gid_index >= 0 && peer_ip && info && done)
		return target(dev, gid_index, peer_ip, info, done);
	if (!is_target && ifname && mac && src && dst && info)
		return inject(ifname, mac, src, dst, info);
usage:
	fprintf(stderr, "usage: tandem-inject target -d DEV -g GID_INDEX -p PEER_IPV4 -o INFO -w DONE\n"
		"       tandem-inject inject -i IFACE -m DST_MAC -s SRC_IPV4 -t DST_IPV4 -f INFO\n");
	return 2;
}
