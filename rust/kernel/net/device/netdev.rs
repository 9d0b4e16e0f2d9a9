// SPDX-License-Identifier: GPL-2.0

//! The untyped view of a network device: what any holder may read of a device of any driver.

use super::Flags;
use crate::{
    bindings,
    prelude::*,
    sync::{
        atomic::{Atomic, Relaxed},
        rcu,
    },
    types::Opaque,
};
use core::{fmt, ops::Deref, ptr::NonNull};

/// A network device of any driver, `struct net_device`, as another device or the core sees it.
///
/// A driver gets one from its own [`Device`] (which dereferences to it) or from a device it
/// refers to, such as the peer of a device created in pairs
/// ([`Device::peer`](crate::net::device::Device::peer)). It reads the state the core publishes
/// for lockless readers, counts into the device's `dev->stats` and logs with the device's
/// name ([`netdev_info!`] and the other `netdev_*` macros).
///
/// [`Device`]: crate::net::device::Device
/// [`netdev_info!`]: crate::netdev_info
///
/// # Invariants
///
/// `self.0` is a valid `struct net_device` whose `ndo_init` succeeded and which is not freed
/// while the reference exists.
///
/// # Examples
///
/// ```
/// use kernel::net::device::{NetDev, OperState};
///
/// fn describe(dev: &NetDev) {
///     kernel::netdev_info!(
///         dev,
///         "ifindex {}, MTU {}, {}, carrier {}, {:?}\n",
///         dev.ifindex(),
///         dev.mtu(),
///         if dev.is_up() { "up" } else { "down" },
///         dev.carrier_ok(),
///         dev.operstate(),
///     );
///     if dev.operstate() == OperState::Up {
///         assert!(dev.is_running());
///     }
///     pr_debug!("flags {:#x}\n", u32::from(dev.flags()));
/// }
///
/// fn same_place(dev: &NetDev, other: &NetDev) -> bool {
///     dev.same_net(other) || (dev.in_init_net() && other.in_init_net())
/// }
/// ```
#[repr(transparent)]
pub struct NetDev(Opaque<bindings::net_device>);

// SAFETY: A `NetDev` only gives access to what the core publishes for lockless readers (with
// `READ_ONCE`/`WRITE_ONCE`, atomic bits) and to functions that may be called from any thread.
unsafe impl Sync for NetDev {}

// SAFETY: The same holds for a reference sent to another thread.
unsafe impl Send for NetDev {}

/// The operational state of a device (RFC 2863), `dev->operstate`, `IF_OPER_*`.
///
/// # Examples
///
/// ```
/// use kernel::net::device::{NetDev, OperState};
///
/// fn usable(dev: &NetDev) -> bool {
///     matches!(dev.operstate(), OperState::Up | OperState::Unknown)
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OperState {
    /// `IF_OPER_UNKNOWN`.
    Unknown,
    /// `IF_OPER_NOTPRESENT`.
    NotPresent,
    /// `IF_OPER_DOWN`.
    Down,
    /// `IF_OPER_LOWERLAYERDOWN`.
    LowerLayerDown,
    /// `IF_OPER_TESTING`.
    Testing,
    /// `IF_OPER_DORMANT`.
    Dormant,
    /// `IF_OPER_UP`.
    Up,
}

impl OperState {
    #[inline]
    fn from_raw(v: u32) -> Self {
        match v {
            bindings::IF_OPER_NOTPRESENT => Self::NotPresent,
            bindings::IF_OPER_DOWN => Self::Down,
            bindings::IF_OPER_LOWERLAYERDOWN => Self::LowerLayerDown,
            bindings::IF_OPER_TESTING => Self::Testing,
            bindings::IF_OPER_DORMANT => Self::Dormant,
            bindings::IF_OPER_UP => Self::Up,
            _ => Self::Unknown,
        }
    }
}

