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
// @series{stats
use core::{
    fmt::Write,
    marker::PhantomData, //
};
// @series}
// @series{!stats
use core::marker::PhantomData;
// @series}

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
///     type TxQueue = ();
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
/// # link.create_device(c"rdoc_always%d", rtnl::NameAssign::Enum)?;
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
    // @series{stats

    /// The statistics `ethtool -S` shows, named here and counted by the abstraction
    /// (`get_sset_count` and `get_strings` of `ETH_SS_STATS`); their values come from
    /// [`Operations::get_ethtool_stats`]. Not empty if and only if the driver implements it
    /// (anything else does not compile).
    const STATS: StatsNames = StatsNames::NONE;

    /// Writes the values of the statistics of [`Operations::STATS`] (`get_ethtool_stats`), in
    /// their order: those of the device, then the receive statistics of each transmit queue,
    /// then the transmit statistics of each; values past those of the count are not written.
    fn get_ethtool_stats(_dev: &Device<Self>, _stats: &mut StatsWriter<'_>) {
        build_error!(VTABLE_DEFAULT_ERROR)
    }
    // @series}
}

// @series{stats
/// The names of the statistics of a driver, [`Operations::STATS`].
///
/// `ethtool -S` shows those of the device under their own names, then, for each transmit queue
/// `i` the device was created with (`num_tx_queues`), what it received as `rx_queue_{i}_{name}`
/// and then what it sent as `tx_queue_{i}_{name}`, with at most 18 bytes of the name, as C
/// drivers print them (`"rx_queue_%u_%.18s"`). The core keeps 31 bytes of each (`ethtool -S`
/// strings are `ETH_GSTRING_LEN` bytes with their nul); the 18 bytes are bytes, not characters,
/// as in C.
///
/// # Examples
///
/// ifb counts the packets and bytes each queue received and sent on:
///
/// ```
/// use kernel::net::ethtool::StatsNames;
///
/// const STATS: StatsNames = StatsNames {
///     device: &[],
///     rx_queue: &["packets", "bytes"],
///     tx_queue: &["packets", "bytes"],
/// };
///
/// // A driver without statistics leaves `Operations::STATS` at its default:
/// const NO_STATS: StatsNames = StatsNames::NONE;
/// ```
#[derive(Clone, Copy)]
pub struct StatsNames {
    /// The statistics of the device as a whole.
    pub device: &'static [&'static str],
    /// What each transmit queue received.
    pub rx_queue: &'static [&'static str],
    /// What each transmit queue sent on.
    pub tx_queue: &'static [&'static str],
}

impl StatsNames {
    /// No statistics: `ethtool -S` says the device has none.
    pub const NONE: Self = Self {
        device: &[],
        rx_queue: &[],
        tx_queue: &[],
    };

    const fn is_empty(&self) -> bool {
        self.device.is_empty() && self.rx_queue.is_empty() && self.tx_queue.is_empty()
    }

    /// The number of statistics of a device with `queues` transmit queues.
    const fn count(&self, queues: usize) -> usize {
        self.device.len() + (self.rx_queue.len() + self.tx_queue.len()) * queues
    }

    /// Writes the name of each statistic of a device with `queues` transmit queues into its
    /// slot of `strings`, `ETH_GSTRING_LEN` bytes each, as the C drivers' `ethtool_puts` and
    /// `ethtool_sprintf` do; stops where `strings` ends.
    fn write(&self, strings: &mut [u8], queues: usize) {
        let (rx, tx) = (queues, queues);
        let mut slots = strings.chunks_exact_mut(GSTRING_LEN);
        let device = self.device.iter().map(|name| (None, "", *name));
        let rx = (0..rx).flat_map(|i| self.rx_queue.iter().map(move |name| (Some(i), "rx", *name)));
        let tx = (0..tx).flat_map(|i| self.tx_queue.iter().map(move |name| (Some(i), "tx", *name)));
        for ((queue, way, name), slot) in
            Iterator::chain(Iterator::chain(device, rx), tx).zip(&mut slots)
        {
            let mut out = GString { slot, len: 0 };
            let _ = match queue {
                None => out.write_str(name),
                // `%.18s` keeps at most 18 bytes; names are ASCII.
                Some(i) => write!(out, "{way}_queue_{i}_").map(|()| {
                    let name = name.as_bytes();
                    out.push(&name[..name.len().min(18)]);
                }),
            };
        }
    }
}

/// The most transmit queues a device has (`rtnl_create_link` refuses more; a driver's own
/// devices have one).
const MAX_QUEUES: usize = 4096;

/// The bytes of one `ethtool -S` string.
const GSTRING_LEN: usize = bindings::ETH_GSTRING_LEN as usize;

/// One string slot being written: at most `GSTRING_LEN - 1` bytes, then nul bytes, as
/// `vsnprintf` truncates into it.
struct GString<'a> {
    slot: &'a mut [u8],
    len: usize,
}

