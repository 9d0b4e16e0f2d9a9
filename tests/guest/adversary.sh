#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Adversarial safe drivers (tests/modules/rust_net_adversary.rs): sequences
# that a driver without `unsafe` can produce through kernel::net, each of
# which must leave nothing behind. What would go wrong shows in the kernel log
# (KASAN, lockdep, DEBUG_NET, refcount trackers: checked for the whole boot on
# the host), in kmemleak (checked at the end of the boot) and here: module
# references, devices, taps.
set -u
. "$(dirname "$0")/lib.sh"
# The number of results this suite reports (lib.sh).
plan 80
m=rust_net_adversary
ko=${TESTMODS:?}/$m.ko
HERE=$(cd "$(dirname "$0")" && pwd)
NS=adv$$

refs_are() { [ "$(mod_refcnt $m)" = "$1" ]; }
# Netlink traffic in the namespace a stale tap would be linked in: rtnetlink
# notifications and dumps go through every netlink tap of the namespace.
nl_traffic() {
	ip link add adv_probe type dummy 2>/dev/null
	ip link show >/dev/null
	ip link del adv_probe 2>/dev/null
	ip -n "$NS" link show >/dev/null 2>&1
	return 0
}

# The vsock core is a module; the adversary links vsock taps too.
modprobe vsock_loopback 2>/dev/null
expect "adversary: module loads (a 15-byte name taken, a 16-byte one refused)" insmod "$ko"
expect "adversary: no reference on the module with every device down" refs_are 0
ip netns add "$NS"

# 1. open fails after the tap was linked: the tap must be unlinked at once.
ip link add o0 type adv_openfail
expect "openfail: ip link set up fails with open's errno" \
	bash -c "ip link set o0 up 2>&1 | grep -q 'Input/output error'"
expect "openfail: the device stays down" bash -c "! ip link show o0 | grep -q '<.*UP'"
expect "openfail: no module reference left (the tap is unlinked)" refs_are 0
# Moved while down (no ndo_stop), deleted in the other namespace, then traffic
# in the first: a tap left in this namespace's list would be used after free.
expect "openfail: moved to another namespace while down" ip link set o0 netns "$NS"
expect "openfail: deleted there" ip -n "$NS" link del o0
# The traffic is the probe: a tap used after its device was freed shows as a
# KASAN report in the kernel log, which the host checks.
nl_traffic

# 2. stop fails: the core takes the device down, the tap must go too.
ip link add s0 type adv_stopfail
expect "stopfail: up" ip link set s0 up
expect "stopfail: one module reference while up (the tap)" refs_are 1
expect "stopfail: down although stop fails" ip link set s0 down
expect "stopfail: no module reference once down" refs_are 0
expect "stopfail: up again" ip link set s0 up
# Moved while up: the core closes it first (ndo_stop fails, the tap goes).
expect "stopfail: moved to another namespace while up" ip link set s0 netns "$NS"
expect "stopfail: no module reference after the move" refs_are 0
expect "stopfail: up in the other namespace" ip -n "$NS" link set s0 up
expect "stopfail: its tap is linked there (one reference)" refs_are 1
ip netns exec "$NS" ip link show >/dev/null
expect "stopfail: the namespace deleted with the device up" ip netns del "$NS"
# The namespace's devices are deleted by a work item.
for i in $(seq 1 50); do refs_are 0 && break; sleep 0.2; done
expect "stopfail: no module reference after the namespace went" refs_are 0
ip netns add "$NS"
nl_traffic

# 3. The global vsock tap list: open fails, then the device goes.
ip link add v0 type adv_vsockfail
expect "vsockfail: ip link set up fails with open's errno" \
	bash -c "ip link set v0 up 2>&1 | grep -q 'Input/output error'"
expect "vsockfail: no module reference left" refs_are 0
ip link del v0
expect "vsockfail: vsock traffic after the delete" \
	timeout 60 python3 "$HERE/vsocktraffic.py" run 5600 2

# 4. A tap the core refuses: a netlink tap on a device of another type.
ip link add w0 type adv_wrongtype
expect "wrongtype: ip link set up fails with EINVAL" \
	bash -c "ip link set w0 up 2>&1 | grep -q 'Invalid argument'"
expect "wrongtype: no module reference" refs_are 0
ip link del w0

# 5. init: one that fails, one that works.
expect "initfail: ip link add fails with init's errno" \
	bash -c "ip link add i0 type adv_initfail 2>&1 | grep -q 'No space left on device'"
expect "initfail: no device left" link_absent i0
expect "init: ip link add works" ip link add i1 type adv_init
expect "init: the carrier set in init stays (down, no carrier)" \
	bash -c "ip link set i1 up && ip link show i1 | grep -q NO-CARRIER"
ip link del i1

# 6. Limits: the largest attribute table, a tap, the largest MTU.
expect "limits: ip link add with the largest attribute table" ip link add l0 type adv_limits
expect "limits: up (its tap linked)" ip link set adv_limits_1234 up
nl_traffic
ip link del l0
expect "limits: down, no module reference left" \
	bash -c "ip link set adv_limits_1234 down && [ \"\$(cat /sys/module/$m/refcnt)\" = 0 ]"

