// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem-hostile - a hostile user of an rxe-ABI RDMA device.
 *
 * It opens the device through the stock libibverbs and then does what a
 * buggy or malicious program can do to the driver on its own:
 *
 *  - writes garbage into its own send ring (which the provider mmap'd from
 *    the kernel) and rings the doorbell: bad opcodes, SGE counts, SGE
 *    lengths and lkeys, inline sizes, atomic lengths, AH numbers, address
 *    vectors, kernel-only opcodes, memory window binds and invalidations
 *    of keys it does not own, a producer index past the end and a ring
 *    full of random bytes;
 *  - makes its completion ring look full (a garbage consumer index);
 *  - registers an MR and unmaps the memory under it, then sends from it;
 *  - forks a child that leaves RDMA WRITEs in flight and is SIGKILLed;
 *  - with -x (alone on the device): allocates PDs until the device
 *    refuses one, at its max_pd.
 *
 * What must hold: each garbage WQE fails its own QP (an error completion,
 * or the QP in the error state), never completes successfully and never
 * hangs; every object is destroyed without error; after the killed child
 * and at the end, `rdma resource show` lists nothing of the process that
 * held them.  Whether the kernel survived untouched is for the caller to
 * check (its log, and the other QPs that run meanwhile).
 *
 * The rings are found in /proc/self/maps: the mappings of the uverbs
 * device that appear while a QP (with an SRQ, so it has no receive ring)
 * or a CQ is created.  The layout of a ring and of a send WQE is the rxe
 * ABI's (include/uapi/rdma/rdma_user_rxe.h), checked at run time against
 * a WQE the provider itself wrote, so a wrong assumption fails loudly
 * instead of testing nothing.
 *
 * usage: tandem-hostile -d DEV -g GID_INDEX PEER_IPV4
 *        tandem-hostile -d DEV -x
 * Prints "ok: ..." or "FAIL: ...: ..." per check, and "ok: all N checks"
 * at the end; exits 0 only if every check passed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <infiniband/verbs.h>
#include <rdma/ib_user_verbs.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define IB_PORT		1
#define SQ_WRS		16
#define BUF_SIZE	65536
#define WAIT_S		5
#define FAKE_QPN	0xabcde		/* no QP on the peer has this number */
#define MAX_MAPS	256

/* struct rxe_queue_buf: indices at 128 and 256, slots from 384. */
#define RING_PROD	128
#define RING_CONS	256
#define RING_DATA	384

/* struct rxe_send_wqe, the same offsets in every rxe ABI version. */
#define WQE_WR_ID	0
#define WQE_OPCODE	12
#define WQE_FLAGS	16
#define WQE_RKEY	32	/* wr.rdma.rkey, after the 8-byte address */
#define WQE_AH_NUM	36	/* wr.ud.ah_num (rdma-core >= 39; 0 before) */
#define WQE_AV		56	/* wr.ud.av: port_num, network_type, ... */
#define WQE_INV_RKEY	20	/* ex.invalidate_rkey */
#define WQE_MW		24	/* wr.mw: addr, length, mr_lkey, mw_rkey, rkey, access */
#define WQE_FLUSH	24	/* wr.flush: addr, length, rkey, type, level */
/* The user ABI's opcodes, which older rdma-core does not name. */
#define WR_FLUSH	14
#define WR_ATOMIC_WRITE	15
#define WQE_DMA		184	/* dma: length, resid, cur_sge, num_sge, ... */
#define DMA_LENGTH	0
#define DMA_NUM_SGE	12
#define DMA_SGE		24	/* struct rxe_sge: addr, length, lkey */

struct ring {
	uint8_t *base;
	size_t size;
	uint32_t mask;
	uint32_t elem;
};

struct hostile {
	struct ibv_context *ctx;
	struct ibv_pd *pd;
	struct ibv_cq *cq;
	struct ibv_srq *srq;
	struct ibv_mr *mr;
	uint8_t *buf;
	union ibv_gid gid;
	int gid_index;
	uint32_t peer_ip;
};

static int checks_run, checks_failed;

