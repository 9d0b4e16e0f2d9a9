// SPDX-License-Identifier: GPL-2.0

//! Network devices.
//!
//! The networking core allocates and registers a device (for a link type) and calls its driver
//! through the [`Operations`] it implements, concurrently: a driver only gets shared references
//! to a [`Device`], whose context says what the core guarantees (and asserts) in the call:
//! [`Normal`], [`OpsLocked`], [`Rtnl`], [`Init`], [`Xmit`]. Only [`SetupDevice`] is mutable,
//! before the device is visible to anyone.
//!
//! C header: [`include/linux/netdevice.h`](srctree/include/linux/netdevice.h)

use crate::{
    bindings,
    error::to_result,
    prelude::*,
    sync::LockClassKey,
    types::Opaque, //
};
use core::{
    marker::PhantomData,
    ops::Deref, //
};

mod ops;
pub(crate) mod queue;
mod setup;

pub use crate::net::netdev::{
    ArpHrd,
    Feature,
    Features,
    Flag,
    Flags,
    NetDev,
    PrivFlag,
    PrivFlags,
    Stat, //
};
pub use ops::{
    HwAddrList,
    Operations,
    SockAddr,
    Stats64, //
};
// @series{queue
pub use queue::{
    Counter,
    QueueGuard,
    QueueState,
    QueueWork,
    XmitQueue, //
};
// @series}
// @series{!queue
pub use queue::QueueState;
// @series}
pub use setup::SetupDevice;

/// The largest packet the core builds for segmentation offload (`GSO_MAX_SIZE`), the largest
/// limit [`SetupDevice::set_tso_max_size`] sets.
///
/// # Examples
///
/// A device without a limit of its own, what `ip -d link` shows as `tso_max_size 524280`:
///
/// ```
/// use kernel::net::device::{self, Operations, SetupDevice};
///
/// fn setup<T: Operations>(dev: &mut SetupDevice<T>) {
///     dev.set_tso_max_size(device::GSO_MAX_SIZE);
/// }
/// ```
pub const GSO_MAX_SIZE: u32 = bindings::GSO_MAX_SIZE;

/// The per-CPU statistics a driver keeps, chosen as [`Operations::PcpuStats`]: the core
/// allocates them when it registers the device (`enum netdev_stat_type`), and only the methods
/// of that kind of statistics are available to the driver.
///
/// Every device also has `dev->stats`, the counters of [`NetDev::stats_add`], which the core
/// reports unless the driver implements [`Operations::get_stats64`].
///
/// # Examples
///
/// A device that counts what it transmits in per-CPU counters reports their sums:
///
/// ```
/// use kernel::net::device::{Device, Lstats, Operations, Stats64};
///
/// fn get_stats64<T: Operations<PcpuStats = Lstats>>(dev: &Device<T>, stats: &mut Stats64) {
///     let (packets, bytes) = dev.lstats_read();
///     stats.set_tx_packets(packets);
///     stats.set_tx_bytes(bytes);
/// }
/// ```
pub trait PcpuStats: private::Sealed {
    /// The C value.
    #[doc(hidden)]
    const TYPE: bindings::netdev_stat_type;
}

/// No per-CPU statistics (`NETDEV_PCPU_STAT_NONE`): the device counts in `dev->stats`
/// ([`NetDev::stats_add`]), if at all.
///
/// # Examples
///
/// ```
/// use kernel::net::{
///     device::{Device, NoPcpuStats, Operations, Stat, Xmit},
///     skbuff::SkBuff,
/// };
///
/// fn start_xmit<T: Operations<PcpuStats = NoPcpuStats>>(skb: SkBuff, dev: &Device<T, Xmit>) {
///     dev.stats_inc(Stat::TxPackets);
///     skb.consume();
/// }
/// ```
pub struct NoPcpuStats;

