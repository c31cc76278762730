// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem-verbs-check - two-machine RC verbs check for an RDMA driver.
 *
 * One copy runs as "server", the other as "client" on a second machine; the
 * two meet over RoCEv2 (IPv4 GIDs, port 1, path MTU 1024) and trade QP
 * numbers, PSNs, GIDs and the server's MR over a TCP socket, which also
 * serves as the barrier between steps.  The checks, in order:
 *
 *  1. valid write: an RDMA WRITE inside the MR lands exactly where it should.
 *  2. bad rkey: a WRITE with an rkey that does not exist is refused.
 *  3. out of bounds write: a WRITE straddling the MR's end is refused as a
 *     whole; neither the MR nor the canary behind it is touched.
 *  4. read beyond mr: an RDMA READ straddling the MR's end is refused and
 *     leaves the reader's buffer alone.
 *  5. cq resize: a send CQ grown and then shrunk while completions are
 *     pending loses none and keeps their order, and the bigger ring works.
 *  6. srq resize: an SRQ grown with ibv_modify_srq takes more receives than
 *     it was created with, and every message lands intact and in order.
 *
 * Cases 2-4 are the memory-protection promises of the driver: a bug there
 * lets a remote peer scribble on or read memory it was never given.  Cases
 * 5-6 exercise queue resizing, where ring copies are easy to get wrong.
 *
 * A refused access moves the QPs to the error state, so every case runs on
 * a fresh QP pair.  Each step prints "ok: ..." or "FAIL: ...: ..."; the exit
 * code is 0 only if every check passed.  Every wait has a deadline.
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

#define TARGET_SIZE		8192	/* server buffer: MR followed by canary */
#define TARGET_MR_SIZE		4096	/* only this much is registered */
#define CANARY			0xa5
#define READ_FILL		0x3c
#define XFER_LEN		256
#define VALID_OFFSET		1024
#define EDGE_OFFSET		(TARGET_MR_SIZE - 64)	/* 64 in, 192 beyond */
#define BAD_RKEY_XOR		0x00ffff00

#define CHUNK_LEN		64	/* cq resize: one WRITE */
#define CHUNK_SLOTS		32	/* ...into one of 32 target slots */
#define CHUNK_WRITES		64
#define CHUNK_BATCH		32

#define SRQ_INITIAL_WR		4
#define SRQ_GROWN_WR		128
#define SRQ_MSGS		64
#define SRQ_MSG_LEN		128
#define SEND_WINDOW		16

/* What the two sides trade per case; all fields in network byte order. */
struct wire_info {
	uint32_t qpn;
	uint32_t psn;
	uint8_t gid[16];
	uint64_t addr;
	uint32_t rkey;
	uint32_t len;
};
_Static_assert(sizeof(struct wire_info) == 40, "wire_info must have no padding");

struct peer_info {
	uint32_t qpn, psn, rkey, len;
	uint64_t addr;
	union ibv_gid gid;
};

struct tandem {
	bool server;
	int sock;
	int gid_index;
	struct ibv_context *dev;
	struct ibv_pd *pd;
	union ibv_gid gid;
	/* Server only: the buffer the client aims at, and its state after case 1. */
	uint8_t *target;
	struct ibv_mr *target_mr;
	uint8_t snapshot[TARGET_SIZE];
};

/* One connected RC QP with its own CQs; lives for exactly one case. */
struct link {
	const char *what;
	struct ibv_cq *send_cq;
	struct ibv_cq *recv_cq;
	struct ibv_qp *qp;
	uint32_t psn;
	struct peer_info peer;
};

struct local_buf {
	uint8_t *data;
	size_t len;
	struct ibv_mr *mr;
};

static int checks_run, checks_failed;

