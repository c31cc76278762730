// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem-verbs-check - two-machine RC verbs check for an RDMA driver.
 *
 * One copy runs as "server", the other as "client" on a second machine.  They
 * meet over RoCEv2 (IPv4 GIDs, port 1, path MTU 1024) and trade QP numbers,
 * PSNs, GIDs and the server's MR over a TCP socket that also serves as the
 * barrier between steps.  The checks, in order:
 *
 *  1. valid write: an RDMA WRITE inside the MR lands exactly where aimed.
 *  2. bad rkey: a WRITE with an rkey that does not exist is refused.
 *  3. out of bounds write: a WRITE straddling the MR's end is refused as a
 *     whole; neither the MR nor the canary behind it changes.
 *  4. read beyond mr: a READ straddling the MR's end is refused and leaves
 *     the reader's buffer alone.
 *  5. memory window: the server binds a type 2 window over part of its MR
 *     (IBV_WR_BIND_MW) and cannot deregister the MR while it is bound; a
 *     WRITE through the window's rkey lands, one that runs past the window
 *     (still inside the MR) is refused and changes nothing.
 *  6. cq resize: a send CQ grown, then shrunk with completions pending,
 *     loses none of them, keeps their order, and its bigger ring works.
 *  7. srq resize: an SRQ grown with ibv_modify_srq holds more receives than
 *     it was created with, and every message lands intact and in order.
 *  8. memory placement: an ATOMIC WRITE's 8 bytes land at an aligned address
 *     of a fresh MR and nowhere else, and a FLUSH of that range completes:
 *     what both devices report (the ATOMIC_WRITE and FLUSH_GLOBAL
 *     capabilities), this rdma-core names (HAVE_IBV_WR_ATOMIC_WRITE,
 *     HAVE_IBV_WR_FLUSH, from the build) and, for FLUSH, the server's kernel
 *     lets an MR have (6.2 on); a case neither side can run is a "skip:".
 *
 *  9. on-demand paging: the server registers an ODP MR over two pages it
 *     never touched; the client's WRITE across both lands (the pages fault
 *     in).  The server then maps fresh pages over the range, with new
 *     contents: the client's READ returns those, not the pages the MR had
 *     (the MR let them go).  Last the server unmaps the range: a READ is
 *     refused (remote access error), and the MR deregisters.  Run when the
 *     server's device offers ODP for RC WRITE and READ.
 *
 * Cases 2-5 are the driver's memory-protection promises: a bug there lets a
 * peer write or read memory it was never given.  Cases 6-7 exercise queue
 * resizing, where copying a live ring is easy to get wrong.
 *
 * rdma_rxe of 7.2 computes the ICRC of its FLUSH packets its own way:
 * tandem_re finds every one bad, and rdma_rxe drops tandem_re's (whose ICRC
 * is IBTA's).  Told -F (the peer is rdma_rxe), case 8 leaves FLUSH out and
 * says so in a "known:" line.
 *
 * Told -U, the server is rdma_rxe, and two of its defects (up to 7.2 at
 * least; it shows both against itself too) become "known:" lines, which the
 * bench reports as skipped checks:
 *  - it checks a window's rkey against the MR's bounds, not the window's:
 *    the overrun of case 5 lands, and the server checks only what lies
 *    outside it;
 *  - a multi-packet WRITE into ODP pages never touched places only its
 *    first packet, though it completes: case 9's first check.
 *
 * A refused access moves the QPs to the error state, so each case runs on a
 * fresh QP pair.  Every step prints "ok: ..." or "FAIL: ...: ..."; the exit
 * code is 0 only if all checks passed.  Every wait has a deadline.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <infiniband/verbs.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define IB_PORT			1
#define DEFAULT_TCP_PORT	18515
#define CQ_TIMEOUT_S		10
#define SOCK_TIMEOUT_S		30
#define ACCEPT_TIMEOUT_S	60
#define CONNECT_TIMEOUT_S	10

#define TARGET_SIZE		8192	/* server buffer: the MR, then canary */
#define TARGET_MR_SIZE		4096	/* only this much is registered */
#define CANARY			0xa5
#define READ_FILL		0x3c
#define XFER_LEN		256
#define VALID_OFFSET		1024
#define EDGE_OFFSET		(TARGET_MR_SIZE - 64)	/* 64 bytes in, 192 beyond */
#define BAD_RKEY_XOR		0x00ffff00
#define MW_OFFSET		2048	/* the window: XFER_LEN bytes from here */
#define MW_OVERRUN		64	/* the refused WRITE ends this far past it */

#define CHUNK_LEN		64	/* cq resize: one WRITE... */
#define CHUNK_SLOTS		32	/* ...into one of 32 target slots */
#define CHUNK_WRITES		64
#define CHUNK_BATCH		32

#define SRQ_INITIAL_WR		4
#define SRQ_GROWN_WR		128
#define SRQ_MSGS		64
#define SRQ_MSG_LEN		128
#define SEND_WINDOW		16

/* What the sides trade per case: network byte order on the wire. */
struct wire_info {
	uint32_t qpn;
	uint32_t psn;
	uint8_t gid[16];
	uint64_t addr;
	uint32_t rkey;
	uint32_t len;
};
_Static_assert(sizeof(struct wire_info) == 40, "wire_info must have no padding");

struct tandem {
	bool server;
	int sock;
	int gid_index;
	struct ibv_context *dev;
	struct ibv_pd *pd;
	union ibv_gid gid;
	/* Server only: the client's target, and its contents after case 1. */
	uint8_t *target;
	struct ibv_mr *target_mr;
	uint8_t snapshot[TARGET_SIZE];
	/* -U: the server is rdma_rxe, with the defects described at the top. */
	bool rxe_server;
	/* -F: the peer is rdma_rxe, whose FLUSH frames other stacks refuse. */
	bool rxe_peer;
	/* Case 8: the QP's extra rights (server), its extended ops (client). */
	unsigned int extra_access;
	uint64_t send_ops;
};

/* One connected RC QP with its own CQs; it lives for exactly one case. */
struct link {
	const char *name;
	struct ibv_cq *send_cq;
	struct ibv_cq *recv_cq;
	struct ibv_qp *qp;
	uint32_t psn;
	struct wire_info peer;	/* host byte order */
};

struct local_buf {
	uint8_t *data;
	struct ibv_mr *mr;
};

static int checks_run, checks_failed;

static void say(const char *tag, const char *what, const char *fmt, va_list ap)
{
	printf("%s: %s", tag, what);
	if (fmt) {
		fputs(": ", stdout);
		vprintf(fmt, ap);
	}
	putchar('\n');
}

/* Counts one check and prints it; the details are shown only on failure. */
static __attribute__((format(printf, 3, 4))) bool
report(bool ok, const char *what, const char *fmt, ...)
{
	va_list ap;

	checks_run++;
	checks_failed += !ok;
	va_start(ap, fmt);
	say(ok ? "ok" : "FAIL", what, ok ? NULL : fmt, ap);
	va_end(ap);
	return ok;
}

static __attribute__((format(printf, 1, 2))) bool pass(const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return report(true, what, "-");
}

/* For failures after which the two sides cannot stay in step. */
static __attribute__((noreturn, format(printf, 2, 3))) void
die(const char *what, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("FAIL", what, fmt, ap);
	va_end(ap);
	exit(1);
}

/* Verbs calls return a positive errno, a negative one, or -1 with errno set. */
static int verbs_errno(int ret)
{
	return ret == -1 ? errno : ret < 0 ? -ret : ret;
}

