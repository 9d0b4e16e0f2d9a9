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
    name: "forge_rtnl",
    authors: ["Rust for Linux Contributors"],
    description: "must not compile",
    license: "GPL",
}

struct Drv;

#[vtable]
impl rtnl::Link for Drv {
    const KIND: &'static CStr = c"forge_rtnl";
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

// A context that holds a lock cannot be made from one that does not.
#[vtable]
impl device::Operations for Drv {
    type Private = ();
    fn init_private() -> impl PinInit<(), Error> {
        Ok(())
    }
    fn get_stats64(dev: &Device<Self>, _stats: &mut Stats64) {
        let _ = dev.private();
        let _: &Device<Self, Rtnl> = Device::from_raw(core::ptr::null_mut()); // MUST-FAIL E0624
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
