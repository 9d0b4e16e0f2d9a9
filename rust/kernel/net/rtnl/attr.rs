// SPDX-License-Identifier: GPL-2.0

//! The netlink attributes of a request to create a device: the generic ones a link type's
//! `validate` reads ([`Attrs`]) and the policy of the kind's own ([`Policy`]).

use crate::{
    bindings,
    net::ether::{
        self,
        ETH_ALEN, //
    },
    prelude::*,
    types::Opaque, //
};
use core::marker::PhantomData;

/// Attributes of the `IFLA_*` space, the generic link attributes of a request.
///
/// # Examples
///
/// A monitor device has no hardware address, so a request that gives one is refused, as nlmon
/// does; the other attributes are checked by the core:
///
/// ```
/// # use kernel::prelude::*;
/// use kernel::net::rtnl::{Attrs, LinkAttr};
///
/// fn validate(tb: &Attrs<'_>) -> Result {
///     if tb.link(LinkAttr::ADDRESS).is_some() {
///         return Err(EINVAL);
///     }
///     Ok(())
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LinkAttr(u16);

impl LinkAttr {
    /// The hardware address (`IFLA_ADDRESS`).
    pub const ADDRESS: Self = Self(bindings::IFLA_ADDRESS as u16);
}

/// One netlink attribute, `struct nlattr`, with its payload.
///
/// # Invariants
///
/// `self.0` is a valid attribute whose payload of `nla_len` bytes follows the header.
///
/// # Examples
///
/// A monitor device refuses a request that gives it an address, as nlmon does:
///
/// ```
/// # use kernel::prelude::*;
/// use kernel::net::rtnl::{Attr, Attrs, LinkAttr};
///
/// fn address<'a>(tb: &Attrs<'a>) -> Option<&'a Attr> {
///     tb.link(LinkAttr::ADDRESS)
/// }
///
/// fn validate(tb: &Attrs<'_>) -> Result {
///     address(tb).map_or(Ok(()), |_| Err(EINVAL))
/// }
/// ```
#[repr(transparent)]
pub struct Attr(Opaque<bindings::nlattr>);

impl Attr {
    /// Returns the length of the payload in bytes.
    fn len(&self) -> usize {
        // SAFETY: By the type invariants the attribute is valid.
        let len = unsafe { bindings::nla_len(self.0.get()) };
        // The core validated the attribute, so the length is never negative.
        usize::try_from(len).unwrap_or(0)
    }

    /// Returns the payload.
    pub(crate) fn data(&self) -> &[u8] {
        // SAFETY: By the type invariants the attribute is valid.
        let data = unsafe { bindings::nla_data(self.0.get()) };
        // SAFETY: By the type invariants `len()` bytes of payload follow the header, and they
        // live as long as the attribute.
        unsafe { core::slice::from_raw_parts(data.cast::<u8>(), self.len()) }
    }
}

/// The generic link attributes of a request, the `tb[]` array the core parsed, indexed by
/// `IFLA_*` type.
///
/// # Invariants
///
/// `self.table` has `self.len` entries, each null or a valid [`Attr`] for `'a`.
///
/// # Examples
///
/// An Ethernet device checks the address a request may give, as dummy and ifb do:
///
/// ```
/// use kernel::net::rtnl::Attrs;
///
/// fn validate(tb: &Attrs<'_>) -> Result {
///     tb.validate_ether_address()
/// }
/// ```
pub struct Attrs<'a> {
    table: *const *mut bindings::nlattr,
    len: usize,
    _p: PhantomData<&'a Attr>,
}

impl<'a> Attrs<'a> {
    /// Wraps a C attribute table.
    ///
    /// # Safety
    ///
    /// `table` must be null, or have `len` entries, each null or a valid attribute for `'a`.
    #[inline]
    pub(super) unsafe fn from_raw(table: *const *mut bindings::nlattr, len: usize) -> Option<Self> {
        if table.is_null() {
            return None;
        }
        // INVARIANT: By the safety requirements.
        Some(Self {
            table,
            len,
            _p: PhantomData,
        })
    }