/// A counter of `dev->stats`, `struct net_device_stats`, the statistics every device has.
///
/// The core reports them when the driver does not implement
/// [`Operations::get_stats64`](crate::net::device::Operations::get_stats64), and adds those
/// it counts itself (such as `tx_dropped` of [`Device::can_dropped_invalid_skb`]).
/// [`NetDev::stats_add`] updates them atomically, as `DEV_STATS_ADD()` does: any context may
/// count, on any CPU.
///
/// [`Device::can_dropped_invalid_skb`]: crate::net::device::Device::can_dropped_invalid_skb
///
/// # Examples
///
/// A tunnel end counts what it passes on, and what it cannot:
///
/// ```
/// use kernel::net::device::{NetDev, Stat};
///
/// fn passed(dev: &NetDev, peer: &NetDev, len: usize) {
///     dev.stats_inc(Stat::TxPackets);
///     dev.stats_add(Stat::TxBytes, len);
///     peer.stats_inc(Stat::RxPackets);
///     peer.stats_add(Stat::RxBytes, len);
/// }
///
/// fn no_peer(dev: &NetDev) {
///     dev.stats_inc(Stat::TxDropped);
///     pr_debug!("{} dropped so far\n", dev.stats_read(Stat::TxDropped));
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(usize)]
pub enum Stat {
    /// `rx_packets`.
    RxPackets = 0,
    /// `tx_packets`.
    TxPackets = 1,
    /// `rx_bytes`.
    RxBytes = 2,
    /// `tx_bytes`.
    TxBytes = 3,
    /// `rx_errors`.
    RxErrors = 4,
    /// `tx_errors`.
    TxErrors = 5,
    /// `rx_dropped`.
    RxDropped = 6,
    /// `tx_dropped`.
    TxDropped = 7,
    /// `multicast`.
    Multicast = 8,
    /// `collisions`.
    Collisions = 9,
    /// `rx_length_errors`.
    RxLengthErrors = 10,
    /// `rx_over_errors`.
    RxOverErrors = 11,
    /// `rx_crc_errors`.
    RxCrcErrors = 12,
    /// `rx_frame_errors`.
    RxFrameErrors = 13,
    /// `rx_fifo_errors`.
    RxFifoErrors = 14,
    /// `rx_missed_errors`.
    RxMissedErrors = 15,
    /// `tx_aborted_errors`.
    TxAbortedErrors = 16,
    /// `tx_carrier_errors`.
    TxCarrierErrors = 17,
    /// `tx_fifo_errors`.
    TxFifoErrors = 18,
    /// `tx_heartbeat_errors`.
    TxHeartbeatErrors = 19,
    /// `tx_window_errors`.
    TxWindowErrors = 20,
    /// `rx_compressed`.
    RxCompressed = 21,
    /// `tx_compressed`.
    TxCompressed = 22,
}

/// The number of counters of `struct net_device_stats`, each an `unsigned long` that is also an
/// `atomic_long_t` (`NET_DEV_STAT()`), in the order of [`Stat`].
const NET_DEV_STATS: usize = 23;

const _: () = assert!(
    size_of::<bindings::net_device_stats>() == NET_DEV_STATS * size_of::<usize>(),
    "`struct net_device_stats` is `Stat`'s counters, one word each"
);

/// A counted reference to a network device of any driver (`netdev_hold`, tracked), made by
/// [`NetDev::hold`] and released when dropped (`netdev_put`).
///
/// It keeps the device's memory, not its registration: the device may be unregistered
/// meanwhile (it is then in no namespace, and down), and its unregistration waits until every
/// reference is released, printing that it waits (`unregister_netdevice: waiting for DEV to
/// become free`) every ten seconds. So a driver releases what it holds when the device it
/// refers to, or its own, goes away.
///
/// # Invariants
///
/// `self.dev` is a valid `struct net_device` whose `ndo_init` succeeded, on which this holds a
/// reference taken with `netdev_hold` on `self.tracker`.
///
/// # Examples
///
/// A device that remembers another one of its namespace, found by its interface index, as a
/// tunnel does its lower device:
///
/// ```
/// use kernel::net::device::{NetDev, NetDevRef};
/// use kernel::sync::rcu;
///
/// fn lower_of(dev: &NetDev, ifindex: i32) -> Result<NetDevRef> {
///     let guard = rcu::read_lock();
///     let lower = dev.get_by_index(ifindex, &guard).ok_or(ENODEV)?;
///     Ok(lower.hold())
/// }
///
/// fn check(dev: &NetDev) -> Result {
///     // A device is found by its own index, and a reference compares equal to it.
///     let me = lower_of(dev, dev.ifindex())?;
///     assert_eq!(me.ifindex(), dev.ifindex());
///     assert!(me.same_net(dev));
///     let again = me.clone();
///     drop(me);
///     assert_eq!(again.mtu(), dev.mtu());
///     Ok(())
/// }
/// ```
pub struct NetDevRef {
    dev: NonNull<bindings::net_device>,
    tracker: bindings::netdevice_tracker,
}

