// SPDX-License-Identifier: GPL-2.0

//! Devices created in pairs: `ip link add A type KIND peer name B [netns NS]`.
//!
//! The link type of a kind with [`Link::PEER_TYPE`] creates both devices of a request, links
//! them to each other with a counted reference and deletes them together, as veth and vxcan do
//! in C. The driver reaches the peer through [`Device::peer`] (under RCU, from any callback) or
//! [`Device::rtnl_peer`] (with RTNL held).

use super::{
    layout::{
        Layout,
        PeerSlot, //
    },
    Link, //
};
use crate::{
    bindings,
    error::{
        from_err_ptr,
        from_result,
        to_result, //
    },
    net::device::{
        Device,
        Rtnl, //
    },
    prelude::*,
    sync::{
        atomic::{
            Acquire,
            Atomic,
            Full,
            Relaxed,
            Release, //
        },
        rcu, //
    }, //
};

/// Returns the peer pointer of the slot as an atomic.
///
/// # Safety
///
/// `slot` must be the peer slot of a device that is not freed during `'a`.
#[inline]
unsafe fn peer_ptr<'a>(slot: *mut PeerSlot) -> &'a Atomic<*mut bindings::net_device> {
    // SAFETY: By the safety requirements the slot is valid for `'a`; every access to `peer` is
    // atomic (`rcu_assign_pointer`, `rcu_dereference`, `xchg` in C).
    unsafe { Atomic::from_ptr(&raw mut (*slot).peer) }
}

impl<T: Link> Device<T> {
    /// Returns the peer of a device of a kind of pairs, `None` once the pair is being deleted.
    ///
    /// The reference lasts as long as the RCU read-side critical section `rcu`: the link type
    /// holds a reference on the peer until `dellink`, and the core frees an unregistered device
    /// only after a grace period that follows it (`synchronize_net` in
    /// `unregister_netdevice_many_notify`).
    ///
    /// # Examples
    ///
    /// A tunnel end that counts what it is given as received by its peer (vxcan hands CAN
    /// frames to the peer's receive path, see [`crate::net::can`]):
    ///
    /// ```
    /// use kernel::net::{
    ///     device::{self, Device, Stat, Xmit},
    ///     rtnl::{self, Link, Policy},
    ///     skbuff::{DropReason, SkBuff},
    /// };
    /// use kernel::{prelude::*, sync::rcu};
    ///
    /// struct Tunnel;
    ///
    /// #[vtable]
    /// impl device::Operations for Tunnel {
    ///     type PcpuStats = device::NoPcpuStats;
    ///     type TxQueue = ();
    ///
    ///     fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
    ///         let guard = rcu::read_lock();
    ///         let Some(peer) = dev.peer(&guard) else {
    ///             dev.stats_inc(Stat::TxDropped);
    ///             skb.drop_reason(DropReason::NoTxTarget);
    ///             return;
    ///         };
    ///         let len = skb.len() as usize;
    ///         skb.consume();
    ///         dev.stats_add(Stat::TxBytes, len);
    ///         peer.stats_add(Stat::RxBytes, len);
    ///     }
    ///
    ///     fn get_iflink(dev: &Device<Self>) -> i32 {
    ///         dev.peer(&rcu::read_lock()).map_or(0, |peer| peer.ifindex())
    ///     }
    /// }
    ///
    /// # #[vtable]
    /// # impl kernel::net::ethtool::Operations for Tunnel {}
    /// #[vtable]
    /// impl Link for Tunnel {
    ///     const KIND: &'static CStr = c"rust_doc_tunnel";
    ///     const MAX_TYPE: u16 = 1;
    ///     const POLICY: &'static [Policy] = &[Policy::unspec(), Policy::ifinfomsg()];
    ///     const PEER_TYPE: Option<u16> = Some(1);
    ///
    ///     fn setup(dev: &mut device::SetupDevice<Self>) {
    ///         dev.set_mtu(1500);
    ///     }
    /// }
    ///
    /// // `ip link add a type rust_doc_tunnel peer name b` creates both ends.
    /// # // SAFETY: A KUnit case runs in process context without RTNL, as a module's init and
    /// # // exit (`kunit_try_catch_run`, lib/kunit/try-catch.c, runs it in a kthread).
    /// # let _link = KBox::pin_init(unsafe { rtnl::Registration::<Tunnel>::new() }, GFP_KERNEL)?;
    /// # Ok::<(), Error>(())
    /// ```
    #[inline]
    pub fn peer<'a>(&'a self, _rcu: &'a rcu::Guard) -> Option<&'a Device<T>> {
        const { assert!(T::PEER_TYPE.is_some(), "only a kind of pairs has peers") };
        // SAFETY: The device is valid while `self` is borrowed, and its private area holds the
        // peer slot of a kind of pairs.
        let peer = unsafe { peer_ptr(Layout::<T>::peer(self.as_raw())) }.load(Acquire);
        // A `dellink` that clears the slot concurrently drops the slot's reference, but the core
        // frees the device only after an RCU grace period, which `rcu` keeps from ending.
        // SAFETY: By the invariants of `PeerSlot` a non-null peer is a registered device of `T`,
        // held by the slot or (see above) kept by `rcu` with its statistics: the core frees them
        // only after `synchronize_net` in `unregister_netdevice_many_notify`.
        (!peer.is_null()).then(|| unsafe { Device::from_raw(peer) })
    }
}

