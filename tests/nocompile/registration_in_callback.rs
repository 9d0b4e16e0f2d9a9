// SPDX-License-Identifier: GPL-2.0

// A link type is registered by its module (`module_rtnl_link!`), not from a callback: `open`
// runs with RTNL held, which `rtnl_link_register` takes again (a deadlock), and dropping the
// registration there would wait for itself.
struct Other;

#[vtable]
impl device::Operations for Other {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}

#[vtable]
impl ethtool::Operations for Other {}

#[vtable]
impl rtnl::Link for Other {
    const KIND: &'static CStr = c"other";
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn open(_dev: &Device<Self, Rtnl>) -> Result {
        let _other = KBox::pin_init(rtnl::Registration::<Other>::new(), GFP_KERNEL)?; // MUST-FAIL E0133
        Ok(())
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