static __attribute__((format(printf, 3, 4))) bool
report(bool ok, const char *what, const char *fmt, ...)
{
	va_list ap;

	checks_run++;
	checks_failed += !ok;
	printf("%s: %s", ok ? "ok" : "FAIL", what);
	if (fmt && !ok) {
		fputs(": ", stdout);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	putchar('\n');
	fflush(stdout);
	return ok;
}

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

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Start addresses of the uverbs device's mappings in this process. */
static int uverbs_maps(unsigned long *start, size_t *len)
{
	char line[512];
	int n = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		die("read /proc/self/maps", "%s", strerror(errno));
	while (fgets(line, sizeof(line), f) && n < MAX_MAPS) {
		unsigned long a, b;

		if (!strstr(line, "/dev/infiniband/uverbs"))
			continue;
		if (sscanf(line, "%lx-%lx", &a, &b) != 2)
			continue;
		start[n] = a;
		len[n++] = b - a;
	}
	fclose(f);
	return n;
}

/*
 * Records the uverbs mappings before an object is created (@before), then
 * finds the one mapping that the creation added.
 */
struct map_snapshot {
	unsigned long start[MAX_MAPS];
	size_t len[MAX_MAPS];
	int n;
};

static void snapshot(struct map_snapshot *s)
{
	s->n = uverbs_maps(s->start, s->len);
}

static bool new_ring(const struct map_snapshot *before, struct ring *r)
{
	struct map_snapshot after;
	int found = 0;

	snapshot(&after);
	for (int i = 0; i < after.n; i++) {
		bool old = false;

		for (int j = 0; j < before->n; j++)
			old |= after.start[i] == before->start[j];
		if (old)
			continue;
		r->base = (uint8_t *)after.start[i];
		r->size = after.len[i];
		found++;
	}
	if (found != 1)
		return false;
	r->elem = 1u << *(uint32_t *)r->base;
	r->mask = *(uint32_t *)(r->base + 4);
	return r->mask && !(r->mask & (r->mask + 1)) && r->elem >= 64 &&
	       RING_DATA + (size_t)(r->mask + 1) * r->elem <= r->size;
}

static uint8_t *slot(const struct ring *r, uint32_t index)
{
	return r->base + RING_DATA + (size_t)(index & r->mask) * r->elem;
}

static uint32_t *ring_index(const struct ring *r, int which)
{
	return (uint32_t *)(r->base + which);
}

static void put32(uint8_t *p, int off, uint32_t v)
{
	memcpy(p + off, &v, sizeof(v));
}

static void put64(uint8_t *p, int off, uint64_t v)
{
	memcpy(p + off, &v, sizeof(v));
}

static uint32_t get32(const uint8_t *p, int off)
{
	uint32_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

/* The output of `rdma resource show [WHAT]` (no shell: the guests have none at /bin/sh). */
static FILE *run(const char *what, pid_t *pid)
{
	int fd[2];

	if (pipe(fd))
		return NULL;
	*pid = fork();
	if (*pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return NULL;
	}
	if (*pid == 0) {
		dup2(fd[1], 1);
		dup2(fd[1], 2);
		close(fd[0]);
		close(fd[1]);
		execlp("rdma", "rdma", "resource", "show", what, (char *)NULL);
		printf("cannot run rdma: %s\n", strerror(errno));
		_exit(127);
	}
	close(fd[1]);
	return fdopen(fd[0], "r");
}

static void run_end(FILE *f, pid_t pid)
{
	fclose(f);
	waitpid(pid, NULL, 0);
}

/* `rdma resource show DEV`: "pd 1 cq 2 qp 1 ..." for the whole device. */
static void device_counts(const char *dev, char *out, size_t size)
{
	char line[512];
	pid_t pid;
	FILE *p;

	out[0] = 0;
	p = run(dev, &pid);
	if (!p)
		return;
	while (fgets(line, sizeof(line), p)) {
		char *c = strstr(line, " pd ");

		if (c) {
			c[strcspn(c, "\n")] = 0;
			snprintf(out, size, "%s", c + 1);
		}
	}
	run_end(p, pid);
}

/* QPs, CQs, PDs and MRs of the device that process @pid holds. */
static int objects_of(const char *dev, pid_t pid)
{
	static const char *const kinds[] = { "qp", "cq", "pd", "mr" };
	char line[512], tag[32];
	int n = 0, lines = 0;

	snprintf(tag, sizeof(tag), " pid %d ", (int)pid);
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		pid_t pid;
		FILE *p;

		p = run(kinds[k], &pid);
		if (!p)
			die("run rdma resource show", "%s", strerror(errno));
		while (fgets(line, sizeof(line), p)) {
			lines++;
			n += strstr(line, dev) && strstr(line, tag);
		}
		run_end(p, pid);
	}
	/* This program's own PD at least: never an empty answer. */
	if (!lines)
		die("rdma resource show qp/cq/pd/mr", "printed nothing");
	return n;
}

/* Waits up to 10 s for process @pid to hold nothing of the device. */
static int objects_gone(const char *dev, pid_t pid)
{
	double deadline = now_s() + 10;
	int n;

	while ((n = objects_of(dev, pid)) && now_s() < deadline)
		nap_ms(200);
	return n;
}

/*
 * The doorbell: the POST_SEND command with no work requests, which the
 * provider itself sends after filling the ring.
 */
static int doorbell(struct ibv_qp *qp)
{
	struct {
		struct ib_uverbs_cmd_hdr hdr;
		struct ib_uverbs_post_send cmd;
	} req;
	struct ib_uverbs_post_send_resp resp;

	memset(&req, 0, sizeof(req));
	req.hdr.command = IB_USER_VERBS_CMD_POST_SEND;
	req.hdr.in_words = sizeof(req) / 4;
	req.hdr.out_words = sizeof(resp) / 4;
	req.cmd.response = (uintptr_t)&resp;
	req.cmd.qp_handle = qp->handle;
	req.cmd.wqe_size = sizeof(struct ib_uverbs_send_wr);
	return write(qp->context->cmd_fd, &req, sizeof(req)) == sizeof(req) ? 0 : -errno;
}

static struct ibv_qp *create_qp(struct hostile *h, enum ibv_qp_type type, struct ring *sq)
{
	struct ibv_qp_init_attr init = {
		.send_cq = h->cq,
		.recv_cq = h->cq,
		.srq = h->srq,
		.qp_type = type,
		.cap = { .max_send_wr = SQ_WRS, .max_send_sge = 2, .max_inline_data = 64 },
	};
	struct map_snapshot before;
	struct ibv_qp *qp;

	snapshot(&before);
	qp = ibv_create_qp(h->pd, &init);
	if (!qp)
		die("create a QP", "%s", strerror(errno));
	if (!new_ring(&before, sq))
		die("find the QP's send ring among the uverbs mappings",
		    "expected exactly one new, well-formed ring");
	return qp;
}

/* RC: to a QP number the peer does not have; UD: Q_Key 0x11111111. */
static void connect_qp(struct hostile *h, struct ibv_qp *qp)
{
	struct ibv_qp_attr a = {
		.qp_state = IBV_QPS_INIT,
		.port_num = IB_PORT,
		.qp_access_flags = IBV_ACCESS_REMOTE_WRITE,
		.qkey = 0x11111111,
	};
	int init_mask = IBV_QP_STATE | IBV_QP_PKEY_INDEX | IBV_QP_PORT;
	bool rc = qp->qp_type == IBV_QPT_RC;

	init_mask |= rc ? IBV_QP_ACCESS_FLAGS : IBV_QP_QKEY;
	if (ibv_modify_qp(qp, &a, init_mask))
		die("QP to INIT", "%s", strerror(errno));
	memset(&a, 0, sizeof(a));
	a.qp_state = IBV_QPS_RTR;
	if (rc) {
		a.path_mtu = IBV_MTU_1024;
		a.dest_qp_num = FAKE_QPN;
		a.max_dest_rd_atomic = 1;
		a.min_rnr_timer = 12;
		a.ah_attr.is_global = 1;
		a.ah_attr.port_num = IB_PORT;
		a.ah_attr.grh.hop_limit = 64;
		a.ah_attr.grh.sgid_index = h->gid_index;
		/* An IPv4-mapped GID: ::ffff:a.b.c.d */
		a.ah_attr.grh.dgid.raw[10] = 0xff;
		a.ah_attr.grh.dgid.raw[11] = 0xff;
		memcpy(&a.ah_attr.grh.dgid.raw[12], &h->peer_ip, 4);
	}
	if (ibv_modify_qp(qp, &a, rc ? IBV_QP_STATE | IBV_QP_AV | IBV_QP_PATH_MTU |
			  IBV_QP_DEST_QPN | IBV_QP_RQ_PSN | IBV_QP_MAX_DEST_RD_ATOMIC |
			  IBV_QP_MIN_RNR_TIMER : IBV_QP_STATE))
		die("QP to RTR", "%s", strerror(errno));
	memset(&a, 0, sizeof(a));
	a.qp_state = IBV_QPS_RTS;
	a.timeout = 10;
	a.retry_cnt = 7;
	a.rnr_retry = 7;
	a.max_rd_atomic = 1;
	if (ibv_modify_qp(qp, &a, rc ? IBV_QP_STATE | IBV_QP_TIMEOUT | IBV_QP_RETRY_CNT |
			  IBV_QP_RNR_RETRY | IBV_QP_SQ_PSN | IBV_QP_MAX_QP_RD_ATOMIC :
			  IBV_QP_STATE | IBV_QP_SQ_PSN))
		die("QP to RTS", "%s", strerror(errno));
}

/* Empties the shared CQ (completions of earlier cases' QPs). */
static void drain_cq(struct hostile *h)
{
	struct ibv_wc wc[16];

	while (ibv_poll_cq(h->cq, 16, wc) > 0)
		;
}

/*
 * After garbage was posted on @qp: an error completion of it, or the QP
 * in the error state, within WAIT_S.  A successful completion is a bug.
 */
static bool qp_failed(struct hostile *h, struct ibv_qp *qp, char *why, size_t size)
{
	double deadline = now_s() + WAIT_S;
	struct ibv_qp_init_attr init;
	struct ibv_qp_attr attr;
	struct ibv_wc wc;

	do {
		while (ibv_poll_cq(h->cq, 1, &wc) > 0) {
			if (wc.qp_num != qp->qp_num)
				continue;
			if (wc.status == IBV_WC_SUCCESS) {
				snprintf(why, size, "a garbage WQE (wr_id %#llx) completed successfully",
					 (unsigned long long)wc.wr_id);
				return false;
			}
			snprintf(why, size, "completed with %s", ibv_wc_status_str(wc.status));
			return true;
		}
		if (!ibv_query_qp(qp, &attr, IBV_QP_STATE, &init) &&
		    attr.qp_state == IBV_QPS_ERR) {
			snprintf(why, size, "QP in the error state");
			return true;
		}
		nap_ms(20);
	} while (now_s() < deadline);
	snprintf(why, size, "neither an error completion nor the error state in %d s", WAIT_S);
	return false;
}

/* A well-formed SEND of 64 bytes from the MR, as the case's base. */
static void valid_send(struct hostile *h, uint8_t *w, uint64_t wr_id)
{
	uint8_t *sge = w + WQE_DMA + DMA_SGE;

	put64(w, WQE_WR_ID, wr_id);
	put32(w, WQE_OPCODE, IBV_WR_SEND);
	put32(w, WQE_FLAGS, IBV_SEND_SIGNALED);
	put32(w + WQE_DMA, DMA_LENGTH, 64);
	put32(w + WQE_DMA, DMA_NUM_SGE, 1);
	put64(sge, 0, (uintptr_t)h->buf);
	put32(sge, 8, 64);
	put32(sge, 12, h->mr->lkey);
}

enum garbage {
	BAD_OPCODE, HUGE_NUM_SGE, BAD_LKEY, SGE_PAST_MR, SGE_LENGTH_OVERFLOW,
	HUGE_INLINE, ATOMIC_LENGTH, KERNEL_ONLY_OPCODE, BIND_UNKNOWN_MW,
	BIND_TO_PLAIN_MR, INVALIDATE_MR, FLUSH_BAD_TYPE, WRITE_ON_UD,
	ATOMIC_WRITE_ON_UD, BAD_AH_NUM, BAD_AV, PROD_PAST_END, RANDOM_RING,
	NGARBAGE
};

static const char *const garbage_name[NGARBAGE] = {
	[BAD_OPCODE] = "WQE opcode 0x7f",
	[HUGE_NUM_SGE] = "WQE with 0xffffffff SGEs",
	[BAD_LKEY] = "SGE with an lkey that does not exist",
	[SGE_PAST_MR] = "SGE reaching past its MR",
	[SGE_LENGTH_OVERFLOW] = "two SGEs of 0xffffffff bytes",
	[HUGE_INLINE] = "inline data of 65536 bytes",
	[ATOMIC_LENGTH] = "fetch-and-add of 64 bytes",
	[KERNEL_ONLY_OPCODE] = "REG_MR opcode from user space",
	[BIND_UNKNOWN_MW] = "BIND_MW of a memory window that does not exist",
	[BIND_TO_PLAIN_MR] = "BIND_MW with its MR's lkey as the window",
	[INVALIDATE_MR] = "LOCAL_INV of a user MR's lkey",
	[FLUSH_BAD_TYPE] = "FLUSH with placement type 7 and level 5",
	[WRITE_ON_UD] = "RDMA WRITE on a UD QP",
	[ATOMIC_WRITE_ON_UD] = "ATOMIC WRITE on a UD QP",
	[BAD_AH_NUM] = "UD WQE with AH number 0x7fffffff",
	[BAD_AV] = "UD WQE with a garbage address vector",
	[PROD_PAST_END] = "producer index past the ring's end",
	[RANDOM_RING] = "every slot and the producer index random",
};

static bool garbage_on_ud(enum garbage g)
{
	return g == WRITE_ON_UD || g == ATOMIC_WRITE_ON_UD || g == BAD_AH_NUM ||
	       g == BAD_AV;
}

static void write_garbage(struct hostile *h, struct ring *sq, enum garbage g)
{
	uint32_t *prod = ring_index(sq, RING_PROD);
	uint8_t *w = slot(sq, *prod);
	uint8_t *sge = w + WQE_DMA + DMA_SGE;
	uint32_t next = (*prod + 1) & sq->mask;

	memset(w, 0, sq->elem);
	valid_send(h, w, 0x1000 + g);
	switch (g) {
	case BAD_OPCODE:
		put32(w, WQE_OPCODE, 0x7f);
		break;
	case HUGE_NUM_SGE:
		put32(w + WQE_DMA, DMA_NUM_SGE, 0xffffffff);
		break;
	case BAD_LKEY:
		put32(sge, 12, h->mr->lkey ^ 0xffff00);
		break;
	case SGE_PAST_MR:
		put64(sge, 0, (uintptr_t)h->buf + BUF_SIZE - 32);
		break;
	case SGE_LENGTH_OVERFLOW:
		put32(w + WQE_DMA, DMA_NUM_SGE, 2);
		put32(sge, 8, 0xffffffff);
		memcpy(sge + 16, sge, 16);
		break;
	case HUGE_INLINE:
		put32(w, WQE_FLAGS, IBV_SEND_SIGNALED | IBV_SEND_INLINE);
		put32(w + WQE_DMA, DMA_LENGTH, 65536);
		break;
	case ATOMIC_LENGTH:
		put32(w, WQE_OPCODE, IBV_WR_ATOMIC_FETCH_AND_ADD);
		put32(sge, 8, 64);
		break;
	case KERNEL_ONLY_OPCODE:
		put32(w, WQE_OPCODE, 0x20);	/* the kernel's IB_WR_REG_MR */
		put64(w, 24, 0xffffffff81000000ull);	/* "a struct ib_mr *" */
		break;
	case BIND_UNKNOWN_MW:
	case BIND_TO_PLAIN_MR:
		/* A window over the whole MR, which has no IBV_ACCESS_MW_BIND. */
		put32(w, WQE_OPCODE, IBV_WR_BIND_MW);
		put32(w + WQE_DMA, DMA_LENGTH, 0);
		put32(w + WQE_DMA, DMA_NUM_SGE, 0);
		put64(w, WQE_MW, (uintptr_t)h->buf);
		put64(w, WQE_MW + 8, BUF_SIZE);
		put32(w, WQE_MW + 16, h->mr->lkey);
		put32(w, WQE_MW + 20, g == BIND_UNKNOWN_MW ? 0xfffffe00 : h->mr->lkey);
		put32(w, WQE_MW + 24, g == BIND_UNKNOWN_MW ? 0xfffffe01 : h->mr->lkey + 1);
		put32(w, WQE_MW + 28, IBV_ACCESS_REMOTE_WRITE | IBV_ACCESS_REMOTE_READ);
		break;
	case INVALIDATE_MR:
		put32(w, WQE_OPCODE, IBV_WR_LOCAL_INV);
		put32(w, WQE_INV_RKEY, h->mr->lkey);
		put32(w + WQE_DMA, DMA_LENGTH, 0);
		put32(w + WQE_DMA, DMA_NUM_SGE, 0);
		break;
	case FLUSH_BAD_TYPE:
		put32(w, WQE_OPCODE, WR_FLUSH);
		put64(w, WQE_FLUSH, (uintptr_t)h->buf);
		put32(w, WQE_FLUSH + 12, h->mr->rkey);
		w[WQE_FLUSH + 16] = 7;
		w[WQE_FLUSH + 17] = 5;
		put32(w + WQE_DMA, DMA_NUM_SGE, 0);
		break;
	case WRITE_ON_UD:
		put32(w, WQE_OPCODE, IBV_WR_RDMA_WRITE);
		break;
	case ATOMIC_WRITE_ON_UD:
		put32(w, WQE_OPCODE, WR_ATOMIC_WRITE);
		put32(w + WQE_DMA, DMA_LENGTH, 8);
		put32(w + WQE_DMA, DMA_NUM_SGE, 0);
		break;
	case BAD_AH_NUM:
		put32(w, WQE_AH_NUM, 0x7fffffff);
		break;
	case BAD_AV:
		put32(w, WQE_AH_NUM, 0);
		memset(w + WQE_AV, 0x5a, 88);
		break;
	case PROD_PAST_END:
		put32(w, WQE_OPCODE, 0x7e);
		next = sq->mask + 1 + 3;
		for (uint32_t i = 1; i <= 3; i++)
			memcpy(slot(sq, *prod + i), w, sq->elem);
		break;
	case RANDOM_RING:
		for (size_t i = RING_DATA; i < RING_DATA + (size_t)(sq->mask + 1) * sq->elem; i++)
			sq->base[i] = (uint8_t)random();
		next = (uint32_t)random();
		break;
	case NGARBAGE:
		break;
	}
	__atomic_store_n(prod, next, __ATOMIC_RELEASE);
}

static void garbage_case(struct hostile *h, enum garbage g)
{
	enum ibv_qp_type type = garbage_on_ud(g) ? IBV_QPT_UD : IBV_QPT_RC;
	struct ring sq;
	struct ibv_qp *qp = create_qp(h, type, &sq);
	char why[160];
	int err;

	connect_qp(h, qp);
	drain_cq(h);
	write_garbage(h, &sq, g);
	err = doorbell(qp);
	if (err)
		snprintf(why, sizeof(why), "the doorbell refused it: %s", strerror(-err));
	if (report(err || qp_failed(h, qp, why, sizeof(why)), garbage_name[g], "%s", why))
		printf("   %s\n", why);
	err = ibv_destroy_qp(qp);
	report(!err, "destroy the QP after it", "%s", strerror(err));
}

/*
 * The provider writes a WQE the normal way; it must sit where this program
 * believes the fields are.  Else every garbage case would aim wrongly.
 */
static void check_layout(struct hostile *h)
{
	struct ibv_sge s = { (uintptr_t)h->buf + 8, 24, h->mr->lkey };
	struct ibv_send_wr wr = {
		.wr_id = 0x1234567890abcdefull, .sg_list = &s, .num_sge = 1,
		.opcode = IBV_WR_RDMA_WRITE, .send_flags = IBV_SEND_SIGNALED,
		.wr.rdma = { .remote_addr = 0x1000, .rkey = 0x5eed },
	}, *bad;
	struct ring sq;
	struct ibv_qp *qp = create_qp(h, IBV_QPT_RC, &sq);
	const uint8_t *w = slot(&sq, 0);
	uint64_t wr_id, addr;

	/* In RESET the kernel does not consume it: the slot stays as written. */
	if (ibv_post_send(qp, &wr, &bad))
		printf("   (posting in RESET refused: %s; reading the slot anyway)\n",
		       strerror(errno));
	memcpy(&wr_id, w + WQE_WR_ID, 8);
	memcpy(&addr, w + WQE_DMA + DMA_SGE, 8);
	report(wr_id == wr.wr_id && get32(w, WQE_OPCODE) == IBV_WR_RDMA_WRITE &&
	       get32(w, WQE_RKEY) == 0x5eed && get32(w + WQE_DMA, DMA_NUM_SGE) == 1 &&
	       get32(w + WQE_DMA, DMA_LENGTH) == 24 && addr == s.addr &&
	       get32(w + WQE_DMA + DMA_SGE, 12) == s.lkey,
	       "the provider's WQE has the layout this program writes",
	       "wr_id %#llx opcode %u rkey %#x num_sge %u length %u",
	       (unsigned long long)wr_id, get32(w, WQE_OPCODE), get32(w, WQE_RKEY),
	       get32(w + WQE_DMA, DMA_NUM_SGE), get32(w + WQE_DMA, DMA_LENGTH));
	ibv_destroy_qp(qp);
	if (checks_failed)
		exit(1);
}

/* The CQ ring made to look full: the kernel overflows it, nothing more. */
static void full_cq_case(struct hostile *h)
{
	struct map_snapshot before;
	struct ibv_cq *cq, *keep = h->cq;
	struct ring cqr, sq;
	struct ibv_qp *qp;
	char why[160];
	int err;

	snapshot(&before);
	cq = ibv_create_cq(h->ctx, 4, NULL, NULL, 0);
	if (!cq || !new_ring(&before, &cqr))
		die("create a CQ and find its ring", "%s", strerror(errno));
	h->cq = cq;
	qp = create_qp(h, IBV_QPT_RC, &sq);
	h->cq = keep;
	connect_qp(h, qp);
	/* Consumer one ahead of the producer: "full" to the kernel. */
	*ring_index(&cqr, RING_CONS) = (*ring_index(&cqr, RING_PROD) + 1) & cqr.mask;
	for (int i = 0; i < 3; i++) {
		write_garbage(h, &sq, BAD_OPCODE);
		doorbell(qp);
	}
	{
		double deadline = now_s() + WAIT_S;
		struct ibv_qp_init_attr init;
		struct ibv_qp_attr attr;
		bool err_state = false;

		while (!err_state && now_s() < deadline) {
			err_state = !ibv_query_qp(qp, &attr, IBV_QP_STATE, &init) &&
				    attr.qp_state == IBV_QPS_ERR;
			nap_ms(20);
		}
		snprintf(why, sizeof(why), "QP not in the error state after %d s", WAIT_S);
		report(err_state, "completions into a CQ that looks full: the QP fails, no hang",
		       "%s", why);
	}
	err = ibv_destroy_qp(qp);
	report(!err, "destroy the QP after it", "%s", strerror(err));
	err = ibv_destroy_cq(cq);
	report(!err, "destroy the overflowed CQ", "%s", strerror(err));
}

/* Memory unmapped under its MR: the kernel's pin keeps the pages. */
static void unmapped_mr_case(struct hostile *h)
{
	size_t len = 1 << 20;
	uint8_t *mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			    -1, 0);
	struct ibv_sge s;
	struct ibv_send_wr wr = { .sg_list = &s, .num_sge = 1, .opcode = IBV_WR_SEND,
				  .send_flags = IBV_SEND_SIGNALED }, *bad;
	struct ibv_mr *mr;
	struct ibv_qp *qp;
	struct ring sq;
	struct ibv_wc wc;
	double deadline;
	int err, got = 0;

	if (mem == MAP_FAILED)
		die("mmap 1 MiB", "%s", strerror(errno));
	memset(mem, 0x77, len);
	mr = ibv_reg_mr(h->pd, mem, len, IBV_ACCESS_LOCAL_WRITE);
	if (!mr)
		die("register 1 MiB", "%s", strerror(errno));
	munmap(mem, len);
	qp = create_qp(h, IBV_QPT_UD, &sq);
	connect_qp(h, qp);
	drain_cq(h);
	/* A UD send to nowhere in particular: it only has to be read. */
	s = (struct ibv_sge){ (uintptr_t)mem + 4096, 512, mr->lkey };
	{
		struct ibv_ah_attr aa = { .is_global = 1, .port_num = IB_PORT,
					  .grh = { .hop_limit = 64, .sgid_index = h->gid_index } };

		aa.grh.dgid.raw[10] = 0xff;
		aa.grh.dgid.raw[11] = 0xff;
		memcpy(&aa.grh.dgid.raw[12], &h->peer_ip, 4);
		wr.wr.ud.ah = ibv_create_ah(h->pd, &aa);
		if (!wr.wr.ud.ah)
			die("create an AH to the peer", "%s", strerror(errno));
		wr.wr.ud.remote_qpn = FAKE_QPN;
		wr.wr.ud.remote_qkey = 0x11111111;
	}
	err = ibv_post_send(qp, &wr, &bad);
	deadline = now_s() + WAIT_S;
	while (!err && !got && now_s() < deadline) {
		got = ibv_poll_cq(h->cq, 1, &wc);
		if (!got)
			nap_ms(10);
	}
	report(err || (got == 1 && wc.qp_num == qp->qp_num),
	       "a send from an MR whose memory was unmapped completes",
	       "post: %s; completions: %d", strerror(err), got);
	ibv_destroy_ah(wr.wr.ud.ah);
	ibv_destroy_qp(qp);
	err = ibv_dereg_mr(mr);
	report(!err, "deregister the MR over unmapped memory", "%s", strerror(err));
}

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
		die("open the device", "%s not found or not openable", dev);
	return ctx;
}

