// SPDX-License-Identifier: GPL-2.0

//! Typed flags and constants of network devices.
//!
//! C headers: [`include/uapi/linux/if.h`](srctree/include/uapi/linux/if.h),
//! [`include/linux/netdevice.h`](srctree/include/linux/netdevice.h),
//! [`include/linux/netdev_features.h`](srctree/include/linux/netdev_features.h),
//! [`include/uapi/linux/if_arp.h`](srctree/include/uapi/linux/if_arp.h)

use crate::{
    bindings,
    impl_flags,
    prelude::*, //
};

impl_flags!(
    /// Interface flags, the `IFF_*` values of `dev->flags` that user space sees.
    ///
    /// Those a driver states; not the state the core keeps in them (up, running, promiscuous...)
    /// nor those of loopback, bonding and eql devices, which the core handles specially.
    ///
    /// # Examples
    ///
    /// ```
    /// use kernel::net::device::{Flag, Flags};
    ///
    /// let flags = Flag::PointToPoint | Flag::NoArp;
    /// assert!(flags.contains(Flag::NoArp));
    /// assert!(!flags.contains(Flag::Broadcast));
    /// // The values user space sees in `ip link` (`IFF_POINTOPOINT | IFF_NOARP`).
    /// assert_eq!(u32::from(flags), 0x10 | 0x80);
    /// assert_eq!(Flags::default(), Flags::empty());
    /// ```
    #[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
    pub struct Flags(u32);

    /// One interface flag.
    ///
    /// # Examples
    ///
    /// ```
    /// use kernel::net::device::{Flag, Flags};
    ///
    /// let flags = Flags::from(Flag::Multicast) | Flag::Broadcast;
    /// assert!(flags.contains_all(Flag::Broadcast | Flag::Multicast));
    /// ```
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub enum Flag {
        /// The broadcast address is valid (`IFF_BROADCAST`).
        Broadcast = bindings::net_device_flags_IFF_BROADCAST,
        /// Debugging is on (`IFF_DEBUG`).
        Debug = bindings::net_device_flags_IFF_DEBUG,
        /// The device is a point-to-point link (`IFF_POINTOPOINT`).
        PointToPoint = bindings::net_device_flags_IFF_POINTOPOINT,
        /// Trailers are avoided (`IFF_NOTRAILERS`, unused by the core).
        NoTrailers = bindings::net_device_flags_IFF_NOTRAILERS,
        /// No ARP protocol (`IFF_NOARP`).
        NoArp = bindings::net_device_flags_IFF_NOARP,
        /// The device supports multicast (`IFF_MULTICAST`).
        Multicast = bindings::net_device_flags_IFF_MULTICAST,
        /// The media type can be selected (`IFF_PORTSEL`).
        PortSel = bindings::net_device_flags_IFF_PORTSEL,
        /// The media type is selected automatically (`IFF_AUTOMEDIA`).
        AutoMedia = bindings::net_device_flags_IFF_AUTOMEDIA,
        /// The addresses are lost when the device goes down (`IFF_DYNAMIC`).
        Dynamic = bindings::net_device_flags_IFF_DYNAMIC,
        /// The device echoes what it sends, as CAN devices that loop frames back (`IFF_ECHO`).
        Echo = bindings::net_device_flags_IFF_ECHO,
    }
);

