// SPDX-License-Identifier: GPL-2.0

use kernel::net::device::QueueWork;

// A queue's work is given the queue's state: a driver that keeps none has no work to run (and
// the abstraction allocates nothing to run it from).
struct Stateless;

#[vtable]
impl device::Operations for Stateless {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
    fn tx_queue_work(_dev: &Device<Self>, _work: &mut QueueWork<'_, Self>) {} // MUST-FAIL E0080
}

#[vtable]
impl ethtool::Operations for Stateless {}

#[vtable]
impl rtnl::Link for Stateless {
    const KIND: &'static CStr = c"queue_work_without_state";
    fn setup(_dev: &mut SetupDevice<Self>) {}
}

drv_registers!(Stateless);
