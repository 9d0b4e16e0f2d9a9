// SPDX-License-Identifier: GPL-2.0

//! Taps: monitor devices that see every message of a protocol family.
//!
//! A tap links a monitor device into a list of the core, which then hands a copy of every
//! message to that device's transmit path. Two kinds exist, described by [`Kind`]:
//!
//! | kind        | C tap                | device type       | list                    |
//! |-------------|----------------------|-------------------|-------------------------|
//! | [`Netlink`] | `struct netlink_tap` | `ARPHRD_NETLINK`  | per namespace           |
//! | [`Vsock`]   | `struct vsock_tap`   | `ARPHRD_VSOCKMON` | global                  |
//!
//! The tap lives in the private data of its device, so it is pinned for the device's life; it
//! is added when the device comes up and removed when it goes down, and at the latest when the
//! private data is dropped, before the device is freed. While it is linked, the core holds a
//! reference on the module that implements the device, so the driver cannot be unloaded under
//! a device that is up. Removal waits for an RCU grace period, so no message is delivered to
//! the device after [`Tap::remove`] returns.
//!
//! # Examples
//!
//! A netlink monitor, the core of nlmon: the tap in the private data, linked while the device
//! is up.
//!
//! ```
//! use kernel::net::{
//!     device::{self, Device, Rtnl, SetupDevice, Xmit},
//!     rtnl,
//!     skbuff::SkBuff,
//!     tap::{self, Kind, Tap},
//! };
//! use kernel::prelude::*;
//!
//! struct Monitor;
//!
//! #[pin_data]
//! struct Private {
//!     #[pin]
//!     tap: Tap<tap::Netlink>,
//! }
//!
//! #[vtable]
//! impl device::Operations for Monitor {
//!     type Private = Private;
//!
//!     fn init_private() -> impl PinInit<Private, Error> {
//!         try_pin_init!(Private { tap <- Tap::new() })
//!     }
//!
//!     fn open(dev: &Device<Self, Rtnl>) -> Result {
//!         dev.private().tap.add(dev)
//!     }
//!
//!     fn stop(dev: &Device<Self, Rtnl>) -> Result {
//!         dev.private().tap.remove(dev)
//!     }
//!
//!     fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
//!         // A real monitor counts the copy before it frees it.
//!         skb.consume();
//!     }
//! }
//!
//! #[vtable]
//! impl rtnl::Link for Monitor {
//!     const KIND: &'static CStr = c"rust_doc_tap";
//!
//!     fn setup(dev: &mut SetupDevice<Self>) {
//!         dev.set_type(tap::Netlink::DEV_TYPE);
//!         dev.set_mtu(tap::NLMSG_GOODSIZE);
//!         dev.set_min_mtu(tap::NLMSG_HDR_SIZE);
//!     }
//! }
//!
//! // The device is created down: its tap is not linked until `ip link set DEV up`.
//! let link = KBox::pin_init(rtnl::Registration::<Monitor>::new(), GFP_KERNEL)?;
//! link.create_device(c"rust_doc_tap%d")?;
//! # Ok::<(), Error>(())
//! ```
//!
//! C headers: [`include/linux/netlink.h`](srctree/include/linux/netlink.h),
//! [`include/net/af_vsock.h`](srctree/include/net/af_vsock.h)

use crate::{
    bindings,
    error::to_result,
    module::this_module,
    net::device::{ArpHrd, Device, Operations, Rtnl},
    prelude::*,
    sync::atomic::{Atomic, Relaxed},
    types::Opaque,
};

/// The usual size of a netlink message buffer, `NLMSG_GOODSIZE`.
///
/// # Examples
///
/// ```
/// use kernel::net::tap::NLMSG_GOODSIZE;
///
/// // A page minus the room of the buffer's shared info, and at most 8 KiB.
/// assert!(NLMSG_GOODSIZE > 0 && NLMSG_GOODSIZE <= 8192);
/// ```
pub const NLMSG_GOODSIZE: u32 = bindings::NLMSG_GOODSIZE as u32;

/// The size of a netlink message header, `struct nlmsghdr`.
///
/// # Examples
///
/// ```
/// use kernel::net::tap::NLMSG_HDR_SIZE;
///
/// // `nlmsg_len`, `nlmsg_type`, `nlmsg_flags`, `nlmsg_seq` and `nlmsg_pid`.
/// assert_eq!(NLMSG_HDR_SIZE, 16);
/// ```
pub const NLMSG_HDR_SIZE: u32 = size_of::<bindings::nlmsghdr>() as u32;

