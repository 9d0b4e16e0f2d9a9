// SPDX-License-Identifier: GPL-2.0

//! Socket buffers.
//!
//! C header: [`include/linux/skbuff.h`](srctree/include/linux/skbuff.h)

use crate::{
    bindings,
    // @series{can
    net::netdev::NetDev,
    // @series}
    // @series{queue
    prelude::*,
    // @series}
    types::NotThreadSafe, //
};
use core::{
    mem::ManuallyDrop,
    // @series{can
    ops::Deref,
    // @series}
    ptr::NonNull, //
};

/// Why a buffer was dropped, reported to drop monitors (`enum skb_drop_reason`).
///
/// # Examples
///
/// A device that is not ready drops what it is given, and says why:
///
/// ```
/// use kernel::net::skbuff::{DropReason, SkBuff};
///
/// fn not_ready(skb: SkBuff) {
///     skb.drop_reason(DropReason::DevReady);
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DropReason {
    /// No reason given (`SKB_DROP_REASON_NOT_SPECIFIED`).
    NotSpecified,
    /// The device is down or cannot transmit (`SKB_DROP_REASON_DEV_READY`).
    DevReady,
    /// The packet is too big for the device (`SKB_DROP_REASON_PKT_TOO_BIG`).
    PktTooBig,
    /// Memory could not be allocated (`SKB_DROP_REASON_NOMEM`).
    NoMem,
    /// The packet is shorter than its headers (`SKB_DROP_REASON_PKT_TOO_SMALL`).
    PktTooSmall,
    /// The device has nowhere to send the packet, such as a peer
    /// (`SKB_DROP_REASON_NO_TX_TARGET`).
    NoTxTarget,
}

impl DropReason {
    #[inline]
    fn as_raw(self) -> bindings::skb_drop_reason {
        match self {
            Self::NotSpecified => bindings::skb_drop_reason_SKB_DROP_REASON_NOT_SPECIFIED,
            Self::DevReady => bindings::skb_drop_reason_SKB_DROP_REASON_DEV_READY,
            Self::PktTooBig => bindings::skb_drop_reason_SKB_DROP_REASON_PKT_TOO_BIG,
            Self::NoMem => bindings::skb_drop_reason_SKB_DROP_REASON_NOMEM,
            Self::PktTooSmall => bindings::skb_drop_reason_SKB_DROP_REASON_PKT_TOO_SMALL,
            Self::NoTxTarget => bindings::skb_drop_reason_SKB_DROP_REASON_NO_TX_TARGET,
        }
    }
}

// @series{queue
/// Reads `skb->len`, for [`SkBuff`] and [`QueuedSkBuff`].
// @series}
// @series{!queue
/// Reads `skb->len`, for [`SkBuff`].
// @series}
///
/// # Safety
///
/// `skb` is valid and its length does not change during the call.
#[inline]
unsafe fn len(skb: NonNull<bindings::sk_buff>) -> u32 {
    // SAFETY: By the safety requirements. The field is read through the pointer, not through a
    // reference to the whole buffer, which others may share.
    unsafe { (*skb.as_ptr()).len }
}

// @series{queue
/// Reads `skb->skb_iif`, for [`SkBuff`] and [`QueuedSkBuff`].
///
/// # Safety
///
/// `skb` is valid and its `skb_iif` does not change during the call.
#[inline]
unsafe fn iif(skb: NonNull<bindings::sk_buff>) -> i32 {
    // SAFETY: By the safety requirements.
    unsafe { bindings::skb_iif(skb.as_ptr()) }
}

// @series}
/// A socket buffer handed to a driver's transmit path, `struct sk_buff`.
///
/// A driver receives one in [`Operations::start_xmit`] and must end its life there:
/// [`SkBuff::consume`] when the buffer was handled (what `dev_kfree_skb` means in a transmit
/// path), [`SkBuff::drop_reason`] when it was dropped. Letting it go out of scope drops it
/// without a reason, which drop monitors report as `NOT_SPECIFIED`.
///
/// The buffer may be shared (`skb->users` above one: pktgen's `clone_skb`, devices with
/// `IFF_TX_SKB_SHARING`), so the type never makes a Rust reference to the `struct sk_buff` and
/// offers no way to change it. It is neither `Send` nor `Sync`: it is freed in the transmit path
/// it was handed to, with bottom halves disabled, or interrupts too when netpoll (netconsole)
/// transmits (`netpoll_send_skb`), as C drivers free it there.
///
/// [`Operations::start_xmit`]: crate::net::device::Operations::start_xmit
///
/// # Invariants
///
/// `self.0` points to a valid `struct sk_buff` this object owns one reference of, handed to the
/// transmit path of the current CPU; the fields this type reads do not change while the
/// reference is owned (holders of a shared buffer must not change them).
///
/// # Examples
///
/// The end of a transmit path that swallows buffers after time stamping them:
///
/// ```
/// use kernel::net::skbuff::{DropReason, SkBuff};
///
/// fn swallow(mut skb: SkBuff) {
///     if skb.len() > 9000 {
///         skb.drop_reason(DropReason::PktTooBig);
///         return;
///     }
///     if skb.is_empty() {
///         pr_debug!("an empty buffer\n");
///     }
///     skb.tx_timestamp();
///     skb.consume();
/// }
/// ```
#[must_use = "a buffer is consumed or dropped with a reason; dropping it unused reports a drop"]
pub struct SkBuff(NonNull<bindings::sk_buff>, NotThreadSafe);

