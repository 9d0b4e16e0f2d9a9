// SPDX-License-Identifier: GPL-2.0

use kernel::net::device::ArpHrd;

// The CAN layer takes an `ARPHRD_CAN` device to have its private data: only a link type with
// `ML_PRIV = MlPriv::Can` gives a device that type, a driver cannot.
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
    const KIND: &'static CStr = c"not_can_type";
    fn setup(dev: &mut SetupDevice<Self>) {
        dev.set_type(ArpHrd::NONE);
        dev.set_type(ArpHrd::CAN); // MUST-FAIL E0624
    }
}

drv_registers!(NotCan);