static __attribute__((format(printf, 1, 2))) void pass(const char *fmt, ...)
{
	va_list ap;

	checks_run++;
	fputs("ok: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Prints and counts one check; the details are only shown on failure. */
static __attribute__((format(printf, 3, 4))) bool
report(bool ok, const char *what, const char *fmt, ...)
{
	va_list ap;

	checks_run++;
	if (ok) {
		printf("ok: %s\n", what);
		return true;
	}
	checks_failed++;
	printf("FAIL: %s: ", what);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return false;
}

/* For failures that leave the two sides unable to stay in step. */
static __attribute__((noreturn, format(printf, 2, 3))) void
die(const char *what, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL: %s: ", what);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(1);
}

/* Verbs calls return a positive errno, a negative one, or -1 with errno set. */
static int verbs_errno(int ret)
{
	if (ret == -1)
		return errno;
	return ret < 0 ? -ret : ret;
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
 * Collects up to @n completions, giving up after CQ_TIMEOUT_S: a lost
 * completion must become a FAIL line, never a hang.  Returns how many came.
 */
static int wait_completions(struct ibv_cq *cq, struct ibv_wc *wc, int n)
{
	const struct timespec nap = { .tv_nsec = 100 * 1000 };
	double deadline = now_s() + CQ_TIMEOUT_S;
	int got = 0;

	while (got < n && now_s() < deadline) {
		int r = ibv_poll_cq(cq, n - got, wc + got);

		if (r < 0)
			break;
		got += r;
		if (!r)
			nanosleep(&nap, NULL);
	}
	return got;
}

/* ---- TCP side channel ---- */

static void sock_send(struct tandem *t, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len) {
		/* MSG_NOSIGNAL: a vanished peer must give a FAIL line, not SIGPIPE. */
		ssize_t n = send(t->sock, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("socket", "send to peer: %s", strerror(errno));
		p += n;
		len -= n;
	}
}

static void sock_recv(struct tandem *t, void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len) {
		ssize_t n = recv(t->sock, p, len, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			die("socket", "peer closed the connection");
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			die("socket", "nothing from peer within %d s", SOCK_TIMEOUT_S);
		if (n < 0)
			die("socket", "recv from peer: %s", strerror(errno));
		p += n;
		len -= n;
	}
}

/* Barrier that also carries one yes/no answer each way. */
static bool exchange_flag(struct tandem *t, bool mine)
{
	uint8_t out = mine, in;

	sock_send(t, &out, 1);
	sock_recv(t, &in, 1);
	return in != 0;
}

static void set_sock_timeout(int fd, int opt, int seconds)
{
	struct timeval tv = { .tv_sec = seconds };

	if (setsockopt(fd, SOL_SOCKET, opt, &tv, sizeof(tv)))
		die("socket", "setsockopt: %s", strerror(errno));
}

static void tune_peer_socket(int fd)
{
	int one = 1;

	/* Barriers are single bytes; Nagle would only delay them. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	set_sock_timeout(fd, SO_RCVTIMEO, SOCK_TIMEOUT_S);
	set_sock_timeout(fd, SO_SNDTIMEO, SOCK_TIMEOUT_S);
}

static int accept_client(int port)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	int one = 1, lfd, fd;

	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0)
		die("socket", "socket: %s", strerror(errno));
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) || listen(lfd, 1))
		die("socket", "listen on tcp port %d: %s", port, strerror(errno));
	/* On Linux SO_RCVTIMEO bounds accept() too, so no client means no hang. */
	set_sock_timeout(lfd, SO_RCVTIMEO, ACCEPT_TIMEOUT_S);
	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		die("socket", "no client within %d s: %s", ACCEPT_TIMEOUT_S, strerror(errno));
	close(lfd);
	tune_peer_socket(fd);
	pass("socket: client connected on tcp port %d", port);
	return fd;
}

static int connect_server(const char *ip, int port)
{
	const struct timespec pause = { .tv_nsec = 200 * 1000 * 1000 };
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	double deadline = now_s() + CONNECT_TIMEOUT_S;

	if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1)
		die("usage", "'%s' is not an IPv4 address", ip);
	for (;;) {
		int fd = socket(AF_INET, SOCK_STREAM, 0), err;

		if (fd < 0)
			die("socket", "socket: %s", strerror(errno));
		/* SO_SNDTIMEO bounds connect(): one try costs a second, not minutes. */
		set_sock_timeout(fd, SO_SNDTIMEO, 1);
		if (!connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
			tune_peer_socket(fd);
			pass("socket: connected to %s:%d", ip, port);
			return fd;
		}
		err = errno;
		close(fd);
		/* The server may simply not be listening yet: retry until the deadline. */
		if (now_s() >= deadline)
			die("socket", "cannot reach %s:%d within %d s: %s", ip, port,
			    CONNECT_TIMEOUT_S, strerror(err));
		nanosleep(&pause, NULL);
	}
}

/* ---- verbs plumbing ---- */

static void open_verbs(struct tandem *t, const char *name)
{
	struct ibv_device **list;
	char gid_text[INET6_ADDRSTRLEN];
	bool found = false;
	int i, n, ret;

	list = ibv_get_device_list(&n);
	if (!list)
		die("open device", "ibv_get_device_list: %s", strerror(errno));
	for (i = 0; i < n && !found; i++) {
		if (strcmp(ibv_get_device_name(list[i]), name))
			continue;
		found = true;
		t->dev = ibv_open_device(list[i]);
	}
	ibv_free_device_list(list);
	if (!found)
		die("open device", "no RDMA device named '%s'", name);
	if (!t->dev)
		die("open device", "ibv_open_device(%s): %s", name, strerror(errno));
	pass("open device %s", name);

	t->pd = ibv_alloc_pd(t->dev);
	if (!t->pd)
		die("alloc pd", "ibv_alloc_pd: %s", strerror(errno));

	ret = ibv_query_gid(t->dev, IB_PORT, t->gid_index, &t->gid);
	if (ret)
		die("query gid", "index %d: %s", t->gid_index, strerror(verbs_errno(ret)));
	/* An all-zero GID means the index holds no address: RoCEv2 cannot route it. */
	if (first_byte_not(t->gid.raw, 0, sizeof(t->gid.raw), 0) < 0)
		die("query gid", "index %d is empty", t->gid_index);
	inet_ntop(AF_INET6, t->gid.raw, gid_text, sizeof(gid_text));
	pass("query gid index %d: %s", t->gid_index, gid_text);
}

static void local_buf_alloc(struct tandem *t, struct local_buf *b, size_t len, uint8_t fill)
{
	void *p;

	if (posix_memalign(&p, 4096, len))
		die("alloc", "%zu bytes", len);
	b->data = p;
	b->len = len;
	memset(b->data, fill, len);
	b->mr = ibv_reg_mr(t->pd, b->data, len, IBV_ACCESS_LOCAL_WRITE);
	if (!b->mr)
		die("register local mr", "ibv_reg_mr(%zu): %s", len, strerror(errno));
}

static void local_buf_free(struct local_buf *b)
{
	ibv_dereg_mr(b->mr);
	free(b->data);
}

static void qp_to_init(struct link *l)
{
	struct ibv_qp_attr a = {
		.qp_state = IBV_QPS_INIT,
		.pkey_index = 0,
		.port_num = IB_PORT,
		.qp_access_flags = IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE |
				   IBV_ACCESS_REMOTE_READ,
	};
	int ret = ibv_modify_qp(l->qp, &a, IBV_QP_STATE | IBV_QP_PKEY_INDEX |
				IBV_QP_PORT | IBV_QP_ACCESS_FLAGS);

	if (ret)
		die(l->what, "modify qp to INIT: %s", strerror(verbs_errno(ret)));
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
	sock_send(t, &out, sizeof(out));
	sock_recv(t, &in, sizeof(in));

	l->peer.qpn = ntohl(in.qpn);
	l->peer.psn = ntohl(in.psn);
	memcpy(l->peer.gid.raw, in.gid, sizeof(in.gid));
	l->peer.addr = be64toh(in.addr);
	l->peer.rkey = ntohl(in.rkey);
	l->peer.len = ntohl(in.len);
}

static void qp_to_rtr(struct tandem *t, struct link *l)
{
	struct ibv_qp_attr a = {
		.qp_state = IBV_QPS_RTR,
		.path_mtu = IBV_MTU_1024,
		.dest_qp_num = l->peer.qpn,
		.rq_psn = l->peer.psn,
		.max_dest_rd_atomic = 1,
		.min_rnr_timer = 12,
		.ah_attr = {
			.is_global = 1,
			.port_num = IB_PORT,
			.grh = {
				.dgid = l->peer.gid,
				.sgid_index = t->gid_index,
				.hop_limit = 64,
			},
		},
	};
	int ret = ibv_modify_qp(l->qp, &a, IBV_QP_STATE | IBV_QP_AV | IBV_QP_PATH_MTU |
				IBV_QP_DEST_QPN | IBV_QP_RQ_PSN |
				IBV_QP_MAX_DEST_RD_ATOMIC | IBV_QP_MIN_RNR_TIMER);

	if (ret)
		die(l->what, "modify qp to RTR: %s", strerror(verbs_errno(ret)));
}

static void qp_to_rts(struct link *l)
{
	struct ibv_qp_attr a = {
		.qp_state = IBV_QPS_RTS,
		.timeout = 14,
		.retry_cnt = 7,
		.rnr_retry = 7,
		.sq_psn = l->psn,
		.max_rd_atomic = 1,
	};
	int ret = ibv_modify_qp(l->qp, &a, IBV_QP_STATE | IBV_QP_TIMEOUT | IBV_QP_RETRY_CNT |
				IBV_QP_RNR_RETRY | IBV_QP_SQ_PSN | IBV_QP_MAX_QP_RD_ATOMIC);

	if (ret)
		die(l->what, "modify qp to RTS: %s", strerror(verbs_errno(ret)));
}

/*
 * Creates a fresh RC QP (receiving from @srq if given), connects it to the
 * peer's and waits until both are ready, so neither side sends too early.
 */
static void link_open(struct tandem *t, struct link *l, const char *what, int send_cqe,
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
	l->what = what;
	l->send_cq = ibv_create_cq(t->dev, send_cqe, NULL, NULL, 0);
	l->recv_cq = ibv_create_cq(t->dev, 2 * SRQ_MSGS, NULL, NULL, 0);
	if (!l->send_cq || !l->recv_cq)
		die(what, "ibv_create_cq: %s", strerror(errno));
	init.send_cq = l->send_cq;
	init.recv_cq = l->recv_cq;
	l->qp = ibv_create_qp(t->pd, &init);
	if (!l->qp)
		die(what, "ibv_create_qp: %s", strerror(errno));
	l->psn = lrand48() & 0xffffff;

	qp_to_init(l);
	exchange_info(t, l);
	qp_to_rtr(t, l);
	qp_to_rts(l);
	exchange_flag(t, true);
	pass("%s: qp 0x%x connected to peer qp 0x%x", what, l->qp->qp_num, l->peer.qpn);
}

static void link_close(struct link *l)
{
	int qp_ret = ibv_destroy_qp(l->qp);
	int scq_ret = ibv_destroy_cq(l->send_cq);
	int rcq_ret = ibv_destroy_cq(l->recv_cq);
	char what[96];

	snprintf(what, sizeof(what), "%s: qp and cqs destroyed", l->what);
	report(!qp_ret && !scq_ret && !rcq_ret, what, "destroy qp %d, send cq %d, recv cq %d",
	       qp_ret, scq_ret, rcq_ret);
}

static int post_one(struct link *l, enum ibv_wr_opcode op, struct local_buf *b, size_t off,
		    uint32_t len, uint64_t raddr, uint32_t rkey, uint64_t wr_id)
{
	struct ibv_sge sge = {
		.addr = (uintptr_t)(b->data + off),
		.length = len,
		.lkey = b->mr->lkey,
	};
	struct ibv_send_wr wr = {
		.wr_id = wr_id,
		.sg_list = &sge,
		.num_sge = 1,
		.opcode = op,
		.send_flags = IBV_SEND_SIGNALED,
	}, *bad;

	wr.wr.rdma.remote_addr = raddr;
	wr.wr.rdma.rkey = rkey;
	return ibv_post_send(l->qp, &wr, &bad);
}

/* Waits for @n successful completions whose wr_ids run from @first_id up. */
static bool expect_in_order(const char *what, struct ibv_cq *cq, int n, uint64_t first_id)
{
	struct ibv_wc wc[CHUNK_BATCH];
	int got = wait_completions(cq, wc, n), i;

	for (i = 0; i < got; i++) {
		if (wc[i].status != IBV_WC_SUCCESS)
			return report(false, what, "completion %d: %s", i,
				      ibv_wc_status_str(wc[i].status));
		if (wc[i].wr_id != first_id + i)
			return report(false, what, "completion %d has wr_id %llu, expected %llu", i,
				      (unsigned long long)wc[i].wr_id,
				      (unsigned long long)(first_id + i));
	}
	return report(got == n, what, "only %d of %d completions within %d s", got, n,
		      CQ_TIMEOUT_S);
}

/* ---- cases 1-4: one access, then the server inspects its buffer ---- */

static uint8_t write_pattern(size_t i)
{
	return (uint8_t)(i ^ 0x5c);
}

static uint8_t expected_after_valid_write(size_t off)
{
	if (off >= VALID_OFFSET && off < VALID_OFFSET + XFER_LEN)
		return write_pattern(off - VALID_OFFSET);
	return CANARY;
}

static void target_setup(struct tandem *t)
{
	void *p;

	if (posix_memalign(&p, 4096, TARGET_SIZE))
		die("alloc", "%d bytes", TARGET_SIZE);
	t->target = p;
	memset(t->target, CANARY, TARGET_SIZE);
	/* Only the first page is registered: the second is the canary to guard. */
	t->target_mr = ibv_reg_mr(t->pd, t->target, TARGET_MR_SIZE, IBV_ACCESS_LOCAL_WRITE |
				  IBV_ACCESS_REMOTE_WRITE | IBV_ACCESS_REMOTE_READ);
	if (!t->target_mr)
		die("register target mr", "ibv_reg_mr: %s", strerror(errno));
	pass("register %d-byte target mr at the start of a %d-byte canary buffer",
	     TARGET_MR_SIZE, TARGET_SIZE);
}

static void server_valid_write(struct tandem *t)
{
	const char *what = "valid write: pattern landed, canary intact";
	struct link l;
	long bad = -1;
	size_t i;
	bool ok;

	link_open(t, &l, "valid write", 16, NULL);
	exchange_flag(t, true);		/* client: write completed */
	for (i = 0; i < TARGET_SIZE && bad < 0; i++)
		if (t->target[i] != expected_after_valid_write(i))
			bad = (long)i;
	ok = report(bad < 0, what, "byte %ld is 0x%02x, expected 0x%02x", bad,
		    bad < 0 ? 0 : t->target[bad], expected_after_valid_write(bad < 0 ? 0 : bad));
	/* Cases 2-4 must leave the buffer exactly as this case left it. */
	memcpy(t->snapshot, t->target, TARGET_SIZE);
	exchange_flag(t, ok);
	link_close(&l);
}

static void server_expect_untouched(struct tandem *t, const char *name)
{
	char what[96];
	struct link l;
	long bad = -1;
	size_t i;
	bool ok;

	link_open(t, &l, name, 16, NULL);
	exchange_flag(t, true);		/* client: access attempted */
	for (i = 0; i < TARGET_SIZE && bad < 0; i++)
		if (t->target[i] != t->snapshot[i])
			bad = (long)i;
	snprintf(what, sizeof(what), "%s: target buffer unchanged", name);
	ok = report(bad < 0, what, "byte %ld changed from 0x%02x to 0x%02x", bad,
		    bad < 0 ? 0 : t->snapshot[bad], bad < 0 ? 0 : t->target[bad]);
	exchange_flag(t, ok);
	link_close(&l);
}

/*
 * Client half of cases 1-4: one signaled WR at the server's MR start +
 * @offset with its rkey ^ @rkey_xor, expecting completion status @want.
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
	snprintf(what, sizeof(what), "%s: completion %s", name, ibv_wc_status_str(want));
	ret = post_one(&l, op, b, 0, XFER_LEN, l.peer.addr + offset, l.peer.rkey ^ rkey_xor, 1);
	if (ret)
		report(false, what, "ibv_post_send: %s", strerror(verbs_errno(ret)));
	else if (wait_completions(l.send_cq, &wc, 1) != 1)
		report(false, what, "no completion within %d s", CQ_TIMEOUT_S);
	else
		report(wc.status == want, what, "got %s (%d)", ibv_wc_status_str(wc.status),
		       wc.status);

	exchange_flag(t, true);		/* let the server inspect its buffer */
	snprintf(what, sizeof(what), "%s: server checked its buffer", name);
	report(exchange_flag(t, true), what, "server found unexpected bytes");
	link_close(&l);
}

/* ---- case 5: cq resize ---- */

/* Write i copies source chunk i (bytes i & 0xff) into target slot i % 32. */
static bool post_chunk_writes(struct link *l, struct local_buf *src, int first, int count,
			      uint64_t wr_id0, const char *what)
{
	for (int k = 0; k < count; k++) {
		int i = first + k;
		int ret = post_one(l, IBV_WR_RDMA_WRITE, src, (size_t)i * CHUNK_LEN, CHUNK_LEN,
				   l->peer.addr + (i % CHUNK_SLOTS) * CHUNK_LEN, l->peer.rkey,
				   wr_id0 + k);

		if (ret)
			return report(false, what, "ibv_post_send of write %d: %s", i,
				      strerror(verbs_errno(ret)));
	}
	return true;
}

static bool resize_send_cq(struct ibv_cq *cq, int cqe, const char *what)
{
	int ret = ibv_resize_cq(cq, cqe);

	return report(!ret && cq->cqe >= cqe, what, "ret %d (%s), cq->cqe %d", ret,
		      strerror(verbs_errno(ret)), cq->cqe);
}

static void cq_resize_steps(struct link *l, struct local_buf *src)
{
	const char *grow = "cq resize: grow 4-entry send cq to 256";
	const char *shrink = "cq resize: shrink to 64 with 3 completions pending";
	const char *pending = "cq resize: 3 pending completions kept, in order";
	char what[96];

	/* The early writes hit slots the final 64 writes overwrite. */
	if (!post_chunk_writes(l, src, 0, 2, 1, "cq resize: 2 writes on 4-entry cq") ||
	    !expect_in_order("cq resize: 2 writes on 4-entry cq", l->send_cq, 2, 1))
		return;
	if (!resize_send_cq(l->send_cq, 256, grow))
		return;
	if (!post_chunk_writes(l, src, 0, 3, 100, shrink))
		return;
	/* No polling before this: the resize must carry the pending entries over. */
	if (!resize_send_cq(l->send_cq, 64, shrink) ||
	    !expect_in_order(pending, l->send_cq, 3, 100))
		return;
	/* 64 more completions: well past the original ring's size. */
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
	exchange_flag(t, true);		/* let the server inspect its buffer */
	report(exchange_flag(t, true), "cq resize: server checked its buffer",
	       "server found unexpected bytes");
	link_close(&l);
	local_buf_free(&src);
}

static void server_cq_resize(struct tandem *t)
{
	struct link l;
	long bad = -1;
	uint8_t want = 0;
	bool ok;

	link_open(t, &l, "cq resize", 16, NULL);
	exchange_flag(t, true);		/* client: all writes done */
	/* Slot j was last written by write 32 + j. */
	for (int slot = 0; slot < CHUNK_SLOTS && bad < 0; slot++) {
		want = (CHUNK_SLOTS + slot) & 0xff;
		bad = first_byte_not(t->target, slot * CHUNK_LEN, (slot + 1) * CHUNK_LEN, want);
	}
	ok = report(bad < 0, "cq resize: every slot holds its last write",
		    "byte %ld is 0x%02x, expected 0x%02x", bad, bad < 0 ? 0 : t->target[bad], want);
	exchange_flag(t, ok);
	link_close(&l);
}

/* ---- case 6: srq resize ---- */

static uint8_t srq_msg_byte(int k)
{
	return (uint8_t)((k * 7 + 1) & 0xff);
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
		struct ibv_recv_wr wr = { .wr_id = i, .sg_list = &sge, .num_sge = 1 }, *bad;
		int ret = ibv_post_srq_recv(srq, &wr, &bad);

		if (ret)
			return report(false, what, "receive %d: %s", i, strerror(verbs_errno(ret)));
	}
	pass("%s", what);
	return true;
}