impl SkBuff {
    /// Takes ownership of a raw `struct sk_buff`.
    ///
    /// # Safety
    ///
    /// `ptr` must point to a valid skb whose reference the caller passes to the new object.
    #[inline]
    pub(crate) unsafe fn from_raw(ptr: *mut bindings::sk_buff) -> Self {
        // INVARIANT: The caller passes a valid, owned skb of the transmit path.
        // SAFETY: A valid skb pointer is not null.
        Self(unsafe { NonNull::new_unchecked(ptr) }, NotThreadSafe)
    }

    /// Returns the length of the data in the buffer, `skb->len`.
    #[inline]
    pub fn len(&self) -> u32 {
        // SAFETY: By the type invariants the skb is valid and its length does not change while
        // the reference is owned.
        unsafe { len(self.0) }
    }

    /// Returns `true` if the buffer holds no data.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    // @series{queue

    /// The transmit queue the buffer was mapped to (`skb_get_queue_mapping`).
    #[inline]
    pub(crate) fn queue_mapping(&self) -> u16 {
        // SAFETY: By the type invariants the skb is valid and the field does not change while
        // the reference is owned.
        unsafe { bindings::skb_get_queue_mapping(self.0.as_ptr()) }
    }

    /// Whether a classifier redirected the buffer to this device (`skb_is_redirected`), as tc's
    /// `mirred redirect` does.
    #[inline]
    pub fn is_redirected(&self) -> bool {
        // SAFETY: As in `queue_mapping`.
        unsafe { bindings::skb_is_redirected(self.0.as_ptr()) }
    }

    /// The index of the device the buffer last came in on or was redirected from
    /// (`skb->skb_iif`), zero if none.
    #[inline]
    pub fn iif(&self) -> i32 {
        // SAFETY: As in `queue_mapping`.
        unsafe { iif(self.0) }
    }

    /// Makes the buffer one the driver may keep past `start_xmit` and change
    /// ([`QueuedSkBuff`]): as it is if this is its only holder, else a clone of it
    /// (`skb_share_check`). `None` if the clone could not be allocated; the buffer is then
    /// dropped.
    ///
    /// # Examples
    ///
    /// ifb keeps only what tc redirected to it, from a device it can hand it back to:
    ///
    /// ```
    /// use kernel::net::skbuff::{QueuedSkBuff, SkBuff};
    ///
    /// fn keep(skb: SkBuff) -> Option<QueuedSkBuff> {
    ///     if !skb.is_redirected() || skb.iif() == 0 {
    ///         skb.consume();
    ///         return None;
    ///     }
    ///     skb.into_queued()
    /// }
    /// ```
    #[inline]
    pub fn into_queued(self) -> Option<QueuedSkBuff> {
        let this = ManuallyDrop::new(self);
        // SAFETY: As in `share_check`.
        let skb = unsafe { unshare(this.0.as_ptr()) };
        // SAFETY: `unshare` returns an skb with one user, whose reference is ours, or
        // null. It is not on a list: every caller of `ndo_start_xmit` hands over an skb off any
        // list (`dev_hard_start_xmit` and `netpoll`'s `queue_process` unlink it,
        // `skb_mark_not_on_list`; `__dev_direct_xmit`, pktgen and `netpoll_send_skb` hand over
        // a single skb), and a clone starts off one.
        NonNull::new(skb).map(|s| unsafe { QueuedSkBuff::from_raw(s.as_ptr()) })
    }
    // @series}
    // @series{can

    /// Returns a clone of the buffer (`skb_clone`): a new `struct sk_buff` of its own that
    /// shares the data, or `None` if memory runs out.
    ///
    /// The clone's fields are the driver's to change; its data is shared with `self` and stays
    /// read-only.
    #[inline]
    pub fn try_clone(&self) -> Option<UniqueSkBuff> {
        // SAFETY: By the type invariants the skb is valid; this is the transmit path, where
        // `skb_clone` is called with `GFP_ATOMIC` in C.
        let clone = unsafe { bindings::skb_clone(self.0.as_ptr(), bindings::GFP_ATOMIC) };
        // SAFETY: `skb_clone` returns a new skb with one user, ours, or null.
        NonNull::new(clone).map(|c| unsafe { UniqueSkBuff::from_raw(c.as_ptr()) })
    }
    // @series}
    // @series{can

