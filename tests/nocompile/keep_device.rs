// SPDX-License-Identifier: GPL-2.0

use kernel::{new_mutex, sync::Mutex};

#[pin_data]
struct Private {
    #[pin]
    kept: Mutex<Option<&'static Device<Drv>>>,
}

// A reference to the device does not outlive the callback it was given to.
#[vtable]
impl device::Operations for Drv {
    type Private = Private;
    type PcpuStats = NoPcpuStats;
    fn init_private() -> impl PinInit<Private, Error> {
        try_pin_init!(Private { kept <- new_mutex!(None) })
    }
    fn get_stats64(dev: &Device<Self>, _stats: &mut Stats64) {
        let private = dev.private();
        let mut kept = private.kept.lock();
        let _ = kept.is_some();
        *kept = Some(dev); // MUST-FAIL E0521
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