// SAFETY: The reference may be released from any thread and context: `netdev_put` decrements a
// per-CPU counter and frees the tracker under a spinlock with interrupts disabled.
unsafe impl Send for NetDevRef {}

// SAFETY: A shared `NetDevRef` only gives a `&NetDev`, which is `Sync`.
unsafe impl Sync for NetDevRef {}

impl Deref for NetDevRef {
    type Target = NetDev;

    #[inline]
    fn deref(&self) -> &NetDev {
        // SAFETY: By the type invariants the device is valid and its `ndo_init` succeeded; the
        // reference keeps it from being freed while `self` exists.
        unsafe { NetDev::from_raw(self.dev.as_ptr()) }
    }
}

impl Clone for NetDevRef {
    #[inline]
    fn clone(&self) -> Self {
        self.hold()
    }
}

impl Drop for NetDevRef {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: By the type invariants this holds a reference on the device, taken on
        // `self.tracker`, which is released once, here.
        unsafe { bindings::netdev_put(self.dev.as_ptr(), &raw mut self.tracker) };
    }
}

/// The drop counters the core keeps for every device, `struct net_device_core_stats`: packets
/// the core or a driver dropped outside the driver's own statistics, counted with
/// [`NetDev::core_stats_inc`] and reported with the device's statistics (`ip -s link`).
///
/// # Examples
///
/// A receive path that drops what it has no handler for, as the core does:
///
/// ```
/// use kernel::net::device::{CoreStat, NetDev};
///
/// fn no_handler(dev: &NetDev) {
///     dev.core_stats_inc(CoreStat::RxNohandler);
/// }
///
/// fn lost(dev: &NetDev, rx: bool) {
///     dev.core_stats_inc(if rx { CoreStat::RxDropped } else { CoreStat::TxDropped });
/// }
///
/// fn not_for_us(dev: &NetDev) {
///     dev.core_stats_inc(CoreStat::RxOtherhostDropped);
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CoreStat {
    /// `rx_dropped`, added to `rx_dropped`.
    RxDropped,
    /// `tx_dropped`, added to `tx_dropped`.
    TxDropped,
    /// `rx_nohandler`, packets received without a protocol handler.
    RxNohandler,
    /// `rx_otherhost_dropped`, packets dropped for being addressed to another host.
    RxOtherhostDropped,
}

impl NetDev {
    /// Creates a reference to a device from a raw pointer.
    ///
    /// # Safety
    ///
    /// `ptr` must point to a `struct net_device` whose `ndo_init` succeeded and that is not
    /// freed during `'a`.
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

    /// Returns the interface index, `dev->ifindex`.
    #[inline]
    pub fn ifindex(&self) -> i32 {
        // SAFETY: The device is valid. Writers (`dev_index_reserve` at registration,
        // `dev_change_net_namespace`) hold RTNL and lockless readers use `READ_ONCE`, as here.
        unsafe { Atomic::from_ptr(&raw mut (*self.as_raw()).ifindex) }.load(Relaxed)
    }

    /// Returns the maximum transfer unit, `dev->mtu`.
    #[inline]
    pub fn mtu(&self) -> u32 {
        // SAFETY: The device is valid; writers use `WRITE_ONCE` under the operations lock and
        // lockless readers `READ_ONCE`, as here.
        unsafe { Atomic::from_ptr(&raw mut (*self.as_raw()).mtu) }.load(Relaxed)
    }

    /// Returns the interface flags, `dev->flags` (what `ip link` shows in angle brackets).
    #[inline]
    pub fn flags(&self) -> Flags {
        Flags::from_raw(self.flags_raw())
    }

    /// Returns `true` if the device is administratively up, `IFF_UP` in `dev->flags` (what
    /// `ip link set DEV up` sets; the core sets it once the device is open).
    ///
    /// Not a [`Flag`](super::Flag): only the core sets it, when it opens the device.
    #[inline]
    pub fn is_up(&self) -> bool {
        self.flags_raw() & bindings::net_device_flags_IFF_UP != 0
    }

    #[inline]
    fn flags_raw(&self) -> u32 {
        // SAFETY: The device is valid; `__dev_change_flags` and `__dev_open` write the flags
        // with RTNL held, lockless readers (`dev_get_flags`, drivers) read them with
        // `READ_ONCE`, as here.
        unsafe { Atomic::from_ptr(&raw mut (*self.as_raw()).flags) }.load(Relaxed)
    }

