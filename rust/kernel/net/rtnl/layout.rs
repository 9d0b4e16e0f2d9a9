// SPDX-License-Identifier: GPL-2.0

//! The private area of the devices of a link type, `netdev_priv(dev)`.
//!
// @series{can
//! A driver keeps no data there; the abstractions keep, in this order, each aligned for its type:
//! the tap of a monitor device ([`Operations::TAP`]), where the state of the transmit queues is
//! ([`Operations::TxQueue`]), the peer of a device of a kind of pairs
//! ([`Link::PEER_TYPE`]) and the mid-layer private data ([`Link::ML_PRIV`]). `alloc_netdev_mqs`
//! allocates it zeroed (`kvzalloc`), aligned to `NETDEV_ALIGN`, which is what each slot starts
//! as: an unlinked tap, no peer, empty CAN receive lists.
//!
//! [`Operations::TAP`]: crate::net::device::Operations::TAP
//! [`Operations::TxQueue`]: crate::net::device::Operations::TxQueue
// @series}
// @series{!can
// @series{tap
//! A driver keeps no data there; the abstractions keep there the tap of a monitor device
//! ([`Operations::TAP`]). `alloc_netdev_mqs` allocates it zeroed (`kvzalloc`), aligned to
//! `NETDEV_ALIGN`, which is what the tap's slot starts as: an unlinked tap.
//!
//! [`Operations::TAP`]: crate::net::device::Operations::TAP
// @series}
// @series{!tap
//! A driver keeps no data there, and the abstractions keep none yet: it is empty.
// @series}
// @series}

// @series{can
use super::{
    Link,
    MlPriv, //
};
use crate::{
    bindings,
    net::{
        device::queue,
        netdev::priv_area, //
    },
    prelude::*, //
};
// @series}
// @series{!can
use super::Link;
// @series{tap
use crate::{
    net::device::queue,
    prelude::*, //
};
// @series}
// @series{!tap
use crate::prelude::*;
// @series}
// @series}
use core::marker::PhantomData;

/// The layout of the private area of the devices of `T`.
pub(crate) struct Layout<T: Link>(PhantomData<T>);

impl<T: Link> Layout<T> {
    // @series{can
    /// Where the peer slot lies: after the tap slot and the transmit queues' slots.
    const PEER: usize = queue::slots_end::<T>().next_multiple_of(align_of::<PeerSlot>());

    /// Where the mid-layer private data lies: after the peer slot.
    const ML_PRIV: usize = if T::PEER_TYPE.is_some() {
        Self::PEER + size_of::<PeerSlot>()
    } else {
        Self::PEER
    }
    .next_multiple_of(T::ML_PRIV.align());

    /// The size of the private area, `priv_size` of the link type.
    pub(crate) const SIZE: c_int = {
        assert!(
            align_of::<PeerSlot>() <= bindings::NETDEV_ALIGN as usize
                && T::ML_PRIV.align() <= bindings::NETDEV_ALIGN as usize,
            "the private area is aligned to `NETDEV_ALIGN`"
        );
        // Tens of kilobytes at most (the CAN receive lists), far from `INT_MAX`.
        (Self::ML_PRIV + T::ML_PRIV.size()) as c_int
    };

    // @series}
    // @series{!can
    // @series{tap
    /// The size of the private area, `priv_size` of the link type: a few words at most.
    pub(crate) const SIZE: c_int = queue::slots_end::<T>() as c_int;
    // @series}
    // @series{!tap
    /// The size of the private area, `priv_size` of the link type.
    pub(crate) const SIZE: c_int = 0;
    // @series}
    // @series}
    // @series{can
    /// Returns the peer slot of `dev`, a device of `T`.
    #[inline]
    pub(crate) fn peer(dev: *mut bindings::net_device) -> *mut PeerSlot {
        priv_area(dev).wrapping_add(Self::PEER).cast()
    }

    /// Returns the mid-layer private data of `dev`, a device of `T` with [`Link::ML_PRIV`].
    #[cfg(CONFIG_CAN)]
    pub(crate) fn ml_priv(dev: *mut bindings::net_device) -> *mut c_void {
        priv_area(dev).wrapping_add(Self::ML_PRIV).cast()
    }
    // @series}
}
// @series{can

impl MlPriv {
    const fn size(self) -> usize {
        match self {
            Self::None => 0,
            #[cfg(CONFIG_CAN)]
            Self::Can => size_of::<bindings::can_ml_priv>(),
        }
    }

    const fn align(self) -> usize {
        match self {
            Self::None => 1,
            #[cfg(CONFIG_CAN)]
            Self::Can => align_of::<bindings::can_ml_priv>(),
        }
    }
}

/// The peer of a device of a kind of pairs, kept by the link type in the device's private area
/// (see [`Link::PEER_TYPE`]): an RCU-protected pointer to the peer and the tracker of the
/// reference held on it.
///
/// # Invariants
///
/// `peer` is null or points to a registered device of the same kind, held with `netdev_hold`
/// on `tracker`. It is null until `newlink` has registered both devices of the pair, set once
/// then, and set back to null once, by the `dellink` that unregisters both; it is only read
/// with RTNL held or under RCU.
#[repr(C)]
pub(crate) struct PeerSlot {
    pub(super) peer: *mut bindings::net_device,
    pub(super) tracker: bindings::netdevice_tracker,
}
// @series}
