// SPDX-License-Identifier: GPL-2.0

//! Link types, the `kind` of `ip link add NAME type KIND`.
//!
//! A driver implements [`Link`] and declares its module with [`module_rtnl_link!`], which
//! registers the link type for as long as the module is loaded. The core then creates devices
//! of that kind on user request: it checks the request with [`Link::validate`], allocates the
//! device, lets [`Link::setup`] configure it and registers it. Unregistering the link type, when
//! the module is unloaded, deletes every device of the kind in every network namespace.
//!
//! [`module_rtnl_link!`]: crate::module_rtnl_link
//!
//! # Examples
//!
//! A link type whose devices drop whatever they are sent:
//!
//! ```
//! use kernel::net::{
//!     device::{self, Device, SetupDevice, Xmit},
//!     ethtool, rtnl,
//!     skbuff::{DropReason, SkBuff},
//! };
//! use kernel::prelude::*;
//!
//! struct Sink;
//!
//! #[vtable]
//! impl device::Operations for Sink {
//!     type PcpuStats = device::NoPcpuStats;
//!     type TxQueue = ();
//!
//!     fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
//!         skb.drop_reason(DropReason::DevReady);
//!     }
//! }
//!
//! // Every link type implements the ethtool operations, here none: the core's defaults.
//! #[vtable]
//! impl ethtool::Operations for Sink {}
//!
//! #[vtable]
//! impl rtnl::Link for Sink {
//!     const KIND: &'static CStr = c"rust_doc_sink";
//!
//!     fn setup(dev: &mut SetupDevice<Self>) {
//!         dev.set_mtu(1500);
//!     }
//! }
//!
//! # // SAFETY: A KUnit case runs in process context without RTNL, as a module's init and exit
//! # // (`kunit_try_catch_run`, lib/kunit/try-catch.c, runs it in a kthread).
//! # let sink = KBox::pin_init(unsafe { rtnl::Registration::<Sink>::new() }, GFP_KERNEL)?;
//! // While the module lives, `ip link add NAME type rust_doc_sink` creates devices. A kind is
//! // registered once:
//! # // SAFETY: As above.
//! # let twice = KBox::pin_init(unsafe { rtnl::Registration::<Sink>::new() }, GFP_KERNEL);
//! # assert_eq!(twice.err(), Some(EEXIST));
//! // Devices can also be made by the driver, like `dummy0` at module load.
//! sink.create_device(c"rust_sink%d", rtnl::NameAssign::Enum)?;
//! sink.create_device(c"rust_sink%d", rtnl::NameAssign::Enum)?;
//! // Unloading the module deletes its devices.
//! drop(sink);
//! # Ok::<(), Error>(())
//! ```
//!
//! C header: [`include/net/rtnetlink.h`](srctree/include/net/rtnetlink.h)

use crate::{
    bindings,
    error::{
        from_result,
        to_result,
        VTABLE_DEFAULT_ERROR, //
    },
    net::{
        device::{
            Operations,
            SetupDevice, //
        },
        ethtool,
    },
    prelude::*,
    types::Opaque, //
};
use core::marker::PhantomData;

mod attr;
pub(crate) mod layout;
// @series{pair
mod pair;
// @series}

pub use attr::{
    Attr,
    Attrs,
    LinkAttr,
    Policy, //
};
use layout::Layout;

/// How the name of a device a driver creates came about, what user space reads in
/// `/sys/class/net/NAME/name_assign_type` (`NET_NAME_*`).
///
/// # Examples
///
/// dummy enumerates the devices it makes at load; ifb leaves the way unknown, as their C
/// drivers do:
///
/// ```
/// use kernel::net::rtnl::{Link, NameAssign, Registration};
/// use kernel::prelude::*;
///
/// fn at_load<T: Link>(link: &Registration<T>, enumerated: bool) -> Result {
///     if enumerated {
///         link.create_device(c"dummy%d", NameAssign::Enum)
///     } else {
///         link.create_device(c"ifb%d", NameAssign::Unknown)
///     }
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
pub enum NameAssign {
    /// Not known (`NET_NAME_UNKNOWN`): reading `name_assign_type` fails with `EINVAL`.
    Unknown = bindings::NET_NAME_UNKNOWN,
    /// Enumerated by the kernel (`NET_NAME_ENUM`), such as `dummy0`.
    Enum = bindings::NET_NAME_ENUM,
}

