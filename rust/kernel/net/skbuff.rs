// SPDX-License-Identifier: GPL-2.0

//! Socket buffers.
//!
//! C header: [`include/linux/skbuff.h`](srctree/include/linux/skbuff.h)

use crate::bindings;
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
    fn as_raw(self) -> bindings::skb_drop_reason {
        match self {
            Self::NotSpecified => bindings::skb_drop_reason_SKB_DROP_REASON_NOT_SPECIFIED,
            Self::DevReady => bindings::skb_drop_reason_SKB_DROP_REASON_DEV_READY,
            Self::PktTooBig => bindings::skb_drop_reason_SKB_DROP_REASON_PKT_TOO_BIG,
        }
    }
}

/// An owned socket buffer, `struct sk_buff`.
///
/// A driver receives one in the `start_xmit` operation of its network device and must end its
/// life: [`SkBuff::consume`] when the buffer was handled (what `dev_kfree_skb` means in a
/// transmit path), [`SkBuff::drop_reason`] when it was dropped. Letting it go out of scope drops
/// it without a reason, which drop monitors report as `NOT_SPECIFIED`.
///
/// # Invariants
///
/// `self.0` points to a valid `struct sk_buff` this object owns one reference of.
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
pub struct SkBuff(NonNull<bindings::sk_buff>);

// SAFETY: An owned skb may be freed or read on any CPU; the core hands them between CPUs itself.
unsafe impl Send for SkBuff {}

impl SkBuff {
    /// Takes ownership of a raw `struct sk_buff`.
    ///
    /// # Safety
    ///
    /// `ptr` must point to a valid skb whose reference the caller passes to the new object.
    pub(crate) unsafe fn from_raw(ptr: *mut bindings::sk_buff) -> Self {
        // INVARIANT: The caller passes a valid, owned skb.
        // SAFETY: A valid skb pointer is not null.
        Self(unsafe { NonNull::new_unchecked(ptr) })
    }

    fn raw(&self) -> &bindings::sk_buff {
        // SAFETY: By the type invariants the skb is valid; its fields do not change while we own
        // it.
        unsafe { self.0.as_ref() }
    }

    /// Returns the length of the data in the buffer, `skb->len`.
    pub fn len(&self) -> u32 {
        self.raw().len
    }

    /// Returns `true` if the buffer holds no data.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes the software transmit timestamp if one was asked for (`skb_tx_timestamp`); a
    /// driver calls it in `start_xmit` right before the buffer leaves.
    pub fn tx_timestamp(&mut self) {
        // SAFETY: By the type invariants we own a valid skb.
        unsafe { bindings::skb_tx_timestamp(self.0.as_ptr()) };
    }

    /// Frees the buffer after successful processing (`consume_skb`).
    pub fn consume(self) {
        let this = ManuallyDrop::new(self);
        // SAFETY: By the type invariants we own a reference to a valid skb; `ManuallyDrop`
        // keeps `Drop` from releasing it a second time.
        unsafe { bindings::consume_skb(this.0.as_ptr()) };
    }

    /// Drops the buffer and tells drop monitors why (`kfree_skb_reason`).
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
