// SPDX-License-Identifier: GPL-2.0

//! The operations of a network device driver, `struct net_device_ops`.

use super::{
    // @series{queue
    queue::{
        self,
        QueueState,
        QueueWork, //
    },
    // @series}
    // @series{!queue
    queue::QueueState,
    // @series}
    Device,
    Init,
    OpsLocked,
    PcpuStats,
    Rtnl,
    Xmit, //
};
use crate::{
    bindings,
    error::{
        from_result,
        VTABLE_DEFAULT_ERROR, //
    },
    // @series{tap
    module::this_module,
    net::{
        skbuff::SkBuff,
        tap::{
            self,
            TapSlot, //
        }, //
    },
    // @series}
    // @series{!tap
    net::skbuff::SkBuff,
    // @series}
    prelude::*,
    sync::atomic::{
        Atomic,
        Relaxed, //
    },
    types::Opaque, //
};
use core::marker::PhantomData;

/// Interface statistics reported to user space, `struct rtnl_link_stats64`.
///
/// The core hands a zeroed instance to [`Operations::get_stats64`]; fields the driver does not
/// set stay zero.
///
/// # Examples
///
/// A monitor device reports what it counted as received, as nlmon does:
///
/// ```
/// use kernel::net::device::{Device, Lstats, Operations, Stats64};
///
/// fn get_stats64<T: Operations<PcpuStats = Lstats>>(dev: &Device<T>, stats: &mut Stats64) {
///     let (packets, bytes) = dev.lstats_read();
///     stats.set_rx_packets(packets);
///     stats.set_rx_bytes(bytes);
/// }
/// ```
///
/// A device with counts of its own adds the drops the core and the driver counted in
/// `dev->stats`, as ifb does:
///
/// ```
/// use kernel::net::device::{Device, Operations, Stat, Stats64};
///
/// fn get_stats64<T: Operations>(dev: &Device<T>, stats: &mut Stats64, counts: [u64; 4]) {
///     stats.set_rx_packets(counts[0]);
///     stats.set_rx_bytes(counts[1]);
///     stats.set_tx_packets(counts[2]);
///     stats.set_tx_bytes(counts[3]);
///     stats.set_rx_dropped(dev.stats_read(Stat::RxDropped));
///     stats.set_tx_dropped(dev.stats_read(Stat::TxDropped));
/// }
/// ```
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

    /// Sets the number of packets dropped on receive.
    pub fn set_rx_dropped(&mut self, v: u64) {
        self.0.rx_dropped = v;
    }

    /// Sets the number of packets dropped on transmit.
    pub fn set_tx_dropped(&mut self, v: u64) {
        self.0.tx_dropped = v;
    }
}

