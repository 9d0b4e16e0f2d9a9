// SPDX-License-Identifier: GPL-2.0

// `fill_info` writes within `INFO_SIZE`, the room the core reserves for it in a reply: a kind
// that writes attributes without saying how much room they take does not compile (a reply it
// overflowed would be a core warning).
struct Info;

#[vtable]
impl device::Operations for Info {
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
impl rtnl::Link for Info {
    const KIND: &'static CStr = c"fill_info_unsized";
    const MAX_TYPE: u16 = 1;
    fn setup(_dev: &mut SetupDevice<Self>) {}
    fn fill_info(_dev: &Device<Self>, info: &mut rtnl::InfoWriter<'_>) -> Result { info.put_u32(1, 0) } // MUST-FAIL E0080
}

fn register() -> impl PinInit<rtnl::Registration<Info>, Error> {
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