/* The child of killed_child_case(): 4 RC QPs with 16 WRITEs each in flight. */
static void __attribute__((noreturn)) child_in_flight(struct hostile *h, const char *dev,
						       int ready)
{
	struct hostile c = *h;
	struct ibv_sge s;
	struct ibv_send_wr wr = { .sg_list = &s, .num_sge = 1, .opcode = IBV_WR_RDMA_WRITE },
			   *bad;

	/* A context of its own: objects made through the parent's are the parent's. */
	c.ctx = open_device(dev);
	c.pd = ibv_alloc_pd(c.ctx);
	c.cq = c.pd ? ibv_create_cq(c.ctx, 64, NULL, NULL, 0) : NULL;
	c.srq = NULL;
	c.mr = c.cq ? ibv_reg_mr(c.pd, c.buf, BUF_SIZE, IBV_ACCESS_LOCAL_WRITE) : NULL;
	if (!c.mr)
		_exit(2);
	s = (struct ibv_sge){ (uintptr_t)c.buf, BUF_SIZE, c.mr->lkey };
	wr.wr.rdma.remote_addr = 0x10000;
	wr.wr.rdma.rkey = 0x1234;
	for (int q = 0; q < 4; q++) {
		struct ibv_qp_init_attr init = {
			.send_cq = c.cq, .recv_cq = c.cq, .qp_type = IBV_QPT_RC,
			.cap = { .max_send_wr = SQ_WRS, .max_send_sge = 1,
				 .max_recv_wr = 4, .max_recv_sge = 1 },
		};
		struct ibv_qp *qp = ibv_create_qp(c.pd, &init);

		if (!qp)
			_exit(3);
		connect_qp(&c, qp);
		for (int i = 0; i < SQ_WRS; i++)
			if (ibv_post_send(qp, &wr, &bad))
				_exit(4);
	}
	if (write(ready, "x", 1) != 1)
		_exit(5);
	pause();
	_exit(0);
}

