// SPDX-License-Identifier: GPL-2.0

// What the test modules that register several link types share (`include!`d by each, with
// `rtnl`, `ethtool` and `Policy` of `kernel::net` in scope).

/// Registers the link type `T` for as long as the module is loaded.
///
/// The module registers several link types, which `module_rtnl_link!` does not do: this is what
/// the macro writes for one, and the only `unsafe` of the module.
fn register<T: rtnl::Link>() -> impl PinInit<rtnl::Registration<T>, Error> {
    // SAFETY: Only called by the module's init, whose fields the registrations are: they are
    // dropped by its exit (or by the init, if it fails), in process context with no lock held.
    unsafe { rtnl::Registration::new() }
}

/// Makes `$ty` a link type of Ethernet pairs of kind `veth` without ethtool operations.
///
/// The kind is `veth` (the test kernel has no veth), so that `ip link add A type veth peer name
/// B` makes pairs: `ip` knows how to ask for a peer only for the kinds it knows.
macro_rules! veth_link {
    ($ty:ty) => {
        #[vtable]
        impl ethtool::Operations for $ty {}

        #[vtable]
        impl rtnl::Link for $ty {
            const KIND: &'static CStr = c"veth";
            const MAX_TYPE: u16 = 1;
            const POLICY: &'static [Policy] = &[Policy::unspec(), Policy::ifinfomsg()];
            const PEER_TYPE: Option<u16> = Some(1);

            fn setup(dev: &mut SetupDevice<Self>) {
                dev.ether_setup();
                dev.eth_hw_addr_random();
            }
        }
    };
}
