// SPDX-License-Identifier: GPL-2.0

//! Socket buffers.
//!
//! C header: [`include/linux/skbuff.h`](srctree/include/linux/skbuff.h)

use crate::{bindings, net::device::NetDev, types::NotThreadSafe};
use core::{mem::ManuallyDrop, ops::Deref, ptr::NonNull};

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
/// The rules the type follows from 7.3's core:
///
/// - **Shared buffers.** The buffer may be shared (`skb->users` above one: pktgen's `burst`
///   with `clone_skb`, devices with `IFF_TX_SKB_SHARING` such as every Ethernet device): another
///   holder may read it at the same time, and nobody may change its data or the fields that
///   describe it. This type therefore never makes a Rust reference to the `struct sk_buff`;
///   it reads single fields through the pointer, and offers no way to change the buffer.
/// - **Where it is freed.** `kfree_skb` must not run in hard-IRQ context with a destructor
///   (DEBUG_NET warns in `skb_release_head_state`). The type is neither `Send` nor `Sync`: it
///   cannot leave the transmit path it was handed to, which runs with bottom halves disabled,
///   where `consume_skb` and `kfree_skb_reason` are what C drivers call.
///
/// It is a different type from `kernel::net::netlink::NetlinkSkBuff`, on purpose: that one is a
/// message being built, owned exclusively and writable, and freed with `nlmsg_free`; this one is
/// a buffer of the transmit path, possibly shared and read-only. What they have in common, a
/// pointer to a `struct sk_buff` with one reference owned, is all either stores.
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

    /// Returns the linear part of the data, the `skb_headlen()` bytes at `skb->data` (all of
    /// it, unless the buffer has paged fragments).
    #[inline]
    pub fn data(&self) -> &[u8] {
        let skb = self.0.as_ptr();
        // SAFETY: By the type invariants the skb is valid and its data does not change while the
        // reference is owned: nobody writes the data of a shared or cloned buffer.
        let (data, len) = unsafe { ((*skb).data, bindings::skb_headlen(skb)) };
        // SAFETY: `skb_headlen()` bytes of linear data start at `data` and stay for as long as
        // the reference, which `self` borrows.
        unsafe { core::slice::from_raw_parts(data, len as usize) }
    }

    /// Returns the room in front of the data, `skb_headroom()`.
    #[inline]
    pub fn headroom(&self) -> u32 {
        // SAFETY: By the type invariants the skb is valid and its geometry does not change.
        unsafe { bindings::skb_headroom(self.0.as_ptr()) }
    }

    /// Returns the protocol of the packet, `skb->protocol`, in host byte order (`ETH_P_*`).
    #[inline]
    pub fn protocol(&self) -> u16 {
        // SAFETY: By the type invariants the skb is valid and this field does not change.
        u16::from_be(unsafe { bindings::skb_get_protocol(self.0.as_ptr()) })
    }

    /// Returns the packet type, `skb->pkt_type`.
    #[inline]
    pub fn pkt_type(&self) -> PacketType {
        // SAFETY: By the type invariants the skb is valid and this field does not change.
        PacketType::from_raw(unsafe { bindings::skb_get_pkt_type(self.0.as_ptr()) })
    }

    /// Returns the checksum state, `skb->ip_summed`.
    #[inline]
    pub fn ip_summed(&self) -> Checksum {
        // SAFETY: By the type invariants the skb is valid and this field does not change.
        Checksum::from_raw(unsafe { bindings::skb_get_ip_summed(self.0.as_ptr()) })
    }

    /// Returns the mark, `skb->mark`.
    #[inline]
    pub fn mark(&self) -> u32 {
        // SAFETY: By the type invariants the skb is valid and this field does not change.
        unsafe { bindings::skb_get_mark(self.0.as_ptr()) }
    }

    /// Returns the index of the interface the packet arrived on, `skb->skb_iif` (zero for a
    /// packet that was not received).
    #[inline]
    pub fn iif(&self) -> i32 {
        // SAFETY: By the type invariants the skb is valid and this field does not change.
        unsafe { bindings::skb_get_iif(self.0.as_ptr()) }
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
    #[inline]
    pub fn share_check(self) -> Option<UniqueSkBuff> {
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
        // `skb_tx_timestamp` is called in C; it reads the buffer's shared info and queues a
        // separate clone for the socket, leaving the buffer itself unchanged.
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
        // keeps `Drop` from releasing it a second time. A null socket is allowed.
        unsafe {
            bindings::sk_skb_reason_drop(core::ptr::null_mut(), this.0.as_ptr(), reason.as_raw())
        };
    }
}

