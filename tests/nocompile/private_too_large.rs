// SPDX-License-Identifier: GPL-2.0

// alloc_netdev_mqs() takes the private size as an int, and kvzalloc() warns above INT_MAX.
struct Huge {
    _bytes: [[u8; 1 << 20]; 2048], // MUST-FAIL E0080
    _small: [u8; 16],
}

#[vtable]
impl device::Operations for Drv {
    type Private = Huge;
    type PcpuStats = NoPcpuStats;
    fn init_private() -> impl PinInit<Huge, Error> {
        Err(ENOMEM)
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