static const char *verbs_err(int ret)
{
	return strerror(verbs_errno(ret));
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Offset of the first byte in [from, to) that is not @want, or -1. */
static long first_byte_not(const uint8_t *p, size_t from, size_t to, uint8_t want)
{
	for (size_t i = from; i < to; i++)
		if (p[i] != want)
			return (long)i;
	return -1;
}

/*
 * Collects up to @n completions but gives up after CQ_TIMEOUT_S: a lost
 * completion must become a FAIL line, never a hang.  Returns how many came.
 */
static int wait_completions(struct ibv_cq *cq, struct ibv_wc *wc, int n)
{
	const struct timespec nap = { .tv_nsec = 100 * 1000 };
	double deadline = now_s() + CQ_TIMEOUT_S;
	int got = 0, r;

	while (got < n && now_s() < deadline) {
		r = ibv_poll_cq(cq, n - got, wc + got);
		if (r < 0)
			break;
		got += r;
		if (!r)
			nanosleep(&nap, NULL);
	}
	return got;
}

/* ---- TCP side channel ---- */

static void sock_xfer(struct tandem *t, void *buf, size_t len, bool sending)
{
	uint8_t *p = buf;
	ssize_t n;

	while (len) {
		/* MSG_NOSIGNAL: a vanished peer must give a FAIL line, not SIGPIPE. */
		n = sending ? send(t->sock, p, len, MSG_NOSIGNAL) : recv(t->sock, p, len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			die("socket", "peer closed the connection");
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			die("socket", "peer silent for %d s", SOCK_TIMEOUT_S);
		if (n < 0)
			die("socket", "%s: %s", sending ? "send" : "recv", strerror(errno));
		p += n;
		len -= n;
	}
}

/* Barrier that also carries one yes/no answer each way. */
static bool exchange_flag(struct tandem *t, bool mine)
{
	uint8_t out = mine, in;

	sock_xfer(t, &out, 1, true);
	sock_xfer(t, &in, 1, false);
	return in != 0;
}

static void set_sock_timeout(int fd, int opt, int seconds)
{
	struct timeval tv = { .tv_sec = seconds };

	if (setsockopt(fd, SOL_SOCKET, opt, &tv, sizeof(tv)))
		die("socket", "setsockopt: %s", strerror(errno));
}

static int tune_peer_socket(int fd)
{
	int one = 1;

	/* Barriers are single bytes; Nagle would only delay them. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	set_sock_timeout(fd, SO_RCVTIMEO, SOCK_TIMEOUT_S);
	set_sock_timeout(fd, SO_SNDTIMEO, SOCK_TIMEOUT_S);
	return fd;
}

static int accept_client(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	int one = 1, lfd, fd;

	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0)
		die("socket", "socket: %s", strerror(errno));
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) || listen(lfd, 1))
		die("socket", "listen on tcp port %d: %s", port, strerror(errno));
	/* On Linux SO_RCVTIMEO bounds accept() too: no client, no hang. */
	set_sock_timeout(lfd, SO_RCVTIMEO, ACCEPT_TIMEOUT_S);
	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		die("socket", "no client within %d s: %s", ACCEPT_TIMEOUT_S, strerror(errno));
	close(lfd);
	pass("socket: client connected to tcp port %d", port);
	return tune_peer_socket(fd);
}

static int connect_server(const char *ip, int port)
{
	const struct timespec pause = { .tv_nsec = 200 * 1000 * 1000 };
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	double deadline = now_s() + CONNECT_TIMEOUT_S;
	int fd, err;

	if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1)
		die("usage", "'%s' is not an IPv4 address", ip);
	/* The server may not be listening yet: retry until the deadline. */
	for (;;) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			die("socket", "socket: %s", strerror(errno));
		/* SO_SNDTIMEO bounds connect(): a try costs a second, not minutes. */
		set_sock_timeout(fd, SO_SNDTIMEO, 1);
		if (!connect(fd, (struct sockaddr *)&sa, sizeof(sa)))
			break;
		err = errno;
		close(fd);
		if (now_s() >= deadline)
			die("socket", "cannot reach %s:%d within %d s: %s", ip, port,
			    CONNECT_TIMEOUT_S, strerror(err));
		nanosleep(&pause, NULL);
	}
	pass("socket: connected to %s:%d", ip, port);
	return tune_peer_socket(fd);
}

/* ---- verbs plumbing ---- */

static void open_verbs(struct tandem *t, const char *name)
{
	char gid_text[INET6_ADDRSTRLEN];
	struct ibv_device **list;
	bool found = false;
	int i, n, ret;

	list = ibv_get_device_list(&n);
	if (!list)
		die("open device", "ibv_get_device_list: %s", strerror(errno));
	for (i = 0; i < n && !found; i++) {
		found = !strcmp(ibv_get_device_name(list[i]), name);
		if (found)
			t->dev = ibv_open_device(list[i]);
	}
	ibv_free_device_list(list);
	if (!t->dev)
		die("open device", "%s: %s", name, found ? strerror(errno) : "no such device");
	t->pd = ibv_alloc_pd(t->dev);
	if (!t->pd)
		die("open device", "ibv_alloc_pd: %s", strerror(errno));
	pass("open device %s, alloc pd", name);

	ret = ibv_query_gid(t->dev, IB_PORT, t->gid_index, &t->gid);
	if (ret)
		die("query gid", "index %d: %s", t->gid_index, verbs_err(ret));
	/* An all-zero GID means the index holds no address: nothing to route. */
	if (first_byte_not(t->gid.raw, 0, sizeof(t->gid.raw), 0) < 0)
		die("query gid", "index %d is empty", t->gid_index);
	inet_ntop(AF_INET6, t->gid.raw, gid_text, sizeof(gid_text));
	pass("query gid index %d: %s", t->gid_index, gid_text);
}

static void *alloc_pages(size_t len, uint8_t fill)
{
	void *p;

	if (posix_memalign(&p, 4096, len))
		die("alloc", "%zu bytes", len);
	return memset(p, fill, len);
}

static void local_buf_alloc(struct tandem *t, struct local_buf *b, size_t len, uint8_t fill)
{
	b->data = alloc_pages(len, fill);
	b->mr = ibv_reg_mr(t->pd, b->data, len, IBV_ACCESS_LOCAL_WRITE);
	if (!b->mr)
		die("register local mr", "ibv_reg_mr(%zu): %s", len, strerror(errno));
}

static void local_buf_free(struct local_buf *b)
{
	ibv_dereg_mr(b->mr);
	free(b->data);
}

static void exchange_info(struct tandem *t, struct link *l)
{
	struct wire_info out = { 0 }, in;

	out.qpn = htonl(l->qp->qp_num);
	out.psn = htonl(l->psn);
	memcpy(out.gid, t->gid.raw, sizeof(out.gid));
	if (t->target_mr) {
		out.addr = htobe64((uintptr_t)t->target);
		out.rkey = htonl(t->target_mr->rkey);
		out.len = htonl(TARGET_MR_SIZE);
	}
	sock_xfer(t, &out, sizeof(out), true);
	sock_xfer(t, &in, sizeof(in), false);

	l->peer = in;
	l->peer.qpn = ntohl(in.qpn);
	l->peer.psn = ntohl(in.psn);
	l->peer.addr = be64toh(in.addr);
	l->peer.rkey = ntohl(in.rkey);
	l->peer.len = ntohl(in.len);
}

static void modify_qp_or_die(struct link *l, struct ibv_qp_attr *a, int mask, const char *state)
{
	int ret = ibv_modify_qp(l->qp, a, mask);

	if (ret)
		die(l->name, "modify qp to %s: %s", state, verbs_err(ret));
}

