// SPDX-License-Identifier: GPL-2.0

//! Socket buffers.
//!
//! C header: [`include/linux/skbuff.h`](srctree/include/linux/skbuff.h)

use crate::{
    bindings,
    net::netdev::NetDev,
    types::NotThreadSafe, //
};
use core::{
    mem::ManuallyDrop,
    ops::Deref,
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
        // the reference is owned; the field is read through the pointer, not a reference to the
        // whole (possibly shared) buffer.
        unsafe { (*self.0.as_ptr()).len }
    }

    /// Returns `true` if the buffer holds no data.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

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

    /// Makes sure the buffer is not shared (`skb_share_check`): returns it as it is if this is
    /// its only holder, else a clone of it and drops this reference. `None` if the clone could
    /// not be allocated; the buffer is then dropped.
    #[cfg(CONFIG_CAN)]
    #[inline]
    pub(crate) fn share_check(self) -> Option<UniqueSkBuff> {
        let this = ManuallyDrop::new(self);
        // SAFETY: By the type invariants we own a reference to a valid skb, which
        // `skb_share_check` takes over (it consumes or frees it when it clones);
        // `ManuallyDrop` keeps `Drop` from releasing it again. `GFP_ATOMIC`: transmit path.
        let skb = unsafe { bindings::skb_share_check(this.0.as_ptr(), bindings::GFP_ATOMIC) };
        // SAFETY: `skb_share_check` returns an skb with one user, whose reference is ours, or
        // null.
        NonNull::new(skb).map(|s| unsafe { UniqueSkBuff::from_raw(s.as_ptr()) })
    }

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

    /// Hands the buffer to the receive path of `dev` (`skb->dev = dev; netif_rx(skb)`), as a
    /// packet `dev` received; the buffer is the core's from then on, whatever it returns.
    ///
    /// [`RxResult::Dropped`] when the core dropped it (it counts the drop itself).
    ///
    /// Only for what needs no more of the receive path than `netif_rx` does, a CAN frame
    /// (`CanSkBuff::netif_rx`): an Ethernet frame also needs `eth_type_trans` and headroom for
    /// the headers a bridge pushes back, and `netif_rx` from netpoll's transmit path, which
    /// runs with interrupts off, enables bottom halves there.
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
}

impl Deref for UniqueSkBuff {
    type Target = SkBuff;

    #[inline]
    fn deref(&self) -> &SkBuff {
        &self.0
    }
}