impl<T: Link> Device<T, Rtnl> {
    /// Returns the peer of a device of a kind of pairs in a callback that holds RTNL, `None`
    /// once the pair is being deleted.
    ///
    /// # Examples
    ///
    /// The carrier of both ends follows whether both are up, as vxcan and veth do:
    ///
    /// ```
    /// # use kernel::prelude::*;
    /// use kernel::net::{
    ///     device::{Device, Rtnl},
    ///     rtnl::Link,
    /// };
    ///
    /// fn open<T: Link>(dev: &Device<T, Rtnl>) -> Result {
    ///     let peer = dev.rtnl_peer().ok_or(ENOTCONN)?;
    ///     if peer.is_up() {
    ///         dev.carrier_on();
    ///         peer.carrier_on();
    ///     }
    ///     Ok(())
    /// }
    /// ```
    #[inline]
    pub fn rtnl_peer(&self) -> Option<&Device<T>> {
        const { assert!(T::PEER_TYPE.is_some(), "only a kind of pairs has peers") };
        // SAFETY: The device is valid while `self` is borrowed, and its private area holds the
        // peer slot of a kind of pairs.
        let peer = unsafe { peer_ptr(Layout::<T>::peer(self.as_raw())) }.load(Relaxed);
        // SAFETY: RTNL is held while `self` is borrowed (type invariants), and `newlink` and
        // `dellink`, the only writers of the slot, run with RTNL held (their callers
        // `rtnl_newlink_create`, `rtnl_dellink`, `__rtnl_kill_links` and
        // `default_device_exit_batch` hold it): a non-null peer is a registered device of `T`,
        // held by the slot, for as long as `self` is borrowed.
        (!peer.is_null()).then(|| unsafe { Device::from_raw(peer) })
    }
}

/// Writes `KIND%d` into `name`, truncated as `snprintf(name, IFNAMSIZ, KIND "%%d")` does.
fn enum_name<T: Link>(name: &mut [c_char; bindings::IFNAMSIZ as usize]) {
    let kind = T::KIND.to_bytes();
    let mut i = 0;
    for &b in Iterator::chain(kind.iter(), b"%d") {
        if i == name.len() - 1 {
            break;
        }
        name[i] = b as c_char;
        i += 1;
    }
    name[i] = 0;
}

