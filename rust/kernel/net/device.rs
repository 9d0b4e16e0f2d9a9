// SPDX-License-Identifier: GPL-2.0

//! Network devices.
//!
//! A network device is allocated and registered by the networking core (for a link type, see
//! [`rtnl`](crate::net::rtnl)), which then calls the driver through the [`Operations`] it
//! implements. The core runs those callbacks concurrently: `open` and `stop` hold RTNL, statistics
//! are read under RCU while the device transmits, and a device without a queue (`lltx`) transmits
//! on every CPU at once. A driver therefore only ever gets shared references to a [`Device`];
//! mutation is limited to the [`SetupDevice`] phase, before the device is visible to anyone.
//!
//! C header: [`include/linux/netdevice.h`](srctree/include/linux/netdevice.h)

use crate::{
    bindings,
    error::{from_result, VTABLE_DEFAULT_ERROR},
    net::skbuff::SkBuff,
    prelude::*,
    types::Opaque,
};
use core::{marker::PhantomData, ops::Deref};

mod flags;
pub use flags::{ArpHrd, Feature, Features, Flag, Flags, PrivFlag, PrivFlags};

/// The per-CPU statistics the core allocates for a device.
///
/// Corresponds to the C `enum netdev_stat_type`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PcpuStatType {
    /// The driver keeps no per-CPU statistics.
    None,
    /// Packet and byte counters, `struct pcpu_lstats`; see [`Device::lstats_add`].
    Lstats,
}

impl PcpuStatType {
    const fn as_raw(self) -> bindings::netdev_stat_type {
        match self {
            Self::None => bindings::netdev_stat_type_NETDEV_PCPU_STAT_NONE,
            Self::Lstats => bindings::netdev_stat_type_NETDEV_PCPU_STAT_LSTATS,
        }
    }
}

mod private {
    pub trait Sealed {}
}

/// The context a device reference is handed out in; it decides what a callback may do.
pub trait DeviceContext: private::Sealed {}

/// Any callback of a registered device.
pub struct Normal;

/// The transmit path, `ndo_start_xmit`: bottom halves are disabled and the CPU is fixed, so the
/// per-CPU counters of the device may be updated.
pub struct Xmit;

impl private::Sealed for Normal {}
impl private::Sealed for Xmit {}
impl DeviceContext for Normal {}
impl DeviceContext for Xmit {}

/// A network device driven by `T`, as seen from its callbacks.
///
/// # Invariants
///
/// - `self.0` is a valid `struct net_device` whose `netdev_ops` are the ones built for `T` by this
///   module, and whose private area holds an initialised `T::Private` for as long as a reference
///   to this type exists.
/// - When `Ctx` is [`Xmit`], the reference is used on the CPU that runs `ndo_start_xmit` with
///   bottom halves disabled.
#[repr(transparent)]
pub struct Device<T: Operations, Ctx: DeviceContext = Normal>(
    Opaque<bindings::net_device>,
    PhantomData<(T, Ctx)>,
);

// SAFETY: A `Device` only gives access to what the networking core synchronises itself (per-CPU
// counters, fields that do not change after registration) and to `T::Private`, which is `Sync`.
// `Device<T, Xmit>` is deliberately not `Sync`: it stands for this CPU's transmit path.
unsafe impl<T: Operations> Sync for Device<T> {}

impl<T: Operations, Ctx: DeviceContext> Device<T, Ctx> {
    /// Creates a reference to a device from a raw pointer.
    ///
    /// # Safety
    ///
    /// `ptr` must point to a `struct net_device` that satisfies the type invariants with `T` and
    /// `Ctx` for the lifetime `'a`.
    pub(crate) unsafe fn from_raw<'a>(ptr: *mut bindings::net_device) -> &'a Self {
        // CAST: `Self` is a `repr(transparent)` wrapper of `bindings::net_device`.
        // SAFETY: By the safety requirements the pointer is valid for `'a`.
        unsafe { &*ptr.cast() }
    }

    /// Returns the raw `struct net_device`.
    pub fn as_raw(&self) -> *mut bindings::net_device {
        self.0.get()
    }

