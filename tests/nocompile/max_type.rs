// SPDX-License-Identifier: GPL-2.0

// The core refuses (and warns about) more attributes than RTNL_MAX_TYPE (50).
struct Big;

#[vtable]
impl device::Operations for Big {
    type Private = ();
    type PcpuStats = NoPcpuStats;
    fn init_private() -> impl PinInit<(), Error> {
        Ok(())
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}

#[vtable]
impl rtnl::Link for Big {
    const KIND: &'static CStr = c"max_type_big";
    const MAX_TYPE: u16 = 51; // MUST-FAIL E0080
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

fn register() -> impl PinInit<rtnl::Registration<Big>, Error> {
    rtnl::Registration::new()
}

#[vtable]
impl device::Operations for Drv {
    type Private = ();
    type PcpuStats = NoPcpuStats;
    fn init_private() -> impl PinInit<(), Error> {
        let _ = register();
        Ok(())
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
