// SPDX-License-Identifier: GPL-2.0

use kernel::{
    net::{
        device::{QueueState, QueueWork},
        skbuff::SkbList,
    },
    workqueue,
};

// A device found by its index is valid for as long as the work runs, an RCU read-side critical
// section, and no longer: it cannot be kept past it.
#[derive(Default)]
struct Queue;

impl QueueState for Queue {
    type Locked = SkbList;
    type Work = ();
}

struct Finder;

#[vtable]
impl device::Operations for Finder {
    type PcpuStats = NoPcpuStats;
    type TxQueue = Queue;
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        let res = dev.with_tx_queue(skb, |txq, skb| {
            txq.schedule_work();
            skb.consume();
        });
        if let Err(skb) = res {
            skb.consume();
        }
    }
    fn tx_queue_work(_dev: &Device<Self>, work: &mut QueueWork<'_, Self>) {
        let to = work.dev_get_by_index(1);
        let _ = workqueue::system().try_spawn(GFP_ATOMIC, move || {
            let _ = to.map(|dev| dev.ifindex()); // MUST-FAIL E0521
        });
    }
}

#[vtable]
impl ethtool::Operations for Finder {}

#[vtable]
impl rtnl::Link for Finder {
    const KIND: &'static CStr = c"queue_netdev_escapes";
    fn setup(dev: &mut SetupDevice<Self>) {
        dev.ether_setup();
    }
}

drv_registers!(Finder);
