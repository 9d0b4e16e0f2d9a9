// SPDX-License-Identifier: GPL-2.0

// Only a CAN frame is handed to a receive path as it is: an Ethernet frame would need
// `eth_type_trans` and headroom for what a bridge pushes, and netpoll transmits with interrupts
// off, where `netif_rx` must not enable bottom halves.
#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        let copy = skb.try_clone();
        skb.consume();
        if let Some(copy) = copy {
            let _ = copy.len();
            let _ = copy.netif_rx(dev); // MUST-FAIL E0624
        }
    }
}
