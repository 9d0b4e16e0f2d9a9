// SPDX-License-Identifier: GPL-2.0

//! The setup phase of a network device.

use super::{
    ops,
    ArpHrd,
    Features,
    Flags,
    Operations,
    PrivFlag,
    PrivFlags, //
};
use crate::{
    bindings,
    types::Opaque, //
};
use core::marker::PhantomData;

/// A network device being set up, before it is registered.
///
/// This is what the link type's `setup` callback receives: the device was just allocated and
/// nothing else can reach it, so its configuration may be changed.
///
/// # Invariants
///
/// `self.0` is a valid `struct net_device`, allocated for `T` and not yet registered; the caller
/// of the setup callback has exclusive access to it.
///
/// # Examples
///
/// The setup of an Ethernet device without a queue that can transmit on every CPU at once, as
/// dummy's; the link type (see `rtnl::Link::setup`) runs it for every device it creates:
///
/// ```
/// use kernel::net::{
///     device::{self, Device, Feature, Flag, PrivFlag, SetupDevice, Xmit},
///     skbuff::SkBuff,
/// };
/// use kernel::prelude::*;
///
/// struct Ether;
///
/// #[vtable]
/// impl device::Operations for Ether {
///     type PcpuStats = device::NoPcpuStats;
///     type TxQueue = ();
///
///     fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
///         skb.consume();
///     }
/// }
/// # #[vtable]
/// # impl kernel::net::ethtool::Operations for Ether {}
/// # #[vtable]
/// # impl kernel::net::rtnl::Link for Ether {
/// #     const KIND: &'static CStr = c"rust_doc_ether";
/// #     fn setup(dev: &mut SetupDevice<Self>) {
/// #         setup(dev);
/// #     }
/// # }
///
/// fn setup(dev: &mut SetupDevice<Ether>) {
///     dev.ether_setup();
///     dev.add_flags(Flag::NoArp);
///     dev.remove_flags(Flag::Multicast);
///     dev.add_priv_flags(PrivFlag::LiveAddrChange | PrivFlag::NoQueue);
///     dev.set_lltx(true);
///     let offloads = Feature::Sg | Feature::FragList | Feature::GsoSoftware | Feature::HwCsum;
///     dev.add_features(offloads);
///     dev.add_hw_features(offloads);
///     let features = dev.features();
///     dev.add_hw_enc_features(features);
///     dev.set_min_mtu(0);
///     dev.set_max_mtu(0);
///     dev.eth_hw_addr_random();
/// }
/// ```
///
/// A device that is not Ethernet sets its type, flags and MTU itself:
///
/// ```
/// use kernel::net::device::{ArpHrd, Features, Flag, Operations, SetupDevice};
///
/// fn setup<T: Operations>(dev: &mut SetupDevice<T>) {
///     dev.set_type(ArpHrd::NONE);
///     dev.set_flags(Flag::PointToPoint | Flag::NoArp);
///     dev.set_features(Features::empty());
///     dev.set_mtu(1500);
///     dev.set_request_ops_lock(true);
/// }
/// ```
///
/// A device that takes packets redirected to it and hands them back to the stack, as ifb's:
/// a short queue, the packets' routes kept and not shared with pktgen's clones, offloads for
/// VLANs on top, and segmentation offload up to the largest packet:
///
/// ```
/// use kernel::net::device::{self, Feature, Flag, Operations, PrivFlag, SetupDevice};
///
/// fn setup<T: Operations>(dev: &mut SetupDevice<T>) {
///     dev.ether_setup();
///     dev.set_tx_queue_len(32);
///     dev.add_features(Feature::Sg | Feature::HwCsum);
///     dev.add_vlan_features(Feature::Sg | Feature::HwCsum);
///     dev.add_flags(Flag::NoArp);
///     dev.remove_priv_flags(PrivFlag::TxSkbSharing);
///     dev.keep_dst();
///     dev.set_tso_max_size(device::GSO_MAX_SIZE);
/// }
/// ```
#[repr(transparent)]
pub struct SetupDevice<T: Operations>(Opaque<bindings::net_device>, PhantomData<T>);

