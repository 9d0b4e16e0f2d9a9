// SPDX-License-Identifier: GPL-2.0

//! Ethtool operations of network devices.
//!
//! A driver implements [`Operations`] and installs them from its link setup with
//! [`SetupDevice::set_ethtool_ops`](crate::net::device::SetupDevice::set_ethtool_ops).
//! The core calls them with RTNL held (or the device's ops lock).
//!
//! C header: [`include/linux/ethtool.h`](srctree/include/linux/ethtool.h)

use crate::{
    bindings,
    error::VTABLE_DEFAULT_ERROR,
    net::device::{self, Device},
    prelude::*,
};
use core::marker::PhantomData;

/// The ethtool operations of a driver, `struct ethtool_ops`.
#[vtable]
pub trait Operations: device::Operations {
    /// Reports whether the link is up (`get_link`), as `ethtool` shows in "Link detected".
    fn get_link(_dev: &Device<Self>) -> bool {
        build_error!(VTABLE_DEFAULT_ERROR)
    }
}

/// Returns the `ethtool_ops` table of `T`.
pub(crate) fn ops_table<T: Operations>() -> &'static bindings::ethtool_ops {
    &Adapter::<T>::VTABLE
}

struct Adapter<T: Operations>(PhantomData<T>);

impl<T: Operations> Adapter<T> {
    const VTABLE: bindings::ethtool_ops = bindings::ethtool_ops {
        get_link: if T::HAS_GET_LINK {
            Some(Self::get_link_callback)
        } else {
            None
        },
        // SAFETY: All-zero is a valid `ethtool_ops`: the other members are capability masks,
        // where zero means none, and optional function pointers, where `None` means "not
        // implemented".
        ..unsafe { core::mem::MaybeUninit::zeroed().assume_init() }
    };

    /// # Safety
    ///
    /// Called by the core on a registered device of `T`.
    unsafe extern "C" fn get_link_callback(dev: *mut bindings::net_device) -> u32 {
        // SAFETY: The ops are only installed on devices of `T`, and ethtool only reaches
        // registered devices, whose private data `ndo_init` initialised.
        let dev = unsafe { Device::<T>::from_raw(dev) };
        T::get_link(dev).into()
    }
}
