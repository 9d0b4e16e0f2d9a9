// SPDX-License-Identifier: GPL-2.0

use kernel::{net::device::LockdepClasses, sync::static_lock_class};

// One lockdep key cannot serve two of the device's locks.
#[vtable]
impl device::Operations for Drv {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    fn init(dev: &Device<Self, Init>) -> Result {
        kernel::netdev_lockdep_set_classes!(dev);
        let key = static_lock_class!();
        let _ = key;
        dev.set_lockdep_classes(&LockdepClasses { qdisc_tx_busylock: key, qdisc_xmit_lock: key, dev_addr_list_lock: key, dev_instance_lock: key }); // MUST-FAIL E0451
        Ok(())
    }
    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}