impl_flags!(
    /// Private flags, the `IFF_*` values of `dev->priv_flags` only the kernel sees.
    ///
    /// Those a driver may state; not those that tell the core the device is of a kind whose
    /// private data or receive handler it then reads as that kind's (bridge, bonding...), nor
    /// `IFF_TX_SKB_NO_LINEAR`, which lets the core hand the transmit path buffers whose data is
    /// not in their head.
    ///
    /// # Examples
    ///
    /// ```
    /// use kernel::net::device::{PrivFlag, PrivFlags};
    ///
    /// let flags = PrivFlag::LiveAddrChange | PrivFlag::NoQueue;
    /// assert!(flags.contains(PrivFlag::NoQueue));
    /// assert!(!flags.contains(PrivFlag::TxSkbSharing));
    /// assert!(!PrivFlags::empty().contains_any(flags));
    /// ```
    #[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
    pub struct PrivFlags(u32);

    /// One private flag.
    ///
    /// # Examples
    ///
    /// ```
    /// use kernel::net::device::{PrivFlag, PrivFlags};
    ///
    /// assert!(PrivFlags::from(PrivFlag::TxSkbSharing).contains(PrivFlag::TxSkbSharing));
    /// ```
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub enum PrivFlag {
        /// The route of a buffer is released before it is transmitted
        /// (`IFF_XMIT_DST_RELEASE`).
        XmitDstRelease = bindings::netdev_priv_flags_IFF_XMIT_DST_RELEASE,
        /// The device must not be a bridge port (`IFF_DONT_BRIDGE`).
        DontBridge = bindings::netdev_priv_flags_IFF_DONT_BRIDGE,
        /// Netpoll is not supported (`IFF_DISABLE_NETPOLL`).
        DisableNetpoll = bindings::netdev_priv_flags_IFF_DISABLE_NETPOLL,
        /// Transmitted buffers may be shared (`IFF_TX_SKB_SHARING`).
        TxSkbSharing = bindings::netdev_priv_flags_IFF_TX_SKB_SHARING,
        /// The device filters unicast addresses itself (`IFF_UNICAST_FLT`).
        UnicastFlt = bindings::netdev_priv_flags_IFF_UNICAST_FLT,
        /// The device can send frames without a frame check sequence (`IFF_SUPP_NOFCS`).
        SuppNoFcs = bindings::netdev_priv_flags_IFF_SUPP_NOFCS,
        /// The hardware address may change while the device is up (`IFF_LIVE_ADDR_CHANGE`).
        LiveAddrChange = bindings::netdev_priv_flags_IFF_LIVE_ADDR_CHANGE,
        /// [`PrivFlag::XmitDstRelease`] whatever the device is stacked on
        /// (`IFF_XMIT_DST_RELEASE_PERM`).
        XmitDstReleasePerm = bindings::netdev_priv_flags_IFF_XMIT_DST_RELEASE_PERM,
        /// The device runs without a queueing discipline (`IFF_NO_QUEUE`).
        NoQueue = bindings::netdev_priv_flags_IFF_NO_QUEUE,
        /// The device ignores the headroom it is asked for (`IFF_PHONY_HEADROOM`).
        PhonyHeadroom = bindings::netdev_priv_flags_IFF_PHONY_HEADROOM,
        /// No receive handler may be attached (`IFF_NO_RX_HANDLER`).
        NoRxHandler = bindings::netdev_priv_flags_IFF_NO_RX_HANDLER,
        /// IPv6 gives the device no address of its own (`IFF_NO_ADDRCONF`).
        NoAddrconf = bindings::netdev_priv_flags_IFF_NO_ADDRCONF,
    }
);

