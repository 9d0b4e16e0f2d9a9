// SPDX-License-Identifier: GPL-2.0

use kernel::net::rtnl::Policy;

// The core reads a `struct ifinfomsg` from a kind's peer attribute before the kind sees it: a
// peer attribute whose policy lets a shorter one through (here: any payload, even an empty one)
// would be read past its end.
struct Pair;

#[vtable]
impl device::Operations for Pair {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}

#[vtable]
impl ethtool::Operations for Pair {}

#[vtable]
impl rtnl::Link for Pair {
    const KIND: &'static CStr = c"peer_policy";
    const MAX_TYPE: u16 = 1;
    const POLICY: &'static [Policy] = &[Policy::unspec(), Policy::unspec()];
    const PEER_TYPE: Option<u16> = Some(1); // MUST-FAIL E0080
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

drv_registers!(Pair);