    /// Returns `true` if the device is running (`netif_running`: it was opened and is not
    /// closed).
    #[inline]
    pub fn is_running(&self) -> bool {
        // SAFETY: The device is valid; `netif_running` tests a bit atomically.
        unsafe { bindings::netif_running(self.as_raw()) }
    }

    /// Returns `true` if the device has a carrier (`netif_carrier_ok`).
    #[inline]
    pub fn carrier_ok(&self) -> bool {
        // SAFETY: The device is valid; `netif_carrier_ok` tests a bit atomically.
        unsafe { bindings::netif_carrier_ok(self.as_raw()) }
    }

    /// Returns the operational state, `dev->operstate`.
    #[inline]
    pub fn operstate(&self) -> OperState {
        // SAFETY: The device is valid; the link watch writes `operstate` with `WRITE_ONCE` and
        // readers use `READ_ONCE`. It is one byte.
        let raw = unsafe { Atomic::from_ptr((&raw mut (*self.as_raw()).operstate).cast::<i8>()) }
            .load(Relaxed);
        OperState::from_raw(u32::from(raw as u8))
    }

    /// Returns `true` if both devices are in the same network namespace (`net_eq(dev_net(a),
    /// dev_net(b))`).
    ///
    /// The namespace of a device changes only with RTNL held; without it, the answer may be
    /// out of date by the time it is used.
    #[inline]
    pub fn same_net(&self, other: &NetDev) -> bool {
        // SAFETY: Both devices are valid; `dev_net` reads `nd_net` with `read_pnet`, which
        // namespace moves update with `write_pnet` under RTNL.
        unsafe { bindings::dev_net(self.as_raw()) == bindings::dev_net(other.as_raw()) }
    }

    /// Takes a counted reference to the device (`netdev_hold`, with a reference tracker), for
    /// a driver that keeps referring to another device, as an upper device does to its lower
    /// one.
    ///
    /// Works in any context, under RCU or with bottom halves disabled too (the tracker is
    /// allocated with `GFP_ATOMIC`; without it, the reference is still taken, untracked).
    #[inline]
    pub fn hold(&self) -> NetDevRef {
        let mut tracker = core::mem::MaybeUninit::<bindings::netdevice_tracker>::zeroed();
        // SAFETY: The device is valid, so it may be held; `tracker` is ours, and a zeroed
        // tracker is an unused one.
        unsafe { bindings::netdev_hold(self.as_raw(), tracker.as_mut_ptr(), bindings::GFP_ATOMIC) };
        // INVARIANT: The reference was taken just now on `tracker`.
        NetDevRef {
            // SAFETY: `netdev_hold` initialised the tracker (all-zero is valid too).
            tracker: unsafe { tracker.assume_init() },
            // SAFETY: `self.as_raw()` is a valid pointer, so it is not null.
            dev: unsafe { NonNull::new_unchecked(self.as_raw()) },
        }
    }

