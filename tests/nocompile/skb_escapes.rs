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
    name: "skb_escapes",
    authors: ["Rust for Linux Contributors"],
    description: "must not compile",
    license: "GPL",
}

struct Drv;

#[vtable]
impl rtnl::Link for Drv {
    const KIND: &'static CStr = c"skb_escapes";
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

use kernel::workqueue;

// A buffer cannot leave the transmit path it was handed to.
#[vtable]
impl device::Operations for Drv {
    type Private = ();
    fn init_private() -> impl PinInit<(), Error> {
        Ok(())
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        let len = skb.len();
        let _ = workqueue::system().try_spawn(GFP_ATOMIC, move || skb.consume()); // MUST-FAIL E0277
        pr_debug!("{len}\n");
    }
}