impl GString<'_> {
    /// Appends `bytes`, as many as there is room for.
    fn push(&mut self, bytes: &[u8]) {
        let room = GSTRING_LEN - 1 - self.len;
        let n = bytes.len().min(room);
        self.slot[self.len..self.len + n].copy_from_slice(&bytes[..n]);
        self.len += n;
        self.slot[self.len..].fill(0);
    }
}

impl core::fmt::Write for GString<'_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.push(s.as_bytes());
        Ok(())
    }
}

/// Where [`Operations::get_ethtool_stats`] writes the values of its statistics, in the order of
/// [`Operations::STATS`]: those of the device, then the receive statistics of each transmit
/// queue the device was created with (`num_tx_queues`, as many as
/// [`Device::tx_queue_states`] gives), then their transmit statistics.
///
/// [`Device::tx_queue_states`]: crate::net::device::Device::tx_queue_states
///
/// Values past the buffer the core made for them are not written.
///
/// # Examples
///
/// ```
/// use kernel::net::ethtool::StatsWriter;
///
/// // One packet and byte count per queue, each way, as ifb writes them.
/// fn write(stats: &mut StatsWriter<'_>, rx: &[(u64, u64)], tx: &[(u64, u64)]) {
///     for &(packets, bytes) in rx {
///         stats.push(packets);
///         stats.push(bytes);
///     }
///     for &(packets, bytes) in tx {
///         stats.push(packets);
///         stats.push(bytes);
///     }
/// }
/// ```
pub struct StatsWriter<'a> {
    values: &'a mut [u64],
    next: usize,
}

impl StatsWriter<'_> {
    /// Writes the next value.
    #[inline]
    pub fn push(&mut self, value: u64) {
        if let Some(slot) = self.values.get_mut(self.next) {
            *slot = value;
        }
        self.next += 1;
    }
}

// @series}
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
    // @series{stats
    const ANY: bool = {
        assert!(
            T::HAS_GET_ETHTOOL_STATS != T::STATS.is_empty(),
            "a driver with `STATS` implements `get_ethtool_stats`, and only such a driver"
        );
        // The core sizes the strings from the count `get_sset_count` returns, an `int`; a
        // device has at most 4096 transmit queues (`rtnl_create_link`), and the core refuses
        // more than `S32_MAX` bytes of strings (`ethtool_get_strings`).
        assert!(
            T::STATS.count(MAX_QUEUES) <= i32::MAX as usize / GSTRING_LEN,
            "the statistics of `STATS` fit in the core's count"
        );
        T::HAS_GET_LINK || T::HAS_GET_TS_INFO || T::HAS_GET_ETHTOOL_STATS
    };
    // @series}
    // @series{!stats
    const ANY: bool = T::HAS_GET_LINK || T::HAS_GET_TS_INFO;
    // @series}

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
        // @series{stats
        get_sset_count: if T::HAS_GET_ETHTOOL_STATS {
            Some(Self::get_sset_count_callback)
        } else {
            None
        },
        get_strings: if T::HAS_GET_ETHTOOL_STATS {
            Some(Self::get_strings_callback)
        } else {
            None
        },
        get_ethtool_stats: if T::HAS_GET_ETHTOOL_STATS {
            Some(Self::get_ethtool_stats_callback)
        } else {
            None
        },
        // @series}
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
    // @series{stats

    /// The number of transmit queues whose statistics `ethtool -S` shows.
    ///
    /// # Safety
    ///
    /// `dev` is a valid device.
    unsafe fn queues(dev: *mut bindings::net_device) -> usize {
        // SAFETY: `dev` is valid. `num_tx_queues` is set by `alloc_netdev_mqs` and never
        // changes: the count is the same between the count and the strings or values it sized
        // a buffer for, even where DSA's conduit asks for the count again (net/dsa/conduit.c).
        unsafe { (*dev).num_tx_queues as usize }
    }

    /// # Safety
    ///
    /// Called by the core on a registered device of `T` under the ethtool operations lock.
    unsafe extern "C" fn get_sset_count_callback(
        dev: *mut bindings::net_device,
        sset: c_int,
    ) -> c_int {
        if sset != bindings::ethtool_stringset_ETH_SS_STATS as c_int {
            return EOPNOTSUPP.to_errno();
        }
        // SAFETY: The safety requirements are the same.
        let queues = unsafe { Self::queues(dev) };
        // At most 4096 queues (`rtnl_create_link`) and a few names: far from `INT_MAX`.
        T::STATS.count(queues) as c_int
    }

    /// # Safety
    ///
    /// Called by the core on a registered device of `T` under the ethtool operations lock, with
    /// `data` valid for the strings of the count `get_sset_count` gave for `stringset` in the
    /// same operation, `ETH_GSTRING_LEN` bytes each.
    unsafe extern "C" fn get_strings_callback(
        dev: *mut bindings::net_device,
        stringset: u32,
        data: *mut u8,
    ) {
        if stringset != bindings::ethtool_stringset_ETH_SS_STATS {
            return;
        }
        // SAFETY: The safety requirements are the same.
        let queues = unsafe { Self::queues(dev) };
        let len = T::STATS.count(queues) * GSTRING_LEN;
        // SAFETY: The core sized `data` with the count of this operation, which the same queue
        // count gives (`queues`), and the buffer is the caller's alone for the call (a
        // `vzalloc`/`kcalloc` of `ethtool_get_strings`, `strset_prepare_set`, or the start of
        // DSA's larger one, net/ethtool/ioctl.c, strset.c, net/dsa/conduit.c).
        let strings = unsafe { core::slice::from_raw_parts_mut(data, len) };
        T::STATS.write(strings, queues);
    }

    /// # Safety
    ///
    /// Called by the core on a registered device of `T` under the ethtool operations lock, with
    /// `data` valid for `stats->n_stats` values.
    unsafe extern "C" fn get_ethtool_stats_callback(
        dev: *mut bindings::net_device,
        stats: *mut bindings::ethtool_stats,
        data: *mut u64,
    ) {
        // SAFETY: The safety requirements are the same.
        let queues = unsafe { Self::queues(dev) };
        // SAFETY: `stats` is valid; `n_stats` is the number of values the caller's buffer holds
        // from `data` on (`ethtool_get_stats`, net/ethtool/ioctl.c, and DSA's conduit, which
        // passes it on with the start of its buffer).
        let n_stats = unsafe { (*stats).n_stats } as usize;
        let n = T::STATS.count(queues).min(n_stats);
        // SAFETY: `data` is valid for `n_stats` values, the caller's alone for the call.
        let values = unsafe { core::slice::from_raw_parts_mut(data, n) };
        // SAFETY: As in `get_link_callback`.
        let dev = unsafe { Device::<T>::from_raw(dev) };
        T::get_ethtool_stats(dev, &mut StatsWriter { values, next: 0 });
    }
    // @series}
}
// @series{stats

