// SPDX-License-Identifier: GPL-2.0

// @series{!queue
//! Transmit queues: the state a driver keeps for each one.
//!
//! So far a driver keeps none, `()`.
//!
//! C header: [`include/linux/netdevice.h`](srctree/include/linux/netdevice.h)

// @series{tap
use super::Operations;
use crate::net::tap::TapSlot;

// @series}
/// The state a driver keeps for each transmit queue of a device, [`Operations::TxQueue`]: so far
/// `()`, none.
///
/// [`Operations::TxQueue`]: super::Operations::TxQueue
///
/// # Examples
///
/// What a driver without per-queue state states in its operations:
///
/// ```
/// use kernel::net::device::{Device, Operations, Xmit};
/// use kernel::net::skbuff::SkBuff;
/// use kernel::prelude::*;
///
/// struct Drv;
///
/// #[vtable]
/// impl Operations for Drv {
///     type PcpuStats = kernel::net::device::NoPcpuStats;
///     type TxQueue = ();
///
///     fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
///         skb.consume();
///     }
/// }
/// ```
pub trait QueueState: Send + Sync + 'static {
    /// Whether this is `()`, the state of a driver that keeps none.
    #[doc(hidden)]
    const NONE: bool = false;
}

impl QueueState for () {
    const NONE: bool = true;
}
// @series{tap

/// Where what follows the transmit queues' state may lie in the private area of a device of
/// `T`: after its tap slot.
pub(crate) const fn slots_end<T: Operations>() -> usize {
    if T::TAP.is_some() {
        size_of::<TapSlot>()
    } else {
        0
    }
}
// @series}
// @series}
// @series{queue
//! Transmit queues: the state a driver keeps for each one, and the work it defers from each.
//!
//! A device has the transmit queues it was created with (`ip link add ... numtxqueues N`; one
//! for the devices a driver makes itself), each with a lock that the core holds around
//! `ndo_start_xmit` of a buffer mapped to that queue. A driver that hands what it is sent on
//! later, as ifb does from a bottom half, keeps per queue ([`Operations::TxQueue`]):
//!
//! - what only the queue's transmit path and its work reach, under the queue's lock
//!   ([`QueueState::Locked`], lent by [`Device::with_tx_queue`] and [`QueueWork::with_lock`]):
//!   the buffers waiting for the work;
//! - what only the queue's work reaches ([`QueueState::Work`]): the buffers it is handing on;
//! - what anyone may read, the [`QueueState`] itself: the queue's statistics ([`Counter`]).
//!
//! The work ([`Operations::tx_queue_work`]) runs in a bottom half, a tasklet of the queue as in
//! C ifb, one instance per queue at a time, once [`XmitQueue::schedule_work`] or
//! [`QueueWork::schedule`] asked for it. The abstraction allocates the queues' state when the
//! device registers (`ndo_init`), stops their work for good and drops the buffers they hold when
//! it unregisters (`ndo_uninit`), and frees the state when the core frees the device.
//!
//! A tasklet rather than a work item of `system_bh_wq`: the work is asked for about once per
//! packet under light load, and `make bench` measured ifb's rounds at 0.84 of C's with a work
//! item, whose queueing and running cost more than a tasklet's.
//!
//! C header: [`include/linux/netdevice.h`](srctree/include/linux/netdevice.h)

use super::{
    Device,
    Operations,
    Xmit, //
};
use crate::{
    alloc::{
        allocator::KVmalloc,
        Allocator,
        NumaNode, //
    },
    bindings,
    net::{
        netdev::{
            priv_area,
            NetDev, //
        },
        skbuff::{
            QueuedSkBuff,
            SkBuff, //
        },
        tap::TapSlot,
    },
    prelude::*,
    sync::{
        atomic::{
            Acquire,
            Atomic,
            Relaxed,
            Release, //
        },
        rcu, //
    },
    types::Opaque, //
};
use core::{
    alloc::Layout,
    cell::{
        Cell,
        UnsafeCell, //
    },
    marker::PhantomData,
    mem::ManuallyDrop,
    ptr::NonNull, //
};

