// SPDX-License-Identifier: GPL-2.0

use kernel::net::rtnl::Policy;

// Devices of a kind of pairs come with their peer from `ip link add`: a driver-made device
// would have none, and its `dellink` could not delete it.
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
    const KIND: &'static CStr = c"pair_create";
    const MAX_TYPE: u16 = 1;
    const POLICY: &'static [Policy] = &[Policy::unspec(), Policy::ifinfomsg()];
    const PEER_TYPE: Option<u16> = Some(1);
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

fn make(link: &rtnl::Registration<Pair>) -> Result {
    link.create_device(c"pair%d", rtnl::NameAssign::Enum)?; // MUST-FAIL E0080
    Ok(())
}

#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn init(_dev: &Device<Self, Init>) -> Result {
        let _: fn(&rtnl::Registration<Pair>) -> Result = make;
        Ok(())
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