/// The size of the header a vsock monitor puts before each packet, `struct af_vsockmon_hdr`.
///
/// # Examples
///
/// ```
/// use kernel::net::tap::VSOCKMON_HDR_SIZE;
///
/// // Two CIDs, two ports, and the operation, transport, length and reserved fields.
/// assert_eq!(VSOCKMON_HDR_SIZE, 8 + 4 + 8 + 4 + 2 + 2 + 2 + 2);
/// ```
#[cfg(CONFIG_VSOCKETS)]
pub const VSOCKMON_HDR_SIZE: u32 = size_of::<bindings::af_vsockmon_hdr>() as u32;

/// The largest packet buffer of the virtio vsock transport, `VIRTIO_VSOCK_MAX_PKT_BUF_SIZE`.
///
/// # Examples
///
/// The MTU of a vsock monitor: the largest packet with its monitor header, as vsockmon sets it:
///
/// ```
/// use kernel::net::tap::{VIRTIO_VSOCK_MAX_PKT_BUF_SIZE, VSOCKMON_HDR_SIZE};
///
/// assert_eq!(VIRTIO_VSOCK_MAX_PKT_BUF_SIZE + VSOCKMON_HDR_SIZE, 65568);
/// ```
#[cfg(CONFIG_VSOCKETS)]
pub const VIRTIO_VSOCK_MAX_PKT_BUF_SIZE: u32 = bindings::VIRTIO_VSOCK_MAX_PKT_BUF_SIZE;

mod private {
    pub trait Sealed {}
}

/// Which messages the taps of a [`Kind`] see.
///
/// # Examples
///
/// Code that only makes sense for one scope can require it:
///
/// ```
/// use kernel::net::tap::{Kind, PerNamespace};
///
/// fn per_namespace<K: Kind<Scope = PerNamespace>>() {}
///
/// per_namespace::<kernel::net::tap::Netlink>();
/// ```
pub trait Scope: private::Sealed {}

/// The taps see the messages of the network namespace their device is in when they are added.
///
/// A device that moves to another namespace is taken down first, which removes its tap.
///
/// # Examples
///
/// ```
/// use kernel::net::tap::{Kind, Netlink, PerNamespace, Tap};
///
/// fn sees_its_namespace<K: Kind<Scope = PerNamespace>>(_tap: &Tap<K>) -> bool {
///     true
/// }
///
/// let tap = KBox::pin_init(Tap::<Netlink>::new(), GFP_KERNEL)?;
/// assert!(sees_its_namespace(&tap));
/// # Ok::<(), Error>(())
/// ```
pub enum PerNamespace {}

/// The taps see the messages of the whole system, whatever the namespace of their device.
///
/// # Examples
///
/// ```
/// use kernel::net::tap::{Global, Kind};
///
/// /// A monitor that should see every namespace's messages.
/// fn system_wide<K: Kind<Scope = Global>>() {}
/// ```
pub enum Global {}

impl private::Sealed for PerNamespace {}
impl Scope for PerNamespace {}
impl private::Sealed for Global {}
impl Scope for Global {}

/// A kind of tap: the C structure and functions of one protocol family.
///
/// The methods are `#[inline]` so that they are compiled into the driver that uses them: the
/// vsock core may be a module, which the `kernel` crate cannot link against.
///
/// # Examples
///
/// Private data that serves monitors of any kind; the device type comes from the kind:
///
/// ```
/// use kernel::net::{
///     device::{self, SetupDevice},
///     tap::{Kind, Tap},
/// };
/// use kernel::prelude::*;
///
/// #[pin_data]
/// struct Private<K: Kind> {
///     #[pin]
///     tap: Tap<K>,
/// }
///
/// fn setup<T: device::Operations, K: Kind>(dev: &mut SetupDevice<T>) {
///     dev.set_type(K::DEV_TYPE);
/// }
/// ```
pub trait Kind: private::Sealed {
    /// The C tap structure (`dev`, `module`, `list`).
    type Raw;

    /// Which messages a tap of this kind sees.
    type Scope: Scope;

