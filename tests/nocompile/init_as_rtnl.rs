// SPDX-License-Identifier: GPL-2.0
//! Must not compile with the marked line (tests/nocompile.sh); compiles without it.
use kernel::{
    module_rtnl_link,
    net::{
        device::{self, Device, Init, OpsLocked, PcpuStatType, Rtnl, SetupDevice, SockAddr, Stats64, Xmit},
        rtnl,
        skbuff::SkBuff,
    },
    prelude::*,
};

module_rtnl_link! {
    type: Drv,
    name: "init_as_rtnl",
    authors: ["Rust for Linux Contributors"],
    description: "must not compile",
    license: "GPL",
}

struct Drv;

#[vtable]
impl rtnl::Link for Drv {
    const KIND: &'static CStr = c"init_as_rtnl";
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

fn needs_locked(dev: &Device<Drv, OpsLocked>, addr: &SockAddr) -> Result {
    dev.eth_mac_addr(addr)
}

// `Init` is no other context: it cannot be passed where a registered device is expected.
#[vtable]
impl device::Operations for Drv {
    type Private = ();
    fn init_private() -> impl PinInit<(), Error> {
        Ok(())
    }
    fn init(dev: &Device<Self, Init>) -> Result {
        let _ = dev.private();
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
