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
    name: "private_overaligned",
    authors: ["Rust for Linux Contributors"],
    description: "must not compile",
    license: "GPL",
}

struct Drv;

#[vtable]
impl rtnl::Link for Drv {
    const KIND: &'static CStr = c"private_overaligned";
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

#[repr(align(64))] // MUST-FAIL E0080
struct Aligned(u8);

// The core aligns the private area to NETDEV_ALIGN (32) only.
#[vtable]
impl device::Operations for Drv {
    type Private = Aligned;
    fn init_private() -> impl PinInit<Self::Private, Error> {
        Ok(Aligned(0))
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