impl Drop for SkBuff {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: By the type invariants we own a reference to a valid skb. A null socket is
        // allowed.
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
/// ```
/// use kernel::net::skbuff::{PacketType, SkBuff};
///
/// fn for_us(skb: &SkBuff) -> bool {
///     matches!(skb.pkt_type(), PacketType::Host | PacketType::Broadcast | PacketType::Multicast)
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
    fn from_raw(raw: u8) -> Self {
        match u32::from(raw) {
            bindings::PACKET_HOST => Self::Host,
            bindings::PACKET_BROADCAST => Self::Broadcast,
            bindings::PACKET_MULTICAST => Self::Multicast,
            bindings::PACKET_OTHERHOST => Self::OtherHost,
            bindings::PACKET_OUTGOING => Self::Outgoing,
            bindings::PACKET_LOOPBACK => Self::Loopback,
            _ => Self::Other(raw),
        }
    }

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

/// What is known of a packet's checksum, `skb->ip_summed` (`CHECKSUM_*`).
///
/// # Examples
///
/// A device that verifies nothing passes on what the sender knew, and vouches for a packet
/// that never left the host:
///
/// ```
/// use kernel::net::skbuff::{Checksum, UniqueSkBuff};
///
/// fn local(skb: &mut UniqueSkBuff) {
///     if skb.ip_summed() == Checksum::None {
///         skb.set_ip_summed(Checksum::Unnecessary);
///     }
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Checksum {
    /// Not checked (`CHECKSUM_NONE`).
    None,
    /// Need not be checked (`CHECKSUM_UNNECESSARY`).
    Unnecessary,
    /// Computed by the device over the whole packet (`CHECKSUM_COMPLETE`).
    Complete,
    /// To be completed by the device (`CHECKSUM_PARTIAL`).
    Partial,
}

impl Checksum {
    #[inline]
    fn from_raw(raw: u8) -> Self {
        match u32::from(raw) {
            bindings::CHECKSUM_UNNECESSARY => Self::Unnecessary,
            bindings::CHECKSUM_COMPLETE => Self::Complete,
            bindings::CHECKSUM_PARTIAL => Self::Partial,
            _ => Self::None,
        }
    }

    #[inline]
    fn as_raw(self) -> u8 {
        (match self {
            Self::None => bindings::CHECKSUM_NONE,
            Self::Unnecessary => bindings::CHECKSUM_UNNECESSARY,
            Self::Complete => bindings::CHECKSUM_COMPLETE,
            Self::Partial => bindings::CHECKSUM_PARTIAL,
        }) as u8
    }
}

/// What the core did with a received packet (`NET_RX_SUCCESS`, `NET_RX_DROP`).
///
/// # Examples
///
/// ```
/// use kernel::net::{device::NetDev, skbuff::{RxResult, UniqueSkBuff}};
///
/// fn deliver(skb: UniqueSkBuff, dev: &NetDev) -> bool {
///     match skb.netif_rx(dev) {
///         RxResult::Success => true,
///         RxResult::Dropped => false,
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
/// Made from an [`SkBuff`] by [`SkBuff::share_check`] or [`SkBuff::try_clone`]. It dereferences to
/// [`SkBuff`] for what may be read; its data stays read-only, as it may be shared with a clone.
///
/// # Invariants
///
/// `self.0` is a valid skb with one user, this object, handed to or made in the transmit path
/// of the current CPU: nobody else reads or writes its `struct sk_buff`.
///
/// # Examples
///
/// A tunnel end that hands what it is sent to the receive path of the other end, as vxcan and
/// veth do, and counts what the other end took:
///
/// ```
/// use kernel::net::{
///     device::{NetDev, Stat},
///     skbuff::{Checksum, DropReason, PacketType, RxResult, SkBuff},
/// };
///
/// fn to_peer(skb: SkBuff, dev: &NetDev, peer: &NetDev) {
///     let Some(mut skb) = skb.share_check() else {
///         dev.stats_inc(Stat::TxDropped);
///         return;
///     };
///     skb.tx_timestamp();
///     if !peer.is_up() {
///         skb.drop_reason(DropReason::DevReady);
///         return;
///     }
///     skb.set_pkt_type(PacketType::Broadcast);
///     skb.set_ip_summed(Checksum::Unnecessary);
///     let len = skb.len() as usize;
///     if skb.netif_rx(peer) == RxResult::Success {
///         dev.stats_add(Stat::TxBytes, len);
///         peer.stats_add(Stat::RxBytes, len);
///     }
/// }
/// ```
///
/// A monitor that sends a copy of each packet to another device, marked and typed for it, and
/// reports what it sees:
///
/// ```
/// use kernel::net::{
///     device::NetDev,
///     skbuff::{PacketType, RxResult, SkBuff},
/// };
///
/// fn mirror(skb: &SkBuff, to: &NetDev) {
///     pr_debug!(
///         "{} bytes, {} of headroom, protocol {:#06x}, {:?}, {:?}, mark {}, from {}\n",
///         skb.len(),
///         skb.headroom(),
///         skb.protocol(),
///         skb.pkt_type(),
///         skb.ip_summed(),
///         skb.mark(),
///         skb.iif(),
///     );
///     let Some(mut copy) = skb.try_clone() else {
///         return;
///     };
///     if copy.len() < 14 {
///         // Not even an Ethernet header: nothing to mirror.
///         copy.consume();
///         return;
///     }
///     copy.set_mark(0x1);
///     copy.set_protocol(0x88b5); // ETH_P_802_EX1, local experimental
///     copy.set_pkt_type(PacketType::OtherHost);
///     let _: RxResult = copy.netif_rx(to);
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

