// SPDX-License-Identifier: GPL-2.0

//! Rust Intermediate Functional Block device.
//!
//! A reference driver, equivalent to the C one in `drivers/net/ifb.c`: tc redirects traffic to an
//! ifb device (`action mirred egress redirect dev ifb0`), which queues it, shapes it with its own
//! qdisc, and hands it back from a bottom half to the device it came from, on the way it was
//! going: out again if it was leaving, up the stack if it was arriving. Ingress traffic can so
//! be queued and shaped, and several devices' traffic can share one qdisc.

use kernel::{
    module_rtnl_link,
    net::{
        device::{
            self,
            Counter,
            Device,
            Feature,
            Features,
            Flag,
            NoPcpuStats,
            PrivFlag,
            QueueState,
            QueueWork,
            Rtnl,
            SetupDevice,
            Stat,
            Stats64,
            Xmit, //
        },
        ethtool::{
            self,
            StatsNames,
            StatsWriter, //
        },
        rtnl::{
            self,
            Attrs,
            NameAssign, //
        },
        skbuff::{
            SkBuff,
            SkbList, //
        },
    },
    prelude::*, //
};

module_rtnl_link! {
    type: Ifb,
    name: "ifb",
    authors: ["Jamal Hadi Salim"],
    description: "Intermediate Functional Block (ifb) netdevice driver for sharing of resources \
        and ingress packet queuing",
    license: "GPL",
    alias: ["rtnl-link-ifb"],
    params: {
        numifbs: i32 {
            default: 2,
            description: "Number of ifb devices",
        },
    },
}

const TX_Q_LIMIT: u32 = 32;

struct Ifb;

/// What a queue received and handed on.
#[derive(Default)]
struct QueueStats {
    packets: Counter,
    bytes: Counter,
}

impl QueueStats {
    fn update(&self, len: u32) {
        self.packets.add(1);
        self.bytes.add(len.into());
    }
}

#[derive(Default)]
struct Queue {
    rx_stats: QueueStats,
    tx_stats: QueueStats,
}

/// What the transmit path hands the work, under the queue's lock.
#[derive(Default)]
struct Waiting {
    rq: SkbList,
    work_pending: bool,
}

impl QueueState for Queue {
    type Locked = Waiting;
    type Work = SkbList;
}

#[vtable]
impl device::Operations for Ifb {
    type PcpuStats = NoPcpuStats;
    type TxQueue = Queue;

    fn open(dev: &Device<Self, Rtnl>) -> Result {
        dev.tx_start_all_queues();
        Ok(())
    }

    fn stop(dev: &Device<Self, Rtnl>) -> Result {
        dev.tx_stop_all_queues();
        Ok(())
    }