/// The state a driver keeps for each transmit queue of a device, [`Operations::TxQueue`].
///
/// The value itself is shared: the queue's transmit path, its work and readers of statistics
/// ([`Device::tx_queue_states`]) reach it at once, so what changes in it is atomic, such as
/// [`Counter`]s. [`QueueState::Locked`] and [`QueueState::Work`] are reached by one at a time.
///
/// `()` is the state of a driver that keeps none: its devices have no per-queue state and no
/// work.
///
/// # Examples
///
/// ifb's queues: the buffers waiting for the work under the queue's lock, those the work is
/// handing on, and what was received and sent:
///
/// ```
/// use kernel::net::{
///     device::{Counter, QueueState},
///     skbuff::SkbList,
/// };
///
/// #[derive(Default)]
/// struct Queue {
///     rx_packets: Counter,
///     rx_bytes: Counter,
///     tx_packets: Counter,
///     tx_bytes: Counter,
/// }
///
/// #[derive(Default)]
/// struct Waiting {
///     rq: SkbList,
///     work_pending: bool,
/// }
///
/// impl QueueState for Queue {
///     type Locked = Waiting;
///     type Work = SkbList;
/// }
/// ```
pub trait QueueState: Default + Send + Sync + 'static {
    /// What only the queue's transmit path and its work reach, with the queue's transmit lock
    /// held ([`XmitQueue::locked`], [`QueueGuard::locked`]). It is dropped in process context
    /// when the device is unregistered; a transmit path that comes after is refused
    /// ([`Device::with_tx_queue`] gives its buffer back).
    type Locked: Default + Send + 'static;

    /// What only the queue's work reaches ([`QueueWork::work`]). It is dropped in process
    /// context when the device is unregistered, once the work stopped for good.
    type Work: Default + Send + 'static;

    /// Whether this is `()`, the state of a driver that keeps none: its devices get no state and
    /// no work. Another type that says so gets none either.
    #[doc(hidden)]
    const NONE: bool = false;
}

impl QueueState for () {
    type Locked = ();
    type Work = ();
    const NONE: bool = true;
}

/// A 64-bit statistics counter with one writer at a time and any number of readers, as
/// `u64_stats_t` is in C.
///
/// The writer is whoever owns the counting, such as a queue's transmit path under the queue's
/// lock: [`Counter::add`] is a plain load and store, as cheap as C's. Two writers at once lose
/// counts, nothing worse.
///
/// # Examples
///
/// ```
/// use kernel::net::device::Counter;
///
/// let bytes = Counter::default();
/// bytes.add(1500);
/// bytes.add(60);
/// assert_eq!(bytes.get(), 1560);
/// ```
pub struct Counter(Atomic<u64>);

impl Default for Counter {
    #[inline]
    fn default() -> Self {
        Self(Atomic::new(0))
    }
}

impl Counter {
    /// Adds `n` to the counter.
    #[inline]
    pub fn add(&self, n: u64) {
        self.0.store(self.0.load(Relaxed).wrapping_add(n), Relaxed);
    }

    /// Returns the value of the counter.
    #[inline]
    pub fn get(&self) -> u64 {
        self.0.load(Relaxed)
    }
}

/// The state and the work of one transmit queue.
///
/// # Invariants
///
/// - `dev` is the device whose private area points to the array this slot is in, and `index`
///   this slot's place in it, below `dev->num_tx_queues`.
/// - `tasklet` was initialised in place by `tasklet_setup` with [`Slot::tasklet_callback`]; the
///   slot does not move until it is freed, after `tasklet_kill`. Once [`Slot::kill`] returned,
///   the driver's work does not run again; a transmit path that raced with it may still queue
///   the tasklet, whose run then returns at once, until the `kill` of `free`.
/// - `locked` and `busy` are only reached with the transmit lock of queue `index` held, and
///   `locked` only while `busy` is true and `dead` false, through the one [`XmitQueue`] or
///   [`QueueGuard`] lent then.
/// - `deferred` is only reached by the work ([`QueueWork`]).
/// - `locked` and `deferred` are valid until [`quiesce`] drops them, once `dead` is set and
///   seen by every transmit path, and the tasklet killed; they are not reached after that (and,
///   `ManuallyDrop`, not dropped with the slot).
#[repr(C, align(64))]
struct Slot<T: Operations> {
    tasklet: Opaque<bindings::tasklet_struct>,
    dead: Atomic<bool>,
    dev: *mut bindings::net_device,
    index: u32,
    busy: Cell<bool>,
    locked: UnsafeCell<ManuallyDrop<<T::TxQueue as QueueState>::Locked>>,
    deferred: UnsafeCell<ManuallyDrop<<T::TxQueue as QueueState>::Work>>,
    state: T::TxQueue,
}

// SAFETY: The fields that are not `Sync` are reached by one thread at a time (type invariants):
// `locked` and `busy` under the queue's transmit lock, `deferred` by the work, a tasklet, which
// runs on one CPU at a time (`tasklet_action_common` runs it only if `tasklet_trylock` takes
// its `TASKLET_STATE_RUN` bit, kernel/softirq.c). `QueueState` is `Sync`, and `Locked` and
// `Work` are `Send`.
unsafe impl<T: Operations> Sync for Slot<T> {}