/* INIT -> RTR -> RTS towards the peer's QP, over RoCEv2 (so always a GRH). */
static void qp_connect(struct tandem *t, struct link *l)
{
	struct ibv_qp_attr init = {
		.qp_state = IBV_QPS_INIT,
		.port_num = IB_PORT,
		.qp_access_flags = IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE |
				   IBV_ACCESS_REMOTE_READ | t->extra_access,
	};
	struct ibv_qp_attr rtr = {
		.qp_state = IBV_QPS_RTR,
		.path_mtu = IBV_MTU_1024,
		.max_dest_rd_atomic = 1,
		.min_rnr_timer = 12,
		.ah_attr = {
			.is_global = 1,
			.port_num = IB_PORT,
			.grh = { .sgid_index = t->gid_index, .hop_limit = 64 },
		},
	};
	struct ibv_qp_attr rts = {
		.qp_state = IBV_QPS_RTS,
		.timeout = 14,
		.retry_cnt = 7,
		.rnr_retry = 7,
		.max_rd_atomic = 1,
	};

	modify_qp_or_die(l, &init, IBV_QP_STATE | IBV_QP_PKEY_INDEX | IBV_QP_PORT |
			 IBV_QP_ACCESS_FLAGS, "INIT");
	exchange_info(t, l);
	rtr.dest_qp_num = l->peer.qpn;
	rtr.rq_psn = l->peer.psn;
	memcpy(rtr.ah_attr.grh.dgid.raw, l->peer.gid, sizeof(l->peer.gid));
	modify_qp_or_die(l, &rtr, IBV_QP_STATE | IBV_QP_AV | IBV_QP_PATH_MTU |
			 IBV_QP_DEST_QPN | IBV_QP_RQ_PSN | IBV_QP_MAX_DEST_RD_ATOMIC |
			 IBV_QP_MIN_RNR_TIMER, "RTR");
	rts.sq_psn = l->psn;
	modify_qp_or_die(l, &rts, IBV_QP_STATE | IBV_QP_TIMEOUT | IBV_QP_RETRY_CNT |
			 IBV_QP_RNR_RETRY | IBV_QP_SQ_PSN | IBV_QP_MAX_QP_RD_ATOMIC, "RTS");
}

/*
 * Creates a fresh RC QP (receiving through @srq if given), connects it to the
 * peer's and waits until both are connected, so that no one sends too early.
 */
static void link_open(struct tandem *t, struct link *l, const char *name, int send_cqe,
		      struct ibv_srq *srq)
{
	struct ibv_qp_init_attr init = {
		.srq = srq,
		.qp_type = IBV_QPT_RC,
		.cap = {
			.max_send_wr = 64,
			.max_recv_wr = srq ? 0 : 64,
			.max_send_sge = 1,
			.max_recv_sge = 1,
		},
	};

	memset(l, 0, sizeof(*l));
	l->name = name;
	l->send_cq = ibv_create_cq(t->dev, send_cqe, NULL, NULL, 0);
	l->recv_cq = ibv_create_cq(t->dev, 2 * SRQ_MSGS, NULL, NULL, 0);
	if (!l->send_cq || !l->recv_cq)
		die(name, "ibv_create_cq: %s", strerror(errno));
	init.send_cq = l->send_cq;
	init.recv_cq = l->recv_cq;
	if (t->send_ops) {
		struct ibv_qp_init_attr_ex ex = {
			.qp_type = init.qp_type, .cap = init.cap, .srq = srq,
			.send_cq = init.send_cq, .recv_cq = init.recv_cq,
			.comp_mask = IBV_QP_INIT_ATTR_PD | IBV_QP_INIT_ATTR_SEND_OPS_FLAGS,
			.pd = t->pd, .send_ops_flags = t->send_ops,
		};

		l->qp = ibv_create_qp_ex(t->dev, &ex);
	} else {
		l->qp = ibv_create_qp(t->pd, &init);
	}
	if (!l->qp)
		die(name, "ibv_create_qp: %s", strerror(errno));
	l->psn = lrand48() & 0xffffff;
	qp_connect(t, l);
	exchange_flag(t, true);
	pass("%s: qp 0x%x connected to peer qp 0x%x", name, l->qp->qp_num, l->peer.qpn);
}

static void link_close(struct link *l)
{
	int qp_ret = ibv_destroy_qp(l->qp);
	int scq_ret = ibv_destroy_cq(l->send_cq);
	int rcq_ret = ibv_destroy_cq(l->recv_cq);
	char what[96];

	snprintf(what, sizeof(what), "%s: qp and cqs destroyed", l->name);
	report(!qp_ret && !scq_ret && !rcq_ret, what, "returned %d, %d, %d",
	       qp_ret, scq_ret, rcq_ret);
}

static int post_one(struct link *l, enum ibv_wr_opcode op, struct local_buf *b, size_t off,
		    uint32_t len, uint64_t raddr, uint32_t rkey, uint64_t wr_id)
{
	struct ibv_sge sge = {
		.addr = (uintptr_t)(b->data + off), .length = len, .lkey = b->mr->lkey,
	};
	struct ibv_send_wr *bad, wr = {
		.wr_id = wr_id, .sg_list = &sge, .num_sge = 1,
		.opcode = op, .send_flags = IBV_SEND_SIGNALED,
	};

	wr.wr.rdma.remote_addr = raddr;
	wr.wr.rdma.rkey = rkey;
	return ibv_post_send(l->qp, &wr, &bad);
}

/* Waits for @n successful completions whose wr_ids count up from @first_id. */
static bool expect_in_order(const char *what, struct ibv_cq *cq, int n, uint64_t first_id)
{
	struct ibv_wc wc[CHUNK_BATCH];
	int got = wait_completions(cq, wc, n), i;

	for (i = 0; i < got; i++) {
		if (wc[i].status != IBV_WC_SUCCESS || wc[i].wr_id != first_id + i)
			return report(false, what, "completion %d: %s, wr_id %llu, expected %llu",
				      i, ibv_wc_status_str(wc[i].status),
				      (unsigned long long)wc[i].wr_id,
				      (unsigned long long)(first_id + i));
	}
	return report(got == n, what, "only %d of %d completions within %d s", got, n,
		      CQ_TIMEOUT_S);
}

/* Client side of a case's end: let the server look, then hear its verdict. */
static void client_case_end(struct tandem *t, struct link *l)
{
	char what[96];

	exchange_flag(t, true);
	snprintf(what, sizeof(what), "%s: server-side checks passed", l->name);
	report(exchange_flag(t, true), what, "the server reported a failure");
	link_close(l);
}

/* ---- server: each case is "connect, wait for the client, inspect memory" ---- */

/* A memory check: first bad offset or -1; *want gets the byte expected there. */
typedef long (*memory_check)(struct tandem *t, uint8_t *want);

static uint8_t write_pattern(size_t i)
{
	return (uint8_t)(i ^ 0x5c);
}

static long valid_write_landed(struct tandem *t, uint8_t *want)
{
	long bad = -1;

	for (size_t i = 0; i < TARGET_SIZE && bad < 0; i++) {
		bool in_write = i >= VALID_OFFSET && i < VALID_OFFSET + XFER_LEN;

		*want = in_write ? write_pattern(i - VALID_OFFSET) : CANARY;
		if (t->target[i] != *want)
			bad = (long)i;
	}
	/* Cases 2-4 must leave the buffer exactly as this case left it. */
	memcpy(t->snapshot, t->target, TARGET_SIZE);
	return bad;
}

static long target_untouched(struct tandem *t, uint8_t *want)
{
	for (size_t i = 0; i < TARGET_SIZE; i++) {
		*want = t->snapshot[i];
		if (t->target[i] != *want)
			return (long)i;
	}
	return -1;
}

/*
 * Memory window: the window holds the pattern, the rest is as case 1 left
 * it.  With -U the overrun may have rewritten the window from MW_OVERRUN on
 * and the MW_OVERRUN bytes after it: those are not looked at.
 */