/* Fills the 4-entry SRQ, grows it to 128 and posts 60 more; true if all 64 are up. */
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
	       "ret %d, max_wr %u", ret, attr.max_wr);
	return post_srq_recvs(srq, b, SRQ_INITIAL_WR, SRQ_MSGS - SRQ_INITIAL_WR,
			      "srq resize: post 60 more receives (64 outstanding)");
}

/* Message k arrives k-th; its wr_id says which buffer it filled. */
static bool check_srq_messages(struct link *l, struct local_buf *b)
{
	const char *what = "srq resize: 64 messages received intact, in order";
	struct ibv_wc wc[SRQ_MSGS];
	bool used[SRQ_MSGS] = { false };
	int got = wait_completions(l->recv_cq, wc, SRQ_MSGS);

	for (int k = 0; k < got; k++) {
		const struct ibv_wc *w = &wc[k];
		long bad;

		if (w->status != IBV_WC_SUCCESS)
			return report(false, what, "message %d: %s", k,
				      ibv_wc_status_str(w->status));
		if (w->opcode != IBV_WC_RECV || w->byte_len != SRQ_MSG_LEN ||
		    w->wr_id >= SRQ_MSGS || used[w->wr_id])
			return report(false, what, "message %d: opcode %d, byte_len %u, wr_id %llu",
				      k, w->opcode, w->byte_len, (unsigned long long)w->wr_id);
		used[w->wr_id] = true;
		bad = first_byte_not(b->data + w->wr_id * SRQ_MSG_LEN, 0, SRQ_MSG_LEN,
				     srq_msg_byte(k));
		if (bad >= 0)
			return report(false, what, "message %d in buffer %llu: byte %ld is 0x%02x, expected 0x%02x",
				      k, (unsigned long long)w->wr_id, bad,
				      b->data[w->wr_id * SRQ_MSG_LEN + bad], srq_msg_byte(k));
	}
	return report(got == SRQ_MSGS, what, "only %d of %d receives within %d s", got, SRQ_MSGS,
		      CQ_TIMEOUT_S);
}

