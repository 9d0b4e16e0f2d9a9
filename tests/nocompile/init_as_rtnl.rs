// SPDX-License-Identifier: GPL-2.0

fn needs_locked(dev: &Device<Drv, OpsLocked>, addr: &SockAddr) -> Result {
    dev.eth_mac_addr(addr)
}

// `Init` is no other context: it cannot be passed where a registered device is expected.
#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn init(dev: &Device<Self, Init>) -> Result {
        dev.carrier_on();
        let _: &Device<Self> = dev; // MUST-FAIL E0308
        Ok(())
    }
    fn set_mac_address(dev: &Device<Self, OpsLocked>, addr: &SockAddr) -> Result {
        needs_locked(dev, addr)
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