// SAFETY: As above; the slots are dropped by whichever thread frees the device, and their
// contents are `Send`.
unsafe impl<T: Operations> Send for Slot<T> {}

/// The slots of a device, kept in its private area: an array of `len` `Slot<T>` allocated with
/// [`KVmalloc`] for the layout [`slots_layout`] gives, all zero until `ndo_init` allocated it and
/// again once it is freed.
#[repr(C)]
pub(crate) struct Slots {
    ptr: *mut c_void,
    len: usize,
}

// The slots lie in the private area, which is aligned to `NETDEV_ALIGN` (`alloc_netdev_mqs`).
const _: () = assert!(align_of::<Slots>() <= bindings::NETDEV_ALIGN as usize);

/// The layout of the slots of a device of `T` with `n` transmit queues.
///
/// A device has at most 4096 transmit queues (`rtnl_create_link`, `alloc_netdev_mqs`): the size
/// of their slots, `n` times a few hundred bytes at most for the drivers that keep state, does
/// not come near `isize::MAX`, but it is checked all the same.
#[inline]
fn slots_layout<T: Operations>(n: usize) -> Result<Layout> {
    Layout::array::<Slot<T>>(n).map_err(|_| ENOMEM)
}

/// Allocates memory for `layout` with [`KVmalloc`], for the slots of a device.
///
/// Out of line and not generic, so that each driver does not carry its own copy.
#[inline(never)]
fn alloc_raw(layout: Layout) -> Result<NonNull<u8>> {
    Ok(KVmalloc::alloc(layout, GFP_KERNEL, NumaNode::NO_NODE)?.cast())
}

/// Frees the memory `alloc_raw` allocated for `layout`.
///
/// # Safety
///
/// `ptr` was returned by `alloc_raw` for `layout` and is not used again.
#[inline(never)]
unsafe fn free_raw(ptr: NonNull<u8>, layout: Layout) {
    // SAFETY: By the safety requirements.
    unsafe { KVmalloc::free(ptr, layout) };
}

/// Where the slots of a device of `T` lie in its private area: after its tap slot.
pub(crate) const fn slots_offset<T: Operations>() -> usize {
    if T::TAP.is_some() {
        size_of::<TapSlot>()
    } else {
        0
    }
    .next_multiple_of(align_of::<Slots>())
}

/// Where what follows the slots may lie in the private area of a device of `T`.
pub(crate) const fn slots_end<T: Operations>() -> usize {
    if T::TxQueue::NONE {
        slots_offset::<T>()
    } else {
        slots_offset::<T>() + size_of::<Slots>()
    }
}

/// Returns the slots of `dev`, a device of `T` (none if its `ndo_init` did not allocate them).
///
/// # Safety
///
/// `dev` is a device of `T` whose slots are not freed while the returned slice is used.
unsafe fn slots<'a, T: Operations>(dev: *mut bindings::net_device) -> &'a [Slot<T>] {
    if T::TxQueue::NONE {
        return &[];
    }
    // SAFETY: A device of `T` with queue state has its `Slots` at this offset of its private
    // area (`slots_end` counts it in the private area's size).
    let slots = unsafe {
        &*priv_area(dev)
            .wrapping_add(slots_offset::<T>())
            .cast::<Slots>()
    };
    if slots.ptr.is_null() {
        return &[];
    }
    // SAFETY: `ptr` and `len` are those of the array of slots `alloc` made and initialised, which
    // is not freed while the slice is used (safety requirements).
    unsafe { core::slice::from_raw_parts(slots.ptr.cast::<Slot<T>>(), slots.len) }
}

/// Returns the `struct netdev_queue` of transmit queue `index` of `dev`.
///
/// # Safety
///
/// `dev` is valid and `index` below `dev->num_tx_queues`.
#[inline]
unsafe fn txq(dev: *mut bindings::net_device, index: u32) -> *mut bindings::netdev_queue {
    // SAFETY: By the safety requirements; `_tx` holds `num_tx_queues` queues from allocation on.
    unsafe { bindings::netdev_get_tx_queue(dev, index) }
}

