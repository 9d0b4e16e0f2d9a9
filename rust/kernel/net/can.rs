// SPDX-License-Identifier: GPL-2.0

//! Controller Area Network (CAN) devices: what a virtual CAN driver needs of the CAN layer.
//!
//! A CAN device has the CAN layer's private data (`struct can_ml_priv`, [`MlPriv::Can`]) with
//! the capabilities it announces ([`Caps`]), the hardware type `ARPHRD_CAN` its link type gives
//! it with them, and an MTU that says which frames it carries ([`MTU`], [`FD_MTU`], or one of
//! CAN XL's, [`is_xl_mtu`]). Its transmit path drops what is not a valid CAN frame
//! ([`Device::can_dropped_invalid_skb`]).
//!
//! [`MlPriv::Can`]: crate::net::rtnl::MlPriv::Can
//!
//! # Examples
//!
//! The transmit path, setup and MTU change of a virtual CAN tunnel end, as vxcan has them. The
//! functions are generic over the driver: `can_dropped_invalid_skb` is `can-dev`'s, which may
//! be a module, so only a driver that uses it links against it.
//!
//! ```
//! use kernel::net::{
//!     can::{self, Cap, Caps},
//!     device::{Device, Flag, OpsLocked, SetupDevice, Stat, Xmit},
//!     rtnl::Link,
//!     skbuff::{DropReason, PacketType, RxResult, SkBuff},
//! };
//! use kernel::{prelude::*, sync::rcu};
//!
//! fn caps(mtu: u32) -> Caps {
//!     let mut caps = Caps::from(Cap::Cc);
//!     if mtu > can::MTU {
//!         caps |= Cap::Fd;
//!     }
//!     if mtu >= can::XL_MIN_MTU {
//!         caps |= Cap::Xl;
//!     }
//!     caps
//! }
//!
//! fn setup<T: Link>(dev: &mut SetupDevice<T>) {
//!     dev.set_mtu(can::XL_MTU);
//!     dev.set_flags(Flag::NoArp);
//!     dev.can_set_cap(caps(can::XL_MTU));
//! }
//!
//! fn change_mtu<T: Link>(dev: &Device<T, OpsLocked>, mtu: u32) -> Result {
//!     if mtu != can::MTU && mtu != can::FD_MTU && !can::is_xl_mtu(mtu) {
//!         return Err(EINVAL);
//!     }
//!     dev.can_set_cap(caps(mtu));
//!     Ok(())
//! }
//!
//! fn start_xmit<T: Link>(skb: SkBuff, dev: &Device<T, Xmit>) {
//!     let Some(mut skb) = dev.can_dropped_invalid_skb(skb) else {
//!         return;
//!     };
//!     let guard = rcu::read_lock();
//!     let Some(peer) = dev.peer(&guard) else {
//!         dev.stats_inc(Stat::TxDropped);
//!         skb.drop_reason(DropReason::NoTxTarget);
//!         return;
//!     };
//!     if skb.can_reset_hops().is_err() {
//!         skb.drop_reason(DropReason::NoMem);
//!         return;
//!     }
//!     skb.set_pkt_type(PacketType::Broadcast);
//!     skb.set_checksum_unnecessary();
//!     let len = skb.can_data_len() as usize;
//!     if skb.netif_rx(peer) == RxResult::Success {
//!         dev.stats_add(Stat::TxBytes, len);
//!         peer.stats_add(Stat::RxBytes, len);
//!     }
//! }
//! ```
//!
//! C headers: [`include/linux/can/dev.h`](srctree/include/linux/can/dev.h),
//! [`include/linux/can/skb.h`](srctree/include/linux/can/skb.h),
//! [`include/uapi/linux/can.h`](srctree/include/uapi/linux/can.h)

// Only in kernels with the CAN layer (`CONFIG_CAN`, built in or a module).
#![cfg(CONFIG_CAN)]

use crate::{
    bindings,
    impl_flags,
    net::{
        device::{
            Device,
            NetDev,
            OpsLocked,
            SetupDevice,
            Stat,
            Xmit, //
        },
        rtnl::{
            Link,
            MlPriv, //
        },
        skbuff::{
            DropReason,
            PacketType,
            RxResult,
            SkBuff,
            UniqueSkBuff, //
        }, //
    },
    prelude::*, //
};
use core::ops::Deref;

/// The MTU of a Classical CAN device, `CAN_MTU`: the size of a `struct can_frame`.
pub const MTU: u32 = size_of::<bindings::can_frame>() as u32;