#[kunit_tests(rust_net_ethtool)]
mod tests {
    use super::*;

    /// The strings `names` gives a device with `queues` transmit queues, up to their nul.
    fn strings(names: &StatsNames, queues: usize) -> KVec<KVec<u8>> {
        let mut buf = KVec::new();
        buf.resize(names.count(queues) * GSTRING_LEN, 0xff, GFP_KERNEL)
            .unwrap();
        names.write(&mut buf, queues);
        let mut out = KVec::new();
        for slot in buf.chunks_exact(GSTRING_LEN) {
            // Each slot ends with nul bytes, as `vsnprintf` leaves it in a zeroed buffer.
            let len = slot.iter().position(|&b| b == 0).unwrap();
            assert!(slot[len..].iter().all(|&b| b == 0));
            let mut s = KVec::new();
            s.extend_from_slice(&slot[..len], GFP_KERNEL).unwrap();
            out.push(s, GFP_KERNEL).unwrap();
        }
        out
    }

    #[test]
    fn names_as_c_prints_them() {
        let names = StatsNames {
            device: &["peer_ifindex"],
            rx_queue: &["packets", "bytes"],
            tx_queue: &["xdp_xmit"],
        };
        let got = strings(&names, 11);
        assert_eq!(got.len(), 1 + 2 * 11 + 11);
        assert_eq!(&got[0][..], b"peer_ifindex");
        assert_eq!(&got[1][..], b"rx_queue_0_packets");
        assert_eq!(&got[4][..], b"rx_queue_1_bytes");
        assert_eq!(&got[23][..], b"tx_queue_0_xdp_xmit");
        assert_eq!(&got[33][..], b"tx_queue_10_xdp_xmit");
    }

    #[test]
    fn names_truncated_as_c() {
        // `%.18s` keeps 18 bytes of the name, and the string keeps 31 of all (`vsnprintf` into
        // `ETH_GSTRING_LEN` bytes).
        let names = StatsNames {
            device: &["a_device_statistic_whose_name_is_long"],
            rx_queue: &["xdp_redirect_err_and_more"],
            tx_queue: &[],
        };
        let got = strings(&names, 4096);
        assert_eq!(&got[0][..], b"a_device_statistic_whose_name_i");
        assert_eq!(&got[1][..], b"rx_queue_0_xdp_redirect_err_a");
        assert_eq!(&got[4096][..], b"rx_queue_4095_xdp_redirect_err_");
    }

    #[test]
    fn values_past_the_buffer_are_not_written() {
        let mut values = [0u64; 3];
        let mut w = StatsWriter {
            values: &mut values,
            next: 0,
        };
        for v in 1..=5 {
            w.push(v);
        }
        assert_eq!(values, [1, 2, 3]);
    }
}
// @series}
