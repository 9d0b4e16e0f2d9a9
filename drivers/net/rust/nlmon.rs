// SPDX-License-Identifier: GPL-2.0

//! Rust netlink monitoring device.
//!
//! A reference driver, equivalent to the C one in `drivers/net/nlmon.c`: a device of type
//! `ARPHRD_NETLINK` that, while up, receives a copy of every netlink message of its network
//! namespace, so packet sockets (tcpdump) can capture them.

use kernel::{
    module_rtnl_link,
    net::{
        device::{
            self,
            Device,
            Feature,
            Flag,
            Lstats,
            PrivFlag,
            SetupDevice,
            Stats64,
            Xmit, //
        },
        ethtool,
        rtnl::{
            self,
            Attrs,
            LinkAttr, //
        },
        skbuff::SkBuff,
        tap, //
    },
    prelude::*, //
};

module_rtnl_link! {
    type: Nlmon,
    name: "nlmon",
    authors: ["Daniel Borkmann <dborkman@redhat.com>", "Mathieu Geli <geli@enseirb.fr>"],
    description: "Netlink monitoring device",
    license: "GPL v2",
    alias: ["rtnl-link-nlmon"],
}

struct Nlmon;

#[vtable]
impl device::Operations for Nlmon {
    type PcpuStats = Lstats;
    type TxQueue = ();
    // Linked while the device is up: what nlmon_open() and nlmon_close() do in C.
    const TAP: Option<tap::Kind> = Some(tap::Kind::NETLINK);

    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        dev.lstats_add(skb.len());

        skb.consume();
    }

    fn get_stats64(dev: &Device<Self>, stats: &mut Stats64) {
        let (packets, bytes) = dev.lstats_read();
        stats.set_rx_packets(packets);
        stats.set_rx_bytes(bytes);
    }
}

#[vtable]
impl ethtool::Operations for Nlmon {
    fn get_link(_dev: &Device<Self>) -> bool {
        true
    }
}

#[vtable]
impl rtnl::Link for Nlmon {
    const KIND: &'static CStr = c"nlmon";

    fn setup(dev: &mut SetupDevice<Self>) {
        dev.add_priv_flags(PrivFlag::NoQueue);
        dev.set_lltx(true);
        dev.set_features(Feature::Sg | Feature::FragList | Feature::HighDma);
        dev.set_flags(Flag::NoArp);

        // That's rather a soft limit here, which, of course, can be altered. Not a real MTU,
        // but what is to be expected in most cases.
        dev.set_mtu(tap::NLMSG_GOODSIZE);
        dev.set_min_mtu(tap::NLMSG_HDR_SIZE);
    }

    fn validate(tb: &Attrs<'_>) -> Result {
        if tb.link(LinkAttr::ADDRESS).is_some() {
            return Err(EINVAL);
        }
        Ok(())
    }
}
