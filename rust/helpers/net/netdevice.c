// SPDX-License-Identifier: GPL-2.0

#include <linux/can/can-ml.h>
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

__rust_helper struct net *rust_helper_dev_net(const struct net_device *dev)
{
	return dev_net(dev);
}

__rust_helper void rust_helper_netdev_hold(struct net_device *dev,
					   netdevice_tracker *tracker, gfp_t gfp)
{
	netdev_hold(dev, tracker, gfp);
}

__rust_helper void rust_helper_netdev_put(struct net_device *dev,
					  netdevice_tracker *tracker)
{
	netdev_put(dev, tracker);
}

__rust_helper struct sk_buff *rust_helper_skb_share_check(struct sk_buff *skb,
							  gfp_t pri)
{
	return skb_share_check(skb, pri);
}

__rust_helper unsigned int rust_helper_skb_headlen(const struct sk_buff *skb)
{
	return skb_headlen(skb);
}

/*
 * The fields of struct sk_buff that drivers read and write sit in anonymous
 * unions and bitfields whose bindgen names change with the configuration.
 */
__rust_helper void rust_helper_skb_set_pkt_type(struct sk_buff *skb, u8 type)
{
	skb->pkt_type = type;
}

__rust_helper void rust_helper_skb_set_ip_summed(struct sk_buff *skb, u8 summed)
{
	skb->ip_summed = summed;
}

__rust_helper void rust_helper_skb_set_dev(struct sk_buff *skb, struct net_device *dev)
{
	skb->dev = dev;
}

#ifndef CONFIG_DEBUG_NET_SMALL_RTNL
/* An exported function of its own with CONFIG_DEBUG_NET_SMALL_RTNL. */
__rust_helper void rust_helper_unregister_netdevice_queue_net(struct net *net,
							      struct net_device *dev,
							      struct list_head *head)
{
	unregister_netdevice_queue_net(net, dev, head);
}
#endif

#if IS_ENABLED(CONFIG_CAN)
__rust_helper void rust_helper_can_set_ml_priv(struct net_device *dev,
					       struct can_ml_priv *ml_priv)
{
	can_set_ml_priv(dev, ml_priv);
}

__rust_helper void rust_helper_can_set_cap(struct net_device *dev, u32 cap)
{
	can_set_cap(dev, cap);
}
#endif

#endif