    /// Makes sure the buffer is not shared (`skb_share_check`): returns it as it is if this is
    /// its only holder, else a clone of it and drops this reference. `None` if the clone could
    /// not be allocated; the buffer is then dropped.
    #[cfg(CONFIG_CAN)]
    #[inline]
    pub(crate) fn share_check(self) -> Option<UniqueSkBuff> {
        let this = ManuallyDrop::new(self);
        // SAFETY: By the type invariants we own a reference to a valid skb, which `unshare`
        // takes over; `ManuallyDrop` keeps `Drop` from releasing it again. This is the transmit
        // path.
        let skb = unsafe { unshare(this.0.as_ptr()) };
        // SAFETY: `unshare` returns an skb with one user, whose reference is ours, or
        // null.
        NonNull::new(skb).map(|s| unsafe { UniqueSkBuff::from_raw(s.as_ptr()) })
    }
    // @series}

    /// Takes the software transmit timestamp if one was asked for (`skb_tx_timestamp`); a
    /// driver calls it in `start_xmit` right before the buffer leaves.
    #[inline]
    pub fn tx_timestamp(&mut self) {
        // SAFETY: By the type invariants we own a valid skb of the transmit path, where
        // `skb_tx_timestamp` is called in C. It may change the `struct sk_buff` (`__skb_tstamp_tx`
        // calls `skb_clone(orig_skb)`, which sets `cloned` and takes a `dataref`), but not `len`,
        // the only field `SkBuff` reads afterwards, through the pointer; the buffer stays valid
        // and ours.
        unsafe { bindings::skb_tx_timestamp(self.0.as_ptr()) };
    }

    /// Frees the buffer after successful processing (`consume_skb`).
    #[inline]
    pub fn consume(self) {
        let this = ManuallyDrop::new(self);
        // SAFETY: By the type invariants we own a reference to a valid skb; `ManuallyDrop`
        // keeps `Drop` from releasing it a second time.
        unsafe { bindings::consume_skb(this.0.as_ptr()) };
    }

    /// Drops the buffer and tells drop monitors why (`kfree_skb_reason`).
    #[inline]
    pub fn drop_reason(self, reason: DropReason) {
        let this = ManuallyDrop::new(self);
        // SAFETY: By the type invariants we own a reference to a valid skb; `ManuallyDrop`
        // keeps `Drop` from releasing it a second time. A null socket is allowed (the kerneldoc
        // of `sk_skb_reason_drop`: "@sk: the socket to receive @skb, or NULL if not applicable").
        unsafe {
            bindings::sk_skb_reason_drop(core::ptr::null_mut(), this.0.as_ptr(), reason.as_raw())
        };
    }
}
// @series{can

/// Makes sure `skb` is not shared (`skb_share_check` with `GFP_ATOMIC`): returns it if its
/// holder is its only user, else a clone of it, or null if the clone could not be allocated,
/// dropping the reference to `skb` in both cases.
///
/// The test is inline; the clone, rare on a transmit path, out of line, where each driver does
/// not carry its own copy.
///
/// # Safety
///
/// `skb` is a valid skb whose reference the caller gives up, in a context where `GFP_ATOMIC`
/// allocations are allowed.
#[inline]
unsafe fn unshare(skb: *mut bindings::sk_buff) -> *mut bindings::sk_buff {
    /// # Safety
    ///
    /// As for `unshare`.
    #[cold]
    #[inline(never)]
    unsafe fn clone(skb: *mut bindings::sk_buff) -> *mut bindings::sk_buff {
        // SAFETY: By the safety requirements of `unshare`; `skb_share_check` consumes `skb`
        // when it clones it and frees it when the clone fails.
        unsafe { bindings::skb_share_check(skb, bindings::GFP_ATOMIC) }
    }
    // SAFETY: `skb` is valid (safety requirements).
    if unsafe { bindings::skb_shared(skb) } {
        // SAFETY: By the safety requirements.
        unsafe { clone(skb) }
    } else {
        skb
    }
}
// @series}

impl Drop for SkBuff {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: By the type invariants we own a reference to a valid skb. A null socket is
        // allowed (the kerneldoc of `sk_skb_reason_drop`: "@sk: ... or NULL if not applicable").
        unsafe {
            bindings::sk_skb_reason_drop(
                core::ptr::null_mut(),
                self.0.as_ptr(),
                DropReason::NotSpecified.as_raw(),
            )
        };
    }
}
// @series{can

/// The type of a received packet, `skb->pkt_type` (`PACKET_*` of `uapi/linux/if_packet.h`).
///
/// # Examples
///
/// A frame of a bus that every station hears is received as a broadcast:
///
/// ```
/// use kernel::net::skbuff::{PacketType, UniqueSkBuff};
///
/// fn heard_by_all(skb: &mut UniqueSkBuff) {
///     skb.set_pkt_type(PacketType::Broadcast);
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PacketType {
    /// To this host (`PACKET_HOST`).
    Host,
    /// To all hosts (`PACKET_BROADCAST`).
    Broadcast,
    /// To a group (`PACKET_MULTICAST`).
    Multicast,
    /// To another host (`PACKET_OTHERHOST`).
    OtherHost,
    /// Sent by this host (`PACKET_OUTGOING`).
    Outgoing,
    /// Looped back (`PACKET_LOOPBACK`).
    Loopback,
    /// Another value (`PACKET_USER`, `PACKET_KERNEL`), kept as it is.
    Other(u8),
}

