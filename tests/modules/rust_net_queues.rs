// SPDX-License-Identifier: GPL-2.0

//! Adversarial drivers for the transmit queue state and work of `kernel::net` (test only).
//!
//! Each link type keeps buffers past `start_xmit` in its queues' state, as ifb does, and then
//! misuses what it keeps, without `unsafe`: it never hands them on, its work asks to run again
//! forever, it asks for its queue twice, it sends buffers back to itself or to the receive path
//! of its peer in another namespace, its `init` fails after the queues' state was made.
//! `tests/guest/adversary.sh` drives them under traffic in the debug test kernel and deletes
//! them, and the boot's checks find no splat, hang or leak. What the queues keep is tallied:
//! the module says at its exit how many values it made and dropped, which must be as many.

use core::ops::{
    Deref,
    DerefMut, //
};
use kernel::{
    net::{
        device::{
            self,
            Device,
            Init,
            NoPcpuStats,
            QueueState,
            QueueWork,
            Rtnl,
            SetupDevice,
            Stat,
            Xmit, //
        },
        ethtool,
        rtnl::{
            self,
            Policy, //
        },
        skbuff::{
            SkBuff,
            SkbList, //
        },
    },
    prelude::*,
    sync::{
        atomic::{
            Atomic,
            Relaxed, //
        },
        rcu, //
    },
};

module! {
    type: Queues,
    name: "rust_net_queues",
    authors: ["Rust for Linux Contributors"],
    description: "Adversarial safe drivers for the Rust network abstractions' transmit queues",
    license: "GPL",
}

include!("common.rs");

/// How many `Held` values were made and dropped: a value dropped twice or never shows.
static MADE: Atomic<usize> = Atomic::new(0);
static DROPPED: Atomic<usize> = Atomic::new(0);

/// A list of buffers whose values are tallied.
struct Held(SkbList);

impl Default for Held {
    fn default() -> Self {
        MADE.fetch_add(1, Relaxed);
        Self(SkbList::default())
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        DROPPED.fetch_add(1, Relaxed);
    }
}

impl Deref for Held {
    type Target = SkbList;

    fn deref(&self) -> &SkbList {
        &self.0
    }
}

impl DerefMut for Held {
    fn deref_mut(&mut self) -> &mut SkbList {
        &mut self.0
    }
}

/// Every queue keeps what it is sent in `Locked`, and what its work took in `Work`.
#[derive(Default)]
struct Queue;

impl QueueState for Queue {
    type Locked = Held;
    type Work = Held;
}

/// Defines a link type whose devices keep what they are sent in their queue's state and ask for
/// the queue's work, which runs `$work`; `$init` is their `init`.
macro_rules! queued {
    ($ty:ident, $kind:literal, |$dev:ident, $w:ident| $work:block, $($init:item)?) => {
        struct $ty;

        #[vtable]
        impl device::Operations for $ty {
            type PcpuStats = NoPcpuStats;
            type TxQueue = Queue;

            fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
                let res = dev.with_tx_queue(skb, |txq, skb| {
                    // A second hold of the queue while the first lives is refused.
                    if let Err(skb) = dev.with_tx_queue(skb, |_, skb| {
                        dev.stats_inc(Stat::TxErrors);
                        skb.consume();
                    }) {
                        if let Some(skb) = skb.into_queued() {
                            dev.stats_inc(Stat::TxPackets);
                            txq.locked().push_back(skb);
                            txq.schedule_work();
                        }
                    }
                });
                if let Err(skb) = res {
                    dev.stats_inc(Stat::TxDropped);
                    skb.consume();
                }
            }

            fn tx_queue_work($dev: &Device<Self>, $w: &mut QueueWork<'_, Self>) $work

            $($init)?
        }

        #[vtable]
        impl ethtool::Operations for $ty {}

        #[vtable]
        impl rtnl::Link for $ty {
            const KIND: &'static CStr = $kind;

            fn setup(dev: &mut SetupDevice<Self>) {
                dev.ether_setup();
                dev.eth_hw_addr_random();
            }
        }
    };
}