static void server_srq_resize(struct tandem *t)
{
	struct ibv_srq_init_attr init = {
		.attr = { .max_wr = SRQ_INITIAL_WR, .max_sge = 1 },
	};
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
	if (ok)
		ok = check_srq_messages(&l, &rbuf);
	exchange_flag(t, true);		/* client: all sends done */
	exchange_flag(t, ok);
	link_close(&l);
	report(!ibv_destroy_srq(srq), "srq resize: srq destroyed", "ibv_destroy_srq failed");
	local_buf_free(&rbuf);
}

/* At most SEND_WINDOW sends in flight: the send queue and CQ never overflow. */
static void send_windowed(struct link *l, struct local_buf *src)
{
	const char *what = "srq resize: 64 sends completed in order";
	int posted = 0, done = 0, ret;
	struct ibv_wc wc;

	while (done < SRQ_MSGS) {
		for (; posted < SRQ_MSGS && posted - done < SEND_WINDOW; posted++) {
			ret = post_one(l, IBV_WR_SEND, src, (size_t)posted * SRQ_MSG_LEN,
				       SRQ_MSG_LEN, 0, 0, posted);
			if (ret) {
				report(false, what, "ibv_post_send of message %d: %s", posted,
				       strerror(verbs_errno(ret)));
				return;
			}
		}
		if (wait_completions(l->send_cq, &wc, 1) != 1) {
			report(false, what, "message %d: no completion within %d s", done,
			       CQ_TIMEOUT_S);
			return;
		}
		if (wc.status != IBV_WC_SUCCESS || wc.wr_id != (uint64_t)done) {
			report(false, what, "message %d: %s, wr_id %llu", done,
			       ibv_wc_status_str(wc.status), (unsigned long long)wc.wr_id);
			return;
		}
		done++;
	}
	pass("%s", what);
}

