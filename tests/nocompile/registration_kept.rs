// SPDX-License-Identifier: GPL-2.0

use kernel::workqueue;

// A driver has its link type's registration only while `module_init` runs, where RTNL is not
// held: it cannot keep it to create devices later from a context that may hold RTNL.
struct Later;

#[vtable]
impl device::Operations for Later {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}

#[vtable]
impl ethtool::Operations for Later {}

#[vtable]
impl rtnl::Link for Later {
    const KIND: &'static CStr = c"later";
    fn setup(_dev: &mut SetupDevice<Self>) {}
    fn module_init(link: &rtnl::Registration<Self>) -> Result {
        link.create_device(c"later%d", rtnl::NameAssign::Enum)?;
        workqueue::system().try_spawn(GFP_KERNEL, move || {
            let _ = link.create_device(c"later%d", rtnl::NameAssign::Enum); // MUST-FAIL E0521
        })?;
        Ok(())
    }
}

drv_registers!(Later);
