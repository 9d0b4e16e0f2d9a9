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
    name: "init_counters",
    authors: ["Rust for Linux Contributors"],
    description: "must not compile",
    license: "GPL",
}

struct Drv;

#[vtable]
impl rtnl::Link for Drv {
    const KIND: &'static CStr = c"init_counters";
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

// The per-CPU counters do not exist in `ndo_init`.
#[vtable]
impl device::Operations for Drv {
    type Private = ();
    const PCPU_STAT_TYPE: PcpuStatType = PcpuStatType::Lstats;
    fn init_private() -> impl PinInit<(), Error> {
        Ok(())
    }
    fn init(dev: &Device<Self, Init>) -> Result {
        dev.carrier_on();
        let _ = dev.lstats_read(); // MUST-FAIL E0599
        Ok(())
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