/// The MTU of a CAN FD device, `CANFD_MTU`: the size of a `struct canfd_frame`.
pub const FD_MTU: u32 = size_of::<bindings::canfd_frame>() as u32;

/// The header of a CAN XL frame, `CANXL_HDR_SIZE`.
const XL_HDR_SIZE: u32 = core::mem::offset_of!(bindings::canxl_frame, data) as u32;

/// The largest MTU of a CAN XL device, `CANXL_MTU` (`CANXL_MAX_MTU`): the size of a
/// `struct canxl_frame`.
pub const XL_MTU: u32 = size_of::<bindings::canxl_frame>() as u32;

/// The smallest MTU of a CAN XL device, `CANXL_MIN_MTU`: the header and 64 bytes of data.
pub const XL_MIN_MTU: u32 = XL_HDR_SIZE + 64;

/// Returns `true` if `mtu` is the MTU of a CAN XL device (`can_is_canxl_dev_mtu`).
#[inline]
pub const fn is_xl_mtu(mtu: u32) -> bool {
    mtu >= XL_MIN_MTU && mtu <= XL_MTU
}

impl_flags!(
    /// The capabilities a CAN device announces to the CAN layer (`CAN_CAP_*`), which lets
    /// sockets send only the frames the device can carry.
    ///
    /// # Examples
    ///
    /// What a virtual CAN device announces for its MTU:
    ///
    /// ```
    /// use kernel::net::can::{self, Cap, Caps};
    ///
    /// fn caps_for(mtu: u32) -> Caps {
    ///     let mut caps = Caps::from(Cap::Cc);
    ///     if mtu > can::MTU {
    ///         caps |= Cap::Fd;
    ///     }
    ///     if mtu >= can::XL_MIN_MTU {
    ///         caps |= Cap::Xl;
    ///     }
    ///     caps
    /// }
    ///
    /// assert_eq!(caps_for(can::MTU), Cap::Cc.into());
    /// assert_eq!(caps_for(can::FD_MTU), Cap::Cc | Cap::Fd);
    /// assert!(caps_for(can::XL_MTU).contains_all(Cap::Cc | Cap::Fd | Cap::Xl));
    /// ```
    #[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
    pub struct Caps(u32);

    /// One capability of a CAN device.
    ///
    /// # Examples
    ///
    /// ```
    /// use kernel::net::can::{Cap, Caps};
    ///
    /// let listen_only = Caps::from(Cap::Cc) | Cap::Ro;
    /// assert!(listen_only.contains(Cap::Ro));
    /// ```
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub enum Cap {
        /// Classical CAN (`CAN_CAP_CC`).
        Cc = bindings::CAN_CAP_CC,
        /// CAN FD (`CAN_CAP_FD`).
        Fd = bindings::CAN_CAP_FD,
        /// CAN XL (`CAN_CAP_XL`).
        Xl = bindings::CAN_CAP_XL,
        /// Read-only: listen-only or restricted mode (`CAN_CAP_RO`).
        Ro = bindings::CAN_CAP_RO,
    }
);

const fn assert_can<T: Link>() {
    assert!(
        matches!(T::ML_PRIV, MlPriv::Can),
        "a CAN device has the CAN layer's private data: `const ML_PRIV: MlPriv = MlPriv::Can`"
    );
}

impl<T: Link> SetupDevice<T> {
    /// Sets the capabilities the CAN device announces (`can_set_cap`).
    pub fn can_set_cap(&mut self, caps: Caps) {
        const { assert_can::<T>() };
        // SAFETY: The device is ours alone during setup, and its `ml_priv` is the
        // `can_ml_priv` in its private area (`ML_PRIV` is `Can`, asserted above), set by the
        // link type before `Link::setup`.
        unsafe { bindings::can_set_cap(self.as_raw(), caps.into()) };
    }
}

impl<T: Link> Device<T, OpsLocked> {
    /// Changes the capabilities the CAN device announces (`can_set_cap`), with its
    /// configuration, such as the MTU, they follow from.
    pub fn can_set_cap(&self, caps: Caps) {
        const { assert_can::<T>() };
        // SAFETY: The device's `ml_priv` is the `can_ml_priv` in its private area (asserted
        // above). The operations lock, which `netif_set_mtu_ext` asserts, serialises the
        // writers of the capabilities (`can_set_cap`, include/linux/can/can-ml.h), which the CAN
        // layer reads without a lock (`can_cap_enabled` in net/can/raw.c), as for a C driver.
        unsafe { bindings::can_set_cap(self.as_raw(), caps.into()) };
    }
}