/// Packet and byte counters, `struct pcpu_lstats` (`NETDEV_PCPU_STAT_LSTATS`), of loopback and
/// monitor devices: [`Device::lstats_add`], [`Device::lstats_read`]; the driver reports them
/// in [`Operations::get_stats64`].
///
/// # Examples
///
/// See [`PcpuStats`]: a driver names it as `type PcpuStats = Lstats;` in its operations.
///
/// ```
/// use kernel::net::device::{Device, Lstats, Operations, Xmit};
///
/// fn count<T: Operations<PcpuStats = Lstats>>(dev: &Device<T, Xmit>, len: u32) {
///     dev.lstats_add(len);
/// }
/// ```
pub struct Lstats;

impl private::Sealed for NoPcpuStats {}
impl private::Sealed for Lstats {}

impl PcpuStats for NoPcpuStats {
    const TYPE: bindings::netdev_stat_type = bindings::netdev_stat_type_NETDEV_PCPU_STAT_NONE;
}

impl PcpuStats for Lstats {
    const TYPE: bindings::netdev_stat_type = bindings::netdev_stat_type_NETDEV_PCPU_STAT_LSTATS;
}

mod private {
    pub trait Sealed {}
}

/// The context a device reference is handed out in; it decides what a callback may do.
///
/// # Examples
///
/// [`Device`]'s example is a helper for every context.
pub trait DeviceContext: private::Sealed {}

/// Any callback of a registered device; nothing is known about the locks held.
///
/// The device's per-CPU statistics are allocated.
///
/// # Examples
///
/// The references of the other contexts dereference to this one, so a helper that only needs
/// what any callback may do takes a `&Device<T>`:
///
/// ```
/// use kernel::net::device::{Device, Operations, Xmit};
///
/// fn link_down<T: Operations>(dev: &Device<T>) {
///     dev.carrier_off();
/// }
///
/// fn from_xmit<T: Operations>(dev: &Device<T, Xmit>) {
///     link_down(dev);
/// }
/// ```
pub struct Normal;

/// A callback that runs with RTNL held: `ndo_open`, `ndo_stop` and `ndo_validate_addr`, whose
/// callers in 7.3 (`__dev_open`, `__dev_close_many`) assert it.
///
/// RTNL implies the device's operations lock for a device that is not ops-locked, and the core
/// takes the instance lock too before it opens or closes one that is: a reference in this
/// context dereferences to [`OpsLocked`].
///
/// # Examples
///
/// A device whose link follows its administrative state, in its `open` (and the reverse in
/// its `stop`):
///
/// ```
/// use kernel::net::device::{Device, Operations, Rtnl};
///
/// fn open<T: Operations>(dev: &Device<T, Rtnl>) -> Result {
///     dev.carrier_on();
///     Ok(())
/// }
/// ```
pub struct Rtnl;

/// `ndo_init`: RTNL is held (`register_netdevice` asserts it) and the device is being
/// registered, not yet visible to anyone else.
///
/// Only what is valid before registration completes is available: the carrier state and the
/// lockdep classes. The per-CPU statistics do not exist yet (`register_netdevice` allocates
/// them after `ndo_init`), so a reference in this context does not dereference to the others.
///
/// # Examples
///
/// Lockdep classes of the driver's own, set while the device is registered:
///
/// ```
/// use kernel::net::device::{Device, Init, Operations};
///
/// fn init<T: Operations>(dev: &Device<T, Init>) -> Result {
///     kernel::netdev_lockdep_set_classes!(dev);
///     Ok(())
/// }
/// ```
pub struct Init;