impl_flags!(
    /// Device features, the `NETIF_F_*` values of `dev->features`: what the device's transmit
    /// path accepts and what it does for the stack, but those that need operations the
    /// abstractions do not have yet.
    ///
    /// # Examples
    ///
    /// The offloads of a device that hands buffers on untouched, whatever their layout:
    ///
    /// ```
    /// use kernel::net::device::{Feature, Features};
    ///
    /// let offloads = Feature::Sg | Feature::FragList | Feature::HighDma | Feature::HwCsum;
    /// assert!(offloads.contains(Feature::HwCsum));
    /// assert!(!offloads.contains(Feature::GsoSoftware));
    /// assert_eq!(Features::default(), Features::empty());
    /// ```
    #[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
    pub struct Features(u64);

    /// One feature, or one of the C feature masks.
    ///
    /// # Examples
    ///
    /// A mask taken from C holds several bits, each of which is a feature of its own:
    ///
    /// ```
    /// use kernel::net::device::{Feature, Features};
    ///
    /// let gso = Features::from(Feature::GsoSoftware);
    /// assert!(u64::from(gso).count_ones() > 1);
    /// assert!((gso | Feature::Sg).contains_all(gso));
    /// ```
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub enum Feature {
        /// Scatter/gather I/O (`NETIF_F_SG`).
        Sg = 1 << bindings::NETIF_F_SG_BIT,
        /// Checksums of TCP and UDP over IPv4 (`NETIF_F_IP_CSUM`).
        IpCsum = 1 << bindings::NETIF_F_IP_CSUM_BIT,
        /// Checksums of any protocol (`NETIF_F_HW_CSUM`).
        HwCsum = 1 << bindings::NETIF_F_HW_CSUM_BIT,
        /// Checksums of TCP and UDP over IPv6 (`NETIF_F_IPV6_CSUM`).
        Ipv6Csum = 1 << bindings::NETIF_F_IPV6_CSUM_BIT,
        /// DMA to high memory (`NETIF_F_HIGHDMA`).
        HighDma = 1 << bindings::NETIF_F_HIGHDMA_BIT,
        /// Fragment lists (`NETIF_F_FRAGLIST`).
        FragList = 1 << bindings::NETIF_F_FRAGLIST_BIT,
        /// Inserts the 802.1Q tag of the buffer's metadata on transmit (`NETIF_F_HW_VLAN_CTAG_TX`).
        HwVlanCtagTx = 1 << bindings::NETIF_F_HW_VLAN_CTAG_TX_BIT,
        /// Keeps a received 802.1Q tag in the metadata (`NETIF_F_HW_VLAN_CTAG_RX`).
        HwVlanCtagRx = 1 << bindings::NETIF_F_HW_VLAN_CTAG_RX_BIT,
        /// Cannot carry VLAN packets (`NETIF_F_VLAN_CHALLENGED`).
        VlanChallenged = 1 << bindings::NETIF_F_VLAN_CHALLENGED_BIT,
        /// Software segmentation (`NETIF_F_GSO`).
        Gso = 1 << bindings::NETIF_F_GSO_BIT,
        /// Generic receive offload (`NETIF_F_GRO`).
        Gro = 1 << bindings::NETIF_F_GRO_BIT,
        /// TCPv4 segmentation (`NETIF_F_TSO`).
        Tso = 1 << bindings::NETIF_F_TSO_BIT,
        /// TCP segmentation with ECN (`NETIF_F_TSO_ECN`).
        TsoEcn = 1 << bindings::NETIF_F_TSO_ECN_BIT,
        /// TCPv4 segmentation that may change the IP ID (`NETIF_F_TSO_MANGLEID`).
        TsoMangleId = 1 << bindings::NETIF_F_TSO_MANGLEID_BIT,
        /// TCPv6 segmentation (`NETIF_F_TSO6`).
        Tso6 = 1 << bindings::NETIF_F_TSO6_BIT,
        /// GRE segmentation (`NETIF_F_GSO_GRE`).
        GsoGre = 1 << bindings::NETIF_F_GSO_GRE_BIT,
        /// GRE segmentation with checksums (`NETIF_F_GSO_GRE_CSUM`).
        GsoGreCsum = 1 << bindings::NETIF_F_GSO_GRE_CSUM_BIT,
        /// IP-in-IPv4 segmentation (`NETIF_F_GSO_IPXIP4`).
        GsoIpxip4 = 1 << bindings::NETIF_F_GSO_IPXIP4_BIT,
        /// IP-in-IPv6 segmentation (`NETIF_F_GSO_IPXIP6`).
        GsoIpxip6 = 1 << bindings::NETIF_F_GSO_IPXIP6_BIT,
        /// UDP tunnel segmentation (`NETIF_F_GSO_UDP_TUNNEL`).
        GsoUdpTunnel = 1 << bindings::NETIF_F_GSO_UDP_TUNNEL_BIT,
        /// UDP tunnel segmentation with checksums (`NETIF_F_GSO_UDP_TUNNEL_CSUM`).
        GsoUdpTunnelCsum = 1 << bindings::NETIF_F_GSO_UDP_TUNNEL_CSUM_BIT,
        /// SCTP fragmentation (`NETIF_F_GSO_SCTP`).
        GsoSctp = 1 << bindings::NETIF_F_GSO_SCTP_BIT,
        /// UDP payload segmentation (`NETIF_F_GSO_UDP_L4`).
        GsoUdpL4 = 1 << bindings::NETIF_F_GSO_UDP_L4_BIT,
        /// Fragment list segmentation (`NETIF_F_GSO_FRAGLIST`).
        GsoFraglist = 1 << bindings::NETIF_F_GSO_FRAGLIST_BIT,
        /// TCP segmentation with AccECN (`NETIF_F_GSO_ACCECN`).
        GsoAccecn = 1 << bindings::NETIF_F_GSO_ACCECN_BIT,
        /// SCTP checksums (`NETIF_F_SCTP_CRC`).
        SctpCrc = 1 << bindings::NETIF_F_SCTP_CRC_BIT,
        /// Checksums checked on receive (`NETIF_F_RXCSUM`).
        RxCsum = 1 << bindings::NETIF_F_RXCSUM_BIT,
        /// Copies from user space bypass the cache (`NETIF_F_NOCACHE_COPY`).
        NoCacheCopy = 1 << bindings::NETIF_F_NOCACHE_COPY_BIT,
        /// Inserts the 802.1ad tag of the metadata on transmit (`NETIF_F_HW_VLAN_STAG_TX`).
        HwVlanStagTx = 1 << bindings::NETIF_F_HW_VLAN_STAG_TX_BIT,
        /// Keeps a received 802.1ad tag in the metadata (`NETIF_F_HW_VLAN_STAG_RX`).
        HwVlanStagRx = 1 << bindings::NETIF_F_HW_VLAN_STAG_RX_BIT,
        /// Fragment list GRO (`NETIF_F_GRO_FRAGLIST`).
        GroFraglist = 1 << bindings::NETIF_F_GRO_FRAGLIST_BIT,
        /// UDP GRO for forwarding (`NETIF_F_GRO_UDP_FWD`).
        GroUdpFwd = 1 << bindings::NETIF_F_GRO_UDP_FWD_BIT,
        /// Every segmentation offload done in software (`NETIF_F_GSO_SOFTWARE`).
        GsoSoftware = bindings::NETIF_F_GSO_SOFTWARE,
        /// Every encapsulation segmentation offload (`NETIF_F_GSO_ENCAP_ALL`).
        GsoEncapAll = bindings::NETIF_F_GSO_ENCAP_ALL,
    }
);

