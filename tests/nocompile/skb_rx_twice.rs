// SPDX-License-Identifier: GPL-2.0

use kernel::{net::device::NetDev, net::skbuff::RxResult};

// A buffer handed to a receive path is the core's: it cannot be received a second time.
fn to_peer(skb: SkBuff, peer: &NetDev) {
    let Some(skb) = skb.try_clone() else {
        return;
    };
    let kept = skb.len();
    if skb.netif_rx(peer) == RxResult::Dropped {
        pr_debug!("dropped {kept}\n");
    }
    let _ = skb.netif_rx(peer); // MUST-FAIL E0382
}

#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        to_peer(skb, dev);
    }
}
