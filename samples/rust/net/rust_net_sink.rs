// SPDX-License-Identifier: GPL-2.0

//! Rust network device sample: a sink.
//!
//! `ip link add NAME type rust_sink` creates a point-to-point device without a link-layer
//! header that counts what it is sent and discards it. It has the parts every virtual device
//! has: a link type, the setup of a new device, the transmit path with per-CPU counters, and the
//! statistics user space reads. `Documentation/rust/net.rst` walks through it.

use kernel::{
    module_rtnl_link,
    net::{
        device::{
            self,
            ArpHrd,
            Device,
            Flag,
            Lstats,
            PrivFlag,
            SetupDevice,
            Stats64,
            Xmit, //
        },
        ethtool,
        rtnl,
        skbuff::SkBuff, //
    },
    prelude::*, //
};

// Registers the link type for as long as the module is loaded; the alias lets
// `ip link add NAME type rust_sink` load the module.
module_rtnl_link! {
    type: Sink,
    name: "rust_net_sink",
    authors: ["Rust for Linux Contributors"],
    description: "Rust network device sample: counts and discards what it is sent",
    license: "GPL",
    alias: ["rtnl-link-rust_sink"],
}

struct Sink;

#[vtable]
impl device::Operations for Sink {
    // A sink keeps no state of its own: its counters are the core's per-CPU ones.
    type PcpuStats = Lstats;
    type TxQueue = ();

    // Runs on any CPU at once (the device is `lltx` and has no queue), so it only touches the
    // counters of its own CPU.
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        dev.lstats_add(skb.len());
        skb.consume();
    }

    fn get_stats64(dev: &Device<Self>, stats: &mut Stats64) {
        let (packets, bytes) = dev.lstats_read();
        stats.set_tx_packets(packets);
        stats.set_tx_bytes(bytes);
    }
}

#[vtable]
impl ethtool::Operations for Sink {
    fn get_link(_dev: &Device<Self>) -> bool {
        true
    }
}

#[vtable]
impl rtnl::Link for Sink {
    const KIND: &'static CStr = c"rust_sink";

    // The device is not registered yet: this is the only place where it is mutable.
    fn setup(dev: &mut SetupDevice<Self>) {
        dev.set_type(ArpHrd::NONE);
        dev.set_flags(Flag::PointToPoint | Flag::NoArp);
        dev.add_priv_flags(PrivFlag::NoQueue);
        dev.set_lltx(true);

        dev.set_mtu(1500);
        dev.set_min_mtu(68);
        dev.set_max_mtu(65535);
    }
}