impl Features {
    /// Creates a feature set from the C value, which may have bits this type has no name for.
    pub(crate) const fn from_raw(raw: u64) -> Self {
        Self(raw)
    }
}

/// A hardware type, the `ARPHRD_*` value of `dev->type`.
///
// @series{can
/// Ethernet devices get theirs from [`SetupDevice::ether_setup`], monitors from their tap kind
/// ([`Operations::TAP`]), CAN devices from their link type; a device with no link-layer header
/// states it in its `setup`.
///
/// [`SetupDevice::ether_setup`]: crate::net::device::SetupDevice::ether_setup
/// [`Operations::TAP`]: crate::net::device::Operations::TAP
// @series}
// @series{!can
// @series{tap
/// Ethernet devices get theirs from [`SetupDevice::ether_setup`], monitors from their tap kind
/// ([`Operations::TAP`]); a device with no link-layer header states it in its `setup`.
///
/// [`SetupDevice::ether_setup`]: crate::net::device::SetupDevice::ether_setup
/// [`Operations::TAP`]: crate::net::device::Operations::TAP
// @series}
// @series{!tap
/// Ethernet devices get theirs from [`SetupDevice::ether_setup`]; a device with no link-layer
/// header states it in its `setup`.
///
/// [`SetupDevice::ether_setup`]: crate::net::device::SetupDevice::ether_setup
// @series}
// @series}
///
/// # Examples
///
/// ```
/// use kernel::net::device::{ArpHrd, Operations, SetupDevice};
///
/// fn setup_raw_ip<T: Operations>(dev: &mut SetupDevice<T>) {
///     // `ip -d link` shows `link/none`.
///     dev.set_type(ArpHrd::NONE);
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ArpHrd(u16);

impl ArpHrd {
    /// No link-layer header (`ARPHRD_NONE`).
    pub const NONE: Self = Self::from_uapi(bindings::ARPHRD_NONE);
    // @series{tap
    /// Netlink monitor (`ARPHRD_NETLINK`), the type of
    /// [`Kind::NETLINK`](crate::net::tap::Kind::NETLINK).
    pub(crate) const NETLINK: Self = Self::from_uapi(bindings::ARPHRD_NETLINK);
    /// Vsock monitor (`ARPHRD_VSOCKMON`), the type of
    /// [`Kind::VSOCK`](crate::net::tap::Kind::VSOCK).
    #[cfg(CONFIG_VSOCKETS)]
    pub(crate) const VSOCKMON: Self = Self::from_uapi(bindings::ARPHRD_VSOCKMON);
    // @series}
    // @series{can
    /// Controller Area Network (`ARPHRD_CAN`), the type of a device with
    /// [`MlPriv::Can`](crate::net::rtnl::MlPriv::Can).
    #[cfg(CONFIG_CAN)]
    pub(crate) const CAN: Self = Self::from_uapi(bindings::ARPHRD_CAN);
    // @series}