    /// The hardware type the core requires of the device; adding a tap to a device of another
    /// type fails with `EINVAL`. A monitor driver sets it in its `setup`.
    const DEV_TYPE: ArpHrd;

    /// Fills in the device and module of `raw`.
    ///
    /// # Safety
    ///
    /// `raw` must be valid for writes.
    unsafe fn init(
        raw: *mut Self::Raw,
        dev: *mut bindings::net_device,
        module: &'static ThisModule,
    );

    /// Links `raw` into the core's list and takes a reference on its module.
    ///
    /// # Safety
    ///
    /// `raw` must be initialised by [`Kind::init`], not linked, and stay pinned until removed.
    unsafe fn add(raw: *mut Self::Raw) -> c_int;

    /// Unlinks `raw`, drops the module reference and waits for readers of the list.
    ///
    /// # Safety
    ///
    /// `raw` must be initialised by [`Kind::init`].
    unsafe fn remove(raw: *mut Self::Raw) -> c_int;
}

/// Implements [`Kind`] for a C tap structure with `dev` and `module` members.
macro_rules! impl_kind {
    ($kind:ty, $raw:ty, $scope:ty, $dev_type:expr, $add:path, $remove:path) => {
        impl private::Sealed for $kind {}

        impl Kind for $kind {
            type Raw = $raw;
            type Scope = $scope;
            const DEV_TYPE: ArpHrd = $dev_type;

            #[inline]
            unsafe fn init(
                raw: *mut Self::Raw,
                dev: *mut bindings::net_device,
                module: &'static ThisModule,
            ) {
                // SAFETY: The caller guarantees `raw` is valid for writes.
                unsafe {
                    (*raw).dev = dev;
                    (*raw).module = module.as_ptr();
                }
            }

            #[inline]
            unsafe fn add(raw: *mut Self::Raw) -> c_int {
                // SAFETY: The caller guarantees `raw` is initialised, unlinked and pinned; the
                // core checks the device type and links it under its own lock.
                unsafe { $add(raw) }
            }

            #[inline]
            unsafe fn remove(raw: *mut Self::Raw) -> c_int {
                // SAFETY: The caller guarantees `raw` is initialised; the core looks it up in
                // its list under its own lock and returns `-ENODEV` if it is not there.
                unsafe { $remove(raw) }
            }
        }
    };
}

/// The netlink tap, `struct netlink_tap`: one list per network namespace, `ARPHRD_NETLINK`
/// devices.
///
/// # Examples
///
/// ```
/// use kernel::net::{
///     device::ArpHrd,
///     tap::{Kind, Netlink},
/// };
///
/// assert_eq!(Netlink::DEV_TYPE, ArpHrd::NETLINK);
/// ```
pub enum Netlink {}

impl_kind!(
    Netlink,
    bindings::netlink_tap,
    PerNamespace,
    ArpHrd::NETLINK,
    bindings::netlink_add_tap,
    bindings::netlink_remove_tap
);

/// The vsock tap, `struct vsock_tap`: one global list, `ARPHRD_VSOCKMON` devices.
///
/// # Examples
///
/// ```
/// use kernel::net::{
///     device::ArpHrd,
///     tap::{Kind, Vsock},
/// };
///
/// assert_eq!(Vsock::DEV_TYPE, ArpHrd::VSOCKMON);
/// ```
#[cfg(CONFIG_VSOCKETS)]
pub enum Vsock {}

#[cfg(CONFIG_VSOCKETS)]
impl_kind!(
    Vsock,
    bindings::vsock_tap,
    Global,
    ArpHrd::VSOCKMON,
    bindings::vsock_add_tap,
    bindings::vsock_remove_tap
);