/// Links `dev` to `peer`: publishes the pointer and takes a reference on the peer.
///
/// # Safety
///
/// Both are registered devices of `T`, RTNL is held, and `dev`'s slot is null.
unsafe fn link<T: Link>(dev: *mut bindings::net_device, peer: *mut bindings::net_device) {
    let slot = Layout::<T>::peer(dev);
    // SAFETY: `dev` is valid and its slot is a `PeerSlot`.
    unsafe { peer_ptr(slot) }.store(peer, Release);
    // INVARIANT: The slot holds a reference on `peer`, taken here, tracked by its tracker.
    // SAFETY: `peer` is a registered device; the tracker is `dev`'s, unused until now.
    unsafe { bindings::netdev_hold(peer, &raw mut (*slot).tracker, bindings::GFP_KERNEL) };
}

/// The `newlink` of a kind of pairs: creates the peer, in its namespace and with its own
/// attributes, registers both devices and links them to each other.
///
/// # Safety
///
/// Called by the core from `rtnl_newlink_create` with RTNL (and the namespaces' locks) held, on
/// a device of `T` that is allocated and not registered, with `params` and `extack` valid for
/// the call; `params->tb` has `IFLA_MAX + 1` entries and `params->data` is null or has
/// `maxtype + 1` entries, both checked against their policies.
pub(super) unsafe extern "C" fn newlink_callback<T: Link>(
    dev: *mut bindings::net_device,
    params: *mut bindings::rtnl_newlink_params,
    extack: *mut bindings::netlink_ext_ack,
) -> c_int {
    const IFLA_MAX: usize = bindings::__IFLA_MAX as usize - 1;
    const IFLA_IFNAME: usize = bindings::IFLA_IFNAME as usize;
    const IFNAMSIZ: usize = bindings::IFNAMSIZ as usize;
    from_result(|| {
        let peer_type = usize::from(
            const {
                match T::PEER_TYPE {
                    Some(peer) => peer,
                    None => 0,
                }
            },
        );
        // SAFETY: The core passes valid parameters for the call: `rtnl_newlink_create` points
        // them at `rtnl_newlink`'s `tbs->tb[IFLA_MAX + 1]`, parsed with `ifla_policy`, and
        // `tbs->attr[RTNL_MAX_TYPE + 1]` (or null), parsed with the kind's policy.
        let params = unsafe { &*params };
        // `rtnl_newlink_peer_net()`: the peer's namespace, else the link's, else the
        // requester's.
        let peer_net = [params.peer_net, params.link_net]
            .into_iter()
            .find(|net| !net.is_null())
            .unwrap_or(params.src_net);
        let tb = params.tb;
        let mut peer_tb = [core::ptr::null_mut::<bindings::nlattr>(); IFLA_MAX + 1];
        let mut tbp = tb;
        let mut ifmp: *mut bindings::ifinfomsg = core::ptr::null_mut();
        if !params.data.is_null() {
            // SAFETY: `data` is `rtnl_newlink`'s `tbs->attr[RTNL_MAX_TYPE + 1]`, filled up to
            // `maxtype`, and `PEER_TYPE <= MAX_TYPE`.
            let nla_peer = unsafe { *params.data.add(peer_type) };
            if !nla_peer.is_null() {
                // SAFETY: The peer attribute's policy is `NLA_UNSPEC` with a `.len` of at least
                // `sizeof(struct ifinfomsg)` (asserted at compile time by `Registration::new`).
                // `data` is `ops->policy`'s parse of `IFLA_INFO_DATA` in `rtnl_newlink`
                // (`nla_parse_nested_deprecated`), and `__nla_validate_parse` (lib/nlattr.c)
                // stores an attribute only after `validate_nla` accepted it, which refuses an
                // `NLA_UNSPEC` one shorter than `.len` whatever the validation flags. So the
                // attribute holds at least a `struct ifinfomsg`, at the 4-byte alignment of
                // attribute payloads.
                ifmp = unsafe { bindings::nla_data(nla_peer) }.cast();
                // The core parsed and validated these already (`rtnl_get_peer_net`), so this
                // does not fail.
                // SAFETY: `peer_tb` has `IFLA_MAX + 1` entries; the attribute is valid.
                to_result(unsafe {
                    bindings::rtnl_nla_parse_ifinfomsg(peer_tb.as_mut_ptr(), nla_peer, extack)
                })?;
                tbp = peer_tb.as_mut_ptr();
            }
        }

        let mut ifname = [0 as c_char; IFNAMSIZ];
        // SAFETY: `tbp` is `tb` or `peer_tb`, both of `IFLA_MAX + 1` entries.
        let peer_name = unsafe { *tbp.add(IFLA_IFNAME) };
        let name_assign_type = if !ifmp.is_null() && !peer_name.is_null() {
            // SAFETY: `ifname` has `IFNAMSIZ` bytes; the attribute is a valid `IFLA_IFNAME`
            // (checked against `ifla_policy` by `rtnl_newlink` or `rtnl_nla_parse_ifinfomsg`).
            // A longer name is truncated, as in C (the policy limits it to `IFNAMSIZ - 1`).
            unsafe { bindings::nla_strscpy(ifname.as_mut_ptr(), peer_name, IFNAMSIZ) };
            bindings::NET_NAME_USER
        } else {
            enum_name::<T>(&mut ifname);
            bindings::NET_NAME_ENUM
        };

        // SAFETY: `dev` is valid; the core set its `rtnl_link_ops`, our registered ops, before
        // calling `newlink` (`rtnl_create_link`), and `peer_net` is a live namespace the core
        // holds for the call. The new device is set up by `setup_callback` for `T`.
        let peer = from_err_ptr(unsafe {
            bindings::rtnl_create_link(
                peer_net,
                ifname.as_ptr(),
                name_assign_type as c_uchar,
                (*dev).rtnl_link_ops,
                tbp,
                extack,
            )
        })?;

        // SAFETY: `ifmp` is null or a valid `ifinfomsg`; `dev` and `peer` are ours, not
        // registered.
        unsafe {
            if !ifmp.is_null() && (*dev).ifindex != 0 {
                (*peer).ifindex = core::ptr::addr_of!((*ifmp).ifi_index).read_unaligned();
            }
        }

        // SAFETY: `peer` is an allocated, unregistered device of `T` and RTNL is held
        // (`rtnl_newlink` takes it, `rtnl_nets_lock`).
        let ret = unsafe { bindings::register_netdevice(peer) };
        if ret < 0 {
            // SAFETY: Registration failed, so `peer` is still ours (`register_netdevice`:
            // "Expect explicit free_netdev() on failure"; the `NETREG_UNREGISTERING` branch of
            // `free_netdev` defers the free of a device still being unwound).
            unsafe { bindings::free_netdev(peer) };
            return Err(Error::from_errno(ret));
        }
        // SAFETY: `peer` is registered.
        unsafe { bindings::netif_carrier_off(peer) };

        // SAFETY: `peer` is registered, RTNL is held (`rtnl_newlink`, `rtnl_nets_lock`); `ifmp`
        // is null or valid.
        let ret = unsafe { bindings::rtnl_configure_link(peer, ifmp, 0, core::ptr::null()) };
        if ret < 0 {
            // SAFETY: `peer` is registered and not linked to anything; the core frees it
            // (`netdev_run_todo` calls `free_netdev` for a device with `needs_free_netdev`).
            unsafe { bindings::unregister_netdevice_queue(peer, core::ptr::null_mut()) };
            return Err(Error::from_errno(ret));
        }

        // SAFETY: `tb` has `IFLA_MAX + 1` entries (`rtnl_newlink`'s `tbs->tb`); `dev` is ours,
        // not registered, so its name is ours to write.
        unsafe {
            let name = *tb.add(IFLA_IFNAME);
            if !name.is_null() {
                bindings::nla_strscpy((*dev).name.as_mut_ptr(), name, IFNAMSIZ);
            } else {
                enum_name::<T>(&mut (*dev).name);
            }
        }

        // SAFETY: `dev` is an allocated, unregistered device of `T` and RTNL is held
        // (`rtnl_newlink`, `rtnl_nets_lock`).
        let ret = unsafe { bindings::register_netdevice(dev) };
        if ret < 0 {
            // SAFETY: `peer` is registered and not linked; the core frees `dev`
            // (`rtnl_newlink_create` calls `free_netdev` when `newlink` fails).
            unsafe { bindings::unregister_netdevice_queue(peer, core::ptr::null_mut()) };
            return Err(Error::from_errno(ret));
        }
        // SAFETY: `dev` is registered.
        unsafe { bindings::netif_carrier_off(dev) };

        // SAFETY: Both are registered devices of `T` whose slots are null (zeroed by
        // `alloc_netdev`), and RTNL is held.
        unsafe {
            link::<T>(dev, peer);
            link::<T>(peer, dev);
        }
        Ok(0)
    })
}