/// A link type, `struct rtnl_link_ops`, implemented by the driver of its devices.
///
/// # Examples
///
/// The [module](self)'s example is a whole link type; [`LinkAttr`] has nlmon's `validate`.
#[vtable]
pub trait Link: Operations + ethtool::Operations {
    /// The name of the link type, as `ip link add ... type KIND` gives it.
    const KIND: &'static CStr;

    // @series{pair
    /// The highest attribute type of the kind's own attributes (`IFLA_INFO_DATA`), which only
    /// a kind of pairs has ([`Link::PEER_TYPE`]); zero if it has none.
    // @series}
    // @series{!pair
    /// The highest attribute type of the kind's own attributes (`IFLA_INFO_DATA`); zero if it
    /// has none.
    // @series}
    ///
    /// At most `RTNL_MAX_TYPE` (50), the size of the core's attribute table (a larger value
    /// does not compile: `rtnl_link_register` would warn and refuse it).
    const MAX_TYPE: u16 = 0;

    /// How the core checks the kind's own attributes (`IFLA_INFO_DATA`) before any callback
    /// sees them, the C `policy`: one entry per attribute type, `0..=MAX_TYPE`, or empty for
    /// no checks beyond the attribute headers.
    const POLICY: &'static [Policy] = &[];
    // @series{pair

    /// Devices of this kind are created in pairs (`ip link add A type KIND peer name B`): the
    /// type of the kind's attribute that carries the peer's request, a nested `ifinfomsg`
    /// (`VXCAN_INFO_PEER`), checked by [`Policy::ifinfomsg`] in [`Link::POLICY`] (anything else
    /// does not compile). The link type creates, links ([`Device::peer`]) and deletes both
    /// devices, the peer in its own namespace; [`Registration::create_device`] does not compile
    /// for such a kind.
    ///
    /// [`Device::peer`]: crate::net::device::Device::peer
    const PEER_TYPE: Option<u16> = None;

    /// The mid-layer private data the device carries for a protocol (`dev->ml_priv`), kept by
    /// the link type in the device's private area and set before [`Link::setup`], with the
    /// device type that goes with it (`ARPHRD_CAN`).
    const ML_PRIV: MlPriv = MlPriv::None;
    // @series}

    /// Configures a freshly allocated device, before it is registered.
    fn setup(dev: &mut SetupDevice<Self>);

