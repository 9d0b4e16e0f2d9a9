// SPDX-License-Identifier: GPL-2.0

//! Taps: monitor devices that see every message of a protocol family.
//!
//! A tap links a monitor device into a list of the core, which then hands a copy of every
//! message to that device's transmit path. Two kinds exist, described by [`Kind`]:
//!
//! | kind              | C tap                | device type       | list                    |
//! |-------------------|----------------------|-------------------|-------------------------|
//! | [`Kind::NETLINK`] | `struct netlink_tap` | `ARPHRD_NETLINK`  | per network namespace   |
//! | [`Kind::VSOCK`]   | `struct vsock_tap`   | `ARPHRD_VSOCKMON` | global                  |
//!
//! A driver names its kind in [`Operations::TAP`]; the abstraction keeps the tap in the
//! device's private area and links it exactly while the device is up: right before
//! [`Operations::open`] (unlinked again if that fails) and until right after
//! [`Operations::stop`], whatever either returns. The core looks a netlink tap up in the list of
//! the namespace its device is in when it is removed, and moves only devices that are down, so
//! a tap is always found where it was linked. While it is linked the core holds a reference on
//! the driver's module; unlinking waits for an RCU grace period.
//!
//! [`Operations::TAP`]: crate::net::device::Operations::TAP
//! [`Operations::open`]: crate::net::device::Operations::open
//! [`Operations::stop`]: crate::net::device::Operations::stop
//!
//! # Examples
//!
//! A netlink monitor, the core of nlmon: while the device is up, every netlink message of its
//! namespace is handed to its transmit path.
//!
//! ```
//! use kernel::net::{
//!     device::{self, Device, SetupDevice, Xmit},
//!     rtnl,
//!     skbuff::SkBuff,
//!     tap,
//! };
//! use kernel::prelude::*;
//!
//! struct Monitor;
//!
//! #[vtable]
//! impl device::Operations for Monitor {
//!     type PcpuStats = device::NoPcpuStats;
//!     type TxQueue = ();
//!     const TAP: Option<tap::Kind> = Some(tap::Kind::NETLINK);
//!
//!     fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
//!         // A real monitor counts the copy before it frees it.
//!         skb.consume();
//!     }
//! }
//!
//! # #[vtable]
//! # impl kernel::net::ethtool::Operations for Monitor {}
//! #[vtable]
//! impl rtnl::Link for Monitor {
//!     const KIND: &'static CStr = c"rust_doc_tap";
//!
//!     fn setup(dev: &mut SetupDevice<Self>) {
//!         // The device is `ARPHRD_NETLINK` already, as its tap needs.
//!         dev.set_mtu(tap::NLMSG_GOODSIZE);
//!         dev.set_min_mtu(tap::NLMSG_HDR_SIZE);
//!     }
//! }
//!
//! // The device is created down: its tap is not linked until `ip link set DEV up`.
//! fn module_init(link: &rtnl::Registration<Monitor>) -> Result {
//!     link.create_device(c"rust_doc_tap%d", rtnl::NameAssign::Enum)
//! }
//! # // SAFETY: A KUnit case runs in process context without RTNL, as a module's init and exit
//! # // (`kunit_try_catch_run`, lib/kunit/try-catch.c, runs it in a kthread).
//! # let link = KBox::pin_init(unsafe { rtnl::Registration::<Monitor>::new() }, GFP_KERNEL)?;
//! # module_init(&link)?;
//! # Ok::<(), Error>(())
//! ```
//!
//! C headers: [`include/linux/netlink.h`](srctree/include/linux/netlink.h),
//! [`include/net/af_vsock.h`](srctree/include/net/af_vsock.h)

use crate::{
    bindings,
    net::netdev::{
        priv_area,
        ArpHrd, //
    },
    prelude::*,
    types::Opaque, //
};

/// The usual size of a netlink message buffer, `NLMSG_GOODSIZE`.
pub const NLMSG_GOODSIZE: u32 = bindings::NLMSG_GOODSIZE as u32;

/// The size of a netlink message header, `struct nlmsghdr`.
pub const NLMSG_HDR_SIZE: u32 = size_of::<bindings::nlmsghdr>() as u32;

/// The size of the header a vsock monitor puts before each packet, `struct af_vsockmon_hdr`.
#[cfg(CONFIG_VSOCKETS)]
pub const VSOCKMON_HDR_SIZE: u32 = size_of::<bindings::af_vsockmon_hdr>() as u32;