/// Allocates the queue slots of `dev`, a device of `T` in `ndo_init`.
///
/// # Safety
///
/// `dev` is a device of `T` in `ndo_init`, with `T::TxQueue` not `()`; its slots are not
/// allocated.
pub(crate) unsafe fn alloc<T: Operations>(dev: *mut bindings::net_device) -> Result {
    // SAFETY: `dev` is valid; `num_tx_queues` is set by `alloc_netdev_mqs` and never changes.
    let n = unsafe { (*dev).num_tx_queues };
    let base = alloc_raw(slots_layout::<T>(n as usize)?)?
        .as_ptr()
        .cast::<Slot<T>>();
    // Each slot is made in its place in the array, which does not move until `free`: its tasklet
    // is set up there.
    for index in 0..n {
        // SAFETY: The array holds `n` slots.
        let slot = unsafe { base.add(index as usize) };
        // SAFETY: `slot` is valid for writes and aligned (`alloc_raw` allocated for the array's
        // layout); each field is written once, the tasklet by `tasklet_setup`, which does not
        // read it.
        unsafe {
            (&raw mut (*slot).dead).write(Atomic::new(false));
            (&raw mut (*slot).dev).write(dev);
            (&raw mut (*slot).index).write(index);
            (&raw mut (*slot).busy).write(Cell::new(false));
            (&raw mut (*slot).locked).write(UnsafeCell::new(ManuallyDrop::default()));
            (&raw mut (*slot).deferred).write(UnsafeCell::new(ManuallyDrop::default()));
            (&raw mut (*slot).state).write(Default::default());
            bindings::tasklet_setup(
                Opaque::cast_into(&raw const (*slot).tasklet),
                Some(Slot::<T>::tasklet_callback),
            );
        }
    }
    // SAFETY: `dev` is a device of `T` with queue state: its private area has a `Slots` at this
    // offset, which only `ndo_init` and the teardown reach, under RTNL or once the device is
    // unreachable.
    let slots = unsafe {
        &mut *priv_area(dev)
            .wrapping_add(slots_offset::<T>())
            .cast::<Slots>()
    };
    // INVARIANT: Each slot has its device and its index below `num_tx_queues`, and its tasklet
    // initialised in place.
    *slots = Slots {
        ptr: base.cast(),
        len: n as usize,
    };
    Ok(())
}

/// Stops the work of every queue of `dev` for good and drops what the queues hold
/// (`ndo_uninit`, and the failure of `ndo_init`).
///
/// # Safety
///
/// `dev` is a device of `T` in `ndo_uninit`, or in `ndo_init` after [`alloc`], whose slots are
/// not freed yet; called once, in process context.
pub(crate) unsafe fn quiesce<T: Operations>(dev: *mut bindings::net_device) {
    // SAFETY: The slots are not freed before the device's `priv_destructor`, after this.
    for slot in unsafe { slots::<T>(dev) } {
        // INVARIANT: `dead` is set, and the work does not run again.
        slot.kill();
        // SAFETY: `slot.index` is below `num_tx_queues` (type invariants).
        let txq = unsafe { txq(dev, slot.index) };
        // The device is unlisted and closed; a transmit path that still runs holds the lock, and
        // those that take it after this see `dead` (the lock orders the store of `kill` before
        // their load) and leave `locked` alone (`Device::with_tx_queue`).
        // SAFETY: `txq` is valid; the lock is taken with bottom halves disabled as transmit paths
        // take it, and this is process context.
        unsafe {
            bindings::__netif_tx_lock_bh(txq);
            bindings::__netif_tx_unlock_bh(txq);
        }
        // SAFETY: Nothing reaches `locked` and `deferred` any more (above, and the work is dead
        // and not running), and they are dropped once: `quiesce` runs once, and `free` does not
        // drop them. Dropped without the lock: the driver's types may do anything a process may.
        unsafe {
            ManuallyDrop::drop(&mut *slot.locked.get());
            ManuallyDrop::drop(&mut *slot.deferred.get());
        }
    }
}

