#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The network device sample, samples/rust/net/rust_net_sink.rs.
set -u
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
m=rust_net_sink

expect "sample: ip link add type rust_sink loads the sample" \
	bash -c "ip link add s0 type rust_sink && [ -d /sys/module/$m ]"
expect "sample: no link-layer header (ARPHRD_NONE)" grep -qx 65534 /sys/class/net/s0/type
# IFF_POINTOPOINT | IFF_NOARP, down.
expect "sample: point-to-point without ARP" grep -qx 0x90 /sys/class/net/s0/flags

# Its own IPv6 packets (MLD, router solicitations) would add to the counts.
echo 1 >/proc/sys/net/ipv6/conf/s0/disable_ipv6
ip link set s0 up
ip addr add 192.0.2.1/24 dev s0
python3 "$HERE/txcount.py" s0 20 100 >"$OUT/sample.tx" 2>&1
expect "sample: 20 frames of 100 bytes counted" \
	jq -e '.packet_tx_packets == 20 and .packet_tx_bytes == 2000' "$OUT/sample.tx"
expect "sample: 20 UDP datagrams counted (128 bytes each, no link-layer header)" \
	jq -e '.udp_tx_packets == 20 and .udp_tx_bytes == 2560' "$OUT/sample.tx"

{
	errmsg ip link set s0 mtu 67
	errmsg ip link set s0 mtu 65536
} >"$OUT/sample.mtu"
expect "sample: MTU outside 68..65535 refused" bash -c "! grep -q SUCCEEDED '$OUT/sample.mtu'"
expect "sample: MTU 68 and 65535 accepted" \
	bash -c "ip link set s0 mtu 68 && ip link set s0 mtu 65535"

ip link del s0
expect "sample: rmmod" rmmod "$m"
