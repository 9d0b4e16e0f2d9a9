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
    name: "lockdep_shared_key",
    authors: ["Rust for Linux Contributors"],
    description: "must not compile",
    license: "GPL",
}

struct Drv;

#[vtable]
impl rtnl::Link for Drv {
    const KIND: &'static CStr = c"lockdep_shared_key";
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

use kernel::{net::device::LockdepClasses, sync::static_lock_class};

// One lockdep key cannot serve two of the device's locks.
#[vtable]
impl device::Operations for Drv {
    type Private = ();
    fn init_private() -> impl PinInit<(), Error> {
        Ok(())
    }
    fn init(dev: &Device<Self, Init>) -> Result {
        kernel::netdev_lockdep_set_classes!(dev);
        let key = static_lock_class!();
        let _ = key;
        dev.set_lockdep_classes(&LockdepClasses { qdisc_tx_busylock: key, qdisc_xmit_lock: key, dev_addr_list_lock: key, dev_instance_lock: key }); // MUST-FAIL E0451
        Ok(())
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