impl<T: Operations> SetupDevice<T> {
    /// Creates a mutable reference to a device being set up.
    ///
    /// # Safety
    ///
    /// `ptr` must point to a `struct net_device` allocated for `T`, not yet registered, and not
    /// accessed by anyone else during `'a`.
    pub(crate) unsafe fn from_raw<'a>(ptr: *mut bindings::net_device) -> &'a mut Self {
        // CAST: `Self` is a `repr(transparent)` wrapper of `bindings::net_device`.
        // SAFETY: By the safety requirements the access is exclusive for `'a`.
        unsafe { &mut *ptr.cast() }
    }
    // @series{can

    /// Returns the raw `struct net_device`, for the C functions that set a device up (only CAN's
    /// so far).
    #[cfg(CONFIG_CAN)]
    pub(crate) fn as_raw(&mut self) -> *mut bindings::net_device {
        self.0.get()
    }
    // @series}

    pub(crate) fn raw(&mut self) -> &mut bindings::net_device {
        // SAFETY: By the type invariants the device is valid and exclusively ours.
        unsafe { &mut *self.0.get() }
    }

    /// Sets the hardware type (`dev->type`), one of the [`ArpHrd`] constants.
    pub fn set_type(&mut self, ty: ArpHrd) {
        self.raw().type_ = ty.as_raw();
    }

    /// Makes the device an Ethernet device (`ether_setup`): type, header and address lengths,
    /// broadcast address, MTU 1500 within 68..=1500, `IFF_BROADCAST | IFF_MULTICAST` and
    /// [`PrivFlag::TxSkbSharing`](super::PrivFlag::TxSkbSharing).
    pub fn ether_setup(&mut self) {
        // SAFETY: By the type invariants the device is valid and exclusively ours.
        unsafe { bindings::ether_setup(self.0.get()) };
    }

    /// Gives the device a random Ethernet address (`eth_hw_addr_random`), which user space sees
    /// as `addr_assign_type` 1 (random).
    pub fn eth_hw_addr_random(&mut self) {
        // SAFETY: By the type invariants the device is valid and exclusively ours; an Ethernet
        // device has room for `ETH_ALEN` bytes of address (`alloc_netdev_mqs` calls
        // `dev_addr_init`, which allocates `MAX_ADDR_LEN` bytes, before the setup).
        unsafe { bindings::eth_hw_addr_random(self.0.get()) };
    }

    /// Sets the interface flags (`dev->flags`).
    pub fn set_flags(&mut self, flags: impl Into<Flags>) {
        self.raw().flags = flags.into().into();
    }

    /// Adds to the interface flags (`dev->flags |= flags`).
    pub fn add_flags(&mut self, flags: impl Into<Flags>) {
        self.raw().flags |= u32::from(flags.into());
    }

    /// Removes from the interface flags (`dev->flags &= ~flags`).
    pub fn remove_flags(&mut self, flags: impl Into<Flags>) {
        self.raw().flags &= !u32::from(flags.into());
    }

    /// Adds to the private flags (`dev->priv_flags`).
    pub fn add_priv_flags(&mut self, flags: impl Into<PrivFlags>) {
        // SAFETY: The device is valid and exclusively ours (type invariants); every value of
        // the flags is valid.
        unsafe { bindings::netdev_change_priv_flags(self.0.get(), 0, u32::from(flags.into())) };
    }

    /// Removes from the private flags (`dev->priv_flags &= ~flags`).
    pub fn remove_priv_flags(&mut self, flags: impl Into<PrivFlags>) {
        // SAFETY: As in `add_priv_flags`.
        unsafe { bindings::netdev_change_priv_flags(self.0.get(), u32::from(flags.into()), 0) };
    }

    /// Keeps the route of the packets given to the device (`netif_keep_dst`): the core does not
    /// release it before `start_xmit`, for a device that hands the packets on to the stack.
    pub fn keep_dst(&mut self) {
        self.remove_priv_flags(PrivFlag::XmitDstRelease | PrivFlag::XmitDstReleasePerm);
    }

    /// Sets the length of the transmit queue, in packets (`dev->tx_queue_len`, `qlen` in
    /// `ip link`); [`SetupDevice::ether_setup`] sets 1000.
    pub fn set_tx_queue_len(&mut self, len: u32) {
        self.raw().tx_queue_len = len;
    }