impl<T: Link> Device<T, Xmit> {
    /// Drops `skb` if it is not a valid CAN frame for this device, and counts it in
    /// `tx_dropped` (`can_dropped_invalid_skb`); returns it otherwise, unshared, with the CAN
    /// layer's settings applied to a frame that did not come from it (from a packet socket).
    ///
    /// A frame is valid if its `protocol` (`ETH_P_CAN`, `ETH_P_CANFD`, `ETH_P_CANXL`) matches
    /// its length and content.
    ///
    /// The function is `can-dev`'s: a driver that calls it depends on that module, as its C
    /// twin does.
    #[inline]
    pub fn can_dropped_invalid_skb(&self, skb: SkBuff) -> Option<CanSkBuff> {
        const { assert_can::<T>() };
        let skb = skb.share_check()?;
        // `can_dropped_invalid_skb` and the CAN layer read and write the frame in the buffer's
        // head. A driver may state `Feature::Sg`, and then a packet socket's `PACKET_TX_RING`
        // sends frames held in page fragments only: dropped and counted as C counts an invalid
        // frame (`kfree_skb`, `tx_dropped`).
        // SAFETY: The skb is valid and ours alone (type invariants of `UniqueSkBuff`).
        if unsafe { (*skb.as_ptr()).data_len } != 0 {
            self.stats_inc(Stat::TxDropped);
            drop(skb);
            return None;
        }
        // SAFETY: The device is a registered CAN device and this is its transmit path;
        // `can_dropped_invalid_skb` takes over the skb, which is ours alone, when it returns
        // `true` (it frees it). Otherwise it has changed the skb's fields, added its CAN
        // extension or written `can_iif` into the one it found, and set `CANFD_FDF` in a CAN FD
        // frame's data (`can_skb_init_valid`), which a clone may share: no Rust reference to the
        // data exists, and `can_data_len` reads single bytes, never that one.
        if unsafe { bindings::can_dropped_invalid_skb(self.as_raw(), skb.as_ptr()) } {
            core::mem::forget(skb);
            return None;
        }
        // INVARIANT: `can_dropped_invalid_skb` returned `false`: the frame's protocol matches
        // its length and content, and `can_skb_init_valid` found or added its CAN skb extension
        // (drivers/net/can/dev/skb.c).
        Some(CanSkBuff(skb))
    }
}

/// A valid CAN frame this driver holds alone, as [`Device::can_dropped_invalid_skb`] returns it:
/// a [`UniqueSkBuff`] that also carries the CAN layer's skb extension, which the CAN operations
/// below rely on.
///
/// It dereferences to [`UniqueSkBuff`] for what may be read, and has the methods of the transmit
/// path that change it, so that it never stops being a CAN frame.
///
/// # Invariants
///
/// `self.0` is a CAN frame whose protocol (`ETH_P_CAN`, `ETH_P_CANFD`, `ETH_P_CANXL`) matches
/// its length and content, with a `SKB_EXT_CAN` extension.
///
/// # Examples
///
/// vxcan passes on a clone of the frame, with its own copy of the CAN extension, and frees the
/// frame it was given (the whole transmit path is in the [module's example](self)):
///
/// ```
/// use kernel::net::{can::CanSkBuff, skbuff::DropReason};
///
/// fn copy_for_peer(mut frame: CanSkBuff) -> Option<CanSkBuff> {
///     frame.tx_timestamp();
///     let Some(mut copy) = frame.try_clone() else {
///         frame.drop_reason(DropReason::NoMem);
///         return None;
///     };
///     frame.consume();
///     if copy.can_reset_hops().is_err() {
///         copy.drop_reason(DropReason::NoMem);
///         return None;
///     }
///     Some(copy)
/// }
/// ```
#[must_use = "a frame is received, consumed or dropped with a reason"]
pub struct CanSkBuff(UniqueSkBuff);

impl CanSkBuff {
    /// Returns a clone of the frame (`skb_clone`), a CAN frame too, or `None` if memory runs out.
    #[inline]
    pub fn try_clone(&self) -> Option<CanSkBuff> {
        // INVARIANT: The clone has the frame's protocol and data, and shares its extensions
        // (`__copy_skb_header` -> `skb_ext_copy`).
        self.0.try_clone().map(CanSkBuff)
    }