static long mw_write_landed(struct tandem *t, uint8_t *want)
{
	size_t overrun_end = MW_OFFSET + MW_OVERRUN + XFER_LEN;

	for (size_t i = 0; i < TARGET_SIZE; i++) {
		bool in_window = i >= MW_OFFSET && i < MW_OFFSET + XFER_LEN;
		bool overrun = i >= MW_OFFSET + MW_OVERRUN && i < overrun_end;

		if (t->rxe_server && overrun)
			continue;
		*want = in_window ? write_pattern(i - MW_OFFSET) : t->snapshot[i];
		if (t->target[i] != *want)
			return (long)i;
	}
	return -1;
}

/* Cq resize: slot j was last written by write 32 + j, with bytes (32 + j). */
static long slots_hold_last_write(struct tandem *t, uint8_t *want)
{
	long bad = -1;

	for (int slot = 0; slot < CHUNK_SLOTS && bad < 0; slot++) {
		*want = (CHUNK_SLOTS + slot) & 0xff;
		bad = first_byte_not(t->target, slot * CHUNK_LEN, (slot + 1) * CHUNK_LEN, *want);
	}
	return bad;
}

static void server_case(struct tandem *t, const char *name, const char *checked,
			memory_check check)
{
	char what[128];
	uint8_t want = 0;
	struct link l;
	long bad;
	bool ok;

	link_open(t, &l, name, 16, NULL);
	exchange_flag(t, true);		/* the client is done with its accesses */
	bad = check(t, &want);
	snprintf(what, sizeof(what), "%s: %s", name, checked);
	ok = report(bad < 0, what, "byte %ld is 0x%02x, expected 0x%02x", bad,
		    bad < 0 ? 0 : t->target[bad], want);
	exchange_flag(t, ok);
	link_close(&l);
}

static void target_setup(struct tandem *t)
{
	t->target = alloc_pages(TARGET_SIZE, CANARY);
	/* Only the first page is registered: the second is the canary to guard. */
	t->target_mr = ibv_reg_mr(t->pd, t->target, TARGET_MR_SIZE, IBV_ACCESS_LOCAL_WRITE |
				  IBV_ACCESS_REMOTE_WRITE | IBV_ACCESS_REMOTE_READ |
				  IBV_ACCESS_MW_BIND);
	if (!t->target_mr)
		die("register target mr", "ibv_reg_mr: %s", strerror(errno));
	pass("register %d-byte target mr at the start of a %d-byte canary buffer",
	     TARGET_MR_SIZE, TARGET_SIZE);
}

/*
 * Case 5: a type 2 window over XFER_LEN bytes of the MR, bound on this
 * case's QP (the only QP its rkey works on), whose rkey goes to the client.
 */
static void server_mw_window(struct tandem *t)
{
	const char *name = "memory window";
	struct ibv_send_wr *bad, wr = {
		.wr_id = 1, .opcode = IBV_WR_BIND_MW, .send_flags = IBV_SEND_SIGNALED,
	};
	uint8_t want = 0;
	struct ibv_wc wc;
	struct ibv_mw *mw;
	struct link l;
	uint32_t rkey;
	long bad_byte;
	int ret;
	bool ok;

	link_open(t, &l, name, 16, NULL);
	mw = ibv_alloc_mw(t->pd, IBV_MW_TYPE_2);
	if (!mw && errno == EOPNOTSUPP) {
		/* Debian 11's rdma-core 33: its rxe provider has no memory windows. */
		printf("skip: %s: this rdma-core's provider has no memory windows (ibv_alloc_mw: %s)\n",
		       name, strerror(errno));
		rkey = 0;	/* tells the client */
		sock_xfer(t, &rkey, sizeof(rkey), true);
		link_close(&l);
		return;
	}
	if (!mw)
		die(name, "ibv_alloc_mw: %s", strerror(errno));
	wr.bind_mw.mw = mw;
	wr.bind_mw.rkey = ibv_inc_rkey(mw->rkey);
	wr.bind_mw.bind_info = (struct ibv_mw_bind_info) {
		.mr = t->target_mr, .addr = (uintptr_t)t->target + MW_OFFSET,
		.length = XFER_LEN, .mw_access_flags = IBV_ACCESS_REMOTE_WRITE,
	};
	ret = ibv_post_send(l.qp, &wr, &bad);
	if (ret)
		die(name, "ibv_post_send of the bind: %s", verbs_err(ret));
	if (wait_completions(l.send_cq, &wc, 1) != 1 || wc.status != IBV_WC_SUCCESS)
		die(name, "the bind did not complete successfully");
	pass("%s: type 2 window of %d bytes bound, rkey 0x%x", name, XFER_LEN,
	     wr.bind_mw.rkey);
	/* IBTA C10-14: an MR with a window bound cannot be deregistered. */
	if (!ibv_dereg_mr(t->target_mr))
		die(name, "the MR was deregistered while a window was bound to it");
	pass("%s: the MR cannot be deregistered while the window is bound", name);

	rkey = htonl(wr.bind_mw.rkey);
	sock_xfer(t, &rkey, sizeof(rkey), true);
	exchange_flag(t, true);		/* the client is done with its accesses */
	bad_byte = mw_write_landed(t, &want);
	ok = report(bad_byte < 0, "memory window: pattern landed in the window, nothing else changed",
		    "byte %ld is 0x%02x, expected 0x%02x", bad_byte,
		    bad_byte < 0 ? 0 : t->target[bad_byte], want);
	exchange_flag(t, ok);
	ret = ibv_dealloc_mw(mw);
	report(!ret, "memory window: deallocated", "ibv_dealloc_mw: %s", verbs_err(ret));
	link_close(&l);
}

/* ---- client: cases 1-5 ---- */

/*
 * One signaled WR at the server's MR start + @offset, using its rkey ^
 * @rkey_xor, which must complete with @want.
 */
static void client_single_access(struct tandem *t, const char *name, enum ibv_wr_opcode op,
				 struct local_buf *b, size_t offset, uint32_t rkey_xor,
				 enum ibv_wc_status want)
{
	char what[96];
	struct ibv_wc wc;
	struct link l;
	int ret;

	link_open(t, &l, name, 16, NULL);
	snprintf(what, sizeof(what), "%s: completion is %s", name, ibv_wc_status_str(want));
	ret = post_one(&l, op, b, 0, XFER_LEN, l.peer.addr + offset, l.peer.rkey ^ rkey_xor, 1);
	if (ret)
		report(false, what, "ibv_post_send: %s", verbs_err(ret));
	else if (wait_completions(l.send_cq, &wc, 1) != 1)
		report(false, what, "no completion within %d s", CQ_TIMEOUT_S);
	else
		report(wc.status == want, what, "got %s (%d)", ibv_wc_status_str(wc.status),
		       wc.status);
	client_case_end(t, &l);
}