    /// Checks the attributes of a request to create a device, before anything is allocated.
    ///
    /// RTM_NEWLINK is a per-namespace request in 7.3: `rtnl_newlink` calls this before it takes
    /// RTNL or the namespaces' locks, so it may run concurrently with anything, and sees the
    /// request only.
    ///
    // @series{pair
    /// `tb` holds the generic link attributes. For a kind of pairs it is called a second time
    /// with the peer's (`rtnl_get_peer_net`). An error refuses the request with that errno.
    // @series}
    // @series{!pair
    /// `tb` holds the generic link attributes. An error refuses the request with that errno.
    // @series}
    fn validate(_tb: &Attrs<'_>) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Runs when the module made by [`module_rtnl_link!`] is loaded, before it registers the
    /// link type, as the start of a C driver's `module_init` does: vxcan prints its banner here.
    ///
    /// [`module_rtnl_link!`]: crate::module_rtnl_link
    fn before_register() {
        build_error!(VTABLE_DEFAULT_ERROR)
    }

    /// Runs when the module made by [`module_rtnl_link!`] has registered the link type, as the
    /// rest of a C driver's `module_init` does: a driver that creates devices at load time, as
    /// dummy does, creates them here. An error fails the load, which unregisters the link type
    /// and so deletes the devices made here.
    ///
    /// This is the only place a driver gets the [`Registration`]: the registration and the
    /// devices it creates take RTNL, which the core holds in most callbacks.
    ///
    /// [`module_rtnl_link!`]: crate::module_rtnl_link
    fn module_init(_link: &Registration<Self>) -> Result {
        build_error!(VTABLE_DEFAULT_ERROR)
    }
}
// @series{can

/// The mid-layer private data of a device, `enum netdev_ml_priv_type`.
///
/// # Examples
///
/// What the link type of a CAN device states, as vxcan's does (see [`crate::net::can`]):
///
/// ```
/// use kernel::net::rtnl::MlPriv;
///
/// const ML_PRIV: MlPriv = MlPriv::Can;
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MlPriv {
    /// None (`ML_PRIV_NONE`).
    None,
    /// The CAN layer's receive lists and capabilities, `struct can_ml_priv` (`ML_PRIV_CAN`),
    /// which every CAN device must have.
    #[cfg(CONFIG_CAN)]
    Can,
}
// @series}

/// The largest [`Link::MAX_TYPE`] the core accepts, `RTNL_MAX_TYPE` of
/// `net/core/rtnetlink.c` (which is not in a header).
const MAX_TYPE_LIMIT: u16 = 50;

/// The registration of a link type with the core.
///
/// # Invariants
///
/// `ops` is registered with `rtnl_link_register` for as long as this object lives.
///
/// # Examples
///
/// The module made by [`module_rtnl_link!`] keeps the registration, so that the kind exists
/// while the module is loaded; the driver may create devices at load time ([`Link::module_init`]):
///
/// ```
/// # use kernel::net::{device::{self, Device, SetupDevice, Xmit}, rtnl, skbuff::SkBuff};
/// # use kernel::prelude::*;
/// # struct Drv;
/// # #[vtable]
/// # impl device::Operations for Drv {
/// #     type PcpuStats = device::NoPcpuStats;
/// #     type TxQueue = ();
/// #     fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
/// #         skb.consume();
/// #     }
/// # }
/// # #[vtable]
/// # impl kernel::net::ethtool::Operations for Drv {}
/// # #[vtable]
/// # impl rtnl::Link for Drv {
/// #     const KIND: &'static CStr = c"rust_doc_reg";
/// #     fn setup(_dev: &mut SetupDevice<Self>) {}
/// # }
/// // Like `dummy numdummies=2`.
/// fn module_init(link: &rtnl::Registration<Drv>) -> Result {
///     for _ in 0..2 {
///         link.create_device(c"rust_doc_reg%d", rtnl::NameAssign::Enum)?;
///     }
///     Ok(())
/// }
///
/// # // SAFETY: A KUnit case runs in process context without RTNL, as a module's init and exit
/// # // (`kunit_try_catch_run`, lib/kunit/try-catch.c, runs it in a kthread).
/// # let link = KBox::pin_init(unsafe { rtnl::Registration::<Drv>::new() }, GFP_KERNEL)?;
/// module_init(&link)?;
/// // A name that is taken, or longer than `IFNAMSIZ - 1` bytes, is refused.
/// assert_eq!(link.create_device(c"rust_doc_reg0", rtnl::NameAssign::Enum), Err(EEXIST));
/// assert_eq!(
///     link.create_device(c"rust_doc_reg_0123", rtnl::NameAssign::Enum),
///     Err(EINVAL)
/// );
/// # Ok::<(), Error>(())
/// ```
///
/// [`module_rtnl_link!`]: crate::module_rtnl_link
#[pin_data(PinnedDrop)]
pub struct Registration<T: Link> {
    #[pin]
    ops: Opaque<bindings::rtnl_link_ops>,
    _t: PhantomData<T>,
}

// SAFETY: The registration only holds the C `rtnl_link_ops`, which the core synchronises with
// RTNL and the ops' own SRCU (`rtnl_link_unregister` waits for its readers,
// `synchronize_srcu(&ops->srcu)` in net/core/rtnetlink.c); it can be dropped on any thread in
// process context without RTNL (safety requirements of `new`).
unsafe impl<T: Link> Send for Registration<T> {}

// SAFETY: A shared reference gives no access to the ops.
unsafe impl<T: Link> Sync for Registration<T> {}

impl<T: Link> Registration<T> {
    /// Registers the link type `T`, for [`module_rtnl_link!`].
    ///
    /// # Safety
    ///
    /// Called from a module's init, in process context without RTNL or `pernet_ops_rwsem`, and
    /// the registration is dropped in the same conditions, by the module's exit or a failed
    /// init: `rtnl_link_register` may sleep (`link_ops_mutex`), `rtnl_link_unregister` takes
    /// `pernet_ops_rwsem` and RTNL (`rtnl_lock_unregistering_all`) and waits until every device
    /// of the kind is freed, and `create_device` takes RTNL (`register_netdev`). A driver
    /// callback runs with RTNL held, or with bottom halves disabled, or inside the teardown of
    /// the kind's devices (`rtnetlink.c`, `dev.c`).
    ///
    /// [`module_rtnl_link!`]: crate::module_rtnl_link
    #[doc(hidden)]
    pub unsafe fn new() -> impl PinInit<Self, Error> {
        const {
            assert!(
                T::MAX_TYPE <= MAX_TYPE_LIMIT,
                "`Link::MAX_TYPE` is above `RTNL_MAX_TYPE`, which `rtnl_link_register` refuses"
            );
            assert!(
                T::POLICY.is_empty() || T::POLICY.len() == T::MAX_TYPE as usize + 1,
                "`Link::POLICY` has one entry per attribute type, `0..=MAX_TYPE`"
            );
            // @series{can
            #[cfg(CONFIG_CAN)]
            assert!(
                !matches!(T::ML_PRIV, MlPriv::Can) || T::TAP.is_none(),
                "a CAN device has no tap: a tap's messages would pass for CAN frames"
            );
            if let Some(peer) = T::PEER_TYPE {
                assert!(
                    peer != 0 && peer <= T::MAX_TYPE,
                    "`Link::PEER_TYPE` is one of the kind's attribute types, `1..=MAX_TYPE`"
                );
                // `rtnl_newlink` reads a `struct ifinfomsg` from the peer attribute before the
                // kind sees it (`rtnl_get_peer_net` -> `rtnl_nla_parse_ifinfomsg`), and
                // `newlink_callback` reads it again: only such a policy makes it that long.
                assert!(
                    !T::POLICY.is_empty() && T::POLICY[peer as usize].is_ifinfomsg(),
                    "a kind of pairs checks its peer attribute with `Policy::ifinfomsg()`"
                );
            }
            // @series}
        };
        try_pin_init!(Self {
            ops <- Opaque::try_ffi_init(move |slot: *mut bindings::rtnl_link_ops| {
                // SAFETY: `slot` is valid for writes; all-zero is a valid `rtnl_link_ops`,
                // where null pointers mean "not implemented".
                unsafe { slot.write_bytes(0, 1) };
                // SAFETY: `slot` is valid and initialised.
                let ops = unsafe { &mut *slot };
                ops.kind = T::KIND.as_char_ptr();
                ops.priv_size = Layout::<T>::SIZE as usize;
                ops.maxtype = T::MAX_TYPE.into();
                if !T::POLICY.is_empty() {
                    // CAST: `Policy` is a `repr(transparent)` wrapper of `nla_policy`; the table
                    // has `maxtype + 1` entries (asserted above) and is static.
                    ops.policy = T::POLICY.as_ptr().cast();
                }
                ops.setup = Some(Self::setup_callback);
                if T::HAS_VALIDATE {
                    ops.validate = Some(Self::validate_callback);
                }
// @series{pair
                if let Some(peer) = T::PEER_TYPE {
                    ops.peer_type = peer;
                    ops.newlink = Some(pair::newlink_callback::<T>);
                    ops.dellink = Some(pair::dellink_callback::<T>);
                    ops.get_link_net = Some(pair::get_link_net_callback::<T>);
                }
// @series}
                // INVARIANT: The ops are registered if this returns `Ok`. The core writes to
                // them (its list, its SRCU, `dellink`) and keeps them linked until
                // `rtnl_link_unregister`; they are pinned and unregistered in `drop`.
                // SAFETY: `ops` is a valid, pinned `rtnl_link_ops` that outlives registration.
                to_result(unsafe { bindings::rtnl_link_register(slot) })
            }),
            _t: PhantomData,
        })
    }

