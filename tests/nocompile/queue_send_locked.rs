// SPDX-License-Identifier: GPL-2.0

use kernel::net::{
    device::{NetDev, QueueState, QueueWork},
    skbuff::SkbList,
};

// A queue's work hands buffers on only with the queue's lock released: sending one to the
// queue's own device with it held would wait for the lock forever.
#[derive(Default)]
struct Queue;

impl QueueState for Queue {
    type Locked = SkbList;
    type Work = ();
}

struct Locked;

#[vtable]
impl device::Operations for Locked {
    type PcpuStats = NoPcpuStats;
    type TxQueue = Queue;
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        let res = dev.with_tx_queue(skb, |txq, skb| {
            if let Some(skb) = skb.into_queued() {
                txq.locked().push_back(skb);
                txq.schedule_work();
            }
        });
        if let Err(skb) = res {
            skb.consume();
        }
    }
    fn tx_queue_work(dev: &Device<Self>, work: &mut QueueWork<'_, Self>) {
        let mut out = SkbList::default();
        work.with_lock(|q| {
            out.append(q.locked());
            send(work, &mut out, dev); // MUST-FAIL E0502
        });
        send(work, &mut out, dev);
    }
}

fn send(work: &QueueWork<'_, Locked>, out: &mut SkbList, to: &NetDev) {
    while let Some(skb) = out.pop_front() {
        work.dev_queue_xmit(skb, to);
    }
}

#[vtable]
impl ethtool::Operations for Locked {}

#[vtable]
impl rtnl::Link for Locked {
    const KIND: &'static CStr = c"queue_send_locked";
    fn setup(dev: &mut SetupDevice<Self>) {
        dev.ether_setup();
    }
}

drv_registers!(Locked);