    const fn from_uapi(value: u32) -> Self {
        // `ARPHRD_NONE` is the largest value of the list.
        crate::build_assert::static_assert!(bindings::ARPHRD_NONE <= u16::MAX as u32);
        Self(value as u16)
    }

    /// Returns the C value.
    pub(crate) const fn as_raw(self) -> u16 {
        self.0
    }
}

#[kunit_tests(rust_net_device_flags)]
mod tests {
    use super::*;

    // The state the core keeps in the flags: up, running, promiscuous, all-multicast, lower
    // layer up, dormant.
    const FLAGS_CORE_STATE: u32 = bindings::net_device_flags_IFF_UP
        | bindings::net_device_flags_IFF_RUNNING
        | bindings::net_device_flags_IFF_PROMISC
        | bindings::net_device_flags_IFF_ALLMULTI
        | bindings::net_device_flags_IFF_LOWER_UP
        | bindings::net_device_flags_IFF_DORMANT;

    // The flags of loopback, bonding and eql devices.
    const FLAGS_KIND: u32 = bindings::net_device_flags_IFF_LOOPBACK
        | bindings::net_device_flags_IFF_MASTER
        | bindings::net_device_flags_IFF_SLAVE;

    // The flags of VLAN, bridge, bonding, ISATAP, HDLC, macvlan, Open vSwitch, team, VRF
    // (l3mdev), MACsec and failover devices and ports.
    const PRIV_FLAGS_KIND: u32 = bindings::netdev_priv_flags_IFF_802_1Q_VLAN
        | bindings::netdev_priv_flags_IFF_EBRIDGE
        | bindings::netdev_priv_flags_IFF_BONDING
        | bindings::netdev_priv_flags_IFF_ISATAP
        | bindings::netdev_priv_flags_IFF_WAN_HDLC
        | bindings::netdev_priv_flags_IFF_MACVLAN_PORT
        | bindings::netdev_priv_flags_IFF_BRIDGE_PORT
        | bindings::netdev_priv_flags_IFF_OVS_DATAPATH
        | bindings::netdev_priv_flags_IFF_TEAM_PORT
        | bindings::netdev_priv_flags_IFF_MACVLAN
        | bindings::netdev_priv_flags_IFF_L3MDEV_MASTER
        | bindings::netdev_priv_flags_IFF_OPENVSWITCH
        | bindings::netdev_priv_flags_IFF_L3MDEV_SLAVE
        | bindings::netdev_priv_flags_IFF_TEAM
        | bindings::netdev_priv_flags_IFF_MACSEC
        | bindings::netdev_priv_flags_IFF_FAILOVER
        | bindings::netdev_priv_flags_IFF_FAILOVER_SLAVE
        | bindings::netdev_priv_flags_IFF_L3MDEV_RX_HANDLER;

