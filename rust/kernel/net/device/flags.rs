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
        /// The device is a point-to-point link (`IFF_POINTOPOINT`).
        PointToPoint = bindings::net_device_flags_IFF_POINTOPOINT,
        /// No ARP protocol (`IFF_NOARP`).
        NoArp = bindings::net_device_flags_IFF_NOARP,
        /// The device supports multicast (`IFF_MULTICAST`).
        Multicast = bindings::net_device_flags_IFF_MULTICAST,
    }
);

impl_flags!(
    /// Private flags, the `IFF_*` values of `dev->priv_flags` only the kernel sees.
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
        /// Transmitted buffers may be shared (`IFF_TX_SKB_SHARING`).
        TxSkbSharing = bindings::netdev_priv_flags_IFF_TX_SKB_SHARING,
        /// The hardware address may change while the device is up (`IFF_LIVE_ADDR_CHANGE`).
        LiveAddrChange = bindings::netdev_priv_flags_IFF_LIVE_ADDR_CHANGE,
        /// The device runs without a queueing discipline (`IFF_NO_QUEUE`).
        NoQueue = bindings::netdev_priv_flags_IFF_NO_QUEUE,
    }
);

impl_flags!(
    /// Device features, the `NETIF_F_*` values of `dev->features`.
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
        Sg = bindings::NETIF_F_SG,
        /// Fragment lists (`NETIF_F_FRAGLIST`).
        FragList = bindings::NETIF_F_FRAGLIST,
        /// DMA to high memory (`NETIF_F_HIGHDMA`).
        HighDma = bindings::NETIF_F_HIGHDMA,
        /// Checksums of any protocol (`NETIF_F_HW_CSUM`).
        HwCsum = bindings::NETIF_F_HW_CSUM,
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
/// Ethernet devices get theirs from [`SetupDevice::ether_setup`], monitors from their tap kind
/// ([`Kind::dev_type`]); a device with no link-layer header states it in its `setup`.
///
/// [`SetupDevice::ether_setup`]: crate::net::device::SetupDevice::ether_setup
/// [`Kind::dev_type`]: crate::net::tap::Kind::dev_type
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
    /// Netlink monitor (`ARPHRD_NETLINK`).
    pub const NETLINK: Self = Self::from_uapi(bindings::ARPHRD_NETLINK);
    /// Vsock monitor (`ARPHRD_VSOCKMON`), the type of
    /// [`Kind::VSOCK`](crate::net::tap::Kind::VSOCK).
    #[cfg(CONFIG_VSOCKETS)]
    pub(crate) const VSOCKMON: Self = Self::from_uapi(bindings::ARPHRD_VSOCKMON);
    /// Controller Area Network (`ARPHRD_CAN`).
    pub const CAN: Self = Self::from_uapi(bindings::ARPHRD_CAN);

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

    #[test]
    fn flags_compose_like_c() {
        let flags = Flags::from(Flag::NoArp) | Flag::Multicast;
        assert_eq!(u32::from(flags), (1 << 7) | (1 << 12));
        assert!(flags.contains(Flag::NoArp));
        assert!(!flags.contains(Flag::Broadcast));
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
        assert_eq!(ArpHrd::NETLINK.as_raw(), 824);
        #[cfg(CONFIG_VSOCKETS)]
        assert_eq!(ArpHrd::VSOCKMON.as_raw(), 826);
        assert_eq!(ArpHrd::NONE.as_raw(), 0xfffe);
    }
}