static void client_srq_resize(struct tandem *t)
{
	struct local_buf src;
	struct link l;

	local_buf_alloc(t, &src, SRQ_MSGS * SRQ_MSG_LEN, 0);
	for (int k = 0; k < SRQ_MSGS; k++)
		memset(src.data + k * SRQ_MSG_LEN, srq_msg_byte(k), SRQ_MSG_LEN);
	link_open(t, &l, "srq resize", 64, NULL);
	if (exchange_flag(t, true))	/* server: 64 receives posted */
		send_windowed(&l, &src);
	else
		report(false, "srq resize: server posted 64 receives", "server could not");
	exchange_flag(t, true);
	report(exchange_flag(t, true), "srq resize: server checked the messages",
	       "server saw a bad or missing message");
	link_close(&l);
	local_buf_free(&src);
}

/* ---- main ---- */

static void run_server(struct tandem *t)
{
	server_valid_write(t);
	server_expect_untouched(t, "bad rkey");
	server_expect_untouched(t, "out of bounds write");
	server_expect_untouched(t, "read beyond mr");
	server_cq_resize(t);
	server_srq_resize(t);
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
	local_buf_free(&src);
	local_buf_free(&dst);

	client_cq_resize(t);
	client_srq_resize(t);
}

static __attribute__((noreturn)) void usage(const char *prog)
{
	fprintf(stderr, "usage: %s -d DEV -g GIDINDEX [-p TCPPORT] server\n"
			"       %s -d DEV -g GIDINDEX [-p TCPPORT] client SERVER_IPV4\n",
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
	int tcp_port = DEFAULT_TCP_PORT, opt;
	const char *dev = NULL;

	/* Line-buffered, so a log captured from a pipe is complete up to a crash. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "d:g:p:")) != -1) {
		switch (opt) {
		case 'd':
			dev = optarg;
			break;
		case 'g':
			t.gid_index = parse_uint(optarg, argv[0]);
			break;
		case 'p':
			tcp_port = parse_uint(optarg, argv[0]);
			break;
		default:
			usage(argv[0]);
		}
	}
	if (!dev || t.gid_index < 0 || optind >= argc)
		usage(argv[0]);
	if (!strcmp(argv[optind], "server") && argc - optind == 1)
		t.server = true;
	else if (strcmp(argv[optind], "client") || argc - optind != 2)
		usage(argv[0]);

	srand48(getpid() ^ time(NULL));
	open_verbs(&t, dev);
	if (t.server) {
		target_setup(&t);
		t.sock = accept_client(tcp_port);
		run_server(&t);
		ibv_dereg_mr(t.target_mr);
		free(t.target);
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
