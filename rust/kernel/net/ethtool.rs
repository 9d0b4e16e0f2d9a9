// SPDX-License-Identifier: GPL-2.0

//! Ethtool operations of network devices.
//!
//! Every link type implements [`Operations`]; the devices of a driver that implements at least
//! one of them get its table (`dev->ethtool_ops`) before its setup runs, the others keep the
//! core's default. The core calls them with RTNL held (or the device's ops lock).
//!
//! C header: [`include/linux/ethtool.h`](srctree/include/linux/ethtool.h)

use crate::{
    bindings,
    error::{
        from_result,
        to_result,
        VTABLE_DEFAULT_ERROR, //
    },
    net::device::{
        self,
        Device,
        SetupDevice, //
    },
    prelude::*, //
};
use core::marker::PhantomData;

/// The ethtool operations of a driver, `struct ethtool_ops`.
///
/// # Examples
///
/// A virtual device whose link is always up and which time stamps in software, as nlmon,
/// dummy and vsockmon answer `ethtool DEV` and `ethtool -T DEV`:
///
/// ```
/// use kernel::net::{
///     device::{self, Device, SetupDevice, Xmit},
///     ethtool, rtnl,
///     skbuff::SkBuff,
/// };
/// use kernel::prelude::*;
///
/// struct Always;
///
/// #[vtable]
/// impl device::Operations for Always {
///     type PcpuStats = device::NoPcpuStats;
///
///     fn start_xmit(mut skb: SkBuff, _dev: &Device<Self, Xmit>) {
///         skb.tx_timestamp();
///         skb.consume();
///     }
/// }
///
/// #[vtable]
/// impl ethtool::Operations for Always {
///     fn get_link(_dev: &Device<Self>) -> bool {
///         true
///     }
///
///     fn get_ts_info(dev: &Device<Self>, info: &mut ethtool::TsInfo) -> Result {
///         info.set_software(dev)
///     }
/// }
///
/// #[vtable]
/// impl rtnl::Link for Always {
///     const KIND: &'static CStr = c"rust_doc_always";
///
///     fn setup(_dev: &mut SetupDevice<Self>) {}
/// }
///
/// # // SAFETY: A KUnit case runs in process context without RTNL, as a module's init and exit
/// # // (`kunit_try_catch_run`, lib/kunit/try-catch.c, runs it in a kthread).
/// # let link = KBox::pin_init(unsafe { rtnl::Registration::<Always>::new() }, GFP_KERNEL)?;
/// # link.create_device(c"rdoc_always%d")?;
/// # Ok::<(), Error>(())
/// ```
#[vtable]
pub trait Operations: device::Operations {
    /// Reports whether the link is up (`get_link`), as `ethtool` shows in "Link detected".
    fn get_link(_dev: &Device<Self>) -> bool {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Reports the time stamping capabilities (`get_ts_info`), as `ethtool -T` shows them; see
    /// [`TsInfo::set_software`].
    fn get_ts_info(_dev: &Device<Self>, _info: &mut TsInfo) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }
}

/// Time stamping capabilities, `struct kernel_ethtool_ts_info`.
///
/// The core hands an initialised instance to [`Operations::get_ts_info`].
///
/// # Examples
///
/// ```
/// # use kernel::prelude::*;
/// use kernel::net::{device::Device, ethtool::{Operations, TsInfo}};
///
/// fn get_ts_info<T: Operations>(dev: &Device<T>, info: &mut TsInfo) -> Result {
///     info.set_software(dev)
/// }
/// ```
#[repr(transparent)]
pub struct TsInfo(bindings::kernel_ethtool_ts_info);

impl TsInfo {
    /// Reports software time stamps on transmit and receive and no hardware clock, what
    /// `ethtool_op_get_ts_info` does for devices that call
    /// [`SkBuff::tx_timestamp`](crate::net::skbuff::SkBuff::tx_timestamp).
    pub fn set_software<T: Operations>(&mut self, dev: &Device<T>) -> Result {
        // SAFETY: The device is valid and `self` is a valid `kernel_ethtool_ts_info`;
        // `ethtool_op_get_ts_info` only writes the latter.
        to_result(unsafe { bindings::ethtool_op_get_ts_info(dev.as_raw(), &mut self.0) })
    }
}

/// Gives a device of `T` the ethtool operations of `T`, if `T` implements any.
pub(crate) fn install<T: Operations>(dev: &mut SetupDevice<T>) {
    if Adapter::<T>::ANY {
        dev.raw().ethtool_ops = &Adapter::<T>::VTABLE;
    }
}

struct Adapter<T: Operations>(PhantomData<T>);

impl<T: Operations> Adapter<T> {
    /// Whether `T` implements any of the operations of [`Self::VTABLE`].
    const ANY: bool = T::HAS_GET_LINK || T::HAS_GET_TS_INFO;

    const VTABLE: bindings::ethtool_ops = bindings::ethtool_ops {
        get_link: if T::HAS_GET_LINK {
            Some(Self::get_link_callback)
        } else {
            None
        },
        get_ts_info: if T::HAS_GET_TS_INFO {
            Some(Self::get_ts_info_callback)
        } else {
            None
        },
        // SAFETY: All-zero is a valid `ethtool_ops`: the other members are capability masks,
        // where zero means none, sizes and limits (`rxfh_indir_space`, `rxfh_priv_size`,
        // `rxfh_max_num_contexts`), where zero means a fixed size, no private area and no
        // limit, the `op_needs_rtnl` mask, where zero asks for no extra RTNL, and optional
        // function pointers, where `None` means "not implemented" (include/linux/ethtool.h;
        // `ethtool_check_ops` accepts it).
        ..unsafe { core::mem::MaybeUninit::zeroed().assume_init() }
    };

    /// # Safety
    ///
    /// Called by the core on a registered device of `T`.
    unsafe extern "C" fn get_link_callback(dev: *mut bindings::net_device) -> u32 {
        // SAFETY: The ops are only installed on devices of `T`, and ethtool only reaches
        // registered devices: `ethnl_parse_header_dev_get` and `dev_ethtool` find them with
        // `netdev_get_by_index`/`netdev_get_by_name`, which see only listed devices.
        let dev = unsafe { Device::<T>::from_raw(dev) };
        T::get_link(dev).into()
    }

    /// # Safety
    ///
    /// Called by the core on a registered device of `T` with a valid `info`.
    unsafe extern "C" fn get_ts_info_callback(
        dev: *mut bindings::net_device,
        info: *mut bindings::kernel_ethtool_ts_info,
    ) -> c_int {
        from_result(|| {
            // SAFETY: As in `get_link_callback`.
            let dev = unsafe { Device::<T>::from_raw(dev) };
            // CAST: `TsInfo` is a `repr(transparent)` wrapper of the C structure.
            // SAFETY: `info` is valid and only this callback writes it while it runs
            // (`__ethtool_get_ts_info` initialises it with `ethtool_init_tsinfo`).
            let info = unsafe { &mut *info.cast::<TsInfo>() };
            T::get_ts_info(dev, info)?;
            Ok(0)
        })
    }
}