    /// Creates and registers a device of this kind, as `ip link add NAME type KIND` would.
    ///
    /// `name` may hold a `%d`, replaced by the first free number (`dummy%d`); `assign` is how
    /// user space is told the name came about (`name_assign_type`). The core owns the device:
    /// it is deleted with `ip link del`, or when the link type is unregistered.
    ///
    /// Fails with `EINVAL` if `name` does not fit in `IFNAMSIZ` with its terminating nul, or is
    /// not a valid device name, with `EEXIST` if a device of that name exists.
    ///
    /// It takes RTNL (`register_netdev`): a driver calls it from [`Link::module_init`], the
    /// only place it has the registration, where RTNL is not held.
    pub fn create_device(&self, name: &CStr, assign: NameAssign) -> Result {
// @series{pair
        const {
            assert!(
                T::PEER_TYPE.is_none(),
                "devices of a kind of pairs are made by `ip link add` with their peer only"
            )
        };
// @series}
        // `alloc_netdev_mqs` treats a longer name as a bug (`BUG_ON`); the core refuses it with
        // `EINVAL` everywhere else.
        if name.to_bytes().len() >= bindings::IFNAMSIZ as usize {
            return Err(EINVAL);
        }
        // SAFETY: `name` is a valid string and `setup_callback` sets a device up for `T`, whose
        // private area is `Layout::<T>::SIZE` bytes; one queue each way, as `alloc_netdev` gives.
        let dev = unsafe {
            bindings::alloc_netdev_mqs(
                Layout::<T>::SIZE,
                name.as_char_ptr(),
                assign as c_uchar,
                Some(Self::setup_callback),
                1,
                1,
            )
        };
        if dev.is_null() {
            return Err(ENOMEM);
        }
        // SAFETY: `dev` was just allocated and is ours; the ops are registered and outlive the
        // device, which `rtnl_link_unregister` deletes.
        unsafe { (*dev).rtnl_link_ops = self.ops.get() };
        // SAFETY: `dev` is a valid, unregistered device; `register_netdev` takes RTNL, which
        // the caller does not hold: a registration is only reached from a module's init (safety
        // requirements of `new`) or a KUnit case.
        let ret = unsafe { bindings::register_netdev(dev) };
        if ret < 0 {
            // SAFETY: Registration failed, so `dev` is still ours (`register_netdevice`: "Expect
            // explicit free_netdev() on failure").
            unsafe { bindings::free_netdev(dev) };
            return Err(Error::from_errno(ret));
        }
        Ok(())
    }

