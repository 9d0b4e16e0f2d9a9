// SPDX-License-Identifier: GPL-2.0

// The core refuses (and warns about) more attributes than RTNL_MAX_TYPE (50).
struct Big;

#[vtable]
impl device::Operations for Big {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}

#[vtable]
impl ethtool::Operations for Big {}

#[vtable]
impl rtnl::Link for Big {
    const KIND: &'static CStr = c"max_type_big";
    const MAX_TYPE: u16 = 51; // MUST-FAIL E0080
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

drv_registers!(Big);
