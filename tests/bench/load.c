// SPDX-License-Identifier: GPL-2.0
/*
 * load netlink|vsock COUNT: the monitors' benchmark load (tests/guest/bench.sh).
 *
 * Sends COUNT small messages that a monitor device sees and prints the time
 * it took in nanoseconds.  It is a compiled program so that the time goes to
 * the kernel's path rather than to an interpreter:
 *
 * netlink: 16-byte NETLINK_USERSOCK messages from one socket to another in
 *          the same process; each one passes the netlink taps once
 *          (netlink_unicast -> netlink_sendskb -> netlink_deliver_tap);
 * vsock:   64-byte writes on a stream connection over the loopback transport
 *          (VMADDR_CID_LOCAL), read back by the other end; each write passes
 *          the vsock taps on its way (virtio_transport_send_pkt_info).
 *
 * Messages go in batches of BATCH before they are read back, so the process
 * neither fills a receive queue nor waits for a round trip per message.
 */
#include <errno.h>
#include <linux/netlink.h>
#include <linux/vm_sockets.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 32
#define VSOCK_PORT 52001
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

static long long vsock_load(long count)
{
	struct sockaddr_vm addr = {
		.svm_family = AF_VSOCK,
		.svm_cid = VMADDR_CID_ANY,
		.svm_port = VSOCK_PORT,
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

int main(int argc, char **argv)
{
	long count;

	if (argc != 3 || (count = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: load netlink|vsock COUNT\n");
		return 2;
	}
	if (!strcmp(argv[1], "netlink"))
		printf("%lld\n", netlink_load(count));
	else if (!strcmp(argv[1], "vsock"))
		printf("%lld\n", vsock_load(count));
	else
		return 2;
	return 0;
}