/// A tap of kind `K`, stored in the private data of its monitor device.
///
/// # Invariants
///
/// - `linked` is `true` exactly when `raw` is linked in the core's list; then `raw` is
///   initialised with the device whose private data holds this tap.
/// - `linked` only changes under RTNL (`ndo_open`, `ndo_stop`) or in `drop`.
///
/// See the [module documentation](self) for a monitor driver built on it.
///
/// # Examples
///
/// A tap elsewhere than in the device's private data is refused:
///
/// ```
/// # use kernel::net::{device::{self, Device, Xmit}, skbuff::SkBuff};
/// # use kernel::prelude::*;
/// # struct Drv;
/// # #[vtable]
/// # impl device::Operations for Drv {
/// #     type Private = ();
/// #     fn init_private() -> impl PinInit<(), Error> {
/// #         Ok(())
/// #     }
/// #     fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
/// #         skb.consume();
/// #     }
/// # }
/// use kernel::net::{
///     device::Rtnl,
///     tap::{Netlink, Tap},
/// };
///
/// fn open(dev: &Device<Drv, Rtnl>) -> Result {
///     let tap = KBox::pin_init(Tap::<Netlink>::new(), GFP_KERNEL)?;
///     assert_eq!(tap.add(dev), Err(EINVAL));
///     Ok(())
/// }
/// ```
#[pin_data(PinnedDrop)]
pub struct Tap<K: Kind> {
    #[pin]
    raw: Opaque<K::Raw>,
    linked: Atomic<bool>,
}

// SAFETY: The C tap is only written under RTNL (add and remove) and read by the core under RCU;
// `linked` is atomic.
unsafe impl<K: Kind> Sync for Tap<K> {}

// SAFETY: The tap holds no thread-bound state; it is dropped on whatever CPU frees its device.
unsafe impl<K: Kind> Send for Tap<K> {}

impl<K: Kind> Tap<K> {
    /// Creates an unlinked tap.
    pub fn new() -> impl PinInit<Self> {
        pin_init!(Self {
            raw: Opaque::uninit(),
            linked: Atomic::new(false),
        })
    }

    /// Returns `true` if `self` lies in the private data of `dev`.
    fn is_in<T: Operations>(&self, dev: &Device<T>) -> bool {
        let start = core::ptr::from_ref(dev.private().get_ref()).addr();
        let end = start + size_of::<T::Private>();
        let me = core::ptr::from_ref(self).addr();
        me >= start && me + size_of::<Self>() <= end
    }

    /// Links the tap of the device `dev` (from `ndo_open`), so that `dev` sees every message.
    ///
    /// While the tap is linked, the core holds a reference on the module of `T`.
    ///
    /// Fails with `EINVAL` if the tap is not part of `dev`'s private data or `dev` is not of
    /// the type the kind requires, and with `EBUSY` if it is already linked.
    pub fn add<T: Operations>(&self, dev: &Device<T, Rtnl>) -> Result {
        if !self.is_in(dev) {
            return Err(EINVAL);
        }
        if self.linked.load(Relaxed) {
            return Err(EBUSY);
        }
        // SAFETY: `raw` is owned by this tap and not linked, so nobody else reads it.
        unsafe {
            K::init(
                self.raw.get(),
                dev.as_raw(),
                this_module::<T::OwnerModule>(),
            )
        };
        // SAFETY: `raw` was just initialised and is not linked. It is pinned in the private
        // data of `dev`, which outlives the link: `drop` removes it before the private data
        // is freed, and the device is freed after its private data.
        to_result(unsafe { K::add(self.raw.get()) })?;
        // INVARIANT: The tap is now linked with its own device.
        self.linked.store(true, Relaxed);
        Ok(())
    }

    /// Unlinks the tap of the device `dev` (from `ndo_stop`); no message reaches the device once
    /// this returns.
    ///
    /// Fails with `ENODEV`, as the C core does, if the tap is not linked, and with `EINVAL` if it
    /// is not part of `dev`'s private data.
    pub fn remove<T: Operations>(&self, dev: &Device<T, Rtnl>) -> Result {
        if !self.is_in(dev) {
            return Err(EINVAL);
        }
        if !self.linked.load(Relaxed) {
            return Err(ENODEV);
        }
        // SAFETY: By the type invariants `raw` is linked, hence initialised.
        let ret = unsafe { K::remove(self.raw.get()) };
        // INVARIANT: Whatever `remove` returned, the tap is no longer in the core's list.
        self.linked.store(false, Relaxed);
        to_result(ret)
    }
}

#[pinned_drop]
impl<K: Kind> PinnedDrop for Tap<K> {
    fn drop(self: Pin<&mut Self>) {
        if self.linked.load(Relaxed) {
            // SAFETY: By the type invariants `raw` is linked, hence initialised. After
            // `remove` the core no longer references it.
            unsafe { K::remove(self.raw.get()) };
        }
    }
}