// Never hands anything on: what the queues hold is freed when the device goes.
queued!(Hoard, c"adv_hoard", |_dev, work| {
    let taken = work.with_lock(|q| core::mem::take(q.locked()));
    if let Some(mut taken) = taken {
        work.work().append(&mut taken);
    }
},);

// Asks for its work again every time it runs, and hands nothing on: unregistration must stop
// it all the same.
queued!(Spin, c"adv_spin", |_dev, work| {
    work.schedule();
},);

// Sends each buffer back to its own device once, then frees it.
queued!(Loop, c"adv_loop", |dev, work| {
    let Some(mut taken) = work.with_lock(|q| core::mem::take(q.locked())) else {
        work.schedule();
        return;
    };
    while let Some(mut skb) = taken.pop_front() {
        if skb.iif() == dev.ifindex() {
            skb.consume();
            continue;
        }
        skb.set_iif(dev.ifindex());
        match work.dev_get_by_index(dev.ifindex()) {
            Some(to) => work.dev_queue_xmit(skb, to),
            None => skb.consume(),
        }
    }
},);

// `init` fails after the queues' state was made for it.
queued!(
    InitFails,
    c"adv_qinitfail",
    |_dev, _work| {},
    fn init(_dev: &Device<Self, Init>) -> Result {
        Err(ENOSPC)
    }
);

/// A kind of pairs whose queues' work hands what one end is sent to the receive path of the
/// other, which may be in another namespace (the buffer is then scrubbed), while either end or
/// its namespace is deleted.
///
/// Its kind is `veth` (`veth_link!`).
struct Pair;

#[vtable]
impl device::Operations for Pair {
    type PcpuStats = NoPcpuStats;
    type TxQueue = Queue;

    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        let res = dev.with_tx_queue(skb, |txq, skb| {
            if let Some(skb) = skb.into_queued() {
                dev.stats_inc(Stat::TxPackets);
                txq.locked().push_back(skb);
                txq.schedule_work();
            }
        });
        if let Err(skb) = res {
            dev.stats_inc(Stat::TxDropped);
            skb.consume();
        }
    }

    // The link type takes both ends' carrier off; both come on with either end.
    fn open(dev: &Device<Self, Rtnl>) -> Result {
        if let Some(peer) = dev.rtnl_peer() {
            peer.carrier_on();
        }
        dev.carrier_on();
        Ok(())
    }

    fn tx_queue_work(dev: &Device<Self>, work: &mut QueueWork<'_, Self>) {
        let Some(mut taken) = work.with_lock(|q| core::mem::take(q.locked())) else {
            work.schedule();
            return;
        };
        let rcu = rcu::read_lock();
        while let Some(mut skb) = taken.pop_front() {
            match dev.peer(&rcu) {
                Some(peer) if skb.pull_mac_header_rcsum().is_ok() => {
                    peer.stats_inc(Stat::RxPackets);
                    work.netif_receive_skb(skb, peer);
                }
                _ => skb.consume(),
            }
        }
    }
}

veth_link!(Pair);

#[pin_data]
struct Queues {
    #[pin]
    hoard: rtnl::Registration<Hoard>,
    #[pin]
    spin: rtnl::Registration<Spin>,
    #[pin]
    looping: rtnl::Registration<Loop>,
    #[pin]
    init_fails: rtnl::Registration<InitFails>,
    #[pin]
    pair: rtnl::Registration<Pair>,
    /// Last, so that it is dropped after the registrations, whose drop deletes what devices are
    /// left and waits for those of namespaces being dismantled (`rtnl_link_unregister`).
    tally: Tally,
}

/// Says at the module's exit how many queue states were made and dropped.
struct Tally;

impl Drop for Tally {
    fn drop(&mut self) {
        let (made, dropped) = (MADE.load(Relaxed), DROPPED.load(Relaxed));
        if made == dropped {
            pr_info!("queue states: {made} made, as many dropped\n");
        } else {
            pr_err!("queue states: {made} made, {dropped} dropped\n");
        }
    }
}

impl kernel::InPlaceModule for Queues {
    fn init(_module: &'static ThisModule) -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            hoard <- register(),
            spin <- register(),
            looping <- register(),
            init_fails <- register(),
            pair <- register(),
            tally: Tally,
        })
    }
}