    fn get_stats64(dev: &Device<Self>, stats: &mut Stats64) {
        let (mut rx_packets, mut rx_bytes, mut tx_packets, mut tx_bytes) = (0u64, 0u64, 0u64, 0u64);
        // The sums wrap, as the counters do and as C's do.
        for q in dev.tx_queue_states() {
            rx_packets = rx_packets.wrapping_add(q.rx_stats.packets.get());
            rx_bytes = rx_bytes.wrapping_add(q.rx_stats.bytes.get());
            tx_packets = tx_packets.wrapping_add(q.tx_stats.packets.get());
            tx_bytes = tx_bytes.wrapping_add(q.tx_stats.bytes.get());
        }
        stats.set_rx_packets(rx_packets);
        stats.set_rx_bytes(rx_bytes);
        stats.set_tx_packets(tx_packets);
        stats.set_tx_bytes(tx_bytes);
        stats.set_rx_dropped(dev.stats_read(Stat::RxDropped));
        stats.set_tx_dropped(dev.stats_read(Stat::TxDropped));
    }

    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        let res = dev.with_tx_queue(skb, |txq, skb| {
            txq.state().rx_stats.update(skb.len());

            if !skb.is_redirected() || skb.iif() == 0 {
                skb.consume();
                dev.stats_inc(Stat::RxDropped);
                return;
            }
            // A buffer that another holder shares is cloned (`skb_share_check`), where C ifb
            // queues it as it is. pktgen hands over such buffers, its own with a user of its own,
            // when an ingress redirect (tc `mirred`, BPF) sends here what it injects, which the
            // redirect does not clone. In a `burst` of pktgen's `netif_receive` mode, C's
            // queueing ends the burst after one packet, as pktgen then sees a user it did not
            // expect; the clone lets pktgen go on with its buffer, which the redirect changed
            // (its `dev` is this device): the rest of the burst is received here.
            let Some(skb) = skb.into_queued() else {
                // The clone could not be allocated.
                dev.stats_inc(Stat::RxDropped);
                return;
            };

            if txq.locked().rq.len() >= dev.tx_queue_len() {
                txq.stop();
            }

            let waiting = txq.locked();
            waiting.rq.push_back(skb);
            if !waiting.work_pending {
                waiting.work_pending = true;
                txq.schedule_work();
            }
        });
        if let Err(skb) = res {
            // Only a transmit path that races with the device's unregistration gets here, once
            // the queue's buffers were dropped (ifb is not lockless and keeps a state per queue).
            skb.consume();
            dev.stats_inc(Stat::RxDropped);
        }
    }

    fn tx_queue_work(dev: &Device<Self>, work: &mut QueueWork<'_, Self>) {
        if work.work().is_empty() {
            let Some(mut rq) = work.with_lock(|q| core::mem::take(&mut q.locked().rq)) else {
                work.schedule();
                return;
            };
            work.work().append(&mut rq);
        }

        while let Some(mut skb) = work.work().pop_front() {
            // Skip tc and netfilter to prevent redirection loop.
            skb.reset_redirect();
            skb.skip_tc_and_nf_egress();

            work.state().tx_stats.update(skb.len());

            let Some(to) = work.dev_get_by_index(skb.iif()) else {
                skb.consume();
                dev.stats_inc(Stat::TxDropped);
                if !work.work().is_empty() {
                    work.schedule();
                    return;
                }
                break;
            };
            skb.set_iif(dev.ifindex());

            if !skb.from_ingress() {
                work.dev_queue_xmit(skb, to);
            } else {
                if skb.pull_mac_header_rcsum().is_err() {
                    // Not reached: what came in has its MAC header in the linear part.
                    skb.consume();
                    dev.stats_inc(Stat::TxDropped);
                    continue;
                }
                work.netif_receive_skb(skb, to);
            }
        }

        let done = work.with_lock(|q| {
            let waiting = q.locked();
            if !waiting.rq.is_empty() {
                return false;
            }
            waiting.work_pending = false;
            if q.is_stopped() {
                q.wake();
            }
            true
        });
        if done != Some(true) {
            work.schedule();
        }
    }
}

/// The statistics of each queue, named as the C driver's.
const Q_STATS: &[&str] = &["packets", "bytes"];

#[vtable]
impl ethtool::Operations for Ifb {
    const STATS: StatsNames = StatsNames {
        device: &[],
        rx_queue: Q_STATS,
        tx_queue: Q_STATS,
    };

    fn get_ethtool_stats(dev: &Device<Self>, stats: &mut StatsWriter<'_>) {
        for q in dev.tx_queue_states() {
            stats.push(q.rx_stats.packets.get());
            stats.push(q.rx_stats.bytes.get());
        }
        for q in dev.tx_queue_states() {
            stats.push(q.tx_stats.packets.get());
            stats.push(q.tx_stats.bytes.get());
        }
    }
}

#[vtable]
impl rtnl::Link for Ifb {
    const KIND: &'static CStr = c"ifb";

    fn setup(dev: &mut SetupDevice<Self>) {
        // Fill in device structure with ethernet-generic values.
        dev.ether_setup();
        dev.set_tx_queue_len(TX_Q_LIMIT);

        let features = Features::from(Feature::HwCsum)
            | Feature::Sg
            | Feature::FragList
            | Feature::GsoSoftware
            | Feature::GsoEncapAll
            | Feature::HighDma;
        let vlan_tx = Feature::HwVlanCtagTx | Feature::HwVlanStagTx;
        dev.add_features(features | vlan_tx);
        let features = dev.features();
        dev.add_hw_features(features);
        dev.add_hw_enc_features(features);
        dev.add_vlan_features(features & !vlan_tx);

        dev.add_flags(Flag::NoArp);
        dev.remove_flags(Flag::Multicast);
        dev.remove_priv_flags(PrivFlag::TxSkbSharing);
        dev.keep_dst();
        dev.eth_hw_addr_random();

        dev.set_min_mtu(0);
        dev.set_max_mtu(0);
        dev.set_tso_max_size(device::GSO_MAX_SIZE);
    }

    fn validate(tb: &Attrs<'_>) -> Result {
        tb.validate_ether_address()
    }

    fn module_init(link: &rtnl::Registration<Self>) -> Result {
        for _ in 0..module_parameters::numifbs.value() {
            link.create_device(c"ifb%d", NameAssign::Unknown)?;
        }
        Ok(())
    }
}
