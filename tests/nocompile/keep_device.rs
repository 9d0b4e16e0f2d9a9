// SPDX-License-Identifier: GPL-2.0

fn keep(_dev: &'static Device<Drv>) {}

// A reference to the device does not outlive the callback it was given to.
#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn get_stats64(dev: &Device<Self>, _stats: &mut Stats64) {
        dev.carrier_on();
        keep(dev); // MUST-FAIL E0521
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
