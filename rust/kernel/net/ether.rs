// SPDX-License-Identifier: GPL-2.0

//! Ethernet addresses, for the checks the abstractions make for Ethernet drivers
//! ([`Attrs::validate_ether_address`]).
//!
//! [`Attrs::validate_ether_address`]: crate::net::rtnl::Attrs::validate_ether_address
//!
//! C header: [`include/linux/etherdevice.h`](srctree/include/linux/etherdevice.h)

use crate::{
    bindings,
    prelude::*, //
};

/// The length of an Ethernet address, `ETH_ALEN`.
pub(crate) const ETH_ALEN: usize = bindings::ETH_ALEN as usize;

/// Returns `true` if `addr` is neither multicast (or broadcast) nor all zeroes, the addresses a
/// device may have (`is_valid_ether_addr`).
///
/// The C function reads the address as 16-bit words, which needs an alignment a `[u8; 6]` does
/// not have; this is the same test on bytes.
///
#[inline]
pub(crate) fn is_valid_ether_addr(addr: &[u8; ETH_ALEN]) -> bool {
    // The group bit is the least significant bit of the first byte (`is_multicast_ether_addr`).
    addr[0] & 0x01 == 0 && *addr != [0; ETH_ALEN]
}

#[kunit_tests(rust_net_ether)]
mod tests {
    use super::*;

    #[test]
    fn valid_addresses_as_c() {
        assert!(is_valid_ether_addr(&[0x00, 0x11, 0x22, 0x33, 0x44, 0x55]));
        assert!(!is_valid_ether_addr(&[0x01, 0x00, 0x5e, 0x00, 0x00, 0x01]));
        assert!(!is_valid_ether_addr(&[0xff; 6]));
        assert!(!is_valid_ether_addr(&[0; 6]));
    }

    #[test]
    fn any_alignment() {
        // An address at an odd offset of a buffer.
        let frame = [0u8, 0x02, 0, 0, 0, 0, 0x01];
        let addr: &[u8; ETH_ALEN] = frame[1..].try_into().unwrap();
        assert!(is_valid_ether_addr(addr));
    }
}
