// SPDX-License-Identifier: GPL-2.0

use kernel::{new_mutex, net::rtnl::Policy, sync::{rcu, Mutex}};

// The peer of a device of a kind of pairs is reachable only for an RCU read-side critical
// section or while RTNL is held: a reference cannot be kept past it, where the peer may be
// unregistered and freed.
struct Pair;

#[pin_data]
struct Private {
    #[pin]
    kept: Mutex<Option<&'static Device<Pair>>>,
}

#[vtable]
impl device::Operations for Pair {
    type Private = Private;
    type PcpuStats = NoPcpuStats;
    fn init_private() -> impl PinInit<Private, Error> {
        try_pin_init!(Private { kept <- new_mutex!(None) })
    }
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        let guard = rcu::read_lock();
        if let Some(peer) = dev.peer(&guard) {
            *dev.private().kept.lock() = Some(peer); // MUST-FAIL E0521
        }
        skb.consume();
    }
}

#[vtable]
impl rtnl::Link for Pair {
    const KIND: &'static CStr = c"peer_kept_pair";
    const MAX_TYPE: u16 = 1;
    const POLICY: &'static [Policy] = &[Policy::unspec(), Policy::ifinfomsg()];
    const PEER_TYPE: Option<u16> = Some(1);
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

fn register() -> impl PinInit<rtnl::Registration<Pair>, Error> {
    rtnl::Registration::new()
}

#[vtable]
impl device::Operations for Drv {
    type Private = ();
    type PcpuStats = NoPcpuStats;
    fn init_private() -> impl PinInit<(), Error> {
        let _ = register();
        Ok(())
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