impl PacketType {
    #[inline]
    fn as_raw(self) -> u8 {
        let raw = match self {
            Self::Host => bindings::PACKET_HOST,
            Self::Broadcast => bindings::PACKET_BROADCAST,
            Self::Multicast => bindings::PACKET_MULTICAST,
            Self::OtherHost => bindings::PACKET_OTHERHOST,
            Self::Outgoing => bindings::PACKET_OUTGOING,
            Self::Loopback => bindings::PACKET_LOOPBACK,
            // `pkt_type` is a 3-bit field.
            Self::Other(raw) => return raw & 7,
        };
        raw as u8
    }
}

/// What the core did with a received packet (`NET_RX_SUCCESS`, `NET_RX_DROP`).
///
/// # Examples
///
/// What a tunnel end counts as passed on, as vxcan does with `CanSkBuff::netif_rx`:
///
/// ```
/// use kernel::net::skbuff::RxResult;
///
/// fn passed_bytes(res: RxResult, len: usize) -> usize {
///     match res {
///         RxResult::Success => len,
///         RxResult::Dropped => 0,
///     }
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[must_use = "a driver counts a packet as received only when the core took it"]
pub enum RxResult {
    /// The core queued the packet (`NET_RX_SUCCESS`).
    Success,
    /// The core dropped the packet (`NET_RX_DROP`): the receiving device was down, its
    /// backlog full, or memory ran out.
    Dropped,
}

/// A socket buffer this driver is the only holder of: its fields may be changed, and it may be
/// handed to the receive path of a device.
///
/// Made from an [`SkBuff`] by [`SkBuff::try_clone`] (a CAN device's transmit path gets one as
/// a `CanSkBuff`, from `Device::can_dropped_invalid_skb`). It dereferences to [`SkBuff`] for
/// what may be read; its data stays read-only, as it may be shared with a clone.
///
/// # Invariants
///
/// `self.0` is a valid skb with one user, this object, handed to or made in the transmit path
/// of the current CPU: nobody else reads or writes its `struct sk_buff`.
///
/// # Examples
///
/// A copy of what a device is sent, made ready to be received as a broadcast from a tunnel:
///
/// ```
/// use kernel::net::{
///     device::{NetDev, Stat},
///     skbuff::{DropReason, PacketType, SkBuff, UniqueSkBuff},
/// };
///
/// fn copy_for_peer(mut skb: SkBuff, dev: &NetDev) -> Option<UniqueSkBuff> {
///     skb.tx_timestamp();
///     let Some(mut copy) = skb.try_clone() else {
///         skb.drop_reason(DropReason::NoMem);
///         dev.stats_inc(Stat::TxDropped);
///         return None;
///     };
///     skb.consume();
///     copy.set_pkt_type(PacketType::Broadcast);
///     copy.set_checksum_unnecessary();
///     Some(copy)
/// }
/// ```
#[must_use = "a buffer is received, consumed or dropped with a reason"]
pub struct UniqueSkBuff(SkBuff);

impl UniqueSkBuff {
    /// Takes ownership of an skb with one user.
    ///
    /// # Safety
    ///
    /// `ptr` must point to a valid skb of the current CPU's transmit path whose only reference
    /// the caller passes to the new object.
    #[inline]
    pub(crate) unsafe fn from_raw(ptr: *mut bindings::sk_buff) -> Self {
        // INVARIANT: By the safety requirements.
        // SAFETY: By the safety requirements.
        Self(unsafe { SkBuff::from_raw(ptr) })
    }

    #[inline]
    pub(crate) fn as_ptr(&self) -> *mut bindings::sk_buff {
        self.0 .0.as_ptr()
    }

    /// Sets the packet type, `skb->pkt_type`.
    #[inline]
    pub fn set_pkt_type(&mut self, pkt_type: PacketType) {
        // SAFETY: By the type invariants the `struct sk_buff` is ours alone.
        unsafe { bindings::skb_set_pkt_type(self.as_ptr(), pkt_type.as_raw()) };
    }