    /// Returns the device with the interface index `ifindex` in this device's namespace, if
    /// there is one (`dev_get_by_index_rcu`), for as long as `guard` is held; hold it
    /// ([`NetDev::hold`]) to keep referring to it.
    ///
    /// The device found may be unregistered concurrently: it stays valid until the end of the
    /// RCU read-side critical section, and is not found any more by a later call.
    #[inline]
    pub fn get_by_index<'a>(&self, ifindex: i32, _guard: &'a rcu::Guard) -> Option<&'a NetDev> {
        // SAFETY: The device is valid and RCU is held, so its namespace is valid until `_guard`
        // is dropped (a namespace is freed after an RCU grace period, `cleanup_net`).
        let dev =
            unsafe { bindings::dev_get_by_index_rcu(bindings::dev_net(self.as_raw()), ifindex) };
        if dev.is_null() {
            return None;
        }
        // SAFETY: A device in a namespace's index is past its `ndo_init` (`list_netdevice`
        // follows it in `register_netdevice`); once unlisted, it is freed only after an RCU
        // grace period (`synchronize_net` in `unregister_netdevice_many_notify`), so not
        // while `_guard` exists.
        Some(unsafe { NetDev::from_raw(dev) })
    }

    /// Returns `true` if the device is in the initial network namespace.
    #[inline]
    pub fn in_init_net(&self) -> bool {
        // SAFETY: The device is valid, see `same_net`; `init_net` is a static.
        unsafe { bindings::dev_net(self.as_raw()) == &raw mut bindings::init_net }
    }

    /// Counts one packet in the core's drop counter `stat` of the device
    /// (`dev_core_stats_rx_dropped_inc()` and the others), which the core adds to the
    /// statistics it reports whatever the driver's own are.
    ///
    /// Works in any context: the per-CPU counters are allocated on first use, without sleeping
    /// (a failed allocation loses the count, as in C).
    #[inline]
    pub fn core_stats_inc(&self, stat: CoreStat) {
        use core::mem::offset_of;
        use CoreStat::*;
        let offset = match stat {
            RxDropped => offset_of!(bindings::net_device_core_stats, rx_dropped),
            TxDropped => offset_of!(bindings::net_device_core_stats, tx_dropped),
            RxNohandler => offset_of!(bindings::net_device_core_stats, rx_nohandler),
            RxOtherhostDropped => {
                offset_of!(bindings::net_device_core_stats, rx_otherhost_dropped)
            }
        };
        // CAST: The offset of a field of a small structure fits in a `u32`.
        // SAFETY: The device is valid; `netdev_core_stats_inc` allocates `dev->core_stats` with
        // `GFP_ATOMIC` if needed (published with `cmpxchg`, freed by `free_netdev`) and
        // increments the counter at `offset`, a field of it, with `this_cpu_inc`.
        unsafe { bindings::netdev_core_stats_inc(self.as_raw(), offset as u32) };
    }

    /// Adds `n` to the counter `stat` of `dev->stats` atomically (`DEV_STATS_ADD()`).
    #[inline]
    pub fn stats_add(&self, stat: Stat, n: usize) {
        // SAFETY: The device is valid; `stats` is `NET_DEV_STATS` words in the order of `Stat`
        // (asserted above), each an `atomic_long_t` that the core reads with
        // `atomic_long_read` (`netdev_stats_to_stats64`) and updates with atomic operations.
        let counter = unsafe {
            Atomic::<usize>::from_ptr(
                (&raw mut (*self.as_raw()).stats)
                    .cast::<usize>()
                    .add(stat as usize),
            )
        };
        counter.add(n, Relaxed);
    }

    /// Adds one to the counter `stat` of `dev->stats` (`DEV_STATS_INC()`).
    #[inline]
    pub fn stats_inc(&self, stat: Stat) {
        self.stats_add(stat, 1);
    }

    /// Reads the counter `stat` of `dev->stats` (`DEV_STATS_READ()`).
    #[inline]
    pub fn stats_read(&self, stat: Stat) -> usize {
        // SAFETY: As in `stats_add`.
        let counter = unsafe {
            Atomic::<usize>::from_ptr(
                (&raw mut (*self.as_raw()).stats)
                    .cast::<usize>()
                    .add(stat as usize),
            )
        };
        counter.load(Relaxed)
    }

    /// Prints a message with the device's driver and name as prefix (`netdev_printk`); used by
    /// [`netdev_info!`](crate::netdev_info) and the other `netdev_*` macros.
    #[doc(hidden)]
    #[cfg_attr(not(CONFIG_PRINTK), allow(unused_variables))]
    pub fn printk(&self, level: Level, args: fmt::Arguments<'_>) {
        // `netdev_printk` may be called from any context, and reads the name as the C
        // `netdev_*` functions do.
        #[cfg(CONFIG_PRINTK)]
        // SAFETY: `level` is a NUL-terminated `KERN_*` string, the device is valid and `%pA`
        // takes a pointer to the `fmt::Arguments` passed.
        unsafe {
            bindings::netdev_printk(
                level.as_bytes().as_ptr().cast::<c_char>(),
                self.as_raw(),
                c"%pA".as_char_ptr(),
                core::ptr::from_ref(&args).cast::<c_void>(),
            )
        };
    }
}

/// The level of a message of the `netdev_*` macros, a `KERN_*` level.
///
/// # Examples
///
/// What [`netdev_warn!`](crate::netdev_warn) expands to:
///
/// ```
/// use kernel::net::device::{Level, NetDev};
///
/// fn warn(dev: &NetDev) {
///     dev.printk(Level::Warning, kernel::prelude::fmt!("odd MTU {}\n", dev.mtu()));
/// }
/// ```
#[doc(hidden)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Level {
    /// `KERN_ERR`.
    Err,
    /// `KERN_WARNING`.
    Warning,
    /// `KERN_NOTICE`.
    Notice,
    /// `KERN_INFO`.
    Info,
    /// `KERN_DEBUG`.
    Debug,
}

