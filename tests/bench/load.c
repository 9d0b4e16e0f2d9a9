// SPDX-License-Identifier: GPL-2.0
/*
 * load netlink COUNT | vsock COUNT [PORT] | can|canfd|canxl IFNAME COUNT:
 * the benchmark's loads for the monitors and vxcan (tests/guest/bench.sh).
 *
 * Sends COUNT messages or frames that the device under test sees and prints
 * the time it took in nanoseconds.  It is a compiled program so that the
 * time goes to the kernel's path rather than to an interpreter:
 *
 * netlink: 16-byte NETLINK_USERSOCK messages from one socket to another in
 *          the same process; each one passes the netlink taps once
 *          (netlink_unicast -> netlink_sendskb -> netlink_deliver_tap);
 * vsock:   64-byte writes on a stream connection over the loopback transport
 *          (VMADDR_CID_LOCAL), read back by the other end; each write passes
 *          the vsock taps on its way (virtio_transport_send_pkt_info);
 *          PORT (52001) lets two loads run side by side;
 * can, canfd, canxl: frames of the largest size of their kind (8, 64 and
 *          2048 bytes of data) on a CAN_RAW socket bound to IFNAME, a vxcan
 *          end, whose peer receives them (vxcan_xmit -> netif_rx); nothing
 *          reads them there, the peer's counters say how many arrived.
 *
 * Netlink and vsock messages go in batches of BATCH before they are read
 * back, so the process neither fills a receive queue nor waits for a round
 * trip per message.
 */
#include <errno.h>
#include <linux/can.h>
#include <linux/can/raw.h>
#include <linux/netlink.h>
#include <linux/vm_sockets.h>
#include <net/if.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 32
#define VSOCK_MSG 64

static void die(const char *what)
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

static long long netlink_load(long count)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	socklen_t len = sizeof(to);
	struct {
		struct nlmsghdr h;
		char payload[16];
	} msg = { .h = { .nlmsg_len = sizeof(msg), .nlmsg_type = NLMSG_MIN_TYPE } };
	char buf[256];
	long sent = 0, i, n;
	long long t0;
	int tx, rx;

	tx = socket(AF_NETLINK, SOCK_RAW, NETLINK_USERSOCK);
	rx = socket(AF_NETLINK, SOCK_RAW, NETLINK_USERSOCK);
	if (tx < 0 || rx < 0)
		die("socket(NETLINK_USERSOCK)");
	if (bind(rx, (struct sockaddr *)&to, sizeof(to)) < 0 ||
	    getsockname(rx, (struct sockaddr *)&to, &len) < 0)
		die("bind");

	t0 = now_ns();
	while (sent < count) {
		n = count - sent < BATCH ? count - sent : BATCH;
		for (i = 0; i < n; i++) {
			msg.h.nlmsg_seq = sent + i;
			if (sendto(tx, &msg, sizeof(msg), 0, (struct sockaddr *)&to,
				   sizeof(to)) != sizeof(msg))
				die("sendto");
		}
		for (i = 0; i < n; i++)
			if (recv(rx, buf, sizeof(buf), 0) != sizeof(msg))
				die("recv");
		sent += n;
	}
	return now_ns() - t0;
}

static long long vsock_load(long count, unsigned int port)
{
	struct sockaddr_vm addr = {
		.svm_family = AF_VSOCK,
		.svm_cid = VMADDR_CID_ANY,
		.svm_port = port,
	};
	char msg[VSOCK_MSG] = "rust-net benchmark", buf[BATCH * VSOCK_MSG];
	long sent = 0, i, n, want, got;
	long long t0;
	int lsn, tx, rx;
	ssize_t r;

	lsn = socket(AF_VSOCK, SOCK_STREAM, 0);
	tx = socket(AF_VSOCK, SOCK_STREAM, 0);
	if (lsn < 0 || tx < 0)
		die("socket(AF_VSOCK)");
	if (bind(lsn, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(lsn, 1) < 0)
		die("bind/listen");
	addr.svm_cid = VMADDR_CID_LOCAL;
	if (connect(tx, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		die("connect");
	rx = accept(lsn, NULL, NULL);
	if (rx < 0)
		die("accept");

	t0 = now_ns();
	while (sent < count) {
		n = count - sent < BATCH ? count - sent : BATCH;
		for (i = 0; i < n; i++)
			if (write(tx, msg, sizeof(msg)) != sizeof(msg))
				die("write");
		want = n * VSOCK_MSG;
		for (got = 0; got < want; got += r) {
			r = read(rx, buf, want - got);
			if (r <= 0)
				die("read");
		}
		sent += n;
	}
	t0 = now_ns() - t0;
	close(tx);
	close(rx);
	close(lsn);
	return t0;
}

static long long can_load(const char *kind, const char *ifname, long count)
{
	struct sockaddr_can addr = { .can_family = AF_CAN };
	union {
		struct can_frame cc;
		struct canfd_frame fd;
		struct canxl_frame xl;
	} f;
	int on = 1, s;
	size_t size;
	long long t0;
	long i;

	memset(&f, 0x55, sizeof(f));
	if (!strcmp(kind, "can")) {
		f.cc.can_id = 0x123;
		f.cc.len = CAN_MAX_DLEN;
		size = CAN_MTU;
	} else if (!strcmp(kind, "canfd")) {
		f.fd.can_id = 0x123;
		f.fd.len = CANFD_MAX_DLEN;
		f.fd.flags = CANFD_BRS;
		size = CANFD_MTU;
	} else {
		f.xl.prio = 0x123;
		f.xl.flags = CANXL_XLF;
		f.xl.sdt = 0;
		f.xl.len = CANXL_MAX_DLEN;
		f.xl.af = 0;
		size = CANXL_HDR_SIZE + CANXL_MAX_DLEN;
	}
	s = socket(AF_CAN, SOCK_RAW, CAN_RAW);
	if (s < 0)
		die("socket(AF_CAN)");
	if (setsockopt(s, SOL_CAN_RAW, CAN_RAW_FD_FRAMES, &on, sizeof(on)) < 0 ||
	    setsockopt(s, SOL_CAN_RAW, CAN_RAW_XL_FRAMES, &on, sizeof(on)) < 0)
		die("setsockopt(CAN_RAW_FD_FRAMES, CAN_RAW_XL_FRAMES)");
	addr.can_ifindex = if_nametoindex(ifname);
	if (!addr.can_ifindex)
		die(ifname);
	if (bind(s, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		die("bind");

	t0 = now_ns();
	for (i = 0; i < count; i++)
		if (send(s, &f, size, 0) != (ssize_t)size)
			die("send");
	t0 = now_ns() - t0;
	close(s);
	return t0;
}

static void usage(void)
{
	fprintf(stderr, "usage: load netlink COUNT | vsock COUNT [PORT] | "
			"can|canfd|canxl IFNAME COUNT\n");
	exit(2);
}

static long count_of(const char *arg)
{
	long count = atol(arg);

	if (count <= 0)
		usage();
	return count;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "netlink"))
		printf("%lld\n", netlink_load(count_of(argv[2])));
	else if ((argc == 3 || argc == 4) && !strcmp(argv[1], "vsock"))
		printf("%lld\n", vsock_load(count_of(argv[2]),
					    argc == 4 ? atoi(argv[3]) : 52001));
	else if (argc == 4 && (!strcmp(argv[1], "can") || !strcmp(argv[1], "canfd") ||
			       !strcmp(argv[1], "canxl")))
		printf("%lld\n", can_load(argv[1], argv[2], count_of(argv[3])));
	else
		usage();
	return 0;
}