/// The `dellink` of a kind of pairs: unregisters the device and its peer, each in its own
/// namespace, and drops the references they held on each other.
///
/// # Safety
///
/// Called by the core with RTNL held on a registered device of `T`, with `head` the list of
/// devices to unregister (`rtnl_dellink`, `__rtnl_kill_links`, `default_device_exit_batch`).
pub(super) unsafe extern "C" fn dellink_callback<T: Link>(
    dev: *mut bindings::net_device,
    head: *mut bindings::list_head,
) {
    let slot = Layout::<T>::peer(dev);
    // SAFETY: `dev` is valid and its private area holds the slot.
    let peer = unsafe { peer_ptr(slot) }.xchg(core::ptr::null_mut(), Full);
    // The pair is queued already: this is the second end of a pair whose first end's `dellink`
    // ran in the same batch (a namespace going away, the link type unregistering). Every
    // registered device of the kind was linked by `newlink`.
    if peer.is_null() {
        return;
    }
    // SAFETY: `dev` is registered and RTNL is held (the callers of `dellink` hold it:
    // `rtnl_dellink`, `__rtnl_kill_links`, `default_device_exit_batch`, `rtnl_newlink_create`).
    unsafe { bindings::unregister_netdevice_queue(dev, head) };

    let peer_slot = Layout::<T>::peer(peer);
    // SAFETY: `peer` is valid (our slot held a reference on it) and a device of `T`.
    let back = unsafe { peer_ptr(peer_slot) }.xchg(core::ptr::null_mut(), Full);
    if !back.is_null() {
        // SAFETY: `peer` is registered (it was linked) and RTNL is held (as above); `back` is
        // `dev`.
        unsafe { bindings::unregister_netdevice_queue_net(bindings::dev_net(back), peer, head) };
    }
    // INVARIANT: Both slots are null and their references are dropped, once.
    // SAFETY: Each reference was taken on the slot's tracker by `link`; `netdev_put` does
    // nothing for a null device. Readers under RCU keep using the pointers they read until the
    // grace period that `unregister_netdevice_many_notify` waits for.
    unsafe {
        bindings::netdev_put(peer, &raw mut (*slot).tracker);
        bindings::netdev_put(back, &raw mut (*peer_slot).tracker);
    }
}

/// The `get_link_net` of a kind of pairs: the namespace of the peer, which `ip -d link` shows
/// as `link-netns`/`link_netnsid`, or the device's own once the pair is being deleted.
///
/// # Safety
///
/// Called by the core on a registered device of `T` with RTNL held (`rtnl_fill_link_netnsid`,
/// `dev_get_iflink_dev`) or under RCU.
pub(super) unsafe extern "C" fn get_link_net_callback<T: Link>(
    dev: *const bindings::net_device,
) -> *mut bindings::net {
    let dev = dev.cast_mut();
    // SAFETY: `dev` is valid and its private area holds the slot.
    let peer = unsafe { peer_ptr(Layout::<T>::peer(dev)) }.load(Acquire);
    // SAFETY: `dev` is valid. A non-null peer is held by the slot until `dellink` clears it, and
    // freed only after a grace period that follows: a caller under RCU (`rtnl_fill_link_netnsid`,
    // within `rcu_read_lock`) keeps that grace period from ending, and a caller with RTNL
    // (`dev_get_iflink_dev`, `ASSERT_RTNL`) keeps `dellink`, which runs with RTNL, from running.
    unsafe { bindings::dev_net(if peer.is_null() { dev } else { peer }) }
}
