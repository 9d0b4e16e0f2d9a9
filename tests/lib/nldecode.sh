#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# nldecode.sh PCAP: the netlink messages of the nlmon suite's query in a
# capture (its request and its reply carry sequence number 4242, which no
# other program in the guest uses; tcpdump's own queries and anything else on
# the monitor are left out), decoded by tshark, one a line: message type,
# ifindex, flags, length, netlink family and the types of its attributes. The
# fields that differ between two identical queries (sequence, port id, time,
# attribute values such as lo's counters) are not printed.
set -euo pipefail
pcap=${1:?usage: nldecode.sh PCAP}
tshark -r "$pcap" -Y 'netlink.hdr_seq == 4242' -T fields -E separator=/t \
	-e netlink-route.nltype -e netlink-route.ifi_index -e netlink.hdr_flags -e netlink.hdr_len \
	-e netlink.family -e netlink-route.ifla_attr_type
