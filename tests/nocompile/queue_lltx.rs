// SPDX-License-Identifier: GPL-2.0

use kernel::net::{
    device::{QueueState, QueueWork},
    skbuff::SkbList,
};

// The state a queue's lock guards is reached from `start_xmit`: a lockless device holds no
// lock there.
#[derive(Default)]
struct Queue;

impl QueueState for Queue {
    type Locked = SkbList;
    type Work = ();
}

struct Lockless;

#[vtable]
impl device::Operations for Lockless {
    type PcpuStats = NoPcpuStats;
    type TxQueue = Queue;
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        let res = dev.with_tx_queue(skb, |txq, skb| {
            if let Some(skb) = skb.into_queued() {
                txq.locked().push_back(skb);
            }
        });
        if let Err(skb) = res {
            skb.consume();
        }
    }
    fn tx_queue_work(_dev: &Device<Self>, _work: &mut QueueWork<'_, Self>) {}
}

#[vtable]
impl ethtool::Operations for Lockless {}

#[vtable]
impl rtnl::Link for Lockless {
    const KIND: &'static CStr = c"queue_lltx";
    fn setup(dev: &mut SetupDevice<Self>) {
        dev.ether_setup();
        dev.set_lltx(true); // MUST-FAIL E0080
    }
}

drv_registers!(Lockless);