    /// Returns the private data of the driver.
    pub fn private(&self) -> Pin<&T::Private> {
        // SAFETY: By the type invariants the device is valid, so is its private area.
        let ptr = unsafe { bindings::netdev_priv(self.as_raw()) }.cast::<T::Private>();
        // SAFETY: By the type invariants the private area holds an initialised `T::Private`
        // that lives as long as `self`; it is pinned there until `priv_destructor` drops it.
        unsafe { Pin::new_unchecked(&*ptr) }
    }

    /// Reads the per-CPU packet and byte counters, summed over all CPUs.
    ///
    /// Returns `(packets, bytes)`; the device must use [`PcpuStatType::Lstats`].
    pub fn lstats_read(&self) -> (u64, u64) {
        build_assert!(
            matches!(T::PCPU_STAT_TYPE, PcpuStatType::Lstats),
            "lstats_read needs `PCPU_STAT_TYPE = PcpuStatType::Lstats`"
        );
        let mut packets = 0u64;
        let mut bytes = 0u64;
        // SAFETY: The device is valid and, by the assertion above, its per-CPU statistics are
        // `struct pcpu_lstats`, allocated by the core at registration. `dev_lstats_read` reads
        // them under their `u64_stats_sync` from any context.
        unsafe { bindings::dev_lstats_read(self.as_raw(), &mut packets, &mut bytes) };
        (packets, bytes)
    }
}

impl<T: Operations> Device<T, Xmit> {
    /// Adds one packet of `len` bytes to the per-CPU counters of this CPU.
    ///
    /// The device must use [`PcpuStatType::Lstats`]. The counters are what [`Self::lstats_read`]
    /// returns; a driver reports them as receive or transmit statistics in
    /// [`Operations::get_stats64`].
    pub fn lstats_add(&self, len: u32) {
        build_assert!(
            matches!(T::PCPU_STAT_TYPE, PcpuStatType::Lstats),
            "lstats_add needs `PCPU_STAT_TYPE = PcpuStatType::Lstats`"
        );
        // SAFETY: By the assertion above the per-CPU statistics are `struct pcpu_lstats`, and by
        // the type invariants this runs on the transmitting CPU with bottom halves disabled, as
        // `dev_lstats_add` requires.
        unsafe { bindings::dev_lstats_add(self.as_raw(), len) };
    }
}

impl<T: Operations> Deref for Device<T, Xmit> {
    type Target = Device<T>;

    fn deref(&self) -> &Device<T> {
        // SAFETY: Every invariant of `Device<T, Normal>` is one of `Device<T, Xmit>`.
        unsafe { Device::from_raw(self.as_raw()) }
    }
}

/// A network device being set up, before it is registered.
///
/// This is what the link type's `setup` callback receives: the device was just allocated and
/// nothing else can reach it, so its configuration may be changed.
///
/// # Invariants
///
/// `self.0` is a valid `struct net_device`, allocated for `T` and not yet registered; the caller
/// of the setup callback has exclusive access to it.
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

    fn raw(&mut self) -> &mut bindings::net_device {
        // SAFETY: By the type invariants the device is valid and exclusively ours.
        unsafe { &mut *self.0.get() }
    }

    /// Sets the hardware type (`dev->type`), one of the [`ArpHrd`] constants.
    pub fn set_type(&mut self, ty: ArpHrd) {
        self.raw().type_ = ty.as_raw();
    }

    /// Sets the interface flags (`dev->flags`).
    pub fn set_flags(&mut self, flags: Flags) {
        self.raw().flags = flags.into();
    }

    /// Adds to the private flags (`dev->priv_flags`).
    pub fn add_priv_flags(&mut self, flags: PrivFlags) {
        // SAFETY: `priv_flags_fast` is one of the two views of a `struct_group` union; both
        // are the same integers, every bit pattern of which is valid.
        let fast = unsafe { &mut self.raw().__bindgen_anon_1.priv_flags_fast };
        fast.set_priv_flags(fast.priv_flags() | u32::from(flags) as c_ulong);
    }

    /// Marks the device as lockless (`dev->lltx`): the core transmits without the queue lock, on
    /// any number of CPUs at once.
    pub fn set_lltx(&mut self, lltx: bool) {
        // SAFETY: As in `add_priv_flags`.
        let fast = unsafe { &mut self.raw().__bindgen_anon_1.priv_flags_fast };
        fast.set_lltx(lltx.into());
    }

    /// Sets the active features (`dev->features`).
    pub fn set_features(&mut self, features: Features) {
        self.raw().features = features.into();
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

    /// Installs the ethtool operations of `T`.
    pub fn set_ethtool_ops(&mut self)
    where
        T: crate::net::ethtool::Operations,
    {
        self.raw().ethtool_ops = crate::net::ethtool::ops_table::<T>();
    }

    /// Prepares a freshly allocated device for `T`; called by the link type before the driver's
    /// own setup.
    pub(crate) fn init_for_driver(&mut self) {
        let raw = self.raw();
        raw.netdev_ops = &Adapter::<T>::VTABLE;
        raw.set_pcpu_stat_type(T::PCPU_STAT_TYPE.as_raw());
        // The core frees the device after unregistration: a Rust driver never owns a registered
        // device.
        raw.needs_free_netdev = true;
        raw.priv_destructor = Some(Adapter::<T>::priv_destructor);
    }
}