/// A callback that runs with the device's operations lock held: the instance lock `dev->lock`
/// for a device that asked for it ([`SetupDevice::set_request_ops_lock`]), RTNL for the others
/// (what `netdev_assert_locked_ops_compat` asserts in 7.3).
///
/// This is what `ndo_set_mac_address`, `ndo_change_mtu`, `ndo_change_carrier` and
/// `ndo_set_rx_mode_async` are guaranteed. Their callers in 7.3 also hold RTNL, but for an
/// ops-locked device only by convention, so nothing here relies on it. The lock serialises the
/// device's configuration (its address, MTU and carrier): the methods that change it are
/// available from this context on.
///
/// # Examples
///
/// ```
/// use kernel::net::device::{Device, OpsLocked, Operations};
///
/// fn change_carrier<T: Operations>(dev: &Device<T, OpsLocked>, new_carrier: bool) -> Result {
///     if new_carrier {
///         dev.carrier_on();
///     } else {
///         dev.carrier_off();
///     }
///     Ok(())
/// }
/// ```
pub struct OpsLocked;

/// The transmit path, `ndo_start_xmit`: bottom halves are disabled (interrupts too when netpoll
/// transmits, `netpoll_send_skb`) and the CPU is fixed, so the per-CPU counters of the device
/// may be updated.
///
/// # Examples
///
/// ```
/// use kernel::net::{
///     device::{Device, Lstats, Operations, Xmit},
///     skbuff::{DropReason, SkBuff},
/// };
///
/// fn start_xmit<T: Operations<PcpuStats = Lstats>>(skb: SkBuff, dev: &Device<T, Xmit>) {
///     if skb.len() > 1500 {
///         skb.drop_reason(DropReason::PktTooBig);
///         return;
///     }
///     dev.lstats_add(skb.len());
///     skb.consume();
/// }
/// ```
pub struct Xmit;

impl private::Sealed for Normal {}
impl private::Sealed for OpsLocked {}
impl private::Sealed for Rtnl {}
impl private::Sealed for Init {}
impl private::Sealed for Xmit {}
impl DeviceContext for Normal {}
impl DeviceContext for OpsLocked {}
impl DeviceContext for Rtnl {}
impl DeviceContext for Init {}
impl DeviceContext for Xmit {}

/// A network device driven by `T`, as seen from its callbacks.
///
/// # Invariants
///
/// - `self.0` is a valid `struct net_device` whose `netdev_ops` are the ones built for `T` by this
///   module, and whose private area is laid out for `T` by its link type, for as long as a
///   reference to this type exists.
/// - When `Ctx` is not [`Init`], the device's `ndo_init`, if any, succeeded and its per-CPU
///   statistics are allocated, and they stay so while the reference exists: the device is
///   registered, or
// @series{pair
///   being unregistered but kept by a reference ([`Device::peer`]) or an RCU read-side critical
///   section that started before it was unlinked.
// @series}
// @series{!pair
///   being unregistered but kept by a reference or an RCU read-side critical section that
///   started before it was unlinked.
// @series}
/// - When `Ctx` is [`OpsLocked`], the device's operations lock is held while the reference
///   exists; when it is [`Rtnl`], RTNL and the operations lock are held; when it is [`Init`],
///   RTNL is held and the device is in `ndo_init`, unreachable by anyone else.
/// - When `Ctx` is [`Xmit`], the reference is used on the CPU that runs `ndo_start_xmit` with
///   bottom halves disabled.
///
/// # Examples
///
/// A helper for the callbacks of any driver, in any context:
///
/// ```
/// use kernel::net::device::{self, Device, DeviceContext};
///
/// fn link_follows<T: device::Operations, Ctx: DeviceContext>(dev: &Device<T, Ctx>, up: bool) {
///     if up {
///         dev.carrier_on();
///     } else {
///         dev.carrier_off();
///     }
/// }
/// ```
#[repr(transparent)]
pub struct Device<T: Operations, Ctx: DeviceContext = Normal>(
    Opaque<bindings::net_device>,
    PhantomData<(T, Ctx)>,
);

