// SPDX-License-Identifier: GPL-2.0

// Counters the device did not ask the core for.
#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        dev.lstats_add(skb.len()); // MUST-FAIL E0599
        skb.consume();
    }
}