/// The largest packet buffer of the virtio vsock transport, `VIRTIO_VSOCK_MAX_PKT_BUF_SIZE`.
///
/// # Examples
///
/// A vsock monitor, as vsockmon: the kind of its tap, and an MTU for the largest packet with
/// its monitor header:
///
/// ```
/// use kernel::net::{
///     device::{Operations, SetupDevice},
///     tap::{Kind, VIRTIO_VSOCK_MAX_PKT_BUF_SIZE, VSOCKMON_HDR_SIZE},
/// };
///
/// const TAP: Option<Kind> = Some(Kind::VSOCK);
///
/// fn setup_mtu<T: Operations>(dev: &mut SetupDevice<T>) {
///     dev.set_mtu(VIRTIO_VSOCK_MAX_PKT_BUF_SIZE + VSOCKMON_HDR_SIZE);
/// }
/// ```
#[cfg(CONFIG_VSOCKETS)]
pub const VIRTIO_VSOCK_MAX_PKT_BUF_SIZE: u32 = bindings::VIRTIO_VSOCK_MAX_PKT_BUF_SIZE;

/// A kind of tap: the C structure, list and device type of one protocol family.
///
/// A monitor driver names its kind in [`Operations::TAP`]; its devices get the type the kind
/// needs before its setup runs. The core refuses to link a tap of a device of another type, so
/// a setup that changes it makes `ip link set DEV up` fail with `EINVAL`.
///
/// [`Operations::TAP`]: crate::net::device::Operations::TAP
///
/// # Examples
///
/// What nlmon names in its operations (the [module](self) has a whole monitor):
///
/// ```
/// use kernel::net::tap::Kind;
///
/// const TAP: Option<Kind> = Some(Kind::NETLINK);
/// ```
#[derive(Clone, Copy)]
pub struct Kind {
    dev_type: ArpHrd,
    link: unsafe fn(*mut RawTap, *mut bindings::net_device, *mut bindings::module) -> c_int,
    unlink: unsafe fn(*mut RawTap) -> c_int,
}

impl Kind {
    /// The netlink tap, `struct netlink_tap`: `ARPHRD_NETLINK` devices see the netlink messages
    /// of the network namespace they are in.
    pub const NETLINK: Self = Self {
        dev_type: ArpHrd::NETLINK,
        link: netlink_link,
        unlink: netlink_unlink,
    };

    /// The vsock tap, `struct vsock_tap`: `ARPHRD_VSOCKMON` devices see the vsock packets of
    /// the whole system, whatever their namespace.
    #[cfg(CONFIG_VSOCKETS)]
    pub const VSOCK: Self = Self {
        dev_type: ArpHrd::VSOCKMON,
        link: vsock_link,
        unlink: vsock_unlink,
    };

    /// The hardware type the core requires of a device with a tap of this kind.
    pub(crate) const fn dev_type(self) -> ArpHrd {
        self.dev_type
    }
}

