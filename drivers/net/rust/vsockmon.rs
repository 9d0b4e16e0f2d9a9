// SPDX-License-Identifier: GPL-2.0

//! Rust vsock monitoring device.
//!
//! A reference driver, equivalent to the C one in `drivers/net/vsockmon.c`: a device of type
//! `ARPHRD_VSOCKMON` that, while up, receives a copy of every vsock packet of the system, each
//! behind a `struct af_vsockmon_hdr`, so packet sockets (tcpdump) can capture them.

use kernel::{
    module_rtnl_link,
    net::{
        device::{
            self,
            Device,
            Feature,
            Flag,
            Lstats,
            OpsLocked,
            PrivFlag,
            SetupDevice,
            Stats64,
            Xmit, //
        },
        ethtool,
        rtnl,
        skbuff::SkBuff,
        tap, //
    },
    prelude::*, //
};

module_rtnl_link! {
    type: Vsockmon,
    name: "vsockmon",
    authors: ["Gerard Garcia <ggarcia@deic.uab.cat>"],
    description: "Vsock monitoring device. Based on nlmon device.",
    license: "GPL v2",
    alias: ["rtnl-link-vsockmon"],
}

/// The virtio transport's largest packet and the monitor header in front of it.
const DEFAULT_MTU: u32 = tap::VIRTIO_VSOCK_MAX_PKT_BUF_SIZE + tap::VSOCKMON_HDR_SIZE;

struct Vsockmon;

#[vtable]
impl device::Operations for Vsockmon {
    type PcpuStats = Lstats;
    type TxQueue = ();
    // Linked while the device is up: what vsockmon_open() and vsockmon_close() do in C.
    const TAP: Option<tap::Kind> = Some(tap::Kind::VSOCK);

    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        dev.lstats_add(skb.len());

        skb.consume();
    }

    fn get_stats64(dev: &Device<Self>, stats: &mut Stats64) {
        let (packets, bytes) = dev.lstats_read();
        stats.set_rx_packets(packets);
        stats.set_rx_bytes(bytes);
    }

    fn change_mtu(_dev: &Device<Self, OpsLocked>, new_mtu: u32) -> Result {
        // Every packet carries at least the monitor header.
        if new_mtu < tap::VSOCKMON_HDR_SIZE {
            return Err(EINVAL);
        }
        Ok(())
    }
}

#[vtable]
impl ethtool::Operations for Vsockmon {
    fn get_link(_dev: &Device<Self>) -> bool {
        true
    }
}

#[vtable]
impl rtnl::Link for Vsockmon {
    const KIND: &'static CStr = c"vsockmon";

    fn setup(dev: &mut SetupDevice<Self>) {
        dev.add_priv_flags(PrivFlag::NoQueue);
        dev.set_lltx(true);
        dev.set_features(Feature::Sg | Feature::FragList | Feature::HighDma);
        dev.set_flags(Flag::NoArp);

        dev.set_mtu(DEFAULT_MTU);
    }
}
