// SPDX-License-Identifier: GPL-2.0

use kernel::{net::rtnl::Policy, sync::rcu};

// The peer of a device of a kind of pairs is reachable only for an RCU read-side critical
// section or while RTNL is held: a reference cannot be kept past it, where the peer may be
// unregistered and freed.
struct Pair;

fn keep(_peer: &'static Device<Pair>) {}

#[vtable]
impl device::Operations for Pair {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        let guard = rcu::read_lock();
        if let Some(peer) = dev.peer(&guard) {
            keep(peer); // MUST-FAIL E0521
        }
        skb.consume();
    }
}

#[vtable]
impl ethtool::Operations for Pair {}

#[vtable]
impl rtnl::Link for Pair {
    const KIND: &'static CStr = c"peer_kept_pair";
    const MAX_TYPE: u16 = 1;
    const POLICY: &'static [Policy] = &[Policy::unspec(), Policy::ifinfomsg()];
    const PEER_TYPE: Option<u16> = Some(1);
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

drv_registers!(Pair);