/// Defines the link and unlink functions of a kind whose C tap is the member `$member` of
/// [`RawTap`] (a structure with `dev`, `module` and `list`), linked by `$add` and unlinked by
/// `$remove`.
///
/// They are `#[inline]`: compiled into the driver that names the kind, never into the `kernel`
/// crate, because the vsock core may be a module the `kernel` crate cannot link against.
macro_rules! tap_functions {
    ($(#[$attr:meta])* $link:ident, $unlink:ident, $member:ident, $add:path, $remove:path) => {
        /// # Safety
        ///
        /// `raw` is valid for writes, unlinked and pinned until unlinked; `dev` is a registered
        /// device.
        $(#[$attr])*
        #[inline]
        unsafe fn $link(
            raw: *mut RawTap,
            dev: *mut bindings::net_device,
            module: *mut bindings::module,
        ) -> c_int {
            // SAFETY: `raw` is valid and not linked, so nobody else reads it; the member is the
            // one this kind uses.
            let tap = unsafe { &raw mut (*raw).$member };
            // SAFETY: As above.
            unsafe {
                (*tap).dev = dev;
                (*tap).module = module;
            }
            // SAFETY: `tap` is initialised, unlinked and pinned; the core checks the device type,
            // takes a reference on `module` and links the tap under its own lock (`netlink_add_tap`
            // in net/netlink/af_netlink.c, `vsock_add_tap` in net/vmw_vsock/af_vsock_tap.c).
            unsafe { $add(tap) }
        }

        /// # Safety
        ///
        /// `raw` was linked by the link function of the same kind.
        $(#[$attr])*
        #[inline]
        unsafe fn $unlink(raw: *mut RawTap) -> c_int {
            // SAFETY: `raw` holds a linked tap of this kind; the core looks it up in its list,
            // unlinks it, drops the module reference and waits for readers of the list
            // (`netlink_remove_tap`, `vsock_remove_tap`: both call `synchronize_net`).
            unsafe { $remove(&raw mut (*raw).$member) }
        }
    };
}

// `net/netlink/af_netlink.c`: the list of the namespace of `nt->dev`, looked up at removal.
tap_functions!(
    netlink_link,
    netlink_unlink,
    netlink,
    bindings::netlink_add_tap,
    bindings::netlink_remove_tap
);

// `net/vmw_vsock/af_vsock_tap.c`: one global list.
tap_functions!(
    #[cfg(CONFIG_VSOCKETS)]
    vsock_link,
    vsock_unlink,
    vsock,
    bindings::vsock_add_tap,
    bindings::vsock_remove_tap
);

/// The C tap of any kind.
#[repr(C)]
union RawTap {
    netlink: bindings::netlink_tap,
    #[cfg(CONFIG_VSOCKETS)]
    vsock: bindings::vsock_tap,
}

/// The tap of a monitor device, kept by the abstraction in the device's private area, where
/// the core allocates it zeroed: an unlinked slot.
///
/// # Invariants
///
/// - `linked` is `true` exactly when `raw` is linked in the core's list of its kind; then `raw`
///   holds the device whose private area contains this slot, and that device is up (its
///   `ndo_open` returned success and its `ndo_stop` has not run).
/// - `linked` is only read and written with RTNL held, from the device's `ndo_open` and
///   `ndo_stop`, or when the device can no longer run any callback.
pub(crate) struct TapSlot {
    raw: Opaque<RawTap>,
    linked: bool,
}

// The slot starts the private area, which is aligned to `NETDEV_ALIGN` (`alloc_netdev_mqs`).
const _: () = assert!(align_of::<TapSlot>() <= bindings::NETDEV_ALIGN as usize);

impl TapSlot {
    /// Returns the tap slot of `dev`, a device whose driver has a tap: it starts the private
    /// area, which the link type lays out from there.
    #[inline]
    pub(crate) fn of(dev: *mut bindings::net_device) -> *mut Self {
        priv_area(dev).cast()
    }

    /// Links the tap of `dev`, which is being opened.
    ///
    /// # Safety
    ///
    /// `slot` is the initialised slot in the private area of `dev`; this is `dev`'s `ndo_open`
    /// (RTNL is held, the device is in the namespace it will be in until it is closed); the slot
    /// is not linked.
    pub(crate) unsafe fn link(
        slot: *mut Self,
        kind: &Kind,
        dev: *mut bindings::net_device,
        module: *mut bindings::module,
    ) -> Result {
        // SAFETY: By the safety requirements the slot is valid, unlinked and pinned in the
        // private area of `dev`, which outlives the link: it is unlinked in `ndo_stop`, which the
        // core runs for every device that is up before it is freed
        // (`unregister_netdevice_many_notify` closes them first).
        let ret = unsafe { (kind.link)(Opaque::cast_into(&raw const (*slot).raw), dev, module) };
        crate::error::to_result(ret)?;
        // INVARIANT: The tap is linked and `ndo_open` is about to succeed, or to unlink it.
        // SAFETY: RTNL is held.
        unsafe { (*slot).linked = true };
        Ok(())
    }

    /// Unlinks the tap if it is linked: no message reaches the device once this returns.
    ///
    /// # Safety
    ///
    /// `slot` is the initialised slot in the private area of a device whose `ndo_open` or
    /// `ndo_stop` is running, so RTNL is held and the device is still in the namespace its tap
    /// was linked in (a device that is up is closed before it moves).
    pub(crate) unsafe fn unlink(slot: *mut Self, kind: &Kind) {
        // SAFETY: By the safety requirements RTNL is held.
        if !unsafe { (*slot).linked } {
            return;
        }
        // SAFETY: By the type invariants the tap is linked, in the list of the namespace the
        // device is in, so the core finds and unlinks it.
        let ret = unsafe { (kind.unlink)(Opaque::cast_into(&raw const (*slot).raw)) };
        // The core only fails to find a tap that is not in the list it searches, which the type
        // invariants exclude.
        crate::warn_on!(ret != 0);
        // INVARIANT: The tap is no longer linked.
        // SAFETY: RTNL is held.
        unsafe { (*slot).linked = false };
    }
}

#[kunit_tests(rust_net_tap)]
mod tests {
    use super::*;

    #[test]
    fn sizes_of_uapi() {
        // `nlmsg_len`, `nlmsg_type`, `nlmsg_flags`, `nlmsg_seq` and `nlmsg_pid`.
        assert_eq!(NLMSG_HDR_SIZE, 16);
        assert!(NLMSG_GOODSIZE > NLMSG_HDR_SIZE && NLMSG_GOODSIZE <= 8192);
        // Two CIDs, two ports, and the operation, transport, length and reserved fields; the
        // vsockmon MTU `ip -d link` shows.
        #[cfg(CONFIG_VSOCKETS)]
        assert_eq!(
            (
                VSOCKMON_HDR_SIZE,
                VIRTIO_VSOCK_MAX_PKT_BUF_SIZE + VSOCKMON_HDR_SIZE
            ),
            (32, 65568)
        );
    }
}
