// SPDX-License-Identifier: GPL-2.0

// A link type reports no attributes of its own: no driver needs `fill_info`, and with it went
// `INFO_SIZE`, whose bound did not count the headers of the nests around the kind's data
// (`nla_nest_end` warns past 64 KiB).
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
    const KIND: &'static CStr = c"big";
    const INFO_SIZE: usize = 65532; // MUST-FAIL E0438
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

drv_registers!(Big);
