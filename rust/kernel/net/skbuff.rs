// SPDX-License-Identifier: GPL-2.0

//! Socket buffers.
//!
//! C header: [`include/linux/skbuff.h`](srctree/include/linux/skbuff.h)

use crate::{bindings, types::NotThreadSafe};
use core::{mem::ManuallyDrop, ptr::NonNull};

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
}

impl DropReason {
    #[inline]
    fn as_raw(self) -> bindings::skb_drop_reason {
        match self {
            Self::NotSpecified => bindings::skb_drop_reason_SKB_DROP_REASON_NOT_SPECIFIED,
            Self::DevReady => bindings::skb_drop_reason_SKB_DROP_REASON_DEV_READY,
            Self::PktTooBig => bindings::skb_drop_reason_SKB_DROP_REASON_PKT_TOO_BIG,
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
