// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem-relay: the wire between the two bench guests, with faults.
 *
 * Each guest's QEMU sends its Ethernet frames, one per UDP datagram, to one
 * of the relay's two ports; the relay passes them on to the other guest's
 * QEMU, and on the way drops, duplicates, reorders, delays, corrupts or
 * black-holes them at the rates asked for.  Every decision comes from one
 * seeded generator, so a run given the same seed and the same frames makes
 * the same decisions.  On SIGTERM or SIGINT it writes what it did, per
 * direction, to the stats file and exits.
 *
 *   tandem-relay -a PORT:TO -b PORT:TO [-s SEED] [-l LOSS%] [-L LOSS%]
 *                [-d DUP%] [-r REORDER%] [-c FLIP%] [-D DELAY_MS]
 *                [-B START_S:LEN_S] [-A LEN_S] [-o STATS]
 *
 * -a 40001:40002: frames that arrive at 127.0.0.1:40001 go to 127.0.0.1:40002
 * (from the relay's other socket, -b, so that each guest sees one peer).
 * -L drops frames of direction a only: one guest's answers are lost while
 * every request of its peer arrives.  -A does the same to all of them, for
 * LEN_S seconds from each SIGUSR1: a guest asks for it (through the bench)
 * at the moment its traffic is in flight, which no fixed time can hit.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define MAX_FRAME	65536
#define MAX_DELAYED	4096
#define REORDER_HOLD_NS	(5 * 1000000LL)	/* a held frame goes after this */

struct counters {
	unsigned long long in, out, dropped, duplicated, reordered, corrupted,
		delayed, blackholed;
};

struct frame {
	long long due_ns;
	int dir;
	size_t len;
	unsigned char *data;
};

struct direction {
	int rx_fd, tx_fd;		/* arrives on rx_fd, leaves by tx_fd */
	struct sockaddr_in to;
	struct counters c;
	struct frame held;		/* a frame kept back to be reordered */
};

static struct {
	double loss, loss_a, dup, reorder, flip;
	long long delay_ns, blackout_start_ns, blackout_len_ns, a_blackout_len_ns;
} profile;

static struct direction dirs[2];
static struct frame delayed[MAX_DELAYED];
static unsigned int n_delayed;
static uint64_t rng_state;
static long long t0_ns;
static long long a_blackout_end_ns;	/* direction a dead until then (-A) */
static volatile sig_atomic_t stop, a_blackout_asked;

static void die(const char *what)
{
	fprintf(stderr, "tandem-relay: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* splitmix64: small, fast, and the same sequence for the same seed. */
static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* True with probability @percent %. */
static int chance(double percent)
{
	return percent > 0 && (rng_next() >> 11) * (100.0 / 9007199254740992.0) < percent;
}

static int udp_socket(unsigned int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
				 .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_DGRAM, 0), big = 4 << 20;

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		die("bind");
	return fd;
}

static void send_frame(struct direction *d, const unsigned char *buf, size_t len)
{
	if (sendto(d->tx_fd, buf, len, 0, (struct sockaddr *)&d->to, sizeof(d->to)) == (ssize_t)len)
		d->c.out++;
}

static void release_held(struct direction *d)
{
	if (!d->held.data)
		return;
	send_frame(d, d->held.data, d->held.len);
	free(d->held.data);
	d->held.data = NULL;
}

/* After the delay, a frame goes on; a frame held for reordering follows it. */
static void forward(struct direction *d, const unsigned char *buf, size_t len)
{
	int hold = !d->held.data && chance(profile.reorder);

	if (hold) {
		d->held.data = malloc(len);
		if (d->held.data) {
			memcpy(d->held.data, buf, len);
			d->held.len = len;
			d->held.due_ns = now_ns() + REORDER_HOLD_NS;
			d->c.reordered++;
			return;
		}
	}
	send_frame(d, buf, len);
	release_held(d);
}

static void delay_frame(int dir, const unsigned char *buf, size_t len)
{
	struct frame *f;

	if (n_delayed == MAX_DELAYED) {		/* a full line drops, as a wire would */
		dirs[dir].c.dropped++;
		return;
	}
	f = &delayed[n_delayed];
	f->data = malloc(len);
	if (!f->data) {
		dirs[dir].c.dropped++;
		return;
	}
	memcpy(f->data, buf, len);
	f->len = len;
	f->dir = dir;
	f->due_ns = now_ns() + profile.delay_ns;
	n_delayed++;
	dirs[dir].c.delayed++;
}

/* Frames are delayed by one fixed time, so the queue stays in order. */
static void run_due(long long now)
{
	unsigned int i, n = 0;

	while (n < n_delayed && delayed[n].due_ns <= now) {
		forward(&dirs[delayed[n].dir], delayed[n].data, delayed[n].len);
		free(delayed[n].data);
		n++;
	}
	for (i = n; i < n_delayed; i++)
		delayed[i - n] = delayed[i];
	n_delayed -= n;
	for (i = 0; i < 2; i++)
		if (dirs[i].held.data && dirs[i].held.due_ns <= now)
			release_held(&dirs[i]);
}

static void one_frame(int dir, unsigned char *buf, size_t len)
{
	struct direction *d = &dirs[dir];
	long long t = now_ns() - t0_ns;
	int copies = 1, i;

	d->c.in++;
	if ((profile.blackout_len_ns && t >= profile.blackout_start_ns &&
	     t < profile.blackout_start_ns + profile.blackout_len_ns) ||
	    (dir == 0 && t + t0_ns < a_blackout_end_ns)) {
		d->c.blackholed++;
		return;
	}
	if (chance(profile.loss) || (dir == 0 && chance(profile.loss_a))) {
		d->c.dropped++;
		return;
	}
	if (chance(profile.dup)) {
		d->c.duplicated++;
		copies = 2;
	}
	if (len && chance(profile.flip)) {
		uint64_t bit = rng_next() % (len * 8);

		buf[bit / 8] ^= 1u << (bit % 8);
		d->c.corrupted++;
	}
	for (i = 0; i < copies; i++) {
		if (profile.delay_ns)
			delay_frame(dir, buf, len);
		else
			forward(d, buf, len);
	}
}

static void write_stats(const char *path)
{
	static const char *const name[2] = { "a", "b" };
	FILE *f = path ? fopen(path, "w") : stdout;
	int i;

	if (!f)
		die(path);
	fprintf(f, "dir\tin\tout\tdropped\tduplicated\treordered\tcorrupted\tdelayed\tblackholed\n");
	for (i = 0; i < 2; i++) {
		struct counters *c = &dirs[i].c;

		fprintf(f, "%s\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\n", name[i],
			c->in, c->out, c->dropped, c->duplicated, c->reordered,
			c->corrupted, c->delayed, c->blackholed);
	}
	if (f != stdout)
		fclose(f);
}

static void on_signal(int sig)
{
	if (sig == SIGUSR1)
		a_blackout_asked = 1;
	else
		stop = 1;
}

static void parse_ports(const char *arg, unsigned int *listen, unsigned int *to)
{
	if (sscanf(arg, "%u:%u", listen, to) != 2 || !*listen || *listen > 65535 ||
	    !*to || *to > 65535) {
		fprintf(stderr, "tandem-relay: '%s' is not PORT:TO\n", arg);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	unsigned int listen_a = 0, to_a = 0, listen_b = 0, to_b = 0;
	static unsigned char buf[MAX_FRAME];
	const char *stats = NULL;
	struct sigaction sa = { .sa_handler = on_signal };
	double start_s, len_s;
	int opt, i;

	rng_state = 1;
	while ((opt = getopt(argc, argv, "a:b:s:l:L:d:r:c:D:B:A:o:")) != -1) {
		switch (opt) {
		case 'a': parse_ports(optarg, &listen_a, &to_a); break;
		case 'b': parse_ports(optarg, &listen_b, &to_b); break;
		case 's': rng_state = strtoull(optarg, NULL, 0); break;
		case 'l': profile.loss = atof(optarg); break;
		case 'L': profile.loss_a = atof(optarg); break;
		case 'd': profile.dup = atof(optarg); break;
		case 'r': profile.reorder = atof(optarg); break;
		case 'c': profile.flip = atof(optarg); break;
		case 'D': profile.delay_ns = (long long)(atof(optarg) * 1e6); break;
		case 'B':
			if (sscanf(optarg, "%lf:%lf", &start_s, &len_s) != 2) {
				fprintf(stderr, "tandem-relay: -B takes START_S:LEN_S\n");
				return 2;
			}
			profile.blackout_start_ns = (long long)(start_s * 1e9);
			profile.blackout_len_ns = (long long)(len_s * 1e9);
			break;
		case 'A': profile.a_blackout_len_ns = (long long)(atof(optarg) * 1e9); break;
		case 'o': stats = optarg; break;
		default: return 2;
		}
	}
	if (!listen_a || !listen_b) {
		fprintf(stderr, "usage: tandem-relay -a PORT:TO -b PORT:TO [options]\n");
		return 2;
	}

	dirs[0].rx_fd = udp_socket(listen_a);
	dirs[1].rx_fd = udp_socket(listen_b);
	/* Each guest hears the other through the port it sends to. */
	dirs[0].tx_fd = dirs[1].rx_fd;
	dirs[1].tx_fd = dirs[0].rx_fd;
	for (i = 0; i < 2; i++) {
		dirs[i].to.sin_family = AF_INET;
		dirs[i].to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		dirs[i].to.sin_port = htons(i ? to_b : to_a);
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (profile.a_blackout_len_ns)
		sigaction(SIGUSR1, &sa, NULL);
	t0_ns = now_ns();

	while (!stop) {
		struct pollfd p[2] = { { dirs[0].rx_fd, POLLIN, 0 }, { dirs[1].rx_fd, POLLIN, 0 } };
		int timeout = n_delayed || dirs[0].held.data || dirs[1].held.data ? 1 : 200;

		if (poll(p, 2, timeout) < 0 && errno != EINTR)
			die("poll");
		if (a_blackout_asked) {
			a_blackout_asked = 0;
			a_blackout_end_ns = now_ns() + profile.a_blackout_len_ns;
		}
		for (i = 0; i < 2; i++) {
			ssize_t len;

			if (!(p[i].revents & POLLIN))
				continue;
			while ((len = recv(dirs[i].rx_fd, buf, sizeof(buf), MSG_DONTWAIT)) >= 0)
				one_frame(i, buf, len);
		}
		run_due(now_ns());
	}
	write_stats(stats);
	return 0;
}