    // Features a driver does not state yet: they make the core call operations the
    // abstractions do not have (VLAN filters, TC, XFRM, TLS, MACsec, HSR, FCoE, UDP tunnel
    // ports, L2 forwarding, receive flow steering and hashing), describe receive hardware, let
    // the core skip checks of untrusted buffers (`NETIF_F_GSO_ROBUST`), or no software device
    // of 7.3 states (partial GSO, which needs `gso_partial_features`, remote checksum offload,
    // UFO).
    const WITHHELD: u64 = (1 << bindings::NETIF_F_HW_VLAN_CTAG_FILTER_BIT)
        | (1 << bindings::NETIF_F_LRO_BIT)
        | (1 << bindings::NETIF_F_GSO_ROBUST_BIT)
        | (1 << bindings::NETIF_F_FSO_BIT)
        | (1 << bindings::NETIF_F_GSO_ESP_BIT)
        | (1 << bindings::NETIF_F_FCOE_CRC_BIT)
        | (1 << bindings::NETIF_F_NTUPLE_BIT)
        | (1 << bindings::NETIF_F_RXHASH_BIT)
        | (1 << bindings::NETIF_F_LOOPBACK_BIT)
        | (1 << bindings::NETIF_F_RXFCS_BIT)
        | (1 << bindings::NETIF_F_RXALL_BIT)
        | (1 << bindings::NETIF_F_HW_VLAN_STAG_FILTER_BIT)
        | (1 << bindings::NETIF_F_HW_L2FW_DOFFLOAD_BIT)
        | (1 << bindings::NETIF_F_HW_TC_BIT)
        | (1 << bindings::NETIF_F_HW_ESP_BIT)
        | (1 << bindings::NETIF_F_HW_ESP_TX_CSUM_BIT)
        | (1 << bindings::NETIF_F_RX_UDP_TUNNEL_PORT_BIT)
        | (1 << bindings::NETIF_F_HW_TLS_TX_BIT)
        | (1 << bindings::NETIF_F_HW_TLS_RX_BIT)
        | (1 << bindings::NETIF_F_GRO_HW_BIT)
        | (1 << bindings::NETIF_F_HW_MACSEC_BIT)
        | (1 << bindings::NETIF_F_HW_HSR_TAG_INS_BIT)
        | (1 << bindings::NETIF_F_HW_HSR_TAG_RM_BIT)
        | (1 << bindings::NETIF_F_HW_HSR_FWD_BIT)
        | (1 << bindings::NETIF_F_HW_HSR_DUP_BIT)
        | (1 << bindings::NETIF_F_GSO_PARTIAL_BIT)
        | (1 << bindings::NETIF_F_GSO_TUNNEL_REMCSUM_BIT)
        | (1 << bindings::NETIF_F_GSO_UDP_BIT);

    #[test]
    fn flags_compose_like_c() {
        let flags = Flags::from(Flag::NoArp) | Flag::Multicast;
        assert_eq!(u32::from(flags), (1 << 7) | (1 << 12));
        assert!(flags.contains(Flag::NoArp));
        assert!(!flags.contains(Flag::Broadcast));
    }

    #[test]
    fn flags_cover_every_bit() {
        // `IFF_UP` (bit 0) to `IFF_ECHO` (bit 18): each is named or withheld, once.
        let all = (bindings::net_device_flags_IFF_ECHO << 1) - 1;
        let named = Flags::all_bits();
        assert_eq!(named & (FLAGS_CORE_STATE | FLAGS_KIND), 0);
        assert_eq!(FLAGS_CORE_STATE & FLAGS_KIND, 0);
        assert_eq!(named | FLAGS_CORE_STATE | FLAGS_KIND, all);
    }

    #[test]
    fn priv_flags_cover_every_bit() {
        // Bits 0 to 31 but 23, which 7.3 no longer uses.
        let all: u32 = !(1 << 23);
        let no_linear = bindings::netdev_priv_flags_IFF_TX_SKB_NO_LINEAR;
        let named = PrivFlags::all_bits();
        assert_eq!(named & (PRIV_FLAGS_KIND | no_linear), 0);
        assert_eq!(named | PRIV_FLAGS_KIND | no_linear, all);
    }

    #[test]
    fn features_cover_every_bit() {
        let unused = (1 << bindings::__UNUSED_NETIF_F_1)
            | (1 << bindings::__UNUSED_NETIF_F_12)
            | (1 << bindings::__UNUSED_NETIF_F_13)
            | (1 << bindings::__UNUSED_NETIF_F_56);
        assert_eq!(bindings::NETDEV_FEATURE_COUNT, 64);
        let named = Features::all_bits();
        assert_eq!(named & (WITHHELD | unused), 0);
        assert_eq!(named | WITHHELD | unused, u64::MAX);
    }

    #[test]
    fn features_match_c_masks() {
        let f = Features::from(Feature::Sg) | Feature::FragList | Feature::HighDma;
        assert_eq!(
            u64::from(f),
            bindings::NETIF_F_SG | bindings::NETIF_F_FRAGLIST | bindings::NETIF_F_HIGHDMA
        );
        // The software GSO mask contains TSO among others: taken from C, never composed here.
        assert!(u64::from(Features::from(Feature::GsoSoftware)).count_ones() > 1);
    }

    #[test]
    fn arphrd_values() {
        // @series{tap
        assert_eq!(ArpHrd::NETLINK.as_raw(), 824);
        #[cfg(CONFIG_VSOCKETS)]
        assert_eq!(ArpHrd::VSOCKMON.as_raw(), 826);
        // @series}
        assert_eq!(ArpHrd::NONE.as_raw(), 0xfffe);
    }
}
