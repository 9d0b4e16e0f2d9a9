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
    name: "max_type",
    authors: ["Rust for Linux Contributors"],
    description: "must not compile",
    license: "GPL",
}

struct Drv;

#[vtable]
impl rtnl::Link for Drv {
    const KIND: &'static CStr = c"max_type";
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

// The core refuses (and warns about) more attributes than RTNL_MAX_TYPE.
struct Big;

#[vtable]
impl device::Operations for Big {
    type Private = ();
    fn init_private() -> impl PinInit<(), Error> {
        Ok(())
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}

#[vtable]
impl rtnl::Link for Big {
    const KIND: &'static CStr = c"max_type_big";
    const MAX_TYPE: u16 = rtnl::MAX_TYPE_LIMIT + 1; // MUST-FAIL E0080
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

fn register() -> impl PinInit<rtnl::Registration<Big>, Error> {
    rtnl::Registration::new()
}

#[vtable]
impl device::Operations for Drv {
    type Private = ();
    fn init_private() -> impl PinInit<(), Error> {
        let _ = register();
        Ok(())
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