/* The WRITE through the window lands; the one past its end is refused. */
static void client_mw_window(struct tandem *t, struct local_buf *src)
{
	const char *name = "memory window";
	uint64_t window;
	struct ibv_wc wc;
	struct link l;
	uint32_t rkey;
	int i;

	link_open(t, &l, name, 16, NULL);
	sock_xfer(t, &rkey, sizeof(rkey), false);
	rkey = ntohl(rkey);
	if (!rkey) {	/* the server could not allocate a window */
		printf("note: %s: skipped, the server's provider has no memory windows\n", name);
		link_close(&l);
		return;
	}
	window = l.peer.addr + MW_OFFSET;
	for (i = 0; i < 2; i++) {
		uint64_t at = window + (i ? MW_OVERRUN : 0);
		enum ibv_wc_status want = i ? IBV_WC_REM_ACCESS_ERR : IBV_WC_SUCCESS;
		char what[128];
		int ret;

		snprintf(what, sizeof(what), "%s: write %s the window completes with %s", name,
			 i ? "running past" : "inside", ibv_wc_status_str(want));
		ret = post_one(&l, IBV_WR_RDMA_WRITE, src, 0, XFER_LEN, at, rkey, i + 1);
		if (ret)
			report(false, what, "ibv_post_send: %s", verbs_err(ret));
		else if (wait_completions(l.send_cq, &wc, 1) != 1)
			report(false, what, "no completion within %d s", CQ_TIMEOUT_S);
		else if (i && t->rxe_server && wc.status == IBV_WC_SUCCESS)
			printf("known: %s: the server's rdma_rxe let a write run %d bytes past a memory window (its rkey check covers the MR, not the window)\n",
			       name, MW_OVERRUN);
		else
			report(wc.status == want, what, "got %s (%d)",
			       ibv_wc_status_str(wc.status), wc.status);
	}
	client_case_end(t, &l);
}

/* ---- client: case 6, cq resize ---- */

/* Write i copies source chunk i (bytes i & 0xff) to target slot i % 32. */
static bool post_chunk_writes(struct link *l, struct local_buf *src, int first, int count,
			      uint64_t wr_id0, const char *what)
{
	for (int i = first; i < first + count; i++) {
		int ret = post_one(l, IBV_WR_RDMA_WRITE, src, (size_t)i * CHUNK_LEN, CHUNK_LEN,
				   l->peer.addr + (i % CHUNK_SLOTS) * CHUNK_LEN, l->peer.rkey,
				   wr_id0 + i - first);

		if (ret)
			return report(false, what, "ibv_post_send of write %d: %s", i,
				      verbs_err(ret));
	}
	return true;
}

static bool resize_cq_to(struct ibv_cq *cq, int cqe, const char *what)
{
	int ret = ibv_resize_cq(cq, cqe);

	return report(!ret && cq->cqe >= cqe, what, "returned %d (%s), cq->cqe %d", ret,
		      verbs_err(ret), cq->cqe);
}

static void cq_resize_steps(struct link *l, struct local_buf *src)
{
	const char *small = "cq resize: 2 writes on a 4-entry send cq";
	const char *shrink = "cq resize: shrink to 64 with 3 completions pending";
	char what[96];

	/* The early writes hit slots that the final 64 writes overwrite. */
	if (!post_chunk_writes(l, src, 0, 2, 1, small) ||
	    !expect_in_order(small, l->send_cq, 2, 1) ||
	    !resize_cq_to(l->send_cq, 256, "cq resize: grow to 256") ||
	    !post_chunk_writes(l, src, 0, 3, 100, shrink) ||
	    /* No polling before this: the resize must carry pending entries over. */
	    !resize_cq_to(l->send_cq, 64, shrink) ||
	    !expect_in_order("cq resize: 3 pending completions kept, in order", l->send_cq,
			     3, 100))
		return;
	/* 64 more completions, well past the size of the original ring. */
	for (int first = 0; first < CHUNK_WRITES; first += CHUNK_BATCH) {
		snprintf(what, sizeof(what), "cq resize: writes %d-%d complete in order", first,
			 first + CHUNK_BATCH - 1);
		if (!post_chunk_writes(l, src, first, CHUNK_BATCH, first, what) ||
		    !expect_in_order(what, l->send_cq, CHUNK_BATCH, first))
			return;
	}
}

static void client_cq_resize(struct tandem *t)
{
	struct local_buf src;
	struct link l;

	local_buf_alloc(t, &src, CHUNK_WRITES * CHUNK_LEN, 0);
	for (int i = 0; i < CHUNK_WRITES; i++)
		memset(src.data + i * CHUNK_LEN, i & 0xff, CHUNK_LEN);
	link_open(t, &l, "cq resize", 4, NULL);
	cq_resize_steps(&l, &src);
	client_case_end(t, &l);
	local_buf_free(&src);
}

/* ---- case 7, srq resize ---- */

static uint8_t srq_msg_byte(int k)
{
	return (uint8_t)(k * 7 + 1);
}

static bool post_srq_recvs(struct ibv_srq *srq, struct local_buf *b, int first, int count,
			   const char *what)
{
	for (int i = first; i < first + count; i++) {
		struct ibv_sge sge = {
			.addr = (uintptr_t)(b->data + (size_t)i * SRQ_MSG_LEN),
			.length = SRQ_MSG_LEN,
			.lkey = b->mr->lkey,
		};
		struct ibv_recv_wr *bad, wr = { .wr_id = i, .sg_list = &sge, .num_sge = 1 };
		int ret = ibv_post_srq_recv(srq, &wr, &bad);

		if (ret)
			return report(false, what, "receive %d: %s", i, verbs_err(ret));
	}
	return pass("%s", what);
}

/* Fills the 4-entry SRQ, grows it to 128 and posts 60 more: true if all 64 are up. */
static bool srq_fill_and_grow(struct ibv_srq *srq, struct local_buf *b)
{
	struct ibv_srq_attr attr = { .max_wr = SRQ_GROWN_WR };
	int ret, err;

	if (!post_srq_recvs(srq, b, 0, SRQ_INITIAL_WR, "srq resize: post 4 receives"))
		return false;
	ret = ibv_modify_srq(srq, &attr, IBV_SRQ_MAX_WR);
	err = verbs_errno(ret);
	if (ret && (err == EOPNOTSUPP || err == ENOSYS))
		return report(false, "srq resize", "not supported");
	if (!report(!ret, "srq resize: grow max_wr to 128", "ibv_modify_srq: %s", strerror(err)))
		return false;
	memset(&attr, 0, sizeof(attr));
	ret = ibv_query_srq(srq, &attr);
	report(!ret && attr.max_wr >= SRQ_GROWN_WR, "srq resize: query reports max_wr >= 128",
	       "returned %d, max_wr %u", ret, attr.max_wr);
	return post_srq_recvs(srq, b, SRQ_INITIAL_WR, SRQ_MSGS - SRQ_INITIAL_WR,
			      "srq resize: post 60 more receives (64 outstanding)");
}

/* Message k arrives k-th, in whichever buffer its completion's wr_id names. */
static bool check_srq_messages(struct link *l, struct local_buf *b)
{
	const char *what = "srq resize: 64 messages received intact, in order";
	bool used[SRQ_MSGS] = { false };
	struct ibv_wc wc[SRQ_MSGS];
	int got = wait_completions(l->recv_cq, wc, SRQ_MSGS);

	for (int k = 0; k < got; k++) {
		const struct ibv_wc *w = &wc[k];
		uint8_t *msg = b->data + (w->wr_id % SRQ_MSGS) * SRQ_MSG_LEN;
		long bad;

		if (w->status != IBV_WC_SUCCESS || w->opcode != IBV_WC_RECV ||
		    w->byte_len != SRQ_MSG_LEN || w->wr_id >= SRQ_MSGS || used[w->wr_id])
			return report(false, what,
				      "message %d: %s, opcode %d, byte_len %u, wr_id %llu", k,
				      ibv_wc_status_str(w->status), w->opcode, w->byte_len,
				      (unsigned long long)w->wr_id);
		used[w->wr_id] = true;
		bad = first_byte_not(msg, 0, SRQ_MSG_LEN, srq_msg_byte(k));
		if (bad >= 0)
			return report(false, what,
				      "message %d: byte %ld is 0x%02x, expected 0x%02x", k, bad,
				      msg[bad], srq_msg_byte(k));
	}
	return report(got == SRQ_MSGS, what, "only %d of %d receives within %d s", got,
		      SRQ_MSGS, CQ_TIMEOUT_S);
}

