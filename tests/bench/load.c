// SPDX-License-Identifier: GPL-2.0
/*
 * load [-j N] netlink COUNT | [-j N] vsock COUNT | can|canfd|canxl IFNAME COUNT:
 * the benchmark's loads for the monitors and vxcan (tests/guest/bench.sh).
 *
 * Sends COUNT messages or frames that the device under test sees and prints
 * a time for them in nanoseconds.  It is a compiled program so that the time
 * goes to the kernel's path rather than to an interpreter.  The loads:
 *
 * netlink: 16-byte NETLINK_USERSOCK messages from one socket to another in
 *          the same process; each one passes the netlink taps once
 *          (netlink_unicast -> netlink_sendskb -> netlink_deliver_tap);
 * vsock:   64-byte writes on a stream connection over the loopback transport
 *          (VMADDR_CID_LOCAL), read back by the other end; each write passes
 *          the vsock taps on its way (virtio_transport_send_pkt_info);
 * can, canfd, canxl: frames of the largest size of their kind (8, 64 and
 *          2048 bytes of data) on a CAN_RAW socket bound to IFNAME, a vxcan
 *          end, whose peer receives them (vxcan_xmit -> netif_rx); nothing
 *          reads them there, the peer's counters say how many arrived.
 *
 * Netlink and vsock messages go in batches of BATCH before they are read
 * back, so the process neither fills a receive queue nor waits for a round
 * trip per message.  With -j N, N threads send at once, thread I pinned to
 * CPU I with sockets (and a vsock port) of its own, COUNT shared between them.
 *
 * The time: the messages go in SLICES slices, each of which starts when every
 * thread is ready and ends when every thread has sent its part of it; the
 * time printed is the fastest slice's time per message, times COUNT.  The
 * path under test costs the same in every slice; what the machine adds comes
 * on top, never off, and comes in bursts: under QEMU's TCG, one CAN XL round
 * of 6.9 s where the others took 1.3 s, all of the extra time system time of
 * the sending CPU, none of it idle or softirq; in others, stretches of a
 * few slices 20 to 60 % slower than the rest of their round.  A round's total
 * time carries those bursts into the ratio of its pair; its fastest slice
 * does not.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/can.h>
#include <linux/can/raw.h>
#include <linux/netlink.h>
#include <linux/vm_sockets.h>
#include <net/if.h>
#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 32
#define SLICES 10
#define MAX_THREADS 8
#define VSOCK_MSG 64
#define VSOCK_PORT 52001

struct worker {
	pthread_t thread;
	int cpu;		/* -1: wherever the process may run */
	long count;		/* this thread's messages, all slices */
	void (*send)(struct worker *w, long first, long n);
	long long start[SLICES], end[SLICES];
	int tx, rx;
	struct sockaddr_nl to;	/* netlink: the receiving socket */
	size_t size;		/* CAN: the frame's size */
	union {
		struct can_frame cc;
		struct canfd_frame fd;
		struct canxl_frame xl;
	} frame;
};

static pthread_barrier_t slice_start, slice_end;

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "load: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The messages of COUNT that slice K carries. */
static long slice_of(long count, int k)
{
	return count / SLICES + (k < count % SLICES);
}

