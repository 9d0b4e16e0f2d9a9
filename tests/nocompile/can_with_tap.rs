// SPDX-License-Identifier: GPL-2.0

use kernel::net::{rtnl::MlPriv, tap};

// A CAN device has no tap: a netfilter netlink message (protocol 12, `ETH_P_CAN`) would pass
// for a CAN frame in its transmit path.
struct CanMonitor;

#[vtable]
impl device::Operations for CanMonitor {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    const TAP: Option<tap::Kind> = Some(tap::Kind::NETLINK);
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}

#[vtable]
impl ethtool::Operations for CanMonitor {}

#[vtable]
impl rtnl::Link for CanMonitor {
    const KIND: &'static CStr = c"can_with_tap";
    const ML_PRIV: MlPriv = MlPriv::Can; // MUST-FAIL E0080
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

drv_registers!(CanMonitor);