    /// Returns the attribute of type `index`, if the request has it; `None` also for a type
    /// outside the table.
    #[inline]
    fn get(&self, index: u16) -> Option<&'a Attr> {
        let index = usize::from(index);
        if index >= self.len {
            return None;
        }
        // SAFETY: `index` is in bounds, so by the type invariants the entry is readable.
        let attr = unsafe { *self.table.add(index) };
        // SAFETY: By the type invariants a non-null entry is a valid attribute for `'a`.
        // CAST: `Attr` is a `repr(transparent)` wrapper of `bindings::nlattr`.
        (!attr.is_null()).then(|| unsafe { &*attr.cast::<Attr>() })
    }

    /// Returns the generic link attribute `attr`, if the request has it.
    #[inline]
    pub fn link(&self, attr: LinkAttr) -> Option<&'a Attr> {
        self.get(attr.0)
    }

    /// Checks the hardware address of the request, if it has one, as the `validate` of C
    /// Ethernet drivers such as dummy and ifb do: `EINVAL` if it is not `ETH_ALEN` bytes long,
    /// `EADDRNOTAVAIL` if it is not a valid unicast address (`is_valid_ether_addr`). See the
    /// example of [`Attrs`].
    pub fn validate_ether_address(&self) -> Result {
        if let Some(addr) = self.link(LinkAttr::ADDRESS) {
            let addr: &[u8; ETH_ALEN] = addr.data().try_into().map_err(|_| EINVAL)?;
            if !ether::is_valid_ether_addr(addr) {
                return Err(EADDRNOTAVAIL);
            }
        }
        Ok(())
    }
}

/// How the core checks one attribute of a kind's own (`IFLA_INFO_DATA`), `struct nla_policy`.
///
/// # Examples
///
/// The attributes of a kind of pairs, as vxcan has them, as a table for [`Link::POLICY`]:
///
/// ```
/// use kernel::net::rtnl::Policy;
///
/// // Type 0 is never used; type 1, `VXCAN_INFO_PEER`, is a nested `ifinfomsg`.
/// const POLICY: &[Policy] = &[Policy::unspec(), Policy::ifinfomsg()];
/// ```
///
/// [`Link::POLICY`]: super::Link::POLICY
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct Policy(bindings::nla_policy);

impl Policy {
    const fn new(ty: u32, len: u16) -> Self {
        // SAFETY: All-zero is a valid `nla_policy`: no validation beyond the type.
        let mut p: bindings::nla_policy = unsafe { core::mem::MaybeUninit::zeroed().assume_init() };
        p.type_ = ty as u8;
        p.len = len;
        Self(p)
    }

    /// No check of the payload (`NLA_UNSPEC`).
    pub const fn unspec() -> Self {
        Self::new(bindings::NLA_UNSPEC, 0)
    }

    /// A payload of at least `len` bytes (`NLA_UNSPEC` with `.len`).
    const fn min_len(len: u16) -> Self {
        Self::new(bindings::NLA_UNSPEC, len)
    }

    /// The request of a peer device: at least a `struct ifinfomsg`, followed by `IFLA_*`
    /// attributes (`{ .len = sizeof(struct ifinfomsg) }`, as veth and vxcan declare it).
    pub const fn ifinfomsg() -> Self {
        Self::min_len(size_of::<bindings::ifinfomsg>() as u16)
    }
    // @series{pair

    /// Whether the payload is checked to hold at least a `struct ifinfomsg`.
    pub(super) const fn is_ifinfomsg(&self) -> bool {
        self.0.type_ == bindings::NLA_UNSPEC as u8
            && self.0.len as usize >= size_of::<bindings::ifinfomsg>()
    }
    // @series}
}

#[kunit_tests(rust_net_rtnl)]
mod tests {
    use super::*;

    #[repr(C, align(4))]
    struct RawAttr {
        hdr: bindings::nlattr,
        payload: [u8; 6],
    }

    #[test]
    fn attrs_are_bounds_checked() {
        let mut attr = RawAttr {
            hdr: bindings::nlattr {
                nla_len: (size_of::<bindings::nlattr>() + 6) as u16,
                nla_type: 1,
            },
            payload: [0, 0x11, 0x22, 0x33, 0x44, 0x55],
        };
        let table: [*mut bindings::nlattr; 3] = [
            core::ptr::null_mut(),
            core::ptr::from_mut(&mut attr.hdr),
            core::ptr::null_mut(),
        ];
        // SAFETY: `table` has 3 entries, null or pointing to `attr`, which outlives `tb`.
        let tb = unsafe { Attrs::from_raw(table.as_ptr(), table.len()) }.unwrap();
        assert!(tb.get(0).is_none());
        assert!(tb.get(2).is_none());
        assert!(tb.get(3).is_none());
        assert!(tb.get(u16::MAX).is_none());
        let a = tb.get(1).unwrap();
        assert_eq!(a.len(), 6);
        assert_eq!(a.data(), &[0, 0x11, 0x22, 0x33, 0x44, 0x55]);
        assert!(tb.link(LinkAttr::ADDRESS).is_some());
        assert!(tb.link(LinkAttr(bindings::IFLA_MTU as u16)).is_none());
    }

    #[test]
    fn absent_table_is_none() {
        // SAFETY: A null table is allowed.
        assert!(unsafe { Attrs::from_raw(core::ptr::null(), 8) }.is_none());
    }
}