static void server_srq_resize(struct tandem *t)
{
	struct ibv_srq_init_attr init = { .attr = { .max_wr = SRQ_INITIAL_WR, .max_sge = 1 } };
	struct local_buf rbuf;
	struct ibv_srq *srq;
	struct link l;
	bool ok;

	srq = ibv_create_srq(t->pd, &init);
	if (!srq)
		die("srq resize", "ibv_create_srq(max_wr 4): %s", strerror(errno));
	local_buf_alloc(t, &rbuf, SRQ_MSGS * SRQ_MSG_LEN, 0);
	link_open(t, &l, "srq resize", 16, srq);
	ok = srq_fill_and_grow(srq, &rbuf);
	/* The client starts sending only once all 64 receives are posted. */
	exchange_flag(t, ok);
	ok = ok && check_srq_messages(&l, &rbuf);
	exchange_flag(t, true);		/* the client is done sending */
	exchange_flag(t, ok);
	link_close(&l);
	report(!ibv_destroy_srq(srq), "srq resize: srq destroyed", "ibv_destroy_srq failed");
	local_buf_free(&rbuf);
}

/* At most SEND_WINDOW sends in flight, so the send queue never overflows. */
static bool send_windowed(struct link *l, struct local_buf *src, const char *what)
{
	int posted = 0, done, ret;
	struct ibv_wc wc;

	for (done = 0; done < SRQ_MSGS; done++) {
		for (; posted < SRQ_MSGS && posted - done < SEND_WINDOW; posted++) {
			ret = post_one(l, IBV_WR_SEND, src, (size_t)posted * SRQ_MSG_LEN,
				       SRQ_MSG_LEN, 0, 0, posted);
			if (ret)
				return report(false, what, "ibv_post_send of message %d: %s",
					      posted, verbs_err(ret));
		}
		if (wait_completions(l->send_cq, &wc, 1) != 1)
			return report(false, what, "message %d: no completion within %d s", done,
				      CQ_TIMEOUT_S);
		if (wc.status != IBV_WC_SUCCESS || wc.wr_id != (uint64_t)done)
			return report(false, what, "message %d: %s, wr_id %llu", done,
				      ibv_wc_status_str(wc.status), (unsigned long long)wc.wr_id);
	}
	return pass("%s", what);
}

static void client_srq_resize(struct tandem *t)
{
	struct local_buf src;
	struct link l;

	local_buf_alloc(t, &src, SRQ_MSGS * SRQ_MSG_LEN, 0);
	for (int k = 0; k < SRQ_MSGS; k++)
		memset(src.data + k * SRQ_MSG_LEN, srq_msg_byte(k), SRQ_MSG_LEN);
	link_open(t, &l, "srq resize", 64, NULL);
	if (exchange_flag(t, true))	/* the server has its 64 receives up */
		send_windowed(&l, &src, "srq resize: 64 sends completed in order");
	else
		report(false, "srq resize: server posted 64 receives", "it could not");
	client_case_end(t, &l);
	local_buf_free(&src);
}

/* ---- case 8, memory placement: ATOMIC WRITE and FLUSH ---- */

#define PLACE_LEN		4096	/* a fresh, zeroed MR */
#define PLACE_OFFSET		64	/* where the ATOMIC WRITE's 8 bytes go */
#define PLACE_ATOMIC_WRITE	1u	/* what a side can do, a bit each */
#define PLACE_FLUSH		2u
/* User ABI numbers that older (or every) libibverbs has no names for. */
#define DEV_CAP_FLUSH_GLOBAL	(1ull << 38)	/* IB_UVERBS_DEVICE_* */
#define DEV_CAP_ATOMIC_WRITE	(1ull << 40)
#define ACCESS_FLUSH_GLOBAL	(1u << 8)	/* IB_UVERBS_ACCESS_FLUSH_GLOBAL */
#define WC_FLUSH		8		/* IBV_WC_FLUSH */
#define WC_ATOMIC_WRITE		9		/* IBV_WC_ATOMIC_WRITE */

/* What the server tells the client: the agreed verbs and its MR. */
struct placement_info {
	uint32_t can, rkey;
	uint64_t addr;
};
_Static_assert(sizeof(struct placement_info) == 16, "placement_info must have no padding");

static const uint8_t place_value[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };

/* What this build's rdma-core and this device offer of the two. */
static uint32_t placement_offered(struct tandem *t)
{
	struct ibv_device_attr_ex attr;
	uint32_t can = 0;

	if (ibv_query_device_ex(t->dev, NULL, &attr))
		return 0;
#ifdef HAVE_IBV_WR_ATOMIC_WRITE
	if (attr.device_cap_flags_ex & DEV_CAP_ATOMIC_WRITE)
		can |= PLACE_ATOMIC_WRITE;
#endif
#ifdef HAVE_IBV_WR_FLUSH
	if (attr.device_cap_flags_ex & DEV_CAP_FLUSH_GLOBAL)
		can |= PLACE_FLUSH;
#endif
	return can;
}

/* Both sides' offers; each side's own goes first, so the call is symmetric. */
static uint32_t placement_agreed(struct tandem *t, uint32_t *mine, uint32_t *peer)
{
	uint32_t out, in;

	*mine = placement_offered(t);
	out = htonl(*mine);
	sock_xfer(t, &out, sizeof(out), true);
	sock_xfer(t, &in, sizeof(in), false);
	*peer = ntohl(in);
	if (t->rxe_peer && (*mine & *peer & PLACE_FLUSH)) {
		if (!t->server)
			printf("known: memory placement: FLUSH with rdma_rxe not run: rdma_rxe's FLUSH frames carry an ICRC that does not follow IBTA (tandem_re counts each as a bad ICRC), and it drops tandem_re's\n");
		return *mine & *peer & ~PLACE_FLUSH;
	}
	return *mine & *peer;
}

static void server_placement(struct tandem *t)
{
	const char *name = "memory placement";
	uint32_t mine, peer, can = placement_agreed(t, &mine, &peer);
	struct placement_info out = { 0 };
	uint8_t *buf = alloc_pages(PLACE_LEN, 0);
	struct ibv_mr *mr = NULL;
	struct link l;
	long bad = -1;
	bool ok;

	if (can & PLACE_FLUSH) {
		mr = ibv_reg_mr(t->pd, buf, PLACE_LEN, IBV_ACCESS_LOCAL_WRITE |
				IBV_ACCESS_REMOTE_WRITE | ACCESS_FLUSH_GLOBAL);
		if (!mr) {	/* the core before 6.2 knows no flush rights */
			printf("note: %s: no MR with flush rights here (ibv_reg_mr: %s)\n",
			       name, strerror(errno));
			can &= ~PLACE_FLUSH;
		}
	}
	if (!mr && can)
		mr = ibv_reg_mr(t->pd, buf, PLACE_LEN, IBV_ACCESS_LOCAL_WRITE |
				IBV_ACCESS_REMOTE_WRITE);
	if (can && !mr)
		die(name, "ibv_reg_mr: %s", strerror(errno));
	out.can = htonl(can);
	if (mr) {
		out.rkey = htonl(mr->rkey);
		out.addr = htobe64((uintptr_t)buf);
	}
	sock_xfer(t, &out, sizeof(out), true);
	if (!can) {
		printf("note: %s: not run (this side offers %#x, the client %#x)\n", name,
		       mine, peer);
		free(buf);
		return;
	}
	t->extra_access = can & PLACE_FLUSH ? ACCESS_FLUSH_GLOBAL : 0;
	link_open(t, &l, name, 16, NULL);
	t->extra_access = 0;
	exchange_flag(t, true);		/* the client is done with its accesses */
	for (size_t i = 0; i < PLACE_LEN && bad < 0; i++) {
		bool in_place = (can & PLACE_ATOMIC_WRITE) && i >= PLACE_OFFSET &&
				i < PLACE_OFFSET + sizeof(place_value);

		if (buf[i] != (in_place ? place_value[i - PLACE_OFFSET] : 0))
			bad = (long)i;
	}
	ok = report(bad < 0, "memory placement: the 8 bytes landed where aimed, nothing else changed",
		    "byte %ld is 0x%02x", bad, bad < 0 ? 0 : buf[bad]);
	exchange_flag(t, ok);
	link_close(&l);
	ibv_dereg_mr(mr);
	free(buf);
}