/// Interface statistics reported to user space, `struct rtnl_link_stats64`.
///
/// The core hands a zeroed instance to [`Operations::get_stats64`]; fields the driver does not
/// set stay zero.
#[repr(transparent)]
pub struct Stats64(bindings::rtnl_link_stats64);

impl Stats64 {
    /// Sets the number of packets received.
    pub fn set_rx_packets(&mut self, v: u64) {
        self.0.rx_packets = v;
    }

    /// Sets the number of bytes received.
    pub fn set_rx_bytes(&mut self, v: u64) {
        self.0.rx_bytes = v;
    }

    /// Sets the number of packets transmitted.
    pub fn set_tx_packets(&mut self, v: u64) {
        self.0.tx_packets = v;
    }

    /// Sets the number of bytes transmitted.
    pub fn set_tx_bytes(&mut self, v: u64) {
        self.0.tx_bytes = v;
    }
}

/// The operations of a network device driver, `struct net_device_ops`.
///
/// Only the callbacks a driver implements are given to the core. Each lists what the core
/// guarantees when it calls it.
#[vtable]
pub trait Operations: Sized + Send + Sync + 'static {
    /// The driver's data in the private area of each device.
    ///
    /// It is initialised by [`Operations::init_private`] when the device is registered and
    /// dropped after the device is unregistered and no longer referenced.
    type Private: Send + Sync;

    /// The per-CPU statistics the core allocates for the device.
    const PCPU_STAT_TYPE: PcpuStatType = PcpuStatType::None;

    /// Initialises the private data; runs under RTNL from `ndo_init`, when the device is
    /// registered, before any other callback of this trait.
    fn init_private() -> impl PinInit<Self::Private, Error>;

    /// Brings the device up (`ndo_open`); RTNL is held.
    fn open(_dev: &Device<Self>) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Takes the device down (`ndo_stop`); RTNL is held. An error is logged by the core, the
    /// device goes down anyway.
    fn stop(_dev: &Device<Self>) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Transmits `skb` (`ndo_start_xmit`).
    ///
    /// Runs with bottom halves disabled, possibly on several CPUs at once. The driver owns the
    /// buffer: it must consume it or drop it with a reason.
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>);

    /// Fills in the interface statistics (`ndo_get_stats64`).
    ///
    /// Runs under RCU or RTNL, concurrently with transmission; it must not sleep.
    fn get_stats64(_dev: &Device<Self>, _stats: &mut Stats64) {
        build_error!(VTABLE_DEFAULT_ERROR)
    }
}

/// The `net_device_ops` table and the trampolines of a driver `T`.
struct Adapter<T: Operations>(PhantomData<T>);

