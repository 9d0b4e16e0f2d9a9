// SPDX-License-Identifier: GPL-2.0

// A context that holds a lock cannot be made from one that does not.
#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn get_stats64(dev: &Device<Self>, _stats: &mut Stats64) {
        dev.carrier_on();
        let _: &Device<Self, Rtnl> = Device::from_raw(core::ptr::null_mut()); // MUST-FAIL E0624
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
