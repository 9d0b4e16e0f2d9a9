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
    name: "locked_from_normal",
    authors: ["Rust for Linux Contributors"],
    description: "must not compile",
    license: "GPL",
}

struct Drv;

#[vtable]
impl rtnl::Link for Drv {
    const KIND: &'static CStr = c"locked_from_normal";
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

// Changing the address needs the device's operations lock.
#[vtable]
impl device::Operations for Drv {
    type Private = ();
    fn init_private() -> impl PinInit<(), Error> {
        Ok(())
    }
    fn get_stats64(dev: &Device<Self>, _stats: &mut Stats64) {
        let _ = dev.private();
        let _ = dev.eth_validate_addr(); // MUST-FAIL E0599
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
