// SPDX-License-Identifier: GPL-2.0

//! The untyped view of a network device: what any holder may read of a device of any driver, and
//! the flags and constants of devices.
//!
//! The base of the other modules, which it uses none of; [`device`](crate::net::device) exports
//! its items.

use crate::{
    bindings,
    prelude::*,
    sync::atomic::{
        Atomic,
        Relaxed, //
    },
    types::Opaque, //
};

mod flags;

pub use flags::{
    ArpHrd,
    Feature,
    Features,
    Flag,
    Flags,
    PrivFlag,
    PrivFlags, //
};

/// A network device of any driver, `struct net_device`, as another device or the core sees it.
///
// @series{pair
/// A [`Device`] dereferences to it, and so does a peer ([`Device::peer`]); it reads what the
/// core publishes for lockless readers and counts into the device's `dev->stats`.
///
/// [`Device::peer`]: crate::net::device::Device::peer
// @series}
// @series{!pair
/// A [`Device`] dereferences to it; it reads what the core publishes for lockless readers and
/// counts into the device's `dev->stats`.
// @series}
///
/// [`Device`]: crate::net::device::Device
///
/// # Invariants
///
/// `self.0` is a valid `struct net_device` whose `ndo_init` succeeded and which is not freed
/// while the reference exists.
///
/// # Examples
///
/// A tunnel end reports its peer as the device it is linked to (`ip link` shows `DEV@PEER`),
/// and carries traffic only while the peer is up, as vxcan does:
///
/// ```
/// use kernel::net::device::NetDev;
///
/// fn iflink(peer: Option<&NetDev>) -> i32 {
///     peer.map_or(0, |peer| peer.ifindex())
/// }
///
/// fn carrier(peer: &NetDev) -> bool {
///     peer.is_up()
/// }
/// ```
#[repr(transparent)]
pub struct NetDev(Opaque<bindings::net_device>);

// SAFETY: A `NetDev` only gives access to what the core publishes for lockless readers (with
// `READ_ONCE`/`WRITE_ONCE`, as `netif_get_flags` reads the flags; atomics, as `DEV_STATS_ADD`
// updates `dev->stats`; atomic bits, as `netif_carrier_on`/`netif_carrier_off` change the
// carrier) and to functions that may be called from any thread.
unsafe impl Sync for NetDev {}

// SAFETY: The same holds for a reference sent to another thread: none of `netif_get_flags`,
// `DEV_STATS_ADD` or `netif_carrier_*` depends on the thread it runs on.
unsafe impl Send for NetDev {}

/// A counter of `dev->stats`, `struct net_device_stats`, the statistics every device has.
///
/// The core reports them unless the driver implements
/// [`Operations::get_stats64`](crate::net::device::Operations::get_stats64);
/// [`NetDev::stats_add`] updates them atomically, as `DEV_STATS_ADD()`, from any context, and
/// [`NetDev::stats_read`] reads them.
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
/// }
///
/// // What a driver that reports its own statistics adds of these.
/// fn dropped(dev: &NetDev) -> (u64, u64) {
///     (dev.stats_read(Stat::RxDropped), dev.stats_read(Stat::TxDropped))
/// }
///
/// // A driver that keeps what it is sent holds as many packets per queue as `ip link set DEV
/// // qlen N` says.
/// fn full(dev: &NetDev, waiting: u32) -> bool {
///     waiting >= dev.tx_queue_len()
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
        // SAFETY: The device is valid. Writers hold RTNL: `register_netdevice` stores the index
        // `dev_index_reserve` reserved (`dev->ifindex = ret`), `__dev_change_net_namespace`
        // stores the new one (a plain store); lockless readers (`dev_get_iflink`) use
        // `READ_ONCE`, as here.
        unsafe { Atomic::from_ptr(&raw mut (*self.as_raw()).ifindex) }.load(Relaxed)
    }

    /// Returns `true` if the device is administratively up, `IFF_UP` in `dev->flags` (what
    /// `ip link set DEV up` sets; the core sets it once the device is open).
    ///
    /// Not a [`Flag`]: only the core sets it, when it opens the device.
    #[inline]
    pub fn is_up(&self) -> bool {
        self.flags_raw() & bindings::net_device_flags_IFF_UP != 0
    }

    #[inline]
    fn flags_raw(&self) -> u32 {
        // SAFETY: The device is valid; `__dev_change_flags` and `__dev_open` write the flags
        // with the device's operations lock held (`netdev_assert_locked_ops_compat`: the
        // instance lock for an ops-locked device, RTNL otherwise), lockless readers
        // (`netif_get_flags`, drivers) read them with `READ_ONCE`, as here.
        unsafe { Atomic::from_ptr(&raw mut (*self.as_raw()).flags) }.load(Relaxed)
    }

    /// The length of the device's transmit queue, in packets (`dev->tx_queue_len`, `qlen` in
    /// `ip link`), which user space may change at any time.
    #[inline]
    pub fn tx_queue_len(&self) -> u32 {
        // SAFETY: The device is valid; writers store the field with `WRITE_ONCE`
        // (`netif_change_tx_queue_len`), so it is read atomically, as `READ_ONCE` does.
        unsafe { Atomic::from_ptr(&raw mut (*self.as_raw()).tx_queue_len) }.load(Relaxed)
    }

    /// The counter `stat` of `dev->stats`.
    #[inline]
    fn stat(&self, stat: Stat) -> &Atomic<usize> {
        // SAFETY: The device is valid; `stats` is `NET_DEV_STATS` words in the order of `Stat`
        // (asserted above), each an `atomic_long_t` that the core reads with
        // `atomic_long_read` (`netdev_stats_to_stats64`) and updates with atomic operations
        // (`DEV_STATS_ADD`, include/linux/netdevice.h).
        unsafe {
            Atomic::<usize>::from_ptr(
                (&raw mut (*self.as_raw()).stats)
                    .cast::<usize>()
                    .add(stat as usize),
            )
        }
    }

    /// Adds `n` to the counter `stat` of `dev->stats` atomically (`DEV_STATS_ADD()`).
    #[inline]
    pub fn stats_add(&self, stat: Stat, n: usize) {
        self.stat(stat).add(n, Relaxed);
    }

    /// Reads the counter `stat` of `dev->stats` (`DEV_STATS_READ()`).
    #[inline]
    pub fn stats_read(&self, stat: Stat) -> u64 {
        self.stat(stat).load(Relaxed) as u64
    }

    /// Adds one to the counter `stat` of `dev->stats` (`DEV_STATS_INC()`).
    #[inline]
    pub fn stats_inc(&self, stat: Stat) {
        self.stats_add(stat, 1);
    }
}
// @series{tap

/// Returns the private area of `dev`, `netdev_priv(dev)`.
///
/// Computed here rather than through the C helper, so that it costs nothing also in kernels
/// built without `CONFIG_RUST_INLINE_HELPERS`. Only the address is computed, nothing is read.
///
/// `dev` often comes from a reference to the `net_device` (`Device::as_raw`), and the area lies
/// past the structure: the pointer arithmetic of `netdev_priv()` and of `container_of!`, which
/// Tree Borrows allows for an `Opaque` (Stacked Borrows would not).
#[inline]
pub(crate) fn priv_area(dev: *mut bindings::net_device) -> *mut u8 {
    // `netdev_priv()` returns `dev->priv`, the flexible array at the end of the structure;
    // bindgen places the field at its C offset.
    dev.wrapping_byte_add(core::mem::offset_of!(bindings::net_device, priv_))
        .cast()
}
// @series}

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
}