    /// # Safety
    ///
    /// Called by the core from `alloc_netdev` with a device allocated for these ops.
    unsafe extern "C" fn setup_callback(dev: *mut bindings::net_device) {
        // @series{can
        #[cfg(CONFIG_CAN)]
        if T::ML_PRIV == MlPriv::Can {
            // The private area holds a zeroed `can_ml_priv` (empty receive lists, no capability)
            // for the device's lifetime, see `layout`.
            // SAFETY: `dev` is unregistered, so nothing reads `ml_priv` yet: the CAN layer's
            // readers (`can_rcv`, `can_dev_rcv_lists_find` and others) only find the device once
            // `register_netdevice` has listed it (`list_netdevice`); the pointer is that
            // `can_ml_priv`, see above.
            unsafe { bindings::can_set_ml_priv(dev, Layout::<T>::ml_priv(dev).cast()) };
            // The CAN layer takes an `ARPHRD_CAN` device to have that `ml_priv` (`isotp_bind`,
            // `can_rx_unregister`), so no other device is given the type.
            // SAFETY: As above, the device is only ours (`alloc_netdev_mqs` calls `setup` before
            // it returns the device).
            unsafe { (*dev).type_ = crate::net::device::ArpHrd::CAN.as_raw() };
        }
        // @series}
        // SAFETY: The device was just allocated for `T`'s ops, it is not registered and only
        // `alloc_netdev` sees it.
        let dev = unsafe { SetupDevice::<T>::from_raw(dev) };
        dev.init_for_driver();
        ethtool::install(dev);
        T::setup(dev);
    }