    /// Sets the packet type, see [`UniqueSkBuff::set_pkt_type`].
    #[inline]
    pub fn set_pkt_type(&mut self, pkt_type: PacketType) {
        self.0.set_pkt_type(pkt_type);
    }

    /// Marks the checksum as one that need not be checked, see
    /// [`UniqueSkBuff::set_checksum_unnecessary`].
    #[inline]
    pub fn set_checksum_unnecessary(&mut self) {
        self.0.set_checksum_unnecessary();
    }

    /// Takes the software transmit timestamp if one was asked for (`skb_tx_timestamp`).
    #[inline]
    pub fn tx_timestamp(&mut self) {
        self.0.tx_timestamp();
    }

    /// Frees the frame after successful processing (`consume_skb`).
    #[inline]
    pub fn consume(self) {
        self.0.consume();
    }

    /// Drops the frame and tells drop monitors why (`kfree_skb_reason`).
    #[inline]
    pub fn drop_reason(self, reason: DropReason) {
        self.0.drop_reason(reason);
    }

    /// Hands the frame to the receive path of `dev` (`skb->dev = dev; netif_rx(skb)`), as a
    /// frame `dev` received; the frame is the core's from then on, [`RxResult::Dropped`] when
    /// the core dropped it (it counts the drop itself).
    ///
    /// `dev` must be a CAN device (`ARPHRD_CAN` with the CAN layer's `ml_priv`), or the frame is
    /// dropped here: other receive paths read an Ethernet header and push headers back into
    /// headroom a CAN frame does not have (a bridge port's `skb_push`).
    #[inline]
    pub fn netif_rx(self, dev: &NetDev) -> RxResult {
        let raw = dev.as_raw();
        // SAFETY: `dev` is valid while borrowed. Its type and `ml_priv_type` are set before it is
        // registered (the latter by `netdev_set_ml_priv`) and not changed after by any code that
        // can reach a device of ours (nothing in net/core writes `dev->type` after
        // `register_netdevice`).
        let can = unsafe {
            (*raw).type_ == crate::net::device::ArpHrd::CAN.as_raw()
                && (*raw).ml_priv_type == bindings::netdev_ml_priv_type_ML_PRIV_CAN
        };
        if !can {
            drop(self);
            return RxResult::Dropped;
        }
        self.0.netif_rx(dev)
    }

    /// Makes the frame start afresh in another namespace, as vxcan does for the frames it
    /// passes: resets the CAN gateway hop counter and the CAN frame's UID in its own copy of the
    /// CAN skb extension (`skb_ext_add(skb, SKB_EXT_CAN)`, which separates it from a clone's).
    ///
    /// Fails with `ENOMEM` if the extension cannot be copied.
    #[inline]
    pub fn can_reset_hops(&mut self) -> Result {
        // SAFETY: The `struct sk_buff` is ours alone (`UniqueSkBuff`'s invariants), so its
        // extensions are ours to replace. By the type invariants it has a `SKB_EXT_CAN`
        // extension: `skb_ext_add` returns it, or a copy of it if it is shared
        // (`skb_ext_maybe_cow`), so the fields not written below keep the CAN layer's values
        // rather than being new, uninitialised space.
        let ext =
            unsafe { bindings::skb_ext_add(self.0.as_ptr(), bindings::skb_ext_id_SKB_EXT_CAN) };
        if ext.is_null() {
            return Err(ENOMEM);
        }
        let ext = ext.cast::<bindings::can_skb_ext>();
        // SAFETY: `skb_ext_add` returned this skb's own `SKB_EXT_CAN` extension, a
        // `struct can_skb_ext`.
        unsafe {
            (*ext).can_gw_hops = 0;
            (*ext).can_skb_uid = 0;
        }
        Ok(())
    }
}

impl Deref for CanSkBuff {
    type Target = UniqueSkBuff;

    #[inline]
    fn deref(&self) -> &UniqueSkBuff {
        &self.0
    }
}

