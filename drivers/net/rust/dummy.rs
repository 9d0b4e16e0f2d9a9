// SPDX-License-Identifier: GPL-2.0

//! Rust dummy network device.
//!
//! A reference driver, equivalent to the C one in `drivers/net/dummy.c`: an Ethernet device that
//! counts and discards whatever it is sent, to give a routable address to a host without a real
//! interface, or to test the stack.

use kernel::{
    module_rtnl_link,
    net::{
        device::{
            self,
            Device,
            Feature,
            Flag,
            HwAddrList,
            Init,
            Lstats,
            OpsLocked,
            PrivFlag,
            Rtnl,
            SetupDevice,
            SockAddr,
            Stats64,
            Xmit, //
        },
        ethtool::{
            self,
            TsInfo, //
        },
        rtnl::{
            self,
            Attrs,
            NameAssign, //
        },
        skbuff::SkBuff, //
    },
    netdev_lockdep_set_classes,
    prelude::*, //
};

module_rtnl_link! {
    type: Dummy,
    name: "dummy",
    description: "Dummy netdevice driver which discards all packets sent to it",
    license: "GPL",
    alias: ["rtnl-link-dummy"],
    params: {
        numdummies: i32 {
            default: 1,
            description: "Number of dummy pseudo devices",
        },
    },
}

struct Dummy;

#[vtable]
impl device::Operations for Dummy {
    type PcpuStats = Lstats;
    type TxQueue = ();

    // Fake multicast ability.
    fn set_rx_mode_async(
        _dev: &Device<Self, OpsLocked>,
        _uc: &HwAddrList,
        _mc: &HwAddrList,
    ) -> Result {
        Ok(())
    }

    fn get_stats64(dev: &Device<Self>, stats: &mut Stats64) {
        let (packets, bytes) = dev.lstats_read();
        stats.set_tx_packets(packets);
        stats.set_tx_bytes(bytes);
    }

    fn start_xmit(mut skb: SkBuff, dev: &Device<Self, Xmit>) {
        dev.lstats_add(skb.len());

        skb.tx_timestamp();
        skb.consume();
    }

    fn init(dev: &Device<Self, Init>) -> Result {
        netdev_lockdep_set_classes!(dev);
        Ok(())
    }

    fn change_carrier(dev: &Device<Self, OpsLocked>, new_carrier: bool) -> Result {
        if new_carrier {
            dev.carrier_on();
        } else {
            dev.carrier_off();
        }
        Ok(())
    }

    fn validate_addr(dev: &Device<Self, Rtnl>) -> Result {
        dev.eth_validate_addr()
    }

    fn set_mac_address(dev: &Device<Self, OpsLocked>, addr: &SockAddr) -> Result {
        dev.eth_mac_addr(addr)
    }
}

#[vtable]
impl ethtool::Operations for Dummy {
    fn get_ts_info(dev: &Device<Self>, info: &mut TsInfo) -> Result {
        info.set_software(dev)
    }
}

#[vtable]
impl rtnl::Link for Dummy {
    const KIND: &'static CStr = c"dummy";

    fn setup(dev: &mut SetupDevice<Self>) {
        dev.ether_setup();

        // Initialize the device structure.
        dev.set_request_ops_lock(true);

        // Fill in device structure with ethernet-generic values.
        dev.add_flags(Flag::NoArp);
        dev.remove_flags(Flag::Multicast);
        dev.add_priv_flags(PrivFlag::LiveAddrChange | PrivFlag::NoQueue);
        dev.set_lltx(true);
        dev.add_features(Feature::Sg | Feature::FragList);
        dev.add_features(Feature::GsoSoftware);
        dev.add_features(Feature::HwCsum | Feature::HighDma);
        dev.add_features(Feature::GsoEncapAll);
        let features = dev.features();
        dev.add_hw_features(features);
        dev.add_hw_enc_features(features);
        dev.eth_hw_addr_random();

        dev.set_min_mtu(0);
        dev.set_max_mtu(0);
    }

    fn validate(tb: &Attrs<'_>) -> Result {
        tb.validate_ether_address()
    }

    fn module_init(link: &rtnl::Registration<Self>) -> Result {
        for _ in 0..module_parameters::numdummies.value() {
            link.create_device(c"dummy%d", NameAssign::Enum)?;
        }
        Ok(())
    }
}
