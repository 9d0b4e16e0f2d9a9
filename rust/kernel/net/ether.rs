// SPDX-License-Identifier: GPL-2.0

//! Ethernet addresses.
//!
//! C header: [`include/linux/etherdevice.h`](srctree/include/linux/etherdevice.h)

use crate::bindings;

/// The length of an Ethernet address, `ETH_ALEN`.
///
/// # Examples
///
/// ```
/// use kernel::net::ether::ETH_ALEN;
///
/// let broadcast = [0xffu8; ETH_ALEN];
/// assert_eq!(broadcast.len(), 6);
/// ```
pub const ETH_ALEN: usize = bindings::ETH_ALEN as usize;

/// Returns `true` if `addr` is neither multicast (or broadcast) nor all zeroes, the addresses a
/// device may have (`is_valid_ether_addr`).
///
/// # Examples
///
/// ```
/// use kernel::net::ether::is_valid_ether_addr;
///
/// assert!(is_valid_ether_addr(&[0x00, 0x11, 0x22, 0x33, 0x44, 0x55]));
/// assert!(!is_valid_ether_addr(&[0x01, 0x00, 0x5e, 0x00, 0x00, 0x01]));
/// assert!(!is_valid_ether_addr(&[0xff; 6]));
/// assert!(!is_valid_ether_addr(&[0; 6]));
/// ```
pub fn is_valid_ether_addr(addr: &[u8; ETH_ALEN]) -> bool {
    // SAFETY: `addr` points to `ETH_ALEN` readable bytes, all `is_valid_ether_addr` reads.
    unsafe { bindings::is_valid_ether_addr(addr.as_ptr()) }
}
