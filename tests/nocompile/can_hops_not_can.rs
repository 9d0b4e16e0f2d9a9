// SPDX-License-Identifier: GPL-2.0

// The CAN gateway hop counter lives in the CAN skb extension, which only a valid CAN frame
// (`CanSkBuff`, from `can_dropped_invalid_skb`) is known to have: on another buffer
// `skb_ext_add` would add a new extension and leave `can_iif` uninitialised for the CAN
// gateway to read. A clone of any buffer is not a CAN frame.
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
        let _ = copy.can_reset_hops(); // MUST-FAIL E0599
        copy.consume();
    }
}
