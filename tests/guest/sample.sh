#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The network device sample, samples/rust/net/rust_net_sink.rs.
set -u
. "$(dirname "$0")/lib.sh"
# The number of results this suite reports (lib.sh).
plan 8
m=rust_net_sink

expect "sample: ip link add type rust_sink loads the sample" \
	bash -c "ip link add s0 type rust_sink && [ -d /sys/module/$m ]"
expect "sample: no link-layer header (ARPHRD_NONE)" grep -qx 65534 /sys/class/net/s0/type
# IFF_POINTOPOINT | IFF_NOARP, down.
expect "sample: point-to-point without ARP" grep -qx 0x90 /sys/class/net/s0/flags

# Without a link-layer header a datagram of 100 bytes is 128 bytes on the wire.
expect_tx_counted sample s0 "$OUT/sample.tx" 128

{
	errmsg ip link set s0 mtu 67
	errmsg ip link set s0 mtu 65536
} >"$OUT/sample.mtu"
expect "sample: MTU outside 68..65535 refused" bash -c "! grep -q SUCCEEDED '$OUT/sample.mtu'"
expect "sample: MTU 68 and 65535 accepted" \
	bash -c "ip link set s0 mtu 68 && ip link set s0 mtu 65535"

ip link del s0
expect "sample: rmmod" rmmod "$m"