/// Returns the number of data bytes of a CAN frame of `len` bytes, for the byte counters: the
/// data of a Classical CAN, CAN FD or CAN XL frame, none for a remote frame
/// (`can_skb_get_data_len`). `byte(i)` reads the frame's byte `i`, for `i < len`.
///
/// It never reads byte 5, `flags` of a CAN FD frame, which `can_dropped_invalid_skb` sets on
/// another CPU in a clone that shares the data (`CANFD_FDF`, `can_skb_init_valid`).
#[inline]
fn frame_data_len(len: u32, byte: impl Fn(usize) -> u8) -> u32 {
    // `struct can_frame` and `struct canfd_frame` have `len` at 4; `struct canxl_frame` has
    // `flags` there, then `len` (16 bits) at 6.
    // Shorter than any CAN frame (`can_dropped_invalid_skb` passes none).
    if len < 8 {
        return 0;
    }
    if (XL_HDR_SIZE + bindings::CANXL_MIN_DLEN..=XL_MTU).contains(&len)
        && u32::from(byte(4)) & bindings::CANXL_XLF != 0
    {
        // `can_is_canxl_skb()`.
        let xl_len = u32::from(u16::from_ne_bytes([byte(6), byte(7)]));
        if len == XL_HDR_SIZE + xl_len {
            return xl_len;
        }
    }
    let dlen = u32::from(byte(4));
    if len == MTU && dlen <= bindings::CAN_MAX_DLEN {
        let id = u32::from_ne_bytes([byte(0), byte(1), byte(2), byte(3)]);
        if id & bindings::CAN_RTR_FLAG != 0 {
            return 0;
        }
    }
    dlen
}

impl CanSkBuff {
    /// Returns the number of data bytes of the frame, for the byte counters: the data of a
    /// Classical CAN, CAN FD or CAN XL frame, none for a remote frame (`can_skb_get_data_len`).
    #[inline]
    pub fn can_data_len(&self) -> u32 {
        let skb = self.as_ptr();
        // SAFETY: The skb is valid (type invariants of `UniqueSkBuff`).
        let (data, len, data_len) = unsafe { ((*skb).data, (*skb).len, (*skb).data_len) };
        // A CAN frame is linear (`can_dropped_invalid_skb` passes no other, type invariants).
        if data_len != 0 {
            return 0;
        }
        frame_data_len(len, |i| {
            // SAFETY: `i < len`, the length of the linear data at `data`, which stays while the
            // frame is ours. The byte is read alone, through a pointer: a clone that shares the
            // data may have another byte of it written (`CANFD_FDF`), never one read here.
            unsafe { data.add(i).read() }
        })
    }
}

#[kunit_tests(rust_net_can)]
mod tests {
    use super::*;

    fn data_len(frame: &[u8]) -> u32 {
        frame_data_len(frame.len() as u32, |i| frame[i])
    }

    #[test]
    fn data_len_of_frames() {
        // A Classical CAN frame, `123#DEADBEEF`: identifier, length, padding, data.
        let mut frame = [0u8; 16];
        frame[..4].copy_from_slice(&0x123u32.to_ne_bytes());
        frame[4] = 4;
        frame[8..12].copy_from_slice(&[0xde, 0xad, 0xbe, 0xef]);
        assert_eq!(data_len(&frame), 4);
        // The same as a remote frame (`CAN_RTR_FLAG`) carries no data.
        frame[..4].copy_from_slice(&(0x123u32 | bindings::CAN_RTR_FLAG).to_ne_bytes());
        assert_eq!(data_len(&frame), 0);
        // A CAN FD frame of 12 bytes of data.
        let mut fd = [0u8; 72];
        fd[4] = 12;
        assert_eq!(data_len(&fd), 12);
        // A CAN XL frame of 64 bytes of data: `CANXL_XLF` in `flags`, `len` at 6.
        let mut xl = [0u8; 76];
        xl[4] = bindings::CANXL_XLF as u8;
        xl[6..8].copy_from_slice(&64u16.to_ne_bytes());
        assert_eq!(data_len(&xl), 64);
    }

    #[test]
    fn data_len_reads_in_frame_never_fd_flags() {
        // `CANFD_FDF` may be set in byte 5 of a shared CAN FD frame at any time.
        for frame in [
            [0u8; 16].as_slice(),
            &[4u8; 72],
            &[0xffu8; 76],
            &[0u8; 2060],
        ] {
            let len = frame.len();
            frame_data_len(len as u32, |i| {
                assert!(i < len && i != 5);
                frame[i]
            });
        }
    }

    #[test]
    fn mtus_of_uapi() {
        // `include/uapi/linux/can.h`.
        assert_eq!((MTU, FD_MTU, XL_MIN_MTU, XL_MTU), (16, 72, 76, 2060));
        assert!(is_xl_mtu(76) && is_xl_mtu(2060));
        assert!(!is_xl_mtu(75) && !is_xl_mtu(2061));
    }
}