/// The operations of a network device driver, `struct net_device_ops`.
///
/// Only the callbacks a driver implements are given to the core. Each gets the device in the
/// context that says what the core guarantees when it calls it (see [`DeviceContext`]).
///
/// [`DeviceContext`]: super::DeviceContext
///
/// # Examples
///
/// An Ethernet-like device that takes any address user space gives it, checks its MTU changes
/// and counts the buffers it drops:
///
/// ```
/// use kernel::net::{
///     device::{self, Device, OpsLocked, Rtnl, SockAddr, Stats64, Xmit},
///     skbuff::{DropReason, SkBuff},
/// };
/// use kernel::prelude::*;
///
/// struct Blackhole;
///
/// #[vtable]
/// impl device::Operations for Blackhole {
///     type PcpuStats = device::Lstats;
///     type TxQueue = ();
///
///     fn open(dev: &Device<Self, Rtnl>) -> Result {
///         dev.carrier_on();
///         Ok(())
///     }
///
///     fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
///         dev.lstats_add(skb.len());
///         skb.drop_reason(DropReason::DevReady);
///     }
///
///     fn set_mac_address(dev: &Device<Self, OpsLocked>, addr: &SockAddr) -> Result {
///         dev.eth_mac_addr(addr)
///     }
///
///     fn validate_addr(dev: &Device<Self, Rtnl>) -> Result {
///         dev.eth_validate_addr()
///     }
///
///     fn change_mtu(_dev: &Device<Self, OpsLocked>, new_mtu: u32) -> Result {
///         // Odd sizes are refused with `EINVAL`; the MTU stays what it was.
///         if new_mtu % 2 != 0 {
///             return Err(EINVAL);
///         }
///         Ok(())
///     }
///
///     fn get_stats64(dev: &Device<Self>, stats: &mut Stats64) {
///         let (packets, _) = dev.lstats_read();
///         stats.set_tx_packets(packets);
///     }
/// }
/// ```
#[vtable]
pub trait Operations: Sized + Send + Sync + 'static {
    /// The per-CPU statistics the core allocates for the device, see [`PcpuStats`].
    type PcpuStats: PcpuStats;
    // @series{queue

    /// The state the driver keeps for each transmit queue of a device, `()` for none; see
    /// [`QueueState`]. A driver with a state other than `()` implements
    /// [`Operations::tx_queue_work`] (anything else does not compile), and its devices are not
    /// lockless.
    // @series}
    // @series{!queue
    /// The state the driver keeps for each transmit queue of a device, `()` for none; see
    /// [`QueueState`].
    // @series}
    type TxQueue: QueueState;
    // @series{tap

    /// The tap of a monitor device, if it has one: while the device is up, the core hands it a
    /// copy of every message of the tap's kind (see [`tap`](crate::net::tap)); its devices get
    /// the type the kind needs.
    const TAP: Option<tap::Kind> = None;
    // @series}

    /// Finishes the initialisation of the device (`ndo_init`, under RTNL); the device is not
    /// visible to anyone else yet, and its per-CPU statistics do not exist yet.
    ///
    /// An error fails the registration of the device.
    fn init(_dev: &Device<Self, Init>) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Brings the device up (`ndo_open`; RTNL is asserted by `__dev_open`).
    // @series{tap
    ///
    /// A device with a [`Operations::TAP`] has its tap linked already; an error unlinks it
    /// again, and the device stays down.
    // @series}
    fn open(_dev: &Device<Self, Rtnl>) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    // @series{tap
    /// Takes the device down (`ndo_stop`; RTNL is asserted by `__dev_close_many`). The core
    /// ignores an error: the device goes down anyway, and its tap, if it has one, is unlinked
    /// after this returns.
    // @series}
    // @series{!tap
    /// Takes the device down (`ndo_stop`; RTNL is asserted by `__dev_close_many`). The core
    /// ignores an error: the device goes down anyway.
    // @series}
    fn stop(_dev: &Device<Self, Rtnl>) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Transmits `skb` (`ndo_start_xmit`).
    ///
    /// Runs with bottom halves disabled (interrupts too when netpoll transmits), possibly on
    /// several CPUs at once. The driver owns the buffer: it must consume it or drop it with a
    /// reason.
    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>);
    // @series{queue

    /// The deferred work of a transmit queue, asked for by [`XmitQueue::schedule_work`] or
    /// [`QueueWork::schedule`]: runs in a bottom half, one instance per queue at a time, until
    /// the device is unregistered (`ndo_uninit` waits for it and disables it).
    ///
    /// [`XmitQueue::schedule_work`]: super::XmitQueue::schedule_work
    ///
    /// # Examples
    ///
    /// A device that hands what it is sent back to the device it came from, from each queue's
    /// work, as ifb does (without its statistics and flow control):
    ///
    /// ```
    /// use kernel::net::{
    ///     device::{self, Device, QueueState, QueueWork, Xmit},
    ///     skbuff::{SkBuff, SkbList},
    /// };
    /// use kernel::prelude::*;
    ///
    /// struct Bounce;
    ///
    /// #[derive(Default)]
    /// struct Queue;
    ///
    /// impl QueueState for Queue {
    ///     type Locked = SkbList;
    ///     type Work = ();
    /// }
    ///
    /// #[vtable]
    /// impl device::Operations for Bounce {
    ///     type PcpuStats = device::NoPcpuStats;
    ///     type TxQueue = Queue;
    ///
    ///     fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
    ///         let _ = dev.with_tx_queue(skb, |txq, skb| {
    ///             if let Some(skb) = skb.into_queued() {
    ///                 txq.locked().push_back(skb);
    ///                 txq.schedule_work();
    ///             }
    ///         });
    ///     }
    ///
    ///     fn tx_queue_work(_dev: &Device<Self>, work: &mut QueueWork<'_, Self>) {
    ///         let Some(mut waiting) = work.with_lock(|q| core::mem::take(q.locked())) else {
    ///             work.schedule();
    ///             return;
    ///         };
    ///         while let Some(skb) = waiting.pop_front() {
    ///             match work.dev_get_by_index(skb.iif()) {
    ///                 Some(to) => work.dev_queue_xmit(skb, to),
    ///                 None => skb.consume(),
    ///             }
    ///         }
    ///     }
    /// }
    /// ```
    fn tx_queue_work(_dev: &Device<Self>, _work: &mut QueueWork<'_, Self>) {
        build_error!(VTABLE_DEFAULT_ERROR)
    }
    // @series}

    /// Updates the address filters of the device from snapshots of its unicast and multicast
    /// address lists (`ndo_set_rx_mode_async`), from a work item with the device's operations
    /// lock held (`netdev_assert_locked_ops_compat` in `netif_rx_mode_run`).
    ///
    /// An error asks the core to try again later.
    fn set_rx_mode_async(
        _dev: &Device<Self, OpsLocked>,
        _uc: &HwAddrList,
        _mc: &HwAddrList,
    ) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Sets the hardware address (`ndo_set_mac_address`, from `netif_set_mac_address` with the
    /// device's operations lock held); see [`Device::eth_mac_addr`].
    fn set_mac_address(_dev: &Device<Self, OpsLocked>, _addr: &SockAddr) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Checks the hardware address before the device comes up (`ndo_validate_addr`, from
    /// `__dev_open` with RTNL asserted); see [`Device::eth_validate_addr`].
    fn validate_addr(_dev: &Device<Self, Rtnl>) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Fills in the interface statistics (`ndo_get_stats64`).
    ///
    /// Runs under RCU or RTNL, concurrently with transmission; it must not sleep.
    fn get_stats64(_dev: &Device<Self>, _stats: &mut Stats64) {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Changes the carrier as user space asks (`ndo_change_carrier`, from
    /// `netif_change_carrier` with the device's operations lock held), for software devices.
    fn change_carrier(_dev: &Device<Self, OpsLocked>, _new_carrier: bool) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Checks a new MTU (`ndo_change_mtu`, from `netif_set_mtu_ext`, which asserts the
    /// device's operations lock).
    ///
    /// `new_mtu` is within the device's `min_mtu` and `max_mtu` (the core refuses other values
    /// before the call). On success the device's MTU becomes `new_mtu`; an error leaves it
    /// unchanged and is returned to user space. Without this callback every MTU within the
    /// limits is accepted.
    fn change_mtu(_dev: &Device<Self, OpsLocked>, _new_mtu: u32) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Returns the interface index of the device this one is linked to, what `ip link` shows
    /// after `@` (`ndo_get_iflink`, from `dev_get_iflink` under RCU); zero for none.
    ///
    /// A device of a kind of pairs returns its peer's, as veth and vxcan do; without this
    /// callback the core reports the device's own index.
    fn get_iflink(_dev: &Device<Self>) -> i32 {
        build_error!(VTABLE_DEFAULT_ERROR)
    }
}

/// A snapshot of a device's list of hardware addresses, `struct netdev_hw_addr_list`.
///
/// # Invariants
///
/// `self.0` is a valid list that does not change while this reference exists.
///
/// # Examples
///
/// A device without address filters accepts every list, as dummy does; one with filters
/// would program them from the lists (which no driver here does yet):
///
/// ```
/// use kernel::net::device::{Device, HwAddrList, OpsLocked, Operations};
///
/// fn set_rx_mode_async<T: Operations>(
///     _dev: &Device<T, OpsLocked>,
///     _uc: &HwAddrList,
///     _mc: &HwAddrList,
/// ) -> Result {
///     Ok(())
/// }
/// ```
#[repr(transparent)]
pub struct HwAddrList(Opaque<bindings::netdev_hw_addr_list>);

/// A hardware address as user space gives it, `struct sockaddr`.
///
/// # Invariants
///
/// `self.0` is a valid `struct sockaddr` for as long as this reference exists.
///
/// # Examples
///
/// The stock Ethernet answer to `ip link set DEV address ADDR`:
///
/// ```
/// use kernel::net::device::{Device, OpsLocked, Operations, SockAddr};
///
/// fn set_mac_address<T: Operations>(dev: &Device<T, OpsLocked>, addr: &SockAddr) -> Result {
///     dev.eth_mac_addr(addr)
/// }
/// ```
#[repr(transparent)]
pub struct SockAddr(Opaque<bindings::sockaddr>);

impl SockAddr {
    pub(super) fn as_raw(&self) -> *mut bindings::sockaddr {
        self.0.get()
    }
}

/// Returns the `net_device_ops` of `T`.
pub(super) fn vtable<T: Operations>() -> &'static bindings::net_device_ops {
    &Adapter::<T>::VTABLE
}

/// The `net_device_ops` table and the trampolines of a driver `T`.
struct Adapter<T: Operations>(PhantomData<T>);

impl<T: Operations> Adapter<T> {
    // @series{queue
    /// Whether the devices of `T` have queue state, which `ndo_init` allocates and `ndo_uninit`
    /// quiesces.
    const QUEUES: bool = {
        assert!(
            T::HAS_TX_QUEUE_WORK != T::TxQueue::NONE,
            "a driver with a `TxQueue` state implements `tx_queue_work`, and only such a driver"
        );
        !T::TxQueue::NONE
    };

    // @series}
    // @series{tap
    /// The kind of tap of `T`, in static memory: the tap functions take it by reference, which
    /// costs a callback one address where a copy of the kind cost a stack slot.
    const TAP: &'static Option<tap::Kind> = &T::TAP;

    // @series}
    const VTABLE: bindings::net_device_ops = bindings::net_device_ops {
        // @series{queue
        ndo_init: if T::HAS_INIT || Self::QUEUES {
            Some(Self::init_callback)
        } else {
            None
        },
        ndo_uninit: if Self::QUEUES {
            Some(Self::uninit_callback)
        } else {
            None
        },
        // @series}
        // @series{!queue
        ndo_init: if T::HAS_INIT {
            Some(Self::init_callback)
        } else {
            None
        },
        // @series}
        // @series{tap
        ndo_open: if T::HAS_OPEN || T::TAP.is_some() {
            Some(Self::open_callback)
        } else {
            None
        },
        ndo_stop: if T::HAS_STOP || T::TAP.is_some() {
            Some(Self::stop_callback)
        } else {
            None
        },
        // @series}
        // @series{!tap
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
        // @series}
        ndo_start_xmit: Some(Self::start_xmit_callback),
        ndo_get_stats64: if T::HAS_GET_STATS64 {
            Some(Self::get_stats64_callback)
        } else {
            None
        },
        ndo_set_rx_mode_async: if T::HAS_SET_RX_MODE_ASYNC {
            Some(Self::set_rx_mode_async_callback)
        } else {
            None
        },
        ndo_set_mac_address: if T::HAS_SET_MAC_ADDRESS {
            Some(Self::set_mac_address_callback)
        } else {
            None
        },
        ndo_validate_addr: if T::HAS_VALIDATE_ADDR {
            Some(Self::validate_addr_callback)
        } else {
            None
        },
        ndo_change_carrier: if T::HAS_CHANGE_CARRIER {
            Some(Self::change_carrier_callback)
        } else {
            None
        },
        ndo_change_mtu: if T::HAS_CHANGE_MTU {
            Some(Self::change_mtu_callback)
        } else {
            None
        },
        ndo_get_iflink: if T::HAS_GET_IFLINK {
            Some(Self::get_iflink_callback)
        } else {
            None
        },
        // SAFETY: All-zero is a valid `net_device_ops`: every other member is an optional
        // function pointer, `None` telling the core the callback is not implemented.
        ..unsafe { core::mem::MaybeUninit::zeroed().assume_init() }
    };

    /// # Safety
    ///
    /// Called by the core from `register_netdevice` (RTNL asserted) on a device allocated for
    /// `T`, before it is visible to anyone else.
    unsafe extern "C" fn init_callback(dev: *mut bindings::net_device) -> c_int {
        from_result(|| {
            // @series{queue
            if Self::QUEUES {
                // SAFETY: `dev` is a device of `T`, with queue state, in `ndo_init`, which the core
                // calls once per registration; its slots start zeroed (`alloc_netdev_mqs`).
                unsafe { queue::alloc::<T>(dev) }?;
            }
            // @series}
            if T::HAS_INIT {
                // @series{!queue
                // SAFETY: The device is allocated for `T` and RTNL is held
                // (`register_netdevice` asserts it, `ASSERT_RTNL`, before it calls `ndo_init`).
                T::init(unsafe { Device::from_raw(dev) })?;
                // @series}
                // @series{queue
                // SAFETY: The device is allocated for `T` and RTNL is held
                // (`register_netdevice` asserts it, `ASSERT_RTNL`, before it calls `ndo_init`).
                if let Err(e) = T::init(unsafe { Device::from_raw(dev) }) {
                    // The core calls neither `ndo_uninit` nor `priv_destructor` when `ndo_init`
                    // fails (`register_netdevice`), and the work never ran.
                    // SAFETY: `dev` is in `ndo_init` after `alloc`, unreachable by anyone else;
                    // process context. Quiesced once, then freed.
                    unsafe {
                        queue::quiesce::<T>(dev);
                        queue::free::<T>(dev);
                    }
                    return Err(e);
                }
                // @series}
            }
            Ok(0)
        })
    }
    // @series{queue

    /// # Safety
    ///
    /// Called by the core from `unregister_netdevice_many_notify` or the failure path of
    /// `register_netdevice` (RTNL held, process context) on a device of `T` whose `ndo_init`
    /// succeeded, after it was closed and unlisted.
    unsafe extern "C" fn uninit_callback(dev: *mut bindings::net_device) {
        // SAFETY: `dev` is a device of `T` in `ndo_uninit`, in process context; its slots are
        // freed by its `priv_destructor`, later (`netdev_run_todo`, or right after on the
        // failure path of `register_netdevice`).
        unsafe { queue::quiesce::<T>(dev) };
    }
    // @series}

    /// # Safety
    ///
    /// Called by the core from `__dev_open` (RTNL asserted) on a registered device of `T` that
    /// is down.
    unsafe extern "C" fn open_callback(dev: *mut bindings::net_device) -> c_int {
        from_result(|| {
            // @series{tap
            if let Some(kind) = Self::TAP {
                let module = this_module::<T::OwnerModule>().as_ptr();
                // SAFETY: This is `ndo_open` of `dev`, a device of `T`, which has a tap slot; the
                // device is down, so its tap is not linked (`netif_open` returns early for an
                // `IFF_UP` device, `__dev_change_flags` opens only one without it, and
                // `__dev_open` clears `__LINK_STATE_START` on failure).
                unsafe { TapSlot::link(TapSlot::of(dev), kind, dev, module) }?;
            }
            // @series}
            if T::HAS_OPEN {
                // @series{tap
                // SAFETY: The device is registered, and RTNL and the operations lock are held
                // (`__dev_open` asserts both: `ASSERT_RTNL`, `netdev_assert_locked_ops_compat`;
                // its callers take the latter with `netdev_lock_ops`).
                let res = T::open(unsafe { Device::from_raw(dev) });
                if let (Err(_), Some(kind)) = (res, Self::TAP) {
                    // SAFETY: This is `ndo_open` of `dev`; it fails, so the device stays down
                    // (`__dev_open` clears `__LINK_STATE_START` and does not set `IFF_UP`) and
                    // its tap must not stay linked.
                    unsafe { TapSlot::unlink(TapSlot::of(dev), kind) };
                }
                res?;
                // @series}
                // @series{!tap
                // SAFETY: The device is registered, and RTNL and the operations lock are held
                // (`__dev_open` asserts both: `ASSERT_RTNL`, `netdev_assert_locked_ops_compat`;
                // its callers take the latter with `netdev_lock_ops`).
                T::open(unsafe { Device::from_raw(dev) })?;
                // @series}
            }
            Ok(0)
        })
    }

    /// # Safety
    ///
    /// Called by the core from `__dev_close_many` (RTNL asserted) on a registered device of
    /// `T` that is up.
    unsafe extern "C" fn stop_callback(dev: *mut bindings::net_device) -> c_int {
        let res = if T::HAS_STOP {
            // SAFETY: The device is registered, and RTNL and the operations lock are held
            // (`__dev_close_many` asserts both: `ASSERT_RTNL`, `netdev_assert_locked_ops_compat`).
            T::stop(unsafe { Device::from_raw(dev) })
        } else {
            Ok(())
        };
        // @series{tap
        if let Some(kind) = Self::TAP {
            // SAFETY: This is `ndo_stop` of `dev`: the device goes down whatever `stop`
            // returned (`__dev_close_many` ignores the result), and it is still in the namespace
            // its tap was linked in (`__dev_change_net_namespace` calls `netif_close` before it
            // moves a device).
            unsafe { TapSlot::unlink(TapSlot::of(dev), kind) };
        }
        // @series}
        from_result(|| res.map(|()| 0))
    }

    /// # Safety
    ///
    /// Called by the core's transmit path with bottom halves disabled, with an skb it hands
    /// over to the driver.
    unsafe extern "C" fn start_xmit_callback(
        skb: *mut bindings::sk_buff,
        dev: *mut bindings::net_device,
    ) -> bindings::netdev_tx_t {
        // SAFETY: The core passes ownership of a valid skb to `ndo_start_xmit` (`xmit_one` ->
        // `netdev_start_xmit`).
        let skb = unsafe { SkBuff::from_raw(skb) };
        // SAFETY: The device is registered and this is its transmit path, with bottom halves
        // disabled (`__dev_queue_xmit` takes `rcu_read_lock_bh`; `netpoll_send_skb` disables
        // interrupts).
        T::start_xmit(skb, unsafe { Device::from_raw(dev) });
        bindings::netdev_tx_NETDEV_TX_OK
    }

    /// # Safety
    ///
    /// Called by the core from `netif_rx_mode_run` with the device's operations lock held on a
    /// registered device of `T`, with snapshots of its address lists valid for the call.
    unsafe extern "C" fn set_rx_mode_async_callback(
        dev: *mut bindings::net_device,
        uc: *mut bindings::netdev_hw_addr_list,
        mc: *mut bindings::netdev_hw_addr_list,
    ) -> c_int {
        from_result(|| {
            // CAST: `HwAddrList` is a `repr(transparent)` wrapper of the C list.
            // SAFETY: The snapshots are valid and not changed during the call: they are the local
            // `uc_snap` and `mc_snap` of `netif_rx_mode_run` (net/core/dev_addr_lists.c).
            let (uc, mc) = unsafe { (&*uc.cast::<HwAddrList>(), &*mc.cast::<HwAddrList>()) };
            // SAFETY: The device is registered and its operations lock is held
            // (`netif_rx_mode_run` asserts it, `netdev_assert_locked_ops_compat`).
            T::set_rx_mode_async(unsafe { Device::from_raw(dev) }, uc, mc)?;
            Ok(0)
        })
    }

    /// # Safety
    ///
    /// Called by the core from `netif_set_mac_address` with the device's operations lock held
    /// on a registered device of `T`, with `addr` pointing to a `struct sockaddr` valid for the
    /// call.
    unsafe extern "C" fn set_mac_address_callback(
        dev: *mut bindings::net_device,
        addr: *mut c_void,
    ) -> c_int {
        from_result(|| {
            // CAST: `SockAddr` is a `repr(transparent)` wrapper of `struct sockaddr`.
            // SAFETY: The core passes a valid `struct sockaddr` for the call:
            // `netif_set_mac_address` passes the `struct sockaddr_storage` of its caller
            // (`dev_set_mac_address[_user]`, `do_setlink`).
            let addr = unsafe { &*addr.cast::<SockAddr>() };
            // SAFETY: The device is registered and its operations lock is held:
            // `netif_set_mac_address` takes none itself, its callers `dev_set_mac_address[_user]`
            // and `do_setlink` take it (`netdev_lock_ops`).
            T::set_mac_address(unsafe { Device::from_raw(dev) }, addr)?;
            Ok(0)
        })
    }

    /// # Safety
    ///
    /// Called by the core from `__dev_open` (RTNL asserted) on a registered device of `T`.
    unsafe extern "C" fn validate_addr_callback(dev: *mut bindings::net_device) -> c_int {
        from_result(|| {
            // SAFETY: The device is registered, and RTNL and the operations lock are held
            // (`__dev_open` asserts both: `ASSERT_RTNL`, `netdev_assert_locked_ops_compat`).
            T::validate_addr(unsafe { Device::from_raw(dev) })?;
            Ok(0)
        })
    }

    /// # Safety
    ///
    /// Called by the core from `netif_change_carrier` with the device's operations lock held
    /// on a registered device of `T`.
    unsafe extern "C" fn change_carrier_callback(
        dev: *mut bindings::net_device,
        new_carrier: bool,
    ) -> c_int {
        from_result(|| {
            // SAFETY: The device is registered and its operations lock is held:
            // `netif_change_carrier` takes none itself, its callers `dev_change_carrier` and
            // `do_setlink` take it (`netdev_lock_ops`).
            T::change_carrier(unsafe { Device::from_raw(dev) }, new_carrier)?;
            Ok(0)
        })
    }

    /// # Safety
    ///
    /// Called by the core from `__netif_set_mtu` (after `netif_set_mtu_ext` asserted the
    /// device's operations lock) on a registered device of `T`.
    unsafe extern "C" fn change_mtu_callback(
        dev: *mut bindings::net_device,
        new_mtu: c_int,
    ) -> c_int {
        from_result(|| {
            // `dev_validate_mtu` refuses a negative MTU before the call.
            let mtu = u32::try_from(new_mtu).map_err(|_| EINVAL)?;
            // SAFETY: The device is registered and its operations lock is held (`netif_set_mtu_ext`
            // asserts it, `netdev_assert_locked_ops_compat`, before `__netif_set_mtu`).
            T::change_mtu(unsafe { Device::from_raw(dev) }, mtu)?;
            // SAFETY: `dev` is valid. The operations lock serialises writers of `mtu`; lockless
            // readers use `READ_ONCE`, so the store is atomic (`WRITE_ONCE`, as
            // `__netif_set_mtu` does).
            unsafe { Atomic::from_ptr(&raw mut (*dev).mtu) }.store(mtu, Relaxed);
            Ok(0)
        })
    }

    /// # Safety
    ///
    /// Called by the core on a registered device of `T` with a valid, zeroed `stats`.
    unsafe extern "C" fn get_stats64_callback(
        dev: *mut bindings::net_device,
        stats: *mut bindings::rtnl_link_stats64,
    ) {
        // SAFETY: `stats` is valid and only this callback writes it while it runs
        // (`dev_get_stats` zeroes the caller's storage with `memset`, then calls
        // `ndo_get_stats64`).
        let stats = unsafe { &mut *stats.cast::<Stats64>() };
        // SAFETY: The device is registered, and its per-CPU statistics exist: the caller of
        // `dev_get_stats` holds a reference, RTNL or RCU, and `netdev_run_todo` frees them only
        // after `synchronize_net()` and the last reference (`unregister_netdevice_many_notify`,
        // `netdev_wait_allrefs_any`, `free_netdev` in `dev.c`).
        T::get_stats64(unsafe { Device::from_raw(dev) }, stats);
    }

    /// # Safety
    ///
    /// Called by the core from `dev_get_iflink` (under RCU, or with RTNL held) on a registered
    /// device of `T`.
    unsafe extern "C" fn get_iflink_callback(dev: *const bindings::net_device) -> c_int {
        // SAFETY: The device is registered, and it is not freed while the caller's RCU section or
        // RTNL lasts (`dev_get_iflink` is called under one of them, and the core frees a device
        // only after `synchronize_net` in `unregister_netdevice_many_notify`).
        T::get_iflink(unsafe { Device::from_raw(dev.cast_mut()) })
    }
}
