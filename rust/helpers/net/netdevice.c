// SPDX-License-Identifier: GPL-2.0

#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/netdev_lock.h>
#include <net/netlink.h>

#ifdef CONFIG_NET

__rust_helper void rust_helper_dev_lstats_add(struct net_device *dev,
					      unsigned int len)
{
	dev_lstats_add(dev, len);
}

__rust_helper void rust_helper_skb_tx_timestamp(struct sk_buff *skb)
{
	skb_tx_timestamp(skb);
}

__rust_helper void rust_helper_eth_hw_addr_random(struct net_device *dev)
{
	eth_hw_addr_random(dev);
}

/*
 * netdev_lockdep_set_classes() defines its lock class keys as statics at the
 * place it is written; Rust drivers define them and pass them in.
 */
__rust_helper void
rust_helper_netdev_lockdep_set_classes(struct net_device *dev,
				       struct lock_class_key *qdisc_tx_busylock_key,
				       struct lock_class_key *qdisc_xmit_lock_key,
				       struct lock_class_key *dev_addr_list_lock_key,
				       struct lock_class_key *dev_instance_lock_key)
{
	unsigned int i;

	dev->qdisc_tx_busylock = qdisc_tx_busylock_key;
	lockdep_set_class(&dev->addr_list_lock, dev_addr_list_lock_key);
	lockdep_set_class(&dev->lock, dev_instance_lock_key);
	lock_set_cmp_fn(&dev->lock, netdev_lock_cmp_fn, NULL);
	for (i = 0; i < dev->num_tx_queues; i++)
		lockdep_set_class(&dev->_tx[i]._xmit_lock, qdisc_xmit_lock_key);
}

#ifndef CONFIG_TRACEPOINTS
/* Without tracepoints, consume_skb() is an inline function. */
__rust_helper void rust_helper_consume_skb(struct sk_buff *skb)
{
	consume_skb(skb);
}
#endif

__rust_helper int rust_helper_nla_len(const struct nlattr *nla)
{
	return nla_len(nla);
}

__rust_helper void *rust_helper_nla_data(const struct nlattr *nla)
{
	return nla_data(nla);
}

#endif