/// Frees the queue slots of `dev` (`priv_destructor`, and the failure of `ndo_init`).
///
/// # Safety
///
/// `dev` is a device of `T` that nobody else reaches any more, or in `ndo_init`, whose slots, if
/// allocated, were quiesced ([`quiesce`]); called in process context.
pub(crate) unsafe fn free<T: Operations>(dev: *mut bindings::net_device) {
    if T::TxQueue::NONE {
        return;
    }
    // SAFETY: As in `alloc`: nobody else reaches the device (safety requirements).
    let slots = unsafe {
        &mut *priv_area(dev)
            .wrapping_add(slots_offset::<T>())
            .cast::<Slots>()
    };
    if slots.ptr.is_null() {
        return;
    }
    let Slots { ptr, len } = core::mem::replace(
        slots,
        Slots {
            ptr: core::ptr::null_mut(),
            len: 0,
        },
    );
    let base = ptr.cast::<Slot<T>>();
    for index in 0..len {
        // SAFETY: `alloc` made `len` slots in the array at `ptr`.
        let slot = unsafe { base.add(index) };
        // Killed again: `ndo_init` may have failed after `alloc`, before any `ndo_uninit`, and
        // a transmit path that raced with `ndo_uninit` may have scheduled the tasklet.
        // SAFETY: The slot is valid; nobody else reaches it but its tasklet, through a shared
        // reference.
        unsafe { (*slot).kill() };
        // SAFETY: The tasklet is neither scheduled nor running, and cannot be scheduled again:
        // `dead` is set, and nobody else reaches the device. The slot is dropped once, here;
        // `locked` and `deferred`, which `quiesce` dropped, are `ManuallyDrop`.
        unsafe { core::ptr::drop_in_place(slot) };
    }
    // SAFETY: The layout is that of `alloc`, for the same `len` (`Layout::array` found the size
    // in range then, so the product does not overflow), and the slots were dropped above; the
    // array was allocated by `alloc_raw` for it.
    unsafe {
        free_raw(
            NonNull::new_unchecked(ptr.cast()),
            Layout::from_size_align_unchecked(
                len.unchecked_mul(size_of::<Slot<T>>()),
                align_of::<Slot<T>>(),
            ),
        )
    };
}

impl<T: Operations> Slot<T> {
    /// Runs the work of a queue.
    ///
    /// # Safety
    ///
    /// Called by the tasklet softirq for the `tasklet` of a `Slot<T>`, which was scheduled.
    unsafe extern "C" fn tasklet_callback(tasklet: *mut bindings::tasklet_struct) {
        // SAFETY: `tasklet` is the `tasklet` field of a `Slot<T>`, which is valid until its
        // device's slots are freed, after `tasklet_kill` returned (`kill`, `free`).
        let slot = unsafe {
            &*crate::container_of!(
                tasklet.cast::<Opaque<bindings::tasklet_struct>>(),
                Slot<T>,
                tasklet
            )
        };
        // Scheduled by a transmit path that raced with `ndo_uninit`: the work is over.
        if slot.dead.load(Acquire) {
            return;
        }
        // SAFETY: The device outlives its slots (they are freed by its `priv_destructor`).
        // The tasklet was scheduled by the device's transmit path or by itself, so the device is
        // registered, or being unregistered but not past `ndo_uninit`, which waits for this.
        let dev = unsafe { Device::<T>::from_raw(slot.dev) };
        // A bottom half is an RCU read-side critical section already, but lockdep only counts
        // an explicit one (`rcu_read_lock_held`), as C ifb's tasklet takes.
        let _rcu = rcu::read_lock();
        // INVARIANT: A tasklet runs in a bottom half (`tasklet_action_common`, from
        // `TASKLET_SOFTIRQ`), on one CPU at a time, here in an RCU read-side critical section.
        T::tx_queue_work(
            dev,
            &mut QueueWork {
                slot,
                _p: PhantomData,
            },
        );
    }

    #[inline]
    fn schedule(&self) -> bool {
        if self.dead.load(Relaxed) {
            return false;
        }
        // SAFETY: The tasklet is initialised (type invariants), and it is not freed before this
        // returns: the callers are the transmit path, which the core runs with bottom halves or
        // interrupts disabled, an RCU read-side critical section, and the queue's work; the
        // core waits for RCU readers after `ndo_uninit` (`synchronize_net` in
        // `unregister_netdevice_many_notify`), and for the device's references
        // (`netdev_wait_allrefs_any`) before `priv_destructor`, whose `kill` waits for the
        // work. `tasklet_schedule` may be called from any context, interrupts disabled included
        // (`__tasklet_schedule_common` disables them).
        unsafe { bindings::tasklet_schedule_new(self.tasklet.get()) }
    }

    /// Stops the work for good and waits until it does not run (`tasklet_kill`).
    ///
    /// Called in process context.
    fn kill(&self) {
        // INVARIANT: The driver's work does not run once this is seen (`tasklet_callback`).
        self.dead.store(true, Release);
        // SAFETY: The tasklet is initialised (type invariants). `tasklet_kill` waits until it is
        // neither scheduled nor running, holding its `TASKLET_STATE_SCHED` bit meanwhile, so
        // that the running instance cannot schedule it again (kernel/softirq.c). A schedule
        // that comes after (see `schedule`) takes the bit `tasklet_kill` cleared, with the full
        // ordering of `test_and_clear_wake_up_bit` and `test_and_set_bit`: its run sees `dead`
        // (`Acquire` in `tasklet_callback`) and does not run the work.
        unsafe { bindings::tasklet_kill(self.tasklet.get()) };
    }
}

