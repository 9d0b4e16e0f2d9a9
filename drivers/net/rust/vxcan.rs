// SPDX-License-Identifier: GPL-2.0

//! Rust virtual CAN tunnel.
//!
//! A reference driver, equivalent to the C one in `drivers/net/can/vxcan.c`: CAN devices created
//! in pairs, like veth, where a frame sent on one end is received on the other, for CAN traffic
//! between network namespaces. The CAN gateway hop counter starts afresh on the other end.

use kernel::{
    module_rtnl_link,
    net::{
        can::{
            self,
            Cap,
            Caps, //
        },
        device::{
            self,
            Device,
            Flag,
            NoPcpuStats,
            OpsLocked,
            Rtnl,
            SetupDevice,
            Stat,
            Xmit, //
        },
        ethtool,
        rtnl::{
            Link,
            MlPriv,
            Policy, //
        },
        skbuff::{
            DropReason,
            PacketType,
            RxResult,
            SkBuff, //
        }, //
    },
    prelude::*,
    sync::rcu, //
};

module_rtnl_link! {
    type: Vxcan,
    name: "vxcan",
    authors: ["Oliver Hartkopp <socketcan@hartkopp.net>"],
    description: "Virtual CAN Tunnel",
    license: "GPL",
    alias: ["rtnl-link-vxcan"],
}

/// `VXCAN_INFO_PEER` of `include/uapi/linux/can/vxcan.h`, the only attribute of the kind.
const VXCAN_INFO_PEER: u16 = 1;

struct Vxcan;

/// The capabilities a device with MTU `mtu` announces.
fn cap_info(mtu: u32) -> Caps {
    let mut caps = Caps::from(Cap::Cc);

    if mtu > can::MTU {
        caps |= Cap::Fd;
    }

    if mtu >= can::XL_MIN_MTU {
        caps |= Cap::Xl;
    }

    caps
}

#[vtable]
impl device::Operations for Vxcan {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();

    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        let Some(mut oskb) = dev.can_dropped_invalid_skb(skb) else {
            return;
        };

        let guard = rcu::read_lock();
        let Some(peer) = dev.peer(&guard) else {
            oskb.drop_reason(DropReason::NotSpecified);
            dev.stats_inc(Stat::TxDropped);
            return;
        };

        oskb.tx_timestamp();

        let Some(mut skb) = oskb.try_clone() else {
            oskb.drop_reason(DropReason::NotSpecified);
            return;
        };
        oskb.consume();

        // The clone shares the skb extension of the original: start with a copy of its own, with
        // a fresh CAN GW hop counter and CAN skb UID in the other namespace.
        if skb.can_reset_hops().is_err() {
            skb.drop_reason(DropReason::NotSpecified);
            return;
        }

        skb.set_pkt_type(PacketType::Broadcast);
        skb.set_checksum_unnecessary();

        let len = skb.can_data_len() as usize;
        if skb.netif_rx(peer) == RxResult::Success {
            dev.stats_inc(Stat::TxPackets);
            dev.stats_add(Stat::TxBytes, len);
            peer.stats_inc(Stat::RxPackets);
            peer.stats_add(Stat::RxBytes, len);
        }
    }

    fn open(dev: &Device<Self, Rtnl>) -> Result {
        let peer = dev.rtnl_peer().ok_or(ENOTCONN)?;

        if peer.is_up() {
            dev.carrier_on();
            peer.carrier_on();
        }
        Ok(())
    }

    fn stop(dev: &Device<Self, Rtnl>) -> Result {
        dev.carrier_off();
        if let Some(peer) = dev.rtnl_peer() {
            peer.carrier_off();
        }

        Ok(())
    }

    fn get_iflink(dev: &Device<Self>) -> i32 {
        dev.peer(&rcu::read_lock()).map_or(0, |peer| peer.ifindex())
    }

    fn change_mtu(dev: &Device<Self, OpsLocked>, new_mtu: u32) -> Result {
        // Do not allow changing the MTU while running.
        if dev.is_up() {
            return Err(EBUSY);
        }

        if new_mtu != can::MTU && new_mtu != can::FD_MTU && !can::is_xl_mtu(new_mtu) {
            return Err(EINVAL);
        }

        dev.can_set_cap(cap_info(new_mtu));
        Ok(())
    }
}

#[vtable]
impl ethtool::Operations for Vxcan {
    fn get_ts_info(dev: &Device<Self>, info: &mut ethtool::TsInfo) -> Result {
        info.set_software(dev)
    }
}

#[vtable]
impl Link for Vxcan {
    const KIND: &'static CStr = c"vxcan";
    const MAX_TYPE: u16 = VXCAN_INFO_PEER;
    const POLICY: &'static [Policy] = &[Policy::unspec(), Policy::ifinfomsg()];
    const PEER_TYPE: Option<u16> = Some(VXCAN_INFO_PEER);
    const ML_PRIV: MlPriv = MlPriv::Can;

    // Before registering, so that a load refused because the kind exists prints it too.
    fn before_register() {
        pr_info!("Virtual CAN Tunnel driver\n");
    }

    fn setup(dev: &mut SetupDevice<Self>) {
        dev.set_mtu(can::XL_MTU);
        dev.set_flags(Flag::NoArp);

        dev.can_set_cap(cap_info(can::XL_MTU));
    }
}
