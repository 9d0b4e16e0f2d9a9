// SPDX-License-Identifier: GPL-2.0

use kernel::net::{can::CanSkBuff, device::NetDev, skbuff::RxResult};

// A frame handed to a receive path is the core's: it cannot be received a second time.
fn to_peer(frame: CanSkBuff, peer: &NetDev) {
    let kept = frame.len();
    if frame.netif_rx(peer) == RxResult::Dropped {
        pr_debug!("dropped {kept}\n");
    }
    let _ = frame.netif_rx(peer); // MUST-FAIL E0382
}

#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        let _ = to_peer;
        skb.consume();
    }
}