impl<T: Operations> Device<T> {
    /// The states of the device's transmit queues, one per queue it was created with
    /// (`num_tx_queues`), for statistics: none for a driver whose [`Operations::TxQueue`] is `()`.
    ///
    /// # Examples
    ///
    /// See [`Operations::tx_queue_work`].
    pub fn tx_queue_states(&self) -> impl Iterator<Item = &T::TxQueue> {
        // SAFETY: By the type invariants the device is registered or kept; its slots are only
        // freed by its `priv_destructor`, once nobody reaches it.
        unsafe { slots::<T>(self.as_raw()) }
            .iter()
            .map(|slot| &slot.state)
    }
}

impl<T: Operations> Device<T, Xmit> {
    /// Runs `f` with the transmit queue `skb` is being sent on and its lock, which the core
    /// holds around `ndo_start_xmit`, and hands it `skb` back.
    ///
    /// Gives `skb` back as an error, without running `f`, if the driver keeps no state per queue,
    /// if the queue is already held by `f` further up this CPU's stack, if this CPU does not
    /// hold the lock of the queue `skb` is mapped to (a lockless device holds none), or if the
    /// device is being unregistered and its queues' state is gone.
    ///
    /// # Examples
    ///
    /// See [`Operations::tx_queue_work`].
    #[inline]
    pub fn with_tx_queue(
        &self,
        skb: SkBuff,
        f: impl FnOnce(&mut XmitQueue<'_, T>, SkBuff),
    ) -> Result<(), SkBuff> {
        // SAFETY: The device is registered (type invariants).
        let slots = unsafe { slots::<T>(self.as_raw()) };
        let Some(slot) = slots.get(usize::from(skb.queue_mapping())) else {
            return Err(skb);
        };
        // SAFETY: `slot.index` is below `num_tx_queues` (type invariants of `Slot`).
        let txq = unsafe { txq(self.as_raw(), slot.index) };
        // SAFETY: `txq` is valid. Whoever takes the lock records itself as its owner and clears
        // that before releasing it (`__netif_tx_lock`, `__netif_tx_unlock`); `netif_tx_owned`
        // compares the owner with this CPU (with `PREEMPT_RT`, the lock's owner with the current
        // task). If it is this CPU, a context of this CPU holds the lock, and none runs between
        // it and this one but an interrupt, which cannot take the lock again (netpoll only tries
        // it). A lockless device's transmit path holds no lock, and the owner is not this CPU.
        let owned = unsafe { bindings::netif_tx_owned(txq, bindings::raw_smp_processor_id()) };
        // `dead` is read with the lock held: `quiesce` sets it, then takes and releases the lock
        // before it drops `locked`.
        if !owned || slot.busy.get() || slot.dead.load(Relaxed) {
            return Err(skb);
        }
        // INVARIANT: The lock is held by this CPU's transmit path for the call, and `busy` marks
        // `locked` as borrowed until `f` returns.
        slot.busy.set(true);
        f(
            &mut XmitQueue {
                slot,
                _p: PhantomData,
            },
            skb,
        );
        slot.busy.set(false);
        Ok(())
    }
}

/// A transmit queue of a device in its transmit path, with its lock held by the core, lent to
/// the closure of [`Device::with_tx_queue`].
///
/// # Examples
///
/// Queues a buffer for the queue's work and stops the queue when it holds `limit` buffers, as
/// ifb's transmit path does:
///
/// ```
/// use kernel::net::{
///     device::{Counter, Operations, QueueState, XmitQueue},
///     skbuff::{QueuedSkBuff, SkbList},
/// };
///
/// #[derive(Default)]
/// struct Queue {
///     packets: Counter,
/// }
///
/// impl QueueState for Queue {
///     type Locked = SkbList;
///     type Work = ();
/// }
///
/// fn enqueue<T: Operations<TxQueue = Queue>>(
///     txq: &mut XmitQueue<'_, T>,
///     skb: QueuedSkBuff,
///     limit: u32,
/// ) {
///     txq.state().packets.add(1);
///     if txq.locked().len() >= limit {
///         txq.stop();
///     }
///     txq.locked().push_back(skb);
///     txq.schedule_work();
/// }
/// ```
///
/// # Invariants
///
/// The transmit lock of queue `slot.index` is held by this CPU for `'a`, and `slot.busy` is
/// true, set for this object, which alone reaches `slot.locked` while it lives.
pub struct XmitQueue<'a, T: Operations> {
    slot: &'a Slot<T>,
    _p: PhantomData<*mut ()>,
}