    /// Marks the packet's checksum as one that need not be checked (`skb->ip_summed =
    /// CHECKSUM_UNNECESSARY`), as a tunnel between two devices of the same host does for what
    /// never left the host.
    ///
    /// The only checksum state a driver may set: `CHECKSUM_PARTIAL` and `CHECKSUM_COMPLETE`
    /// promise a `csum_start` or a `csum` that the core acts on, and warns about when they are
    /// false (`skb_checksum_help`, `netdev_rx_csum_fault`).
    ///
    /// # Examples
    ///
    /// ```
    /// use kernel::net::skbuff::UniqueSkBuff;
    ///
    /// fn local(skb: &mut UniqueSkBuff) {
    ///     skb.set_checksum_unnecessary();
    /// }
    /// ```
    #[inline]
    pub fn set_checksum_unnecessary(&mut self) {
        // SAFETY: By the type invariants the `struct sk_buff` is ours alone.
        unsafe { bindings::skb_set_ip_summed(self.as_ptr(), bindings::CHECKSUM_UNNECESSARY as u8) };
    }

    /// Takes the software transmit timestamp if one was asked for (`skb_tx_timestamp`).
    #[inline]
    pub fn tx_timestamp(&mut self) {
        self.0.tx_timestamp();
    }

    /// Frees the buffer after successful processing (`consume_skb`).
    #[inline]
    pub fn consume(self) {
        self.0.consume();
    }

    /// Drops the buffer and tells drop monitors why (`kfree_skb_reason`).
    #[inline]
    pub fn drop_reason(self, reason: DropReason) {
        self.0.drop_reason(reason);
    }
    // @series{can

    /// Hands the buffer to the receive path of `dev` (`skb->dev = dev; netif_rx(skb)`), as a
    /// packet `dev` received; the buffer is the core's from then on, whatever it returns.
    ///
    /// [`RxResult::Dropped`] when the core dropped it (it counts the drop itself).
    ///
    /// Only for what needs no more of the receive path than `netif_rx` does, a CAN frame
    /// (`CanSkBuff::netif_rx`): an Ethernet frame also needs `eth_type_trans` and headroom for
    /// the headers a bridge pushes back, and `netif_rx` from netpoll's transmit path, which
    /// runs with interrupts off, enables bottom halves there.
    #[cfg(CONFIG_CAN)]
    #[inline]
    pub(crate) fn netif_rx(self, dev: &NetDev) -> RxResult {
        let this = ManuallyDrop::new(self);
        let skb = this.as_ptr();
        // The core keeps no reference to `dev` beyond this call that unregistration does not
        // handle: 7.3's `enqueue_to_backlog` drops a packet for a device that is not running,
        // and `unregister_netdevice_many_notify` closes the device, then flushes the backlogs
        // (`flush_all_backlogs`) of packets for it, before it waits for RCU readers and frees
        // it. `netif_rx` takes over our reference whatever it returns (`ManuallyDrop` above).
        // SAFETY: The `struct sk_buff` is ours alone (type invariants); `dev` is a device whose
        // `ndo_init` succeeded, alive while borrowed, and the core handles it after (above).
        let ret = unsafe {
            bindings::skb_set_dev(skb, dev.as_raw());
            bindings::netif_rx(skb)
        };
        if ret == bindings::NET_RX_SUCCESS as i32 {
            RxResult::Success
        } else {
            RxResult::Dropped
        }
    }
    // @series}
}

impl Deref for UniqueSkBuff {
    type Target = SkBuff;

    #[inline]
    fn deref(&self) -> &SkBuff {
        &self.0
    }
}
// @series}
// @series{queue

/// A socket buffer a driver keeps past `start_xmit` and hands on later, from its queues' work
/// ([`QueueWork`](crate::net::device::QueueWork)), as ifb does: its only holder, so its fields
/// may be changed, and it may be sent from any CPU.
///
/// Made by [`SkBuff::into_queued`]; kept in an [`SkbList`]. Its data stays read-only, as it may
/// be shared with a clone. Dropping it frees it as dropped without a reason. A buffer holds its
/// socket and its route, and through the route a device: one kept where nothing drops it (a
/// static, `mem::forget`) keeps them, as in C.
///
/// # Invariants
///
/// `self.0` is a valid skb with one user, this object, and not on any list: nobody else reads
/// or writes its `struct sk_buff`.
///
/// # Examples
///
/// What ifb does with what tc redirected to it, from its queues' work: a buffer that was on its
/// way out goes out again, one that was coming in goes up the stack without its MAC header; one
/// whose device is gone is freed:
///
/// ```
/// use kernel::net::{
///     device::{NetDev, Operations, QueueWork},
///     skbuff::{DropReason, QueuedSkBuff},
/// };
///
/// fn hand_back<T: Operations>(work: &QueueWork<'_, T>, mut skb: QueuedSkBuff, me: &NetDev) {
///     if skb.is_empty() {
///         skb.drop_reason(DropReason::PktTooSmall);
///         return;
///     }
///     // Skip tc and netfilter to prevent redirection loop.
///     skb.reset_redirect();
///     skb.skip_tc_and_nf_egress();
///     pr_debug!("{} bytes from {}\n", skb.len(), skb.iif());
///     let Some(to) = work.dev_get_by_index(skb.iif()) else {
///         skb.consume();
///         return;
///     };
///     skb.set_iif(me.ifindex());
///     if !skb.from_ingress() {
///         work.dev_queue_xmit(skb, to);
///     } else if skb.pull_mac_header_rcsum().is_ok() {
///         work.netif_receive_skb(skb, to);
///     } else {
///         skb.drop_reason(DropReason::PktTooSmall);
///     }
/// }
/// ```
#[must_use = "a buffer is handed on, consumed or dropped with a reason"]
pub struct QueuedSkBuff(NonNull<bindings::sk_buff>);

