// SPDX-License-Identifier: GPL-2.0

//! A link module whose own code calls its module's init again (test only).
//!
//! `module_rtnl_link!` declares the module's type in the driver's crate, where the driver can
//! name it and call its safe `InPlaceModule::init`. Only the module loader's call may register
//! the kind: a second registration made from `before_register` would outlive a load that then
//! fails, and one made from a callback would be kept and dropped under RTNL.
//! `tests/guest/adversary.sh` loads it, reads what each call returned and checks that the kind
//! is registered once and gone after `rmmod`.

use kernel::{
    module::this_module,
    module_rtnl_link,
    net::{
        device::{
            self,
            Device,
            NoPcpuStats,
            Rtnl,
            SetupDevice,
            Xmit, //
        },
        ethtool,
        rtnl,
        skbuff::SkBuff, //
    },
    prelude::*,
    sync::atomic::{
        Atomic,
        Relaxed, //
    },
    InPlaceModule, //
};

module_rtnl_link! {
    type: Reenter,
    name: "rust_net_reenter",
    authors: ["Rust for Linux Contributors"],
    description: "Calls its module's init again (test only)",
    license: "GPL",
}

/// Runs the module's init once more and keeps what it made, as a hostile driver would.
fn init_again(from: &str) {
    match KBox::pin_init(Module::init(this_module::<Module>()), GFP_KERNEL) {
        Ok(module) => {
            pr_info!("init from {from}: a second module made\n");
            core::mem::forget(module);
        }
        Err(e) => pr_info!("init from {from}: refused with {}\n", e.to_errno()),
    }
}

struct Reenter;

#[vtable]
impl device::Operations for Reenter {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();

    fn open(_dev: &Device<Self, Rtnl>) -> Result {
        init_again("open");
        Ok(())
    }

    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}

#[vtable]
impl ethtool::Operations for Reenter {}

#[vtable]
impl rtnl::Link for Reenter {
    const KIND: &'static CStr = c"adv_reenter";

    fn before_register() {
        // Once: the call below runs `before_register` again if the module's init lets it.
        static CALLED: Atomic<bool> = Atomic::new(false);
        if !CALLED.xchg(true, Relaxed) {
            init_again("before_register");
        }
    }

    fn setup(_dev: &mut SetupDevice<Self>) {}
}
