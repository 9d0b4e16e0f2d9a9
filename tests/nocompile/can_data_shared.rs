// SPDX-License-Identifier: GPL-2.0

use kernel::net::can::CanSkBuff;

// The data of a CAN frame may be shared with a clone in which `can_dropped_invalid_skb` sets
// `CANFD_FDF` on another CPU: a driver gets no reference to it, only what is computed from it.
fn bytes_of(frame: &CanSkBuff) -> u32 {
    let _head: &[u8] = frame.data(); // MUST-FAIL E0599
    frame.can_data_len()
}

#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        let _: fn(&CanSkBuff) -> u32 = bytes_of;
        skb.consume();
    }
}