impl Level {
    #[inline]
    fn as_bytes(self) -> &'static [u8] {
        match self {
            Self::Err => bindings::KERN_ERR,
            Self::Warning => bindings::KERN_WARNING,
            Self::Notice => bindings::KERN_NOTICE,
            Self::Info => bindings::KERN_INFO,
            Self::Debug => bindings::KERN_DEBUG,
        }
    }
}

/// Prints an error message prefixed with the device's driver and name (`netdev_err`).
///
/// `$dev` is anything that dereferences to a [`NetDev`], such as a driver's
/// [`Device`](crate::net::device::Device).
///
/// # Examples
///
/// ```
/// # use kernel::net::device::NetDev;
/// fn report(dev: &NetDev, err: kernel::error::Error) {
///     kernel::netdev_err!(dev, "cannot do it: {:?}\n", err);
/// }
/// ```
#[macro_export]
macro_rules! netdev_err {
    ($dev:expr, $($f:tt)*) => {
        $crate::net::device::NetDev::printk(
            &*$dev, $crate::net::device::Level::Err, $crate::prelude::fmt!($($f)*))
    }
}

/// Prints a warning prefixed with the device's driver and name (`netdev_warn`).
///
/// # Examples
///
/// ```
/// # use kernel::net::device::NetDev;
/// fn odd(dev: &NetDev) {
///     kernel::netdev_warn!(dev, "odd MTU {}\n", dev.mtu());
/// }
/// ```
#[macro_export]
macro_rules! netdev_warn {
    ($dev:expr, $($f:tt)*) => {
        $crate::net::device::NetDev::printk(
            &*$dev, $crate::net::device::Level::Warning, $crate::prelude::fmt!($($f)*))
    }
}

/// Prints a notice prefixed with the device's driver and name (`netdev_notice`).
///
/// # Examples
///
/// ```
/// # use kernel::net::device::NetDev;
/// fn renamed(dev: &NetDev) {
///     kernel::netdev_notice!(dev, "renamed\n");
/// }
/// ```
#[macro_export]
macro_rules! netdev_notice {
    ($dev:expr, $($f:tt)*) => {
        $crate::net::device::NetDev::printk(
            &*$dev, $crate::net::device::Level::Notice, $crate::prelude::fmt!($($f)*))
    }
}

/// Prints an informational message prefixed with the device's driver and name (`netdev_info`).
///
/// # Examples
///
/// ```
/// # use kernel::net::device::NetDev;
/// fn hello(dev: &NetDev) {
///     kernel::netdev_info!(dev, "index {}\n", dev.ifindex());
/// }
/// ```
#[macro_export]
macro_rules! netdev_info {
    ($dev:expr, $($f:tt)*) => {
        $crate::net::device::NetDev::printk(
            &*$dev, $crate::net::device::Level::Info, $crate::prelude::fmt!($($f)*))
    }
}

/// Prints a debug message prefixed with the device's driver and name, like `netdev_dbg` with
/// `DEBUG` defined (this does not go through dynamic debug).
///
/// # Examples
///
/// ```
/// # use kernel::net::device::NetDev;
/// fn trace(dev: &NetDev) {
///     kernel::netdev_dbg!(dev, "carrier {}\n", dev.carrier_ok());
/// }
/// ```
#[macro_export]
macro_rules! netdev_dbg {
    ($dev:expr, $($f:tt)*) => {
        $crate::net::device::NetDev::printk(
            &*$dev, $crate::net::device::Level::Debug, $crate::prelude::fmt!($($f)*))
    }
}

#[kunit_tests(rust_net_netdev)]
mod tests {
    use super::*;

    #[test]
    fn stats_are_words_in_order() {
        // The counters `Stat` names are at the offsets of the C fields.
        let base = core::mem::offset_of!(bindings::net_device_stats, __bindgen_anon_1);
        assert_eq!(base, 0);
        assert_eq!(
            core::mem::offset_of!(bindings::net_device_stats, __bindgen_anon_8),
            Stat::TxDropped as usize * size_of::<usize>()
        );
        assert_eq!(
            core::mem::offset_of!(bindings::net_device_stats, __bindgen_anon_23),
            Stat::TxCompressed as usize * size_of::<usize>()
        );
    }

    #[test]
    fn operstate_values() {
        assert_eq!(OperState::from_raw(bindings::IF_OPER_UP), OperState::Up);
        assert_eq!(OperState::from_raw(bindings::IF_OPER_DOWN), OperState::Down);
        assert_eq!(OperState::from_raw(200), OperState::Unknown);
    }
}