// SAFETY: A `Device` only gives access to what the networking core synchronises itself: the
// carrier (`netif_carrier_on`/`netif_carrier_off`, net/sched/sch_generic.c: atomic bit operations
// and `linkwatch_fire_event`), the per-CPU counters (`dev_lstats_read`, drivers/net/loopback.c,
// reads them under their `u64_stats_sync`) and fields that do not change after registration.
// The other contexts are deliberately not `Sync`: they stand for a lock held or a CPU's transmit
// path, which another thread does not have.
unsafe impl<T: Operations> Sync for Device<T> {}

impl<T: Operations, Ctx: DeviceContext> Device<T, Ctx> {
    /// Creates a reference to a device from a raw pointer.
    ///
    /// # Safety
    ///
    /// `ptr` must point to a `struct net_device` that satisfies the type invariants with `T` and
    /// `Ctx` for the lifetime `'a`.
    #[inline]
    pub(crate) unsafe fn from_raw<'a>(ptr: *mut bindings::net_device) -> &'a Self {
        // CAST: `Self` is a `repr(transparent)` wrapper of `bindings::net_device`.
        // SAFETY: By the safety requirements the pointer is valid for `'a`.
        unsafe { &*ptr.cast() }
    }

    /// Returns the raw `struct net_device`.
    #[inline]
    pub(crate) fn as_raw(&self) -> *mut bindings::net_device {
        self.0.get()
    }

    /// Tells the core the link is up (`netif_carrier_on`).
    pub fn carrier_on(&self) {
        // SAFETY: The device is valid; `netif_carrier_on` may be called from any context.
        unsafe { bindings::netif_carrier_on(self.as_raw()) };
    }

    /// Tells the core the link is down (`netif_carrier_off`).
    pub fn carrier_off(&self) {
        // SAFETY: The device is valid; `netif_carrier_off` may be called from any context.
        unsafe { bindings::netif_carrier_off(self.as_raw()) };
    }
}

impl<T: Operations<PcpuStats = Lstats>> Device<T> {
    /// Reads the per-CPU packet and byte counters, summed over all CPUs.
    ///
    /// Returns `(packets, bytes)`.
    pub fn lstats_read(&self) -> (u64, u64) {
        let mut packets = 0u64;
        let mut bytes = 0u64;
        // SAFETY: The device is registered (type invariants) and its per-CPU stats are
        // `pcpu_lstats` (`T::PcpuStats` is `Lstats`), allocated by `register_netdevice`;
        // `dev_lstats_read` reads them under their `u64_stats_sync` from any context.
        unsafe { bindings::dev_lstats_read(self.as_raw(), &mut packets, &mut bytes) };
        (packets, bytes)
    }
}

impl<T: Operations> Device<T, Rtnl> {
    /// Lets the core send on every transmit queue of the device
    /// (`netif_tx_start_all_queues`), when it comes up.
    ///
    /// # Examples
    ///
    /// A device whose queues stop when they are full starts them all again when it comes up,
    /// and stops them when it goes down, as ifb does:
    ///
    /// ```
    /// use kernel::net::device::{Device, Operations, Rtnl};
    ///
    /// fn open<T: Operations>(dev: &Device<T, Rtnl>) -> Result {
    ///     dev.tx_start_all_queues();
    ///     Ok(())
    /// }
    ///
    /// fn stop<T: Operations>(dev: &Device<T, Rtnl>) -> Result {
    ///     dev.tx_stop_all_queues();
    ///     Ok(())
    /// }
    /// ```
    pub fn tx_start_all_queues(&self) {
        // SAFETY: The device is registered (type invariants); starting a queue is an atomic bit
        // operation on each of its `num_tx_queues` queues.
        unsafe { bindings::netif_tx_start_all_queues(self.as_raw()) };
    }

    /// Stops every transmit queue of the device (`netif_tx_stop_all_queues`), when it goes
    /// down.
    pub fn tx_stop_all_queues(&self) {
        // SAFETY: As in `tx_start_all_queues`.
        unsafe { bindings::netif_tx_stop_all_queues(self.as_raw()) };
    }
}