# 7. Pairs: an Ethernet tunnel like veth (its kind is "veth", so that ip
# asks for a peer) across two namespaces, whose driver reads its peer while
# either end may go and counts what it is sent on both ends; traffic
# while an end and then a namespace are deleted; init failing for the peer,
# then for the first end; taken names.
expect "pair: ip link add with the peer in another namespace" \
	ip link add pa0 type veth peer name pa1 netns "$NS"
expect "pair: the peer is there, linked to pa0 in the other namespace" \
	bash -c "ip -n $NS -d link show pa1 | tr '\\n' ' ' | grep -q 'pa1@if[0-9]*:.*link-netns'"
# Raw frames sent on an end: nothing else leaves it without IPv6.
echo 1 >/proc/sys/net/ipv6/conf/pa0/disable_ipv6 2>/dev/null
ip link set pa0 up
ip -n "$NS" link set pa1 up
rawsend() { # rawsend DEV COUNT|SECONDS [flood]
	python3 -c '
import errno, socket, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
n = int(sys.argv[2])
end = time.monotonic() + n
frame = bytes(6) + bytes.fromhex("020000000001") + bytes(48)
if len(sys.argv) > 3:
    while time.monotonic() < end:
        try:
            s.send(frame)
        except OSError as e:
            if e.errno in (errno.ENXIO, errno.ENODEV, errno.ENETDOWN):
                break  # the device went

else:
    for _ in range(n):
        s.send(frame)
' "$@"
}
rx_of_pa1() { ip -n "$NS" -s -j link show pa1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats64"]["rx"]["packets"])'; }
# The qdisc may hand the last frames over from its softirq.
sent3() {
	rawsend pa0 3 || return 1
	for _ in $(seq 20); do [ "$(rx_of_pa1)" -ge 3 ] && return; sleep 0.1; done
	echo "pa1 received $(rx_of_pa1)"
	return 1
}
expect "pair: three frames sent on pa0 counted on pa1 by the driver, through its peer" sent3
rawsend pa0 6 flood &
flood=$!
sleep 2
expect "pair: deleted from the peer's side while traffic flows" ip -n "$NS" link del pa1
wait $flood
expect "pair: both ends went" link_absent pa0
ip link add pb0 type veth peer name pb1 netns "$NS"
ip link set pb0 up
ip -n "$NS" link set pb1 up
expect "pair: the namespace of one end deleted with the pair up" ip netns del "$NS"
for i in $(seq 1 50); do link_absent pb0 && break; sleep 0.2; done
expect "pair: the other end went with it" link_absent pb0
ip netns add "$NS"
ip link add pc0 type veth peer name pc1
ip link set pc0 mtu 1281
expect "pair: the peer's init fails: ip link add fails with its errno" \
	bash -c "ip link add pf0 type veth peer name pf1 2>&1 | grep -q 'No space left on device'"
expect "pair: nothing of it left" bash -c "! ip link show pf0 2>/dev/null && ! ip link show pf1 2>/dev/null"
ip link set pc0 mtu 1282
expect "pair: the first end's init fails after the peer's: ip link add fails with its errno" \
	bash -c "ip link add pf0 type veth peer name pf1 2>&1 | grep -q 'No space left on device'"
expect "pair: the registered peer went again" bash -c "! ip link show pf0 2>/dev/null && ! ip link show pf1 2>/dev/null"
expect "pair: refused when the first end's name is taken" \
	bash -c "! ip link add pc0 type veth peer name pd1 2>/dev/null"
expect "pair: its peer, registered first, went again" link_absent pd1
expect "pair: refused when the peer's name is taken" \
	bash -c "! ip link add pe0 type veth peer name pc1 2>/dev/null"
expect "pair: no first end left" link_absent pe0
ip link del pc0

ip netns del "$NS"
expect "adversary: rmmod (no reference left)" rmmod "$m"

# 9. A driver calls its module's init again (tests/modules/rust_net_reenter.rs):
# only the module loader's call registers the kind. Without the flag in
# module_rtnl_link!, the call from before_register registered it, the load then
# failed (EEXIST, EBUSY to insmod) and the next ip link add oopsed in strcmp of
# rtnl_link_ops_get on the freed module's kind.
r=rust_net_reenter
expect "reenter: module loads although before_register calls its init again" \
	insmod "$TESTMODS/$r.ko"
expect "reenter: that call is refused with EBUSY" \
	bash -c "dmesg | grep -q '$r: init from before_register: refused with -16'"
expect "reenter: a device of the kind is created" ip link add re0 type adv_reenter
expect "reenter: up, where open calls the init again" ip link set re0 up
expect "reenter: that call is refused with EBUSY" \
	bash -c "dmesg | grep -q '$r: init from open: refused with -16'"
ip link del re0
expect "reenter: rmmod" rmmod "$r"
expect "reenter: the kind went with the module" \
	bash -c "! ip link add re1 type adv_reenter 2>/dev/null"

# 10. A CAN device that states scatter-gather (tests/modules/rust_net_can_sg.rs):
# a frame from a packet socket's PACKET_TX_RING then reaches start_xmit with
# its bytes in page fragments, where can_dropped_invalid_skb and the CAN layer
# do not look. It is dropped and counted in tx_dropped, as C counts an invalid
# frame; the same frame sent from the socket itself is in the buffer's head and
# is transmitted.
c=rust_net_can_sg
says() {
	local want=$1 got
	shift
	got=$("$@")
	[ "$got" = "$want" ] || { echo "got: $got"; return 1; }
}
modprobe can-dev 2>/dev/null
expect "can sg: module loads" insmod "$TESTMODS/$c.ko"
ip link add cg0 type adv_can_sg && ip link set cg0 up
frame=0001000004000000deadbeef00000000
expect "can sg: a frame sent from a packet socket" \
	says "pkt ok" python3 "$HERE/cantool.py" send cg0 "pkt:000c:$frame"
expect "can sg: it is transmitted (tx_packets 1, tx_bytes 4, tx_dropped 0)" \
	says "1 4 0" bash -c "echo \$(cat /sys/class/net/cg0/statistics/{tx_packets,tx_bytes,tx_dropped})"
expect "can sg: the same frame sent from the socket's PACKET_TX_RING" \
	says "ring ok" python3 "$HERE/cantool.py" send cg0 "ring:000c:$frame"
expect "can sg: it is dropped and counted in tx_dropped (tx_packets 1, tx_dropped 1)" \
	says "1 1" bash -c "echo \$(cat /sys/class/net/cg0/statistics/{tx_packets,tx_dropped})"
ip link del cg0
expect "can sg: rmmod" rmmod "$c"

# 11. Transmit queues that keep buffers past start_xmit, as ifb's do
# (tests/modules/rust_net_queues.rs): devices that never hand them on, whose
# work asks to run again forever, that send them back to themselves or up the
# receive path of their peer in another namespace, deleted with buffers held
# and their work pending; a device of 4096 queues; an init that fails after
# the queues' state was made. A queue is never held twice.
q=rust_net_queues
# qsend DEV N: N datagrams through DEV, without waiting for room in the socket.
qsend() {
	ip link set "$1" up &&
		ip addr add 192.0.2.1/24 dev "$1" &&
		ip neigh add 192.0.2.2 lladdr 02:00:00:00:00:02 dev "$1" &&
		python3 - "$2" <<-'PY'
	import socket, sys
	s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	for i in range(int(sys.argv[1])):
	    try:
	        s.sendto(b"q" * 100, socket.MSG_DONTWAIT, ("192.0.2.2", 9000 + i % 8))
	    except BlockingIOError:
	        pass
	PY
}
expect "queues: module loads" insmod "$TESTMODS/$q.ko"
for k in hoard spin loop; do
	expect "queues: $k: a device of 4 queues" ip link add "q$k" numtxqueues 4 type "adv_$k"
	expect "queues: $k: traffic" qsend "q$k" 300
	expect "queues: $k: it took buffers, and never held a queue twice" \
		bash -c "[ \$(cat /sys/class/net/q$k/statistics/tx_packets) -gt 0 ] &&
			[ \$(cat /sys/class/net/q$k/statistics/tx_errors) = 0 ]"
	expect "queues: $k: deleted with what it holds" ip link del "q$k"
done
expect "queues: a device of 4096 queues, up and deleted" \
	bash -c "ip link add qbig numtxqueues 4096 type adv_hoard && ip link set qbig up &&
		ip link del qbig"
expect "queues: init fails after the state was made: ENOSPC, no device" \
	bash -c "ip link add qf type adv_qinitfail 2>&1 | grep -q 'No space left' && ! ip link show qf"
# A pair across namespaces: what qa is sent goes up qb's receive path, in
# the other namespace, scrubbed; qb's namespace goes under traffic.
ip netns add qns
expect "queues: a pair across namespaces" \
	ip link add qa numtxqueues 2 type veth peer name qb netns qns
ip -n qns link set qb up
expect "queues: pair: traffic" qsend qa 300
expect "queues: pair: the buffers reached the peer" \
	bash -c "[ \$(ip netns exec qns cat /sys/class/net/qb/statistics/rx_packets) -gt 0 ]"
python3 -c 'import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
end = time.time() + 2
while time.time() < end:
    s.sendto(b"p" * 100, socket.MSG_DONTWAIT, ("192.0.2.2", 9000))' 2>/dev/null &
sleep 0.5
ip netns del qns
wait
expect "queues: pair: the peer's namespace deleted under traffic takes both ends" \
	bash -c "for i in \$(seq 1 50); do ip link show qa >/dev/null 2>&1 || exit 0; sleep 0.2; done; exit 1"
expect "queues: rmmod" rmmod "$q"
expect "queues: every queue state made was dropped, once" \
	bash -c "dmesg | grep -Eq 'rust_net_queues: queue states: [1-9][0-9]* made, as many dropped'"
