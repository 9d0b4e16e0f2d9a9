// SPDX-License-Identifier: GPL-2.0

use kernel::net::{can, rtnl::MlPriv};

// `can_dropped_invalid_skb` counts dropped frames in `dev->stats` without atomics, relying on the
// queue lock: a CAN device transmits under it.
struct Lockless;

#[vtable]
impl device::Operations for Lockless {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        if let Some(frame) = dev.can_dropped_invalid_skb(skb) {
            frame.consume();
        }
    }
}

#[vtable]
impl ethtool::Operations for Lockless {}

#[vtable]
impl rtnl::Link for Lockless {
    const KIND: &'static CStr = c"can_lltx";
    const ML_PRIV: MlPriv = MlPriv::Can;
    fn setup(dev: &mut SetupDevice<Self>) {
        dev.set_mtu(can::MTU);
        dev.set_lltx(true); // MUST-FAIL E0080
    }
}

drv_registers!(Lockless);
