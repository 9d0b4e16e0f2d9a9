// SPDX-License-Identifier: GPL-2.0

// CHECKSUM_PARTIAL and CHECKSUM_COMPLETE promise a `csum_start` or a `csum` that the core acts
// on and warns about when false (`skb_checksum_help`, `netdev_rx_csum_fault`): a driver may
// only mark a checksum unnecessary, never set another state.
#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        let Some(mut copy) = skb.try_clone() else {
            return;
        };
        skb.consume();
        copy.set_checksum_unnecessary();
        copy.set_ip_summed(3); // MUST-FAIL E0599
        copy.consume();
    }
}
