// SPDX-License-Identifier: GPL-2.0

// Changing the address needs the device's operations lock.
#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn get_stats64(dev: &Device<Self>, _stats: &mut Stats64) {
        dev.carrier_on();
        let _ = dev.eth_validate_addr(); // MUST-FAIL E0599
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
