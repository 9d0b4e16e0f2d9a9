// SPDX-License-Identifier: GPL-2.0

#[repr(align(64))] // MUST-FAIL E0080
struct Aligned(u8);

// The core aligns the private area to NETDEV_ALIGN (32) only.
#[vtable]
impl device::Operations for Drv {
    type Private = Aligned;
    type PcpuStats = NoPcpuStats;
    fn init_private() -> impl PinInit<Self::Private, Error> {
        Ok(Aligned(0))
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