impl<T: Operations> XmitQueue<'_, T> {
    /// The queue's shared state.
    #[inline]
    pub fn state(&self) -> &T::TxQueue {
        &self.slot.state
    }

    /// What the queue's lock protects.
    #[inline]
    pub fn locked(&mut self) -> &mut <T::TxQueue as QueueState>::Locked {
        // SAFETY: By the type invariants this object alone reaches `locked`, and `&mut self`
        // borrows it for as long as the reference lives.
        unsafe { &mut *self.slot.locked.get() }
    }

    /// Stops the queue (`netif_tx_stop_queue`): the core sends it nothing more until it is
    /// woken ([`QueueGuard::wake`]) or the device is brought up again.
    #[inline]
    pub fn stop(&self) {
        // SAFETY: The index is below `num_tx_queues` (type invariants of `Slot`); stopping is an
        // atomic bit operation.
        unsafe { bindings::netif_tx_stop_queue(txq(self.slot.dev, self.slot.index)) };
    }

    /// Asks for the queue's work to run ([`Operations::tx_queue_work`]); `false` if it was
    /// already asked for, or if the device is being unregistered.
    #[inline]
    pub fn schedule_work(&self) -> bool {
        self.slot.schedule()
    }
}

/// The work of a transmit queue, in [`Operations::tx_queue_work`]: it runs in a bottom half,
/// an RCU read-side critical section, on one CPU at a time.
///
/// # Examples
///
/// ifb's work: it takes what the transmit path queued when it has nothing left of its own,
/// hands it back (see [`QueuedSkBuff`]), and says it is done when nothing more is waiting,
/// waking the queue if it was stopped, or asks to run again:
///
/// ```
/// use kernel::net::{
///     device::{Counter, Operations, QueueGuard, QueueState, QueueWork},
///     skbuff::{QueuedSkBuff, SkbList},
/// };
///
/// #[derive(Default)]
/// struct Queue {
///     sent: Counter,
/// }
///
/// impl QueueState for Queue {
///     type Locked = SkbList;
///     type Work = SkbList;
/// }
///
/// fn done<T: Operations<TxQueue = Queue>>(q: &mut QueueGuard<'_, T>) -> bool {
///     if !q.locked().is_empty() {
///         return false;
///     }
///     if q.is_stopped() {
///         q.wake();
///     }
///     true
/// }
///
/// fn work<T: Operations<TxQueue = Queue>>(
///     work: &mut QueueWork<'_, T>,
///     hand_back: impl Fn(&QueueWork<'_, T>, QueuedSkBuff),
/// ) {
///     if work.work().is_empty() {
///         let Some(mut waiting) = work.with_lock(|q| core::mem::take(q.locked())) else {
///             work.schedule();
///             return;
///         };
///         work.work().append(&mut waiting);
///     }
///     while let Some(skb) = work.work().pop_front() {
///         work.state().sent.add(skb.len().into());
///         hand_back(work, skb);
///     }
///     if work.with_lock(done) != Some(true) {
///         work.schedule();
///     }
/// }
/// ```
///
/// [`QueuedSkBuff`]: crate::net::skbuff::QueuedSkBuff
///
/// # Invariants
///
/// It exists only during a run of `slot`'s work, which alone reaches `slot.deferred`, in a
/// bottom half.
pub struct QueueWork<'a, T: Operations> {
    slot: &'a Slot<T>,
    _p: PhantomData<*mut ()>,
}

impl<'a, T: Operations> QueueWork<'a, T> {
    /// The queue's shared state.
    #[inline]
    pub fn state(&self) -> &T::TxQueue {
        &self.slot.state
    }

    /// What only the queue's work reaches.
    #[inline]
    pub fn work(&mut self) -> &mut <T::TxQueue as QueueState>::Work {
        // SAFETY: By the type invariants only this run of the work reaches `deferred`, and
        // `&mut self` borrows it for as long as the reference lives.
        unsafe { &mut *self.slot.deferred.get() }
    }