impl<T: Operations> Device<T, OpsLocked> {
    /// Checks the Ethernet address of the device (`eth_validate_addr`), the stock
    /// [`Operations::validate_addr`] of Ethernet devices: `EADDRNOTAVAIL` unless it is a valid
    /// unicast address.
    pub fn eth_validate_addr(&self) -> Result {
        // SAFETY: The device is valid and its operations lock, which serialises address changes,
        // is held: `netif_set_mac_address` takes no lock itself, its callers
        // (`dev_set_mac_address[_user]`, `do_setlink`) hold it (`netdev_lock_ops`).
        to_result(unsafe { bindings::eth_validate_addr(self.as_raw()) })
    }

    /// Sets the Ethernet address of the device from `addr` (`eth_mac_addr`), the stock
    /// [`Operations::set_mac_address`] of Ethernet devices.
    ///
    /// Fails with `EBUSY` while the device is up unless it has [`PrivFlag::LiveAddrChange`], and
    /// with `EADDRNOTAVAIL` for an address that is not a valid unicast one.
    pub fn eth_mac_addr(&self, addr: &SockAddr) -> Result {
        // SAFETY: The device is valid, its operations lock, which serialises address changes and
        // `netif_running` against each other, is held, and `addr` is a valid `struct sockaddr`
        // for the call. `__dev_open` and `__dev_close_many` change `netif_running` under it
        // (`netdev_assert_locked_ops_compat`); `dev_set_mac_address` and `do_setlink` change the
        // address under it (`netdev_lock_ops`).
        to_result(unsafe { bindings::eth_mac_addr(self.as_raw(), addr.as_raw().cast()) })
    }
}

/// The lockdep classes of the locks of a device, see [`netdev_lockdep_set_classes!`].
///
/// Each driver has its own, so that lockdep tells the locks of stacked devices of different
/// drivers apart. Only [`netdev_lockdep_set_classes!`] makes them: four keys of their own at the
/// place it is written, so that no key serves two different locks.
///
/// [`netdev_lockdep_set_classes!`]: crate::netdev_lockdep_set_classes
///
/// # Invariants
///
/// The four keys are distinct and used for no other lock.
///
/// # Examples
///
/// Drivers get them from [`netdev_lockdep_set_classes!`], whose example shows it.
pub struct LockdepClasses {
    qdisc_tx_busylock: Pin<&'static LockClassKey>,
    qdisc_xmit_lock: Pin<&'static LockClassKey>,
    dev_addr_list_lock: Pin<&'static LockClassKey>,
    dev_instance_lock: Pin<&'static LockClassKey>,
}

impl LockdepClasses {
    /// Creates the classes from four keys; used by [`netdev_lockdep_set_classes!`].
    ///
    /// [`netdev_lockdep_set_classes!`]: crate::netdev_lockdep_set_classes
    ///
    /// # Safety
    ///
    /// The four keys are distinct and used for no other lock.
    #[doc(hidden)]
    pub unsafe fn new_unchecked(
        qdisc_tx_busylock: Pin<&'static LockClassKey>,
        qdisc_xmit_lock: Pin<&'static LockClassKey>,
        dev_addr_list_lock: Pin<&'static LockClassKey>,
        dev_instance_lock: Pin<&'static LockClassKey>,
    ) -> Self {
        // INVARIANT: By the safety requirements.
        Self {
            qdisc_tx_busylock,
            qdisc_xmit_lock,
            dev_addr_list_lock,
            dev_instance_lock,
        }
    }
}