    /// Sets the protocol, `skb->protocol`, given in host byte order (`ETH_P_*`).
    #[inline]
    pub fn set_protocol(&mut self, protocol: u16) {
        // SAFETY: By the type invariants the `struct sk_buff` is ours alone.
        unsafe { bindings::skb_set_protocol(self.as_ptr(), protocol.to_be()) };
    }

    /// Sets the packet type, `skb->pkt_type`.
    #[inline]
    pub fn set_pkt_type(&mut self, pkt_type: PacketType) {
        // SAFETY: By the type invariants the `struct sk_buff` is ours alone.
        unsafe { bindings::skb_set_pkt_type(self.as_ptr(), pkt_type.as_raw()) };
    }

    /// Sets the checksum state, `skb->ip_summed`.
    #[inline]
    pub fn set_ip_summed(&mut self, summed: Checksum) {
        // SAFETY: By the type invariants the `struct sk_buff` is ours alone.
        unsafe { bindings::skb_set_ip_summed(self.as_ptr(), summed.as_raw()) };
    }

    /// Sets the mark, `skb->mark`.
    #[inline]
    pub fn set_mark(&mut self, mark: u32) {
        // SAFETY: By the type invariants the `struct sk_buff` is ours alone.
        unsafe { bindings::skb_set_mark(self.as_ptr(), mark) };
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
    #[inline]
    pub fn netif_rx(self, dev: &NetDev) -> RxResult {
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

impl UniqueSkBuff {
    /// Hands an Ethernet frame to the receive path of `dev` as if it had arrived on the wire
    /// there (`dev_forward_skb`), as veth does between its two ends: the buffer is scrubbed of
    /// what belongs to the sending side (its route, its socket, its namespace's marks), its
    /// protocol and type are read from the Ethernet header for `dev`, and it is received.
    ///
    /// [`RxResult::Dropped`] when the core dropped it: `dev` is down, the frame is longer than
    /// `dev`'s MTU allows or memory ran out (the core counts those in `dev`'s `rx_dropped`),
    /// or the frame is shorter than an Ethernet header (counted in `dev`'s `rx_dropped` here).
    ///
    /// # Examples
    ///
    /// ```
    /// use kernel::net::{
    ///     device::{NetDev, Stat},
    ///     skbuff::{RxResult, SkBuff},
    /// };
    ///
    /// fn to_peer(skb: SkBuff, dev: &NetDev, peer: &NetDev) {
    ///     let Some(skb) = skb.share_check() else {
    ///         return;
    ///     };
    ///     let len = skb.len() as usize;
    ///     if skb.forward(peer) == RxResult::Success {
    ///         dev.stats_inc(Stat::TxPackets);
    ///         dev.stats_add(Stat::TxBytes, len);
    ///     }
    /// }
    /// ```
    #[inline]
    pub fn forward(self, dev: &NetDev) -> RxResult {
        // `eth_type_trans` reads the Ethernet header from the linear data.
        if self.data().len() < bindings::ETH_HLEN as usize {
            self.drop_reason(DropReason::PktTooSmall);
            dev.stats_inc(crate::net::device::Stat::RxDropped);
            return RxResult::Dropped;
        }
        let this = ManuallyDrop::new(self);
        // The core handles the lifetime of the queued packet as for `netif_rx` (which
        // `dev_forward_skb` calls) and takes over our reference whatever it returns.
        // SAFETY: The `struct sk_buff` is ours alone (type invariants) with an Ethernet header
        // in its linear data (checked above); `dev` has passed `ndo_init`, alive while borrowed.
        let ret = unsafe { bindings::dev_forward_skb(dev.as_raw(), this.as_ptr()) };
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