// SAFETY: The buffer is this object's alone (type invariants), and the core frees and sends
// buffers from any CPU, in process context and bottom halves alike.
unsafe impl Send for QueuedSkBuff {}

impl QueuedSkBuff {
    /// Takes ownership of an skb with one user, not on a list.
    ///
    /// # Safety
    ///
    /// `ptr` must point to a valid skb not on a list whose only reference the caller passes to
    /// the new object.
    #[inline]
    unsafe fn from_raw(ptr: *mut bindings::sk_buff) -> Self {
        // INVARIANT: By the safety requirements.
        // SAFETY: A valid skb pointer is not null.
        Self(unsafe { NonNull::new_unchecked(ptr) })
    }

    /// Gives up the buffer, for the callee of a C function that takes it over.
    #[inline]
    fn into_raw(self) -> *mut bindings::sk_buff {
        ManuallyDrop::new(self).0.as_ptr()
    }

    /// Returns the length of the data in the buffer, `skb->len`.
    #[inline]
    pub fn len(&self) -> u32 {
        // SAFETY: By the type invariants the skb is valid and ours alone.
        unsafe { len(self.0) }
    }

    /// Returns `true` if the buffer holds no data.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the buffer was redirected from a device's receive path (`skb->from_ingress`),
    /// rather than its transmit path.
    #[inline]
    pub fn from_ingress(&self) -> bool {
        // SAFETY: By the type invariants the skb is valid.
        unsafe { bindings::skb_from_ingress(self.0.as_ptr()) }
    }

    /// The index of the device the buffer last came in on or was redirected from
    /// (`skb->skb_iif`), zero if none.
    #[inline]
    pub fn iif(&self) -> i32 {
        // SAFETY: By the type invariants the skb is valid and ours alone.
        unsafe { iif(self.0) }
    }

    /// Sets the index of the device the buffer comes from (`skb->skb_iif`).
    #[inline]
    pub fn set_iif(&mut self, ifindex: i32) {
        // SAFETY: By the type invariants the `struct sk_buff` is ours alone.
        unsafe { bindings::skb_set_iif(self.0.as_ptr(), ifindex) };
    }

    /// Clears the mark of a classifier's redirection (`skb_reset_redirect`).
    #[inline]
    pub fn reset_redirect(&mut self) {
        // SAFETY: By the type invariants the `struct sk_buff` is ours alone.
        unsafe { bindings::skb_reset_redirect(self.0.as_ptr()) };
    }

    /// Marks the buffer to be passed over by tc's classifiers (`skb->tc_skip_classify`) and by
    /// netfilter's egress hook (`nf_skip_egress`), which a buffer handed back to the stack after
    /// a redirection skips so that it is not redirected again.
    #[inline]
    pub fn skip_tc_and_nf_egress(&mut self) {
        // SAFETY: By the type invariants the `struct sk_buff` is ours alone.
        unsafe { bindings::skb_skip_tc_nf_egress(self.0.as_ptr()) };
    }

    /// Pulls the MAC header, `skb->mac_len` bytes, off the front of the data and out of the
    /// receive checksum (`skb_pull_rcsum`), for a buffer to be received again.
    ///
    /// Fails with `EINVAL`, changing nothing, if the header is not in the linear part of the
    /// buffer.
    #[inline]
    pub fn pull_mac_header_rcsum(&mut self) -> Result {
        let skb = self.0.as_ptr();
        // SAFETY: By the type invariants the skb is valid.
        let (mac_len, headlen) =
            unsafe { (bindings::skb_mac_len(skb), bindings::skb_headlen(skb)) };
        if u32::from(mac_len) > headlen {
            return Err(EINVAL);
        }
        // SAFETY: The `struct sk_buff` is ours alone; `mac_len` bytes lie in the linear part
        // (checked above), so `skb_pull_rcsum` neither `BUG`s nor reads past it. Pulling moves
        // `data` and changes `len` and `csum`, fields of our `struct sk_buff`, not the shared
        // data.
        unsafe { bindings::skb_pull_rcsum(skb, mac_len.into()) };
        Ok(())
    }

    /// Frees the buffer after successful processing (`dev_consume_skb_any`).
    #[inline]
    pub fn consume(self) {
        // SAFETY: We own the only reference to a valid skb (type invariants), given up here.
        unsafe { free_any(self.into_raw(), bindings::skb_drop_reason_SKB_CONSUMED) };
    }

    /// Drops the buffer and tells drop monitors why (`dev_kfree_skb_any_reason`).
    #[inline]
    pub fn drop_reason(self, reason: DropReason) {
        // SAFETY: We own the only reference to a valid skb (type invariants), given up here.
        unsafe { free_any(self.into_raw(), reason.as_raw()) };
    }