    /// Sets the largest TSO packet the device takes (`netif_set_tso_max_size`), at most
    /// [`GSO_MAX_SIZE`](super::GSO_MAX_SIZE), and lowers the GSO limits to it.
    pub fn set_tso_max_size(&mut self, size: u32) {
        // SAFETY: By the type invariants the device is valid and exclusively ours;
        // `netif_set_tso_max_size` writes its size limits (net/core/dev.c).
        unsafe { bindings::netif_set_tso_max_size(self.0.get(), size) };
    }

    /// Sets the active features (`dev->features`).
    pub fn set_features(&mut self, features: impl Into<Features>) {
        self.raw().features = features.into().into();
    }

    /// Adds to the active features (`dev->features |= features`).
    pub fn add_features(&mut self, features: impl Into<Features>) {
        self.raw().features |= u64::from(features.into());
    }

    /// Returns the active features (`dev->features`).
    pub fn features(&mut self) -> Features {
        Features::from_raw(self.raw().features)
    }

    /// Adds to the features user space may toggle (`dev->hw_features |= features`).
    pub fn add_hw_features(&mut self, features: impl Into<Features>) {
        self.raw().hw_features |= u64::from(features.into());
    }

    /// Adds to the features of encapsulated packets (`dev->hw_enc_features |= features`).
    pub fn add_hw_enc_features(&mut self, features: impl Into<Features>) {
        self.raw().hw_enc_features |= u64::from(features.into());
    }

    /// Adds to the features the VLAN devices on top of this one take (`dev->vlan_features |=
    /// features`).
    pub fn add_vlan_features(&mut self, features: impl Into<Features>) {
        self.raw().vlan_features |= u64::from(features.into());
    }

    /// Asks the core to run every device and ethtool operation under the device's instance lock
    /// (`dev->request_ops_lock`), in addition to RTNL where that is held.
    pub fn set_request_ops_lock(&mut self, request: bool) {
        self.raw().request_ops_lock = request;
    }

    /// Sets the maximum transfer unit.
    pub fn set_mtu(&mut self, mtu: u32) {
        self.raw().mtu = mtu;
    }

    /// Sets the smallest MTU the device accepts.
    pub fn set_min_mtu(&mut self, mtu: u32) {
        self.raw().min_mtu = mtu;
    }

    /// Sets the largest MTU the device accepts.
    pub fn set_max_mtu(&mut self, mtu: u32) {
        self.raw().max_mtu = mtu;
    }

    // @series{tap
    /// Prepares a freshly allocated device for `T`: its operations, statistics and, for a
    /// monitor device, the type its tap needs. Called by the link type before the driver's own
    /// setup.
    // @series}
    // @series{!tap
    /// Prepares a freshly allocated device for `T`: its operations and statistics. Called by
    /// the link type before the driver's own setup.
    // @series}
    pub(crate) fn init_for_driver(&mut self) {
        let raw = self.raw();
        raw.netdev_ops = ops::vtable::<T>();
        raw.set_pcpu_stat_type(<T::PcpuStats as super::PcpuStats>::TYPE);
        // The core frees the device after unregistration: a Rust driver never owns a registered
        // device.
        raw.needs_free_netdev = true;
        // @series{queue
        if !<T::TxQueue as super::QueueState>::NONE {
            raw.priv_destructor = Some(Self::priv_destructor_callback);
        }
        // @series}
        // @series{tap
        if let Some(kind) = T::TAP {
            raw.type_ = kind.dev_type().as_raw();
        }
        // @series}
    }
    // @series{queue

    /// Frees what the abstraction keeps for the device (`priv_destructor`).
    ///
    /// # Safety
    ///
    /// Called by the core on a device of `T` that nobody reaches any more, in process context
    /// (`netdev_run_todo`, or the failure path of `register_netdevice` after `ndo_uninit`).
    unsafe extern "C" fn priv_destructor_callback(dev: *mut bindings::net_device) {
        // SAFETY: By the safety requirements.
        unsafe { super::queue::free::<T>(dev) };
    }
    // @series}
}