static void *work(void *p)
{
	struct worker *w = p;
	cpu_set_t set;
	long first = 0, n;
	int k;

	if (w->cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(w->cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			die("sched_setaffinity");
	}
	for (k = 0; k < SLICES; k++) {
		n = slice_of(w->count, k);
		pthread_barrier_wait(&slice_start);
		w->start[k] = now_ns();
		w->send(w, first, n);
		w->end[k] = now_ns();
		pthread_barrier_wait(&slice_end);
		first += n;
	}
	return NULL;
}

/*
 * Runs the NW workers' sends in SLICES slices and returns the fastest slice's
 * time per message times COUNT (all the workers' messages), in nanoseconds.
 * A slice lasts from the first worker's start to the last one's end.
 */
static long long timed(struct worker *w, int nw, long count)
{
	long long first, last;
	double per, best = 0;
	long n;
	int i, k;

	if (pthread_barrier_init(&slice_start, NULL, nw) ||
	    pthread_barrier_init(&slice_end, NULL, nw))
		die("pthread_barrier_init");
	for (i = 0; i < nw; i++)
		if ((errno = pthread_create(&w[i].thread, NULL, work, &w[i])))
			die("pthread_create");
	for (i = 0; i < nw; i++)
		pthread_join(w[i].thread, NULL);
	for (k = 0; k < SLICES; k++) {
		first = w[0].start[k];
		last = w[0].end[k];
		n = 0;
		for (i = 0; i < nw; i++) {
			first = w[i].start[k] < first ? w[i].start[k] : first;
			last = w[i].end[k] > last ? w[i].end[k] : last;
			n += slice_of(w[i].count, k);
		}
		per = (double)(last - first) / n;
		if (!k || per < best)
			best = per;
	}
	return (long long)(best * count);
}

static void netlink_send(struct worker *w, long first, long count)
{
	struct {
		struct nlmsghdr h;
		char payload[16];
	} msg = { .h = { .nlmsg_len = sizeof(msg), .nlmsg_type = NLMSG_MIN_TYPE } };
	char buf[256];
	long sent = 0, i, n;

	while (sent < count) {
		n = count - sent < BATCH ? count - sent : BATCH;
		for (i = 0; i < n; i++) {
			msg.h.nlmsg_seq = first + sent + i;
			if (sendto(w->tx, &msg, sizeof(msg), 0, (struct sockaddr *)&w->to,
				   sizeof(w->to)) != sizeof(msg))
				die("sendto");
		}
		for (i = 0; i < n; i++)
			if (recv(w->rx, buf, sizeof(buf), 0) != sizeof(msg))
				die("recv");
		sent += n;
	}
}

static void netlink_open(struct worker *w)
{
	socklen_t len = sizeof(w->to);

	w->send = netlink_send;
	w->to = (struct sockaddr_nl){ .nl_family = AF_NETLINK };
	w->tx = socket(AF_NETLINK, SOCK_RAW, NETLINK_USERSOCK);
	w->rx = socket(AF_NETLINK, SOCK_RAW, NETLINK_USERSOCK);
	if (w->tx < 0 || w->rx < 0)
		die("socket(NETLINK_USERSOCK)");
	if (bind(w->rx, (struct sockaddr *)&w->to, sizeof(w->to)) < 0 ||
	    getsockname(w->rx, (struct sockaddr *)&w->to, &len) < 0)
		die("bind");
}

static void vsock_send(struct worker *w, long first, long count)
{
	char msg[VSOCK_MSG] = "rust-net benchmark", buf[BATCH * VSOCK_MSG];
	long sent = 0, i, n, want, got;
	ssize_t r;

	(void)first;
	while (sent < count) {
		n = count - sent < BATCH ? count - sent : BATCH;
		for (i = 0; i < n; i++)
			if (write(w->tx, msg, sizeof(msg)) != sizeof(msg))
				die("write");
		want = n * VSOCK_MSG;
		for (got = 0; got < want; got += r) {
			r = read(w->rx, buf, want - got);
			if (r <= 0)
				die("read");
		}
		sent += n;
	}
}

static void vsock_open(struct worker *w, unsigned int port)
{
	struct sockaddr_vm addr = {
		.svm_family = AF_VSOCK,
		.svm_cid = VMADDR_CID_ANY,
		.svm_port = port,
	};
	int lsn;

	w->send = vsock_send;
	lsn = socket(AF_VSOCK, SOCK_STREAM, 0);
	w->tx = socket(AF_VSOCK, SOCK_STREAM, 0);
	if (lsn < 0 || w->tx < 0)
		die("socket(AF_VSOCK)");
	if (bind(lsn, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(lsn, 1) < 0)
		die("bind/listen");
	addr.svm_cid = VMADDR_CID_LOCAL;
	if (connect(w->tx, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		die("connect");
	w->rx = accept(lsn, NULL, NULL);
	if (w->rx < 0)
		die("accept");
	close(lsn);
}

static void can_send(struct worker *w, long first, long count)
{
	long i;

	(void)first;
	for (i = 0; i < count; i++)
		if (send(w->tx, &w->frame, w->size, 0) != (ssize_t)w->size)
			die("send");
}

static void can_open(struct worker *w, const char *kind, const char *ifname)
{
	struct sockaddr_can addr = { .can_family = AF_CAN };
	int on = 1;

	w->send = can_send;
	w->rx = -1;
	memset(&w->frame, 0x55, sizeof(w->frame));
	if (!strcmp(kind, "can")) {
		w->frame.cc.can_id = 0x123;
		w->frame.cc.len = CAN_MAX_DLEN;
		w->size = CAN_MTU;
	} else if (!strcmp(kind, "canfd")) {
		w->frame.fd.can_id = 0x123;
		w->frame.fd.len = CANFD_MAX_DLEN;
		w->frame.fd.flags = CANFD_BRS;
		w->size = CANFD_MTU;
	} else {
		w->frame.xl.prio = 0x123;
		w->frame.xl.flags = CANXL_XLF;
		w->frame.xl.sdt = 0;
		w->frame.xl.len = CANXL_MAX_DLEN;
		w->frame.xl.af = 0;
		w->size = CANXL_HDR_SIZE + CANXL_MAX_DLEN;
	}
	w->tx = socket(AF_CAN, SOCK_RAW, CAN_RAW);
	if (w->tx < 0)
		die("socket(AF_CAN)");
	if (setsockopt(w->tx, SOL_CAN_RAW, CAN_RAW_FD_FRAMES, &on, sizeof(on)) < 0 ||
	    setsockopt(w->tx, SOL_CAN_RAW, CAN_RAW_XL_FRAMES, &on, sizeof(on)) < 0)
		die("setsockopt(CAN_RAW_FD_FRAMES, CAN_RAW_XL_FRAMES)");
	addr.can_ifindex = if_nametoindex(ifname);
	if (!addr.can_ifindex)
		die(ifname);
	if (bind(w->tx, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		die("bind");
}

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr, "usage: load [-j N] netlink COUNT | [-j N] vsock COUNT | "
			"can|canfd|canxl IFNAME COUNT\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct worker w[MAX_THREADS];
	int nw = 1, i;
	long count;

	if (argc > 2 && !strcmp(argv[1], "-j")) {
		nw = atoi(argv[2]);
		if (nw < 1 || nw > MAX_THREADS)
			usage();
		argc -= 2;
		argv += 2;
	}
	if (argc == 3 && (!strcmp(argv[1], "netlink") || !strcmp(argv[1], "vsock")))
		count = atol(argv[2]);
	else if (argc == 4 && nw == 1 && (!strcmp(argv[1], "can") ||
					  !strcmp(argv[1], "canfd") ||
					  !strcmp(argv[1], "canxl")))
		count = atol(argv[3]);
	else
		usage();
	/* Every thread has a message in every slice. */
	if (count < (long)nw * SLICES)
		usage();

	for (i = 0; i < nw; i++) {
		w[i].cpu = nw > 1 ? i : -1;
		w[i].count = count / nw + (i < count % nw);
		if (!strcmp(argv[1], "netlink"))
			netlink_open(&w[i]);
		else if (!strcmp(argv[1], "vsock"))
			vsock_open(&w[i], VSOCK_PORT + i);
		else
			can_open(&w[i], argv[1], argv[2]);
	}
	printf("%lld\n", timed(w, nw, count));
	for (i = 0; i < nw; i++) {
		close(w[i].tx);
		if (w[i].rx >= 0)
			close(w[i].rx);
	}
	return 0;
}