    /// Prepares the buffer to go from device `from` to device `to`: scrubs it if it crosses
    /// namespaces (`skb_scrub_packet`, as `__dev_forward_skb` does: its route, conntrack,
    /// mark and time stamp go, its packet type becomes `PACKET_HOST` and its `skb_iif` zero),
    /// and sets `skb->dev`.
    ///
    /// # Safety
    ///
    /// `from` is a valid device; this runs in an RCU read-side critical section.
    #[inline]
    unsafe fn set_dev(&mut self, from: *mut bindings::net_device, to: &NetDev) {
        let skb = self.0.as_ptr();
        // SAFETY: Both devices are valid and their namespaces read under RCU (safety
        // requirements), as `dev_net_rcu` requires; the `struct sk_buff` is ours alone, and
        // `skb_scrub_packet` changes only it and drops the references it held (net/core/skbuff.c).
        unsafe {
            if bindings::dev_net_rcu(from) != bindings::dev_net_rcu(to.as_raw()) {
                bindings::skb_scrub_packet(skb, true);
            }
            bindings::skb_set_dev(skb, to.as_raw());
        }
    }

    /// Hands the buffer to the transmit path of `to` (`dev_queue_xmit`), from `from`; drops it
    /// if it is empty.
    ///
    /// # Safety
    ///
    /// As for `set_dev`, in a bottom half or process context.
    #[inline]
    pub(crate) unsafe fn dev_queue_xmit(mut self, from: *mut bindings::net_device, to: &NetDev) {
        // The transmit path warns about an empty buffer (`skb_assert_len`), which pulling its
        // MAC header may leave.
        if self.is_empty() {
            self.drop_reason(DropReason::PktTooSmall);
            return;
        }
        // SAFETY: By the safety requirements.
        unsafe { self.set_dev(from, to) };
        // SAFETY: The skb is valid and ours, with `dev` set to a valid device; `__dev_queue_xmit`
        // takes it over whatever it returns and may be called with bottom halves disabled.
        unsafe { bindings::__dev_queue_xmit(self.into_raw(), core::ptr::null_mut()) };
    }

    /// Hands the buffer to the receive path of `to` (`netif_receive_skb`), from `from`; drops it
    /// if it has no MAC header, which the receive path needs (`skb_reset_mac_len` warns).
    ///
    /// # Safety
    ///
    /// As for `set_dev`, in a bottom half.
    #[inline]
    pub(crate) unsafe fn netif_receive_skb(mut self, from: *mut bindings::net_device, to: &NetDev) {
        // SAFETY: By the type invariants the skb is valid.
        if !unsafe { bindings::skb_mac_header_was_set(self.0.as_ptr()) } {
            self.drop_reason(DropReason::NotSpecified);
            return;
        }
        // SAFETY: By the safety requirements.
        unsafe { self.set_dev(from, to) };
        // SAFETY: The skb is valid and ours, with `dev` set to a valid device and a MAC header;
        // `netif_receive_skb` takes it over and is called from a bottom half, as from NAPI.
        unsafe { bindings::netif_receive_skb(self.into_raw()) };
    }
}

impl Drop for QueuedSkBuff {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: We own the only reference to a valid skb (type invariants), given up here.
        unsafe { free_any(self.0.as_ptr(), DropReason::NotSpecified.as_raw()) };
    }
}

/// Frees `skb` for `reason` (`SKB_CONSUMED` for a buffer that was handled) in whatever context
/// this runs, as `dev_kfree_skb_any_reason` does: a kept buffer may be dropped with interrupts
/// disabled (netpoll's transmit path) or in a hard interrupt, where freeing it at once could
/// run its destructor, which must not run there (`skb_release_head_state`), so it is freed
/// later from the transmit softirq.
///
/// # Safety
///
/// `skb` is a valid skb whose only reference the caller gives up.
#[inline]
unsafe fn free_any(skb: *mut bindings::sk_buff, reason: bindings::skb_drop_reason) {
    // SAFETY: By the safety requirements; `dev_kfree_skb_any_reason` may be called in any
    // context (net/core/dev.c).
    unsafe { bindings::dev_kfree_skb_any_reason(skb, reason) };
}