/* A child leaves RDMA WRITEs in flight and is killed: all is released. */
static void killed_child_case(struct hostile *h, const char *dev)
{
	int ready[2], status, held, left;
	ssize_t n;
	pid_t pid;
	char c;

	if (pipe(ready))
		die("pipe", "%s", strerror(errno));
	pid = fork();
	if (pid < 0)
		die("fork", "%s", strerror(errno));
	if (pid == 0) {
		close(ready[0]);
		child_in_flight(h, dev, ready[1]);
	}
	close(ready[1]);
	n = read(ready[0], &c, 1);
	close(ready[0]);
	held = objects_of(dev, pid);
	nap_ms(300);	/* the WRITEs are on the wire, retrying */
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	if (n != 1)
		die("the child with QPs in flight", "it failed to set up (exit %d)",
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	left = objects_gone(dev, pid);
	report(held >= 7 && !left,
	       "a process SIGKILLed with 64 WRITEs in flight on 4 QPs leaves nothing behind",
	       "it held %d objects (4 QPs, a CQ, a PD, an MR expected); %d left after it died",
	       held, left);
}

/* PDs until the device refuses one; then all freed. */
static int exhaust_pds(const char *dev)
{
	struct ibv_context *ctx = open_device(dev);
	struct ibv_device_attr attr;
	struct ibv_pd **pds;
	char counts[256];
	int n = 0, held = -1, err = 0, left;

	if (ibv_query_device(ctx, &attr))
		die("query the device", "%s", strerror(errno));
	device_counts(dev, counts, sizeof(counts));
	if (sscanf(counts, "pd %d", &held) != 1)
		die("read the device's PD count", "rdma resource show %s: '%s'", dev, counts);
	pds = calloc(attr.max_pd + 2, sizeof(*pds));
	if (!pds)
		die("calloc", "out of memory");
	while (n < attr.max_pd + 2) {
		pds[n] = ibv_alloc_pd(ctx);
		if (!pds[n]) {
			err = errno;
			break;
		}
		n++;
	}
	report(n == attr.max_pd - held && err == ENOMEM,
	       "PDs allocate up to the device's max_pd, then fail with ENOMEM",
	       "%d held before; got %d more (max_pd %d), then: %s", held, n, attr.max_pd,
	       err ? strerror(err) : "no failure");
	printf("   %d PDs held before, %d more allocated (max_pd %d), then: %s\n",
	       held, n, attr.max_pd, strerror(err));
	while (n--)
		if (ibv_dealloc_pd(pds[n]))
			err = -1;
	free(pds);
	/* One PD must be possible again. */
	pds = calloc(1, sizeof(*pds));
	pds[0] = ibv_alloc_pd(ctx);
	report(err != -1 && pds[0], "every PD freed, and a new one allocates", "%s",
	       strerror(errno));
	if (pds[0])
		ibv_dealloc_pd(pds[0]);
	free(pds);
	ibv_close_device(ctx);
	left = objects_gone(dev, getpid());
	report(!left, "the program holds nothing of the device at the end",
	       "%d objects left", left);
	return checks_failed ? 1 : 0;
}

static int summary(void)
{
	if (checks_failed) {
		printf("FAIL: %d of %d checks\n", checks_failed, checks_run);
		return 1;
	}
	printf("ok: all %d checks\n", checks_run);
	return 0;
}

int main(int argc, char **argv)
{
	struct hostile h = { 0 };
	const char *dev = NULL;
	bool exhaust = false;
	int opt, left;

	while ((opt = getopt(argc, argv, "d:g:x")) != -1) {
		if (opt == 'd')
			dev = optarg;
		else if (opt == 'g')
			h.gid_index = atoi(optarg);
		else if (opt == 'x')
			exhaust = true;
		else
			goto usage;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (dev && exhaust && optind == argc) {
		exhaust_pds(dev);
		return summary();
	}
	if (!dev || optind != argc - 1 || inet_pton(AF_INET, argv[optind], &h.peer_ip) != 1)
		goto usage;
	srandom(4791);

	h.ctx = open_device(dev);
	h.pd = ibv_alloc_pd(h.ctx);
	h.cq = h.pd ? ibv_create_cq(h.ctx, 256, NULL, NULL, 0) : NULL;
	{
		struct ibv_srq_init_attr sa = { .attr = { .max_wr = 16, .max_sge = 1 } };

		h.srq = h.cq ? ibv_create_srq(h.pd, &sa) : NULL;
	}
	h.buf = aligned_alloc(4096, BUF_SIZE);
	h.mr = h.srq && h.buf ? ibv_reg_mr(h.pd, h.buf, BUF_SIZE, IBV_ACCESS_LOCAL_WRITE) : NULL;
	if (!h.mr)
		die("set up PD, CQ, SRQ and MR", "%s", strerror(errno));

	{
		int mine = objects_of(dev, getpid());

		/* A PD, a CQ and an MR at least: the count sees this process. */
		report(mine >= 3, "rdma resource show lists this program's objects", "%d found",
		       mine);
	}
	check_layout(&h);
	for (enum garbage g = 0; g < NGARBAGE; g++)
		garbage_case(&h, g);
	full_cq_case(&h);
	unmapped_mr_case(&h);
	killed_child_case(&h, dev);

	ibv_dereg_mr(h.mr);
	ibv_destroy_srq(h.srq);
	ibv_destroy_cq(h.cq);
	ibv_dealloc_pd(h.pd);
	ibv_close_device(h.ctx);
	left = objects_gone(dev, getpid());
	report(!left, "the program holds nothing of the device at the end",
	       "%d objects left", left);
	return summary();
usage:
	fprintf(stderr, "usage: %s -d DEV -g GID_INDEX PEER_IPV4\n"
		"       %s -d DEV -x    (PDs until the device's limit)\n", argv[0], argv[0]);
	return 2;
}
