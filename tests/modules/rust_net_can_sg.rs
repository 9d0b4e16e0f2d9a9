// SPDX-License-Identifier: GPL-2.0

//! A CAN device that states scatter-gather (test only).
//!
//! With `Feature::Sg` the core hands the driver a frame as a packet socket's `PACKET_TX_RING`
//! built it: its bytes in page fragments, none in the buffer's head, where
//! `can_dropped_invalid_skb` and the CAN layer read and write them. The abstraction drops such
//! a frame and counts it in `tx_dropped`, as C counts an invalid frame; a frame in the head
//! is counted in `tx_packets` and `tx_bytes`. `tests/guest/adversary.sh` sends both kinds.

use kernel::{
    module_rtnl_link,
    net::{
        can,
        device::{
            self,
            Device,
            Feature,
            Flag,
            NoPcpuStats,
            SetupDevice,
            Stat,
            Xmit, //
        },
        ethtool,
        rtnl::{
            self,
            MlPriv, //
        },
        skbuff::SkBuff, //
    },
    prelude::*,
};

module_rtnl_link! {
    type: CanSg,
    name: "rust_net_can_sg",
    authors: ["Rust for Linux Contributors"],
    description: "A CAN device with scatter-gather (test only)",
    license: "GPL",
}

struct CanSg;

#[vtable]
impl device::Operations for CanSg {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();

    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        let Some(frame) = dev.can_dropped_invalid_skb(skb) else {
            return;
        };
        dev.stats_inc(Stat::TxPackets);
        dev.stats_add(Stat::TxBytes, frame.can_data_len() as usize);
        frame.consume();
    }
}

#[vtable]
impl ethtool::Operations for CanSg {}

#[vtable]
impl rtnl::Link for CanSg {
    const KIND: &'static CStr = c"adv_can_sg";
    const ML_PRIV: MlPriv = MlPriv::Can;

    fn setup(dev: &mut SetupDevice<Self>) {
        dev.set_mtu(can::MTU);
        dev.set_flags(Flag::NoArp);
        dev.add_features(Feature::Sg);
        dev.can_set_cap(can::Cap::Cc.into());
    }
}