/// A first-in, first-out list of buffers ([`QueuedSkBuff`]), as a `struct sk_buff_head` used
/// without its lock (`__skb_queue_tail`, `__skb_dequeue`): who holds the list holds its
/// buffers. Dropping it frees them, as dropped in a purge (`__skb_queue_purge`).
///
/// # Invariants
///
/// `head` is null and `len` zero, or `head` is the first of the valid skbs linked by `next`,
/// owned by the list, each with one user, the last `tail` with a null `next`, and `len` is
/// their number modulo 2^32 (as C's `qlen`, a `__u32`).
///
/// # Examples
///
/// ```
/// use kernel::net::skbuff::{QueuedSkBuff, SkbList};
///
/// // Takes what a transmit path left in `waiting` if `mine` is empty, and hands on the oldest
/// // buffer.
/// fn next(mine: &mut SkbList, waiting: &mut SkbList) -> Option<QueuedSkBuff> {
///     if mine.is_empty() {
///         mine.append(waiting);
///     }
///     pr_debug!("{} buffers waiting\n", mine.len());
///     mine.pop_front()
/// }
/// ```
pub struct SkbList {
    head: *mut bindings::sk_buff,
    tail: *mut bindings::sk_buff,
    len: u32,
}

// SAFETY: The list owns its buffers, which may be sent and freed from any CPU (as
// `QueuedSkBuff`).
unsafe impl Send for SkbList {}

impl Default for SkbList {
    #[inline]
    fn default() -> Self {
        // INVARIANT: Empty.
        Self {
            head: core::ptr::null_mut(),
            tail: core::ptr::null_mut(),
            len: 0,
        }
    }
}

impl SkbList {
    /// The number of buffers in the list, modulo 2^32 as C counts them (`skb_queue_len`).
    #[inline]
    pub fn len(&self) -> u32 {
        self.len
    }

    /// Whether the list is empty (`skb_queue_empty`).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.head.is_null()
    }

    /// Adds a buffer at the end (`__skb_queue_tail`).
    #[inline]
    pub fn push_back(&mut self, skb: QueuedSkBuff) {
        let skb = skb.into_raw();
        // SAFETY: `skb` is valid, ours and not on a list, so its `next` is ours to set; `tail` is
        // the last skb of the list when `head` is not null (type invariants).
        unsafe {
            (*skb).__bindgen_anon_1.__bindgen_anon_1.next = core::ptr::null_mut();
            if self.head.is_null() {
                self.head = skb;
            } else {
                (*self.tail).__bindgen_anon_1.__bindgen_anon_1.next = skb;
            }
        }
        self.tail = skb;
        // INVARIANT: `skb` is linked last, with a null `next`; the count wraps as C's does (a
        // list of 2^32 buffers is possible on a machine with a few TiB of memory).
        self.len = self.len.wrapping_add(1);
    }

    /// Takes the first buffer (`__skb_dequeue`).
    #[inline]
    pub fn pop_front(&mut self) -> Option<QueuedSkBuff> {
        let skb = NonNull::new(self.head)?;
        // SAFETY: `head` is a valid skb of the list (type invariants); its `next` is the list's.
        unsafe {
            self.head = (*skb.as_ptr()).__bindgen_anon_1.__bindgen_anon_1.next;
            (*skb.as_ptr()).__bindgen_anon_1.__bindgen_anon_1.next = core::ptr::null_mut();
        }
        // INVARIANT: The first skb is unlinked; the rest stay linked from `head`, one fewer,
        // modulo 2^32.
        self.len = self.len.wrapping_sub(1);
        if self.head.is_null() {
            self.tail = core::ptr::null_mut();
        }
        // SAFETY: The skb was the list's, with one user, and is now off it (`next` null).
        Some(unsafe { QueuedSkBuff::from_raw(skb.as_ptr()) })
    }

    /// Moves every buffer of `other` to the end of this list, leaving `other` empty
    /// (`skb_queue_splice_tail_init`).
    #[inline]
    pub fn append(&mut self, other: &mut SkbList) {
        if other.head.is_null() {
            return;
        }
        if self.head.is_null() {
            self.head = other.head;
        } else {
            // SAFETY: `tail` is the last skb of this list (type invariants).
            unsafe { (*self.tail).__bindgen_anon_1.__bindgen_anon_1.next = other.head };
        }
        self.tail = other.tail;
        // INVARIANT: The counts add up modulo 2^32.
        self.len = self.len.wrapping_add(other.len);
        // INVARIANT: The buffers of `other` follow those of this list, which now owns them, and
        // `other` is empty. Its fields are cleared, not replaced: replacing it would drop it,
        // freeing the buffers.
        other.head = core::ptr::null_mut();
        other.tail = core::ptr::null_mut();
        other.len = 0;
    }

    /// Frees every buffer of the list (`__skb_queue_purge`), out of line: lists are purged when
    /// a device goes, not per packet, and each driver's copy of the loop would cost it code.
    #[cold]
    #[inline(never)]
    fn purge(&mut self) {
        while let Some(skb) = self.pop_front() {
            // SAFETY: The buffer was the list's, now `skb`'s alone, given up here.
            unsafe {
                free_any(
                    skb.into_raw(),
                    bindings::skb_drop_reason_SKB_DROP_REASON_QUEUE_PURGE,
                )
            };
        }
    }
}

impl Drop for SkbList {
    #[inline]
    fn drop(&mut self) {
        // Inline, the test vanishes where the list is known to be empty, as after `append`.
        if !self.is_empty() {
            self.purge();
        }
    }
}
// @series}