    /// Runs `f` with the queue's transmit lock, if it is free (`__netif_tx_trylock`); `None`
    /// if it is not. The lock is released when `f` returns.
    #[inline]
    pub fn with_lock<R>(&mut self, f: impl FnOnce(&mut QueueGuard<'_, T>) -> R) -> Option<R> {
        let slot = self.slot;
        // SAFETY: `slot.index` is below `num_tx_queues` (type invariants of `Slot`).
        let txq = unsafe { txq(slot.dev, slot.index) };
        // SAFETY: `txq` is valid; in a bottom half the lock is taken without disabling them, as
        // transmit paths do.
        if !unsafe { bindings::__netif_tx_trylock(txq) } {
            return None;
        }
        let ret = if slot.busy.get() {
            // Not reached: nothing on this CPU holds the queue while its work runs, and another
            // CPU would hold the lock. Never lent twice all the same.
            None
        } else {
            // INVARIANT: The lock is held until `f` returns; `busy` marks `locked` as borrowed.
            slot.busy.set(true);
            let ret = f(&mut QueueGuard {
                slot,
                txq,
                _p: PhantomData,
            });
            slot.busy.set(false);
            Some(ret)
        };
        // SAFETY: Taken above.
        unsafe { bindings::__netif_tx_unlock(txq) };
        ret
    }

    /// Asks for the work to run again.
    #[inline]
    pub fn schedule(&self) -> bool {
        self.slot.schedule()
    }

    /// The device of index `ifindex` in the namespace of the queue's device, if there is one
    /// (`dev_get_by_index_rcu`), for as long as the work runs.
    #[inline]
    pub fn dev_get_by_index(&self, ifindex: i32) -> Option<&NetDev> {
        // SAFETY: The device is valid (type invariants of `Slot`); its namespace is read under RCU
        // (a bottom half, type invariants) as `dev_net_rcu` requires, and lives until a grace
        // period after it is dismantled (`cleanup_net` waits for RCU readers before
        // `net_free`).
        let dev = unsafe {
            let net = bindings::dev_net_rcu(self.slot.dev);
            bindings::dev_get_by_index_rcu(net, ifindex)
        };
        // SAFETY: A device found under RCU is not freed before the read-side critical section
        // ends (`netdev_run_todo` frees after `synchronize_net`), and this one lasts as long as
        // `self` does.
        NonNull::new(dev).map(|dev| unsafe { NetDev::from_raw(dev.as_ptr()) })
    }

    /// Hands `skb` to the transmit path of `to` (`dev_queue_xmit`), from the queue's device.
    ///
    /// A buffer that crosses into another namespace is scrubbed of what belongs to the one it
    /// comes from (`skb_scrub_packet`), as `dev_forward_skb` does.
    #[inline]
    pub fn dev_queue_xmit(&self, skb: QueuedSkBuff, to: &NetDev) {
        // SAFETY: The queue's device is valid (type invariants of `Slot`), and this is a bottom
        // half, an RCU read-side critical section (type invariants).
        unsafe { skb.dev_queue_xmit(self.slot.dev, to) };
    }

    /// Hands `skb` to the receive path of `to` (`netif_receive_skb`), from the queue's device.
    ///
    /// Scrubbed as with [`Self::dev_queue_xmit`]. A buffer without a MAC header is dropped: the
    /// receive path needs one.
    #[inline]
    pub fn netif_receive_skb(&self, skb: QueuedSkBuff, to: &NetDev) {
        // SAFETY: As in `dev_queue_xmit`.
        unsafe { skb.netif_receive_skb(self.slot.dev, to) };
    }
}

/// A transmit queue whose lock its work took, lent to the closure of [`QueueWork::with_lock`].
///
/// # Examples
///
/// See [`QueueWork`].
///
/// # Invariants
///
/// `txq` is the queue of `slot`, whose lock is held while this object lives, and `slot.busy` is
/// true, set for this object, which alone reaches `slot.locked` while it lives.
pub struct QueueGuard<'a, T: Operations> {
    slot: &'a Slot<T>,
    txq: *mut bindings::netdev_queue,
    _p: PhantomData<*mut ()>,
}

impl<T: Operations> QueueGuard<'_, T> {
    /// What the queue's lock protects.
    #[inline]
    pub fn locked(&mut self) -> &mut <T::TxQueue as QueueState>::Locked {
        // SAFETY: By the type invariants this object alone reaches `locked`, and `&mut self`
        // borrows it for as long as the reference lives.
        unsafe { &mut *self.slot.locked.get() }
    }

    /// Whether the queue is stopped (`netif_tx_queue_stopped`).
    #[inline]
    pub fn is_stopped(&self) -> bool {
        // SAFETY: `txq` is valid (type invariants).
        unsafe { bindings::netif_tx_queue_stopped(self.txq) }
    }

    /// Wakes the queue if it was stopped (`netif_tx_wake_queue`): the core sends it packets
    /// again.
    #[inline]
    pub fn wake(&self) {
        // SAFETY: `txq` is valid (type invariants); this is a bottom half.
        unsafe { bindings::netif_tx_wake_queue(self.txq) };
    }
}
// @series}