impl<T: Operations> Device<T, Init> {
    /// Gives the locks of the device the classes `classes` (what `netdev_lockdep_set_classes`
    /// does in C); use [`netdev_lockdep_set_classes!`], which makes them.
    ///
    /// [`netdev_lockdep_set_classes!`]: crate::netdev_lockdep_set_classes
    #[doc(hidden)]
    pub fn set_lockdep_classes(&self, classes: &LockdepClasses) {
        // SAFETY: The device is in `ndo_init` (type invariants): its locks are initialised
        // (`dev->lock` and the queues' `_xmit_lock` by `alloc_netdev_mqs`, the latter in
        // `netdev_init_one_queue`; `addr_list_lock` by `register_netdevice` before `ndo_init`)
        // and nobody else can take them yet; the keys are static and, by the invariants of
        // `LockdepClasses`, each serves one lock of this driver's devices.
        unsafe {
            bindings::netdev_lockdep_set_classes(
                self.as_raw(),
                classes.qdisc_tx_busylock.as_ptr(),
                classes.qdisc_xmit_lock.as_ptr(),
                classes.dev_addr_list_lock.as_ptr(),
                classes.dev_instance_lock.as_ptr(),
            )
        };
    }
}

/// Gives the locks of a device in [`Operations::init`] lockdep classes of their own, one set per
/// place this macro is written (what `netdev_lockdep_set_classes` does in C).
///
/// # Examples
///
/// ```
/// use kernel::net::device::{Device, Init, Operations};
///
/// fn init<T: Operations>(dev: &Device<T, Init>) -> Result {
///     kernel::netdev_lockdep_set_classes!(dev);
///     Ok(())
/// }
/// ```
#[macro_export]
macro_rules! netdev_lockdep_set_classes {
    ($dev:expr) => {
        $dev.set_lockdep_classes(
            // SAFETY: Each `static_lock_class!` defines a key of its own at this place, which
            // nothing else can name.
            &unsafe {
                $crate::net::device::LockdepClasses::new_unchecked(
                    $crate::sync::static_lock_class!(),
                    $crate::sync::static_lock_class!(),
                    $crate::sync::static_lock_class!(),
                    $crate::sync::static_lock_class!(),
                )
            },
        )
    };
}

impl<T: Operations<PcpuStats = Lstats>> Device<T, Xmit> {
    /// Adds one packet of `len` bytes to the per-CPU counters of this CPU.
    ///
    /// The counters are what [`Self::lstats_read`] returns; a driver reports them as receive
    /// or transmit statistics in [`Operations::get_stats64`].
    #[inline]
    pub fn lstats_add(&self, len: u32) {
        // The per-CPU statistics are `struct pcpu_lstats` (`T::PcpuStats` is `Lstats`),
        // allocated since the device is registered.
        // SAFETY: Per-CPU `pcpu_lstats` exist, and by the type invariants this runs on the
        // transmitting CPU with bottom halves disabled, as `dev_lstats_add` requires.
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

impl<T: Operations> Deref for Device<T, OpsLocked> {
    type Target = Device<T>;

    fn deref(&self) -> &Device<T> {
        // SAFETY: Every invariant of `Device<T, Normal>` is one of `Device<T, OpsLocked>`.
        unsafe { Device::from_raw(self.as_raw()) }
    }
}

impl<T: Operations> Deref for Device<T, Rtnl> {
    type Target = Device<T, OpsLocked>;

    fn deref(&self) -> &Device<T, OpsLocked> {
        // SAFETY: Every invariant of `Device<T, OpsLocked>` is one of `Device<T, Rtnl>`: the
        // callbacks given this context (`__dev_open`, `__dev_close_many`) hold the operations
        // lock too (`netdev_assert_locked_ops_compat`).
        unsafe { Device::from_raw(self.as_raw()) }
    }
}

impl<T: Operations> Deref for Device<T> {
    type Target = NetDev;

    #[inline]
    fn deref(&self) -> &NetDev {
        // SAFETY: By the type invariants the device's `ndo_init` succeeded and it is not freed
        // while `self` lives.
        unsafe { NetDev::from_raw(self.as_raw()) }
    }
}

// `Device<T, Init>` dereferences to no other context: the device is not registered yet.
