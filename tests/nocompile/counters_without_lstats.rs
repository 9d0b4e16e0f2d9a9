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
    name: "counters_without_lstats",
    authors: ["Rust for Linux Contributors"],
    description: "must not compile",
    license: "GPL",
}

struct Drv;

#[vtable]
impl rtnl::Link for Drv {
    const KIND: &'static CStr = c"counters_without_lstats";
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

// Counters the device did not ask the core for.
#[vtable]
impl device::Operations for Drv {
    type Private = ();
    fn init_private() -> impl PinInit<(), Error> {
        Ok(())
    }
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        dev.lstats_add(skb.len()); // MUST-FAIL E0080
        skb.consume();
    }
}
