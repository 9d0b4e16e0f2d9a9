// SPDX-License-Identifier: GPL-2.0

//! What a link type tells user space: error messages of a request and the kind's attributes of
//! a device.

use super::Attr;
use crate::{bindings, error::to_result, prelude::*};
use core::marker::PhantomData;

/// The extended acknowledgment of a request, `struct netlink_ext_ack`: where a callback
/// explains an error to user space, as `ip` prints it (`Error: ...`).
///
/// # Invariants
///
/// `self.0` is null or a `struct netlink_ext_ack` that the caller of the callback lends
/// exclusively for `'a`.
///
/// # Examples
///
/// A request with a zero identifier is refused with a message pointing at the attribute, as
/// `NL_SET_ERR_MSG_ATTR` does, one without an identifier with a message only:
///
/// ```
/// use kernel::net::rtnl::{Attr, ExtAck};
///
/// fn check_id(id: Option<&Attr>, extack: &mut ExtAck<'_>) -> Result<u32> {
///     let Some(id) = id else {
///         extack.set_msg(c"an identifier is required");
///         return Err(EINVAL);
///     };
///     match id.read_u32() {
///         Ok(0) => {
///             extack.set_msg_attr(c"identifier 0 is reserved", id);
///             Err(EINVAL)
///         }
///         res => res,
///     }
/// }
/// ```
pub struct ExtAck<'a>(*mut bindings::netlink_ext_ack, PhantomData<&'a mut ()>);

impl ExtAck<'_> {
    /// Wraps the acknowledgment the core passes to a callback.
    ///
    /// # Safety
    ///
    /// `ptr` is null or a `struct netlink_ext_ack` that nothing else accesses for `'a`.
    pub(super) unsafe fn from_raw<'a>(ptr: *mut bindings::netlink_ext_ack) -> ExtAck<'a> {
        // INVARIANT: By the safety requirements.
        ExtAck(ptr, PhantomData)
    }

    /// Sets the error message, as `NL_SET_ERR_MSG` does (the `netlink_extack` tracepoint sees
    /// it too). A later message replaces it.
    pub fn set_msg(&mut self, msg: &'static CStr) {
        // SAFETY: `msg` is a valid string; the tracepoint only reads it.
        unsafe { bindings::do_trace_netlink_extack(msg.as_char_ptr()) };
        if !self.0.is_null() {
            // SAFETY: By the type invariants the acknowledgment is ours to write; the message
            // is static, so it outlives the reply the core builds from it.
            unsafe { (*self.0)._msg = msg.as_char_ptr() };
        }
    }

    /// Sets the error message and the attribute it is about, as `NL_SET_ERR_MSG_ATTR` does;
    /// user space gets the attribute's offset in its request.
    pub fn set_msg_attr(&mut self, msg: &'static CStr, attr: &Attr) {
        self.set_msg(msg);
        if !self.0.is_null() {
            // SAFETY: By the type invariants the acknowledgment is ours to write; `attr` is
            // an attribute of the request the acknowledgment answers, so the core can compute
            // its offset when it builds the reply, while the request still exists.
            unsafe {
                (*self.0).bad_attr = attr.as_raw();
                (*self.0).policy = core::ptr::null();
            }
        }
    }
}

/// The room an attribute with `payload` bytes takes in a message, `nla_total_size()`: the
/// header and the payload, padded to `NLA_ALIGNTO`.
///
/// [`Link::INFO_SIZE`](super::Link::INFO_SIZE) is the sum of this for each attribute that
/// [`Link::fill_info`](super::Link::fill_info) may write.
///
/// # Examples
///
/// ```
/// use kernel::net::rtnl::attr_size;
///
/// assert_eq!(attr_size(0), 4); // A flag.
/// assert_eq!(attr_size(1), 8); // A `u8`, padded.
/// assert_eq!(attr_size(4), 8); // A `u32`.
/// assert_eq!(attr_size(6), 12); // An Ethernet address, padded.
/// ```
pub const fn attr_size(payload: usize) -> usize {
    const ALIGN: usize = bindings::NLA_ALIGNTO as usize;
    const HDRLEN: usize = size_of::<bindings::nlattr>().next_multiple_of(ALIGN);
    (HDRLEN + payload).next_multiple_of(ALIGN)
}

