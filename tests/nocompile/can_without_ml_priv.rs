// SPDX-License-Identifier: GPL-2.0

use kernel::net::can::{Cap, Caps};

// The CAN capabilities live in the CAN layer's private data, which a device has only if its
// link type asks for it (`ML_PRIV = MlPriv::Can`).
struct NotCan;

#[vtable]
impl device::Operations for NotCan {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}

#[vtable]
impl ethtool::Operations for NotCan {}

#[vtable]
impl rtnl::Link for NotCan {
    const KIND: &'static CStr = c"not_can";
    fn setup(dev: &mut SetupDevice<Self>) {
        dev.can_set_cap(Caps::from(Cap::Cc)); // MUST-FAIL E0080
    }
}

drv_registers!(NotCan);