static void client_placement(struct tandem *t)
{
	const char *name = "memory placement";
	struct placement_info in;
	uint32_t mine, peer, agreed, can, rkey;
	int posted = 0, got, ret;
	struct ibv_wc wc[2];
	struct ibv_qp_ex *qpx;
	struct link l;
	uint64_t addr;

	agreed = placement_agreed(t, &mine, &peer);
	sock_xfer(t, &in, sizeof(in), false);
	can = ntohl(in.can);
	rkey = ntohl(in.rkey);
	addr = be64toh(in.addr);
	(void)rkey;	/* unused where this rdma-core has neither verb */
	(void)addr;
	if (!can) {
#if !defined(HAVE_IBV_WR_ATOMIC_WRITE) && !defined(HAVE_IBV_WR_FLUSH)
		printf("skip: %s: this rdma-core has neither ibv_wr_atomic_write nor ibv_wr_flush\n",
		       name);
#else
		printf("skip: %s: ATOMIC WRITE and FLUSH not offered by both devices (client %#x, server %#x: 1 ATOMIC WRITE, 2 FLUSH)\n",
		       name, mine, peer);
#endif
		return;
	}
	if (can != agreed)
		printf("note: %s: FLUSH left out: the server cannot register an MR with flush rights\n",
		       name);
#ifdef HAVE_IBV_WR_ATOMIC_WRITE
	if (can & PLACE_ATOMIC_WRITE)
		t->send_ops |= IBV_QP_EX_WITH_ATOMIC_WRITE;
#endif
#ifdef HAVE_IBV_WR_FLUSH
	if (can & PLACE_FLUSH)
		t->send_ops |= IBV_QP_EX_WITH_FLUSH;
#endif
	link_open(t, &l, name, 16, NULL);
	t->send_ops = 0;
	qpx = ibv_qp_to_qp_ex(l.qp);
	ibv_wr_start(qpx);
#ifdef HAVE_IBV_WR_ATOMIC_WRITE
	if (can & PLACE_ATOMIC_WRITE) {
		qpx->wr_id = WC_ATOMIC_WRITE;	/* each id: the opcode it ends with */
		qpx->wr_flags = IBV_SEND_SIGNALED;
		ibv_wr_atomic_write(qpx, rkey, addr + PLACE_OFFSET, place_value);
		posted++;
	}
#endif
#ifdef HAVE_IBV_WR_FLUSH
	if (can & PLACE_FLUSH) {
		qpx->wr_id = WC_FLUSH;
		qpx->wr_flags = IBV_SEND_SIGNALED;
		ibv_wr_flush(qpx, rkey, addr, PLACE_OFFSET + sizeof(place_value),
			     IBV_FLUSH_GLOBAL, IBV_FLUSH_RANGE);
		posted++;
	}
#endif
	ret = ibv_wr_complete(qpx);
	if (ret) {
		report(false, "memory placement: posted", "ibv_wr_complete: %s", verbs_err(ret));
	} else {
		got = wait_completions(l.send_cq, wc, posted);
		for (int i = 0; i < got; i++)
			report(wc[i].status == IBV_WC_SUCCESS && wc[i].opcode == wc[i].wr_id,
			       wc[i].wr_id == WC_FLUSH ? "memory placement: FLUSH completed" :
			       "memory placement: ATOMIC WRITE completed",
			       "%s, opcode %d", ibv_wc_status_str(wc[i].status), wc[i].opcode);
		report(got == posted, "memory placement: every completion came",
		       "%d of %d within %d s", got, posted, CQ_TIMEOUT_S);
	}
	client_case_end(t, &l);
}

/* ---- case 9, on-demand paging ---- */

#define ODP_LEN		8192	/* two pages, never touched before the WRITE */
#define ODP_FILL	0x6b	/* what the pages mapped over the range hold */

static uint8_t odp_pattern(size_t i)
{
	return (uint8_t)(i * 7 + 1);
}

/* The server's ODP MR, or rkey 0: its device offers no ODP for RC. */
struct odp_info {
	uint32_t rkey, pad;
	uint64_t addr;
};
_Static_assert(sizeof(struct odp_info) == 16, "odp_info must have no padding");

static bool odp_offered(struct tandem *t)
{
	uint32_t need = IBV_ODP_SUPPORT_WRITE | IBV_ODP_SUPPORT_READ;
	struct ibv_device_attr_ex attr;

	if (ibv_query_device_ex(t->dev, NULL, &attr))
		return false;
	return (attr.odp_caps.general_caps & IBV_ODP_SUPPORT) &&
	       (attr.odp_caps.per_transport_caps.rc_odp_caps & need) == need;
}

static void server_odp(struct tandem *t)
{
	const char *name = "on-demand paging";
	struct odp_info out = { 0 };
	struct ibv_mr *mr = NULL;
	uint8_t *buf = NULL;
	struct link l;
	long bad = -1;
	bool ok;

	if (odp_offered(t)) {
		buf = mmap(NULL, ODP_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			   -1, 0);
		if (buf == MAP_FAILED)
			die(name, "mmap: %s", strerror(errno));
		mr = ibv_reg_mr(t->pd, buf, ODP_LEN, IBV_ACCESS_LOCAL_WRITE |
				IBV_ACCESS_REMOTE_WRITE | IBV_ACCESS_REMOTE_READ |
				IBV_ACCESS_ON_DEMAND);
		if (!mr)
			die(name, "ibv_reg_mr with IBV_ACCESS_ON_DEMAND: %s", strerror(errno));
		out.rkey = htonl(mr->rkey);
		out.addr = htobe64((uintptr_t)buf);
	}
	sock_xfer(t, &out, sizeof(out), true);
	if (!mr) {
		printf("note: %s: not run: this device offers no ODP for RC WRITE and READ\n",
		       name);
		return;
	}
	link_open(t, &l, name, 16, NULL);
	exchange_flag(t, true);		/* the client's WRITE completed */
	for (size_t i = 0; i < ODP_LEN && bad < 0; i++)
		if (buf[i] != odp_pattern(i))
			bad = (long)i;
	if (bad >= 0 && t->rxe_server) {
		printf("known: %s: the server's rdma_rxe placed only the first %ld bytes of a WRITE into ODP pages never touched before\n",
		       name, bad);
		ok = true;
	} else {
		ok = report(bad < 0, "on-demand paging: the WRITE landed in pages never touched before",
			    "byte %ld is 0x%02x", bad, bad < 0 ? 0 : buf[bad]);
	}

	/* New pages over the range: the MR must let the old ones go. */
	if (mmap(buf, ODP_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0) == MAP_FAILED)
		die(name, "mmap over the MR: %s", strerror(errno));
	memset(buf, ODP_FILL, ODP_LEN);
	exchange_flag(t, true);		/* the client may READ */
	exchange_flag(t, true);		/* it did */
	munmap(buf, ODP_LEN);
	exchange_flag(t, true);		/* the client may READ again */
	exchange_flag(t, true);		/* it did, and was refused */
	ok &= report(!ibv_dereg_mr(mr), "on-demand paging: the MR over unmapped memory deregisters",
		     "%s", strerror(errno));
	exchange_flag(t, ok);
	link_close(&l);
}