/// Where [`Link::fill_info`](super::Link::fill_info) writes the kind's attributes of a device
/// (`IFLA_INFO_DATA` of its `IFLA_LINKINFO`), as `ip -d link` shows them.
///
/// The core sizes a reply about one device with [`Link::INFO_SIZE`](super::Link::INFO_SIZE),
/// and treats any failure to fill it as a reply that did not fit, a bug in the size (it
/// warns). So the writer keeps the budget: an attribute beyond `INFO_SIZE` is refused with
/// `EINVAL` and not written; and an error of `fill_info` does not reach the core: the kind's
/// attributes are left out of that reply instead. Only a dump's buffer that is full fails the
/// call (`EMSGSIZE`), as the core expects: it continues in the next buffer.
///
/// # Invariants
///
/// `self.skb` is the message the core is building for the call, with the `IFLA_INFO_DATA` nest
/// open, ours to append to for `'a`.
///
/// # Examples
///
/// The attributes of a tunnel, with [`Link::INFO_SIZE`](super::Link::INFO_SIZE) the room
/// they take at most:
///
/// ```
/// use kernel::net::rtnl::{attr_size, InfoWriter};
///
/// const MODE: u16 = 1;
/// const PORT: u16 = 2;
/// const LEARNING: u16 = 3;
/// const LABEL: u16 = 4;
/// const MAC: u16 = 5;
/// const LABEL_MAX: usize = 16;
///
/// const INFO_SIZE: usize = attr_size(size_of::<u8>())
///     + attr_size(size_of::<u16>())
///     + attr_size(0)
///     + attr_size(LABEL_MAX)
///     + attr_size(6);
///
/// fn fill(info: &mut InfoWriter<'_>, learning: bool, label: &CStr) -> Result {
///     info.put_u8(MODE, 1)?;
///     info.put_u16(PORT, 4789)?;
///     if learning {
///         info.put_flag(LEARNING)?;
///     }
///     if label.to_bytes_with_nul().len() > LABEL_MAX {
///         return Err(EINVAL);
///     }
///     info.put_string(LABEL, label)?;
///     info.put(MAC, &[0x02, 0, 0, 0, 0, 1])
/// }
/// ```
pub struct InfoWriter<'a> {
    skb: *mut bindings::sk_buff,
    left: usize,
    full: bool,
    _p: PhantomData<&'a mut ()>,
}

impl InfoWriter<'_> {
    /// Wraps the message the core passes to `fill_info`, with `budget` bytes for the attributes.
    ///
    /// # Safety
    ///
    /// `skb` is the message of a `fill_info` call, valid and ours to append to for `'a`.
    pub(super) unsafe fn from_raw<'a>(
        skb: *mut bindings::sk_buff,
        budget: usize,
    ) -> InfoWriter<'a> {
        // INVARIANT: By the safety requirements.
        InfoWriter {
            skb,
            left: budget,
            full: false,
            _p: PhantomData,
        }
    }

    /// Runs `fill` on the message `skb` of a `fill_info` call with `budget` bytes, and returns
    /// what the call returns: `-EMSGSIZE` if the message was full (a dump continues in its next
    /// buffer), else zero, with what `fill` wrote removed again if it failed.
    ///
    /// # Safety
    ///
    /// `skb` is the message of a `fill_info` call, valid and ours to append to for the call.
    pub(super) unsafe fn fill(
        skb: *mut bindings::sk_buff,
        budget: usize,
        fill: impl FnOnce(&mut InfoWriter<'_>) -> Result,
    ) -> c_int {
        // SAFETY: By the safety requirements the message is valid.
        let mark = unsafe { (*skb).len };
        // SAFETY: By the safety requirements.
        let mut info = unsafe { InfoWriter::from_raw(skb, budget) };
        let res = fill(&mut info);
        if info.full {
            return EMSGSIZE.to_errno();
        }
        if res.is_err() {
            // A netlink message is linear; this removes the attributes `fill` appended.
            // SAFETY: By the safety requirements the message is ours to change; `mark` is its
            // length before `fill`, which only appended to it.
            unsafe { bindings::skb_trim(skb, mark) };
        }
        0
    }

    /// Appends the attribute `ty` with `payload`, as `nla_put` does.
    pub fn put(&mut self, ty: u16, payload: &[u8]) -> Result {
        let size = attr_size(payload.len());
        if size > self.left {
            return Err(EINVAL);
        }
        // `INFO_SIZE` is at most `u16::MAX` (checked when the kind is registered).
        let len = c_int::try_from(payload.len()).map_err(|_| EINVAL)?;
        // SAFETY: By the type invariants the message is ours to append to; `payload` is valid
        // for `len` bytes, which `nla_put` copies.
        to_result(unsafe {
            bindings::nla_put(self.skb, c_int::from(ty), len, payload.as_ptr().cast())
        })
        .inspect_err(|_| self.full = true)?;
        self.left -= size;
        Ok(())
    }

    /// Appends a `u8` attribute (`nla_put_u8`).
    pub fn put_u8(&mut self, ty: u16, value: u8) -> Result {
        self.put(ty, &[value])
    }

    /// Appends a `u16` attribute in host byte order (`nla_put_u16`).
    pub fn put_u16(&mut self, ty: u16, value: u16) -> Result {
        self.put(ty, &value.to_ne_bytes())
    }

    /// Appends a `u32` attribute in host byte order (`nla_put_u32`).
    pub fn put_u32(&mut self, ty: u16, value: u32) -> Result {
        self.put(ty, &value.to_ne_bytes())
    }

    /// Appends a flag, an attribute without payload (`nla_put_flag`).
    pub fn put_flag(&mut self, ty: u16) -> Result {
        self.put(ty, &[])
    }

    /// Appends a string with its terminating nul (`nla_put_string`).
    pub fn put_string(&mut self, ty: u16, value: &CStr) -> Result {
        self.put(ty, value.to_bytes_with_nul())
    }
}