impl<T: Operations> Adapter<T> {
    const VTABLE: bindings::net_device_ops = bindings::net_device_ops {
        ndo_init: Some(Self::init_callback),
        ndo_open: if T::HAS_OPEN {
            Some(Self::open_callback)
        } else {
            None
        },
        ndo_stop: if T::HAS_STOP {
            Some(Self::stop_callback)
        } else {
            None
        },
        ndo_start_xmit: Some(Self::start_xmit_callback),
        ndo_get_stats64: if T::HAS_GET_STATS64 {
            Some(Self::get_stats64_callback)
        } else {
            None
        },
        // SAFETY: All-zero is a valid `net_device_ops`: every other member is an optional
        // function pointer, `None` telling the core the callback is not implemented.
        ..unsafe { core::mem::MaybeUninit::zeroed().assume_init() }
    };

    fn private_ptr(dev: *mut bindings::net_device) -> *mut T::Private {
        const {
            assert!(align_of::<T::Private>() <= bindings::NETDEV_ALIGN as usize);
        }
        // SAFETY: The callers pass a valid device allocated for `T`.
        unsafe { bindings::netdev_priv(dev) }.cast()
    }

    /// # Safety
    ///
    /// Called by the core from `register_netdevice` on a device allocated for `T`.
    unsafe extern "C" fn init_callback(dev: *mut bindings::net_device) -> c_int {
        from_result(|| {
            let slot = Self::private_ptr(dev);
            // SAFETY: The private area is `priv_size` (the size of `T::Private`) bytes, aligned
            // to `NETDEV_ALIGN`, and not initialised yet: `ndo_init` runs once per device. It
            // stays in place until `free_netdev`, so it is pinned.
            unsafe { pin_init::raw_try_init(slot, T::init_private()) }?;
            Ok(0)
        })
    }

    /// # Safety
    ///
    /// Called by the core on a device whose `ndo_init` succeeded, once, after the last
    /// reference to the device has gone or when registration failed after `ndo_init`.
    unsafe extern "C" fn priv_destructor(dev: *mut bindings::net_device) {
        // SAFETY: `priv_destructor` is only called after `ndo_init` succeeded, so the private
        // area holds an initialised `T::Private`, and no callback can run any more.
        unsafe { core::ptr::drop_in_place(Self::private_ptr(dev)) };
    }

    /// # Safety
    ///
    /// Called by the core with RTNL held on a registered device of `T`.
    unsafe extern "C" fn open_callback(dev: *mut bindings::net_device) -> c_int {
        from_result(|| {
            // SAFETY: The device is registered, so `ndo_init` initialised its private data.
            T::open(unsafe { Device::from_raw(dev) })?;
            Ok(0)
        })
    }

    /// # Safety
    ///
    /// Called by the core with RTNL held on a registered device of `T`.
    unsafe extern "C" fn stop_callback(dev: *mut bindings::net_device) -> c_int {
        from_result(|| {
            // SAFETY: The device is registered, so `ndo_init` initialised its private data.
            T::stop(unsafe { Device::from_raw(dev) })?;
            Ok(0)
        })
    }

    /// # Safety
    ///
    /// Called by the core's transmit path with bottom halves disabled, with an skb it hands
    /// over to the driver.
    unsafe extern "C" fn start_xmit_callback(
        skb: *mut bindings::sk_buff,
        dev: *mut bindings::net_device,
    ) -> bindings::netdev_tx_t {
        // SAFETY: The core passes ownership of a valid skb to `ndo_start_xmit`.
        let skb = unsafe { SkBuff::from_raw(skb) };
        // SAFETY: The device is registered and this is its transmit path.
        T::start_xmit(skb, unsafe { Device::from_raw(dev) });
        bindings::netdev_tx_NETDEV_TX_OK
    }

    /// # Safety
    ///
    /// Called by the core on a registered device of `T` with a valid, zeroed `stats`.
    unsafe extern "C" fn get_stats64_callback(
        dev: *mut bindings::net_device,
        stats: *mut bindings::rtnl_link_stats64,
    ) {
        // SAFETY: `stats` is valid and only this callback writes it while it runs.
        let stats = unsafe { &mut *stats.cast::<Stats64>() };
        // SAFETY: The device is registered, so `ndo_init` initialised its private data.
        T::get_stats64(unsafe { Device::from_raw(dev) }, stats);
    }
}