/* READ the server's ODP MR into @dst; the completion's status, or -1. */
static int odp_read(struct link *l, struct local_buf *dst, const struct odp_info *in)
{
	struct ibv_wc wc;

	memset(dst->data, READ_FILL, ODP_LEN);
	if (post_one(l, IBV_WR_RDMA_READ, dst, 0, ODP_LEN, in->addr, in->rkey, 2))
		return -1;
	return wait_completions(l->send_cq, &wc, 1) == 1 ? (int)wc.status : -1;
}

static void client_odp(struct tandem *t)
{
	const char *name = "on-demand paging";
	struct local_buf src, dst;
	struct odp_info in;
	struct ibv_wc wc;
	struct link l;
	int status;
	long bad;

	sock_xfer(t, &in, sizeof(in), false);
	in.rkey = ntohl(in.rkey);
	in.addr = be64toh(in.addr);
	if (!in.rkey) {
		printf("skip: %s: the server's device offers no ODP for RC WRITE and READ\n",
		       name);
		return;
	}
	local_buf_alloc(t, &src, ODP_LEN, 0);
	for (size_t i = 0; i < ODP_LEN; i++)
		src.data[i] = odp_pattern(i);
	local_buf_alloc(t, &dst, ODP_LEN, READ_FILL);
	link_open(t, &l, name, 16, NULL);

	status = -1;
	if (!post_one(&l, IBV_WR_RDMA_WRITE, &src, 0, ODP_LEN, in.addr, in.rkey, 1) &&
	    wait_completions(l.send_cq, &wc, 1) == 1)
		status = (int)wc.status;
	report(status == IBV_WC_SUCCESS, "on-demand paging: a WRITE into untouched pages completes",
	       "status %d", status);
	exchange_flag(t, true);

	exchange_flag(t, true);		/* the server mapped new pages */
	status = odp_read(&l, &dst, &in);
	bad = first_byte_not(dst.data, 0, ODP_LEN, ODP_FILL);
	report(status == IBV_WC_SUCCESS && bad < 0,
	       "on-demand paging: a READ after the pages were replaced returns the new ones",
	       "status %d; byte %ld is 0x%02x, expected 0x%02x", status, bad,
	       bad < 0 ? 0 : dst.data[bad], ODP_FILL);
	exchange_flag(t, true);

	exchange_flag(t, true);		/* the server unmapped them */
	status = odp_read(&l, &dst, &in);
	bad = first_byte_not(dst.data, 0, ODP_LEN, READ_FILL);
	report(status == IBV_WC_REM_ACCESS_ERR && bad < 0,
	       "on-demand paging: a READ of unmapped pages is refused and changes nothing",
	       "status %d (want %d); byte %ld is 0x%02x", status, IBV_WC_REM_ACCESS_ERR, bad,
	       bad < 0 ? 0 : dst.data[bad]);
	client_case_end(t, &l);
	local_buf_free(&src);
	local_buf_free(&dst);
}

/* ---- main ---- */

static void run_server(struct tandem *t)
{
	target_setup(t);
	server_case(t, "valid write", "pattern landed, canary intact", valid_write_landed);
	server_case(t, "bad rkey", "target buffer unchanged", target_untouched);
	server_case(t, "out of bounds write", "target buffer unchanged", target_untouched);
	server_case(t, "read beyond mr", "target buffer unchanged", target_untouched);
	server_mw_window(t);
	server_case(t, "cq resize", "every slot holds its last write", slots_hold_last_write);
	server_srq_resize(t);
	server_placement(t);
	server_odp(t);
	ibv_dereg_mr(t->target_mr);
	free(t->target);
}

static void run_client(struct tandem *t)
{
	struct local_buf src, dst;
	long bad;

	local_buf_alloc(t, &src, XFER_LEN, 0);
	for (size_t i = 0; i < XFER_LEN; i++)
		src.data[i] = write_pattern(i);
	local_buf_alloc(t, &dst, XFER_LEN, READ_FILL);

	client_single_access(t, "valid write", IBV_WR_RDMA_WRITE, &src, VALID_OFFSET, 0,
			     IBV_WC_SUCCESS);
	client_single_access(t, "bad rkey", IBV_WR_RDMA_WRITE, &src, VALID_OFFSET, BAD_RKEY_XOR,
			     IBV_WC_REM_ACCESS_ERR);
	client_single_access(t, "out of bounds write", IBV_WR_RDMA_WRITE, &src, EDGE_OFFSET, 0,
			     IBV_WC_REM_ACCESS_ERR);
	client_single_access(t, "read beyond mr", IBV_WR_RDMA_READ, &dst, EDGE_OFFSET, 0,
			     IBV_WC_REM_ACCESS_ERR);
	bad = first_byte_not(dst.data, 0, XFER_LEN, READ_FILL);
	report(bad < 0, "read beyond mr: local destination untouched",
	       "byte %ld is 0x%02x, expected 0x%02x", bad, bad < 0 ? 0 : dst.data[bad], READ_FILL);
	client_mw_window(t, &src);
	local_buf_free(&src);
	local_buf_free(&dst);

	client_cq_resize(t);
	client_srq_resize(t);
	client_placement(t);
	client_odp(t);
}

static __attribute__((noreturn)) void usage(const char *prog)
{
	fprintf(stderr, "usage: %s -d DEV -g GIDINDEX [-p TCPPORT] [-U] [-F] server\n"
			"       %s -d DEV -g GIDINDEX [-p TCPPORT] [-U] [-F] client SERVER_IPV4\n"
			"  -U  the server is rdma_rxe, whose memory windows do not bound WRITEs\n"
			"  -F  the peer is rdma_rxe, whose FLUSH frames have a non-IBTA ICRC\n",
		prog, prog);
	exit(1);
}

static int parse_uint(const char *s, const char *prog)
{
	char *end;
	long v = strtol(s, &end, 0);

	if (*s == '\0' || *end != '\0' || v < 0 || v > 65535)
		usage(prog);
	return (int)v;
}

int main(int argc, char **argv)
{
	struct tandem t = { .sock = -1, .gid_index = -1 };
	int tcp_port = DEFAULT_TCP_PORT, opt, args;
	const char *dev = NULL;

	/* Line-buffered, so a log taken through a pipe is complete up to a crash. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "d:g:p:UF")) != -1) {
		if (opt == 'd')
			dev = optarg;
		else if (opt == 'g')
			t.gid_index = parse_uint(optarg, argv[0]);
		else if (opt == 'p')
			tcp_port = parse_uint(optarg, argv[0]);
		else if (opt == 'U')
			t.rxe_server = true;
		else if (opt == 'F')
			t.rxe_peer = true;
		else
			usage(argv[0]);
	}
	args = argc - optind;
	t.server = args == 1 && !strcmp(argv[optind], "server");
	if (!dev || t.gid_index < 0 ||
	    (!t.server && !(args == 2 && !strcmp(argv[optind], "client"))))
		usage(argv[0]);

	srand48(getpid() ^ time(NULL));
	open_verbs(&t, dev);
	if (t.server) {
		t.sock = accept_client(tcp_port);
		run_server(&t);
	} else {
		t.sock = connect_server(argv[optind + 1], tcp_port);
		run_client(&t);
	}
	close(t.sock);
	ibv_dealloc_pd(t.pd);
	ibv_close_device(t.dev);

	if (checks_failed) {
		printf("FAIL: %d of %d checks failed\n", checks_failed, checks_run);
		return 1;
	}
	printf("ok: all %d checks passed\n", checks_run);
	return 0;
}