    /// # Safety
    ///
    /// Called by the core from `rtnl_newlink` (before it takes RTNL), with the request's `tb`,
    /// and for a kind of pairs from `rtnl_get_peer_net`, with the peer's: `IFLA_MAX + 1`
    /// entries, valid for the call.
    unsafe extern "C" fn validate_callback(
        tb: *mut *mut bindings::nlattr,
        _data: *mut *mut bindings::nlattr,
        _extack: *mut bindings::netlink_ext_ack,
    ) -> c_int {
        const IFLA_MAX: usize = bindings::__IFLA_MAX as usize - 1;
        from_result(|| {
            // SAFETY: Both callers pass a `tb[IFLA_MAX + 1]` they parsed, each entry null or a
            // valid attribute of the request, for the call (`rtnl_newlink`, and
            // `rtnl_get_peer_net` with the peer's table, net/core/rtnetlink.c).
            let tb = unsafe { Attrs::from_raw(tb, IFLA_MAX + 1) }.ok_or(EINVAL)?;
            T::validate(&tb)?;
            Ok(0)
        })
    }
}

impl<T: Link> SetupDevice<T> {
    /// Marks the device as lockless (`dev->lltx`): the core transmits without the queue lock, on
    /// any number of CPUs at once.
    ///
    // @series{can
    /// Not for a device with state per transmit queue ([`Operations::TxQueue`], which the
    /// queue's lock guards), nor for a device with mid-layer private data (neither compiles):
    /// the CAN layer's `can_dropped_invalid_skb` counts in `dev->stats` without atomics
    /// (drivers/net/can/dev/skb.c), and no C CAN driver is lockless. The queue lock serialises
    /// only one queue's transmissions: a CAN device made with several (`ip link add ...
    /// numtxqueues 2`) transmits on several CPUs at once and may lose such counts, as C vxcan
    /// does, which takes the number of queues the request gives as well.
    // @series}
    // @series{!can
    /// Not for a device with state per transmit queue ([`Operations::TxQueue`], which the
    /// queue's lock guards; it does not compile).
    // @series}
    pub fn set_lltx(&mut self, lltx: bool) {
// @series{can
        const {
            assert!(
                matches!(T::ML_PRIV, MlPriv::None),
                "a device with mid-layer private data (CAN) is not lockless"
            )
        };
// @series}
        const {
            assert!(
                <T::TxQueue as crate::net::device::QueueState>::NONE,
                "a device with transmit queue state is not lockless: the queue's lock guards it"
            )
        };
        // SAFETY: `priv_flags_fast` is one of the two views of a `struct_group` union; both are
        // the same integers, every bit pattern of which is valid.
        let fast = unsafe { &mut self.raw().__bindgen_anon_1.priv_flags_fast };
        fast.set_lltx(lltx.into());
    }
}

#[pinned_drop]
impl<T: Link> PinnedDrop for Registration<T> {
    fn drop(self: Pin<&mut Self>) {
        // SAFETY: By the type invariants the ops are registered. Unregistering deletes every
        // device of the kind (`rtnl_link_unregister` -> `__rtnl_kill_links`) and waits until
        // they are freed (its `rtnl_unlock` runs `netdev_run_todo`).
        unsafe { bindings::rtnl_link_unregister(self.ops.get()) };
    }
}

/// Declares a kernel module that registers one link type for as long as it is loaded, with
/// [`Link::before_register`] and [`Link::module_init`] around the registration if the link
/// type has them.
///
/// The fields are those of [`module!`](crate::prelude::module), parameters included.
///
/// # Examples
///
/// The module of a driver whose type `MyLink` implements [`Link`]; the `rtnl-link-KIND` alias
/// lets `ip link add NAME type KIND` load it. (Not compiled here: a module is declared once per
/// crate.)
///
/// ```ignore
/// module_rtnl_link! {
///     type: MyLink,
///     name: "my_link",
///     authors: ["Rust for Linux Contributors"],
///     description: "An example link type",
///     license: "GPL",
///     alias: ["rtnl-link-mylink"],
/// }
/// ```
#[macro_export]
macro_rules! module_rtnl_link {
    (type: $type:ty, $($f:tt)*) => {
        #[$crate::prelude::pin_data]
        struct Module {
            first: (),
            #[pin]
            link: $crate::net::rtnl::Registration<$type>,
        }

        impl $crate::InPlaceModule for Module {
            fn init(
                _module: &'static $crate::ThisModule,
            ) -> impl $crate::prelude::PinInit<Self, $crate::error::Error> {
                use $crate::prelude::PinInit as _;

                // The driver's code can name `Module` and call this function too, say from
                // `before_register`: only the first call, the module loader's, goes on. Nothing
                // outside this function can name the flag.
                static ENTERED: $crate::sync::atomic::Atomic<bool> =
                    $crate::sync::atomic::Atomic::new(false);

                $crate::prelude::try_pin_init!(Module {
                    first: if ENTERED.xchg(true, $crate::sync::atomic::Relaxed) {
                        Err($crate::error::code::EBUSY)
                    } else {
                        if <$type as $crate::net::rtnl::Link>::HAS_BEFORE_REGISTER {
                            <$type as $crate::net::rtnl::Link>::before_register();
                        }
                        Ok(())
                    }?,
                    // SAFETY: This is the module loader's call of the module's init (the flag
                    // above), and the registration is dropped by the module's exit (or by this
                    // init, if it fails), both in process context, no lock held
                    // (`do_init_module` and `delete_module`, kernel/module/main.c).
                    link <- unsafe { $crate::net::rtnl::Registration::new() },
                })
                .pin_chain(|this| {
                    if <$type as $crate::net::rtnl::Link>::HAS_MODULE_INIT {
                        <$type as $crate::net::rtnl::Link>::module_init(&this.link)
                    } else {
                        Ok(())
                    }
                })
            }
        }

        $crate::prelude::module! {
            type: Module,
            $($f)*
        }
    }
}
