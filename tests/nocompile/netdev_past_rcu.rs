// SPDX-License-Identifier: GPL-2.0

use kernel::{
    net::device::NetDev,
    new_spinlock,
    sync::{rcu, SpinLock},
};

// A device found by its interface index is valid for the RCU read-side critical section it
// was found in: it cannot be kept past it (it may be freed then) without a counted reference
// (`NetDev::hold`).
#[pin_data]
struct Private {
    #[pin]
    kept: SpinLock<Option<&'static NetDev>>,
}

#[vtable]
impl device::Operations for Drv {
    type Private = Private;
    type PcpuStats = NoPcpuStats;
    fn init_private() -> impl PinInit<Private, Error> {
        try_pin_init!(Private { kept <- new_spinlock!(None) })
    }
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        let guard = rcu::read_lock();
        if let Some(other) = dev.get_by_index(1, &guard) {
            let _ = other.ifindex();
            *dev.private().kept.lock() = Some(other); // MUST-FAIL E0597
        }
        skb.consume();
    }
}
