// SPDX-License-Identifier: GPL-2.0

#include <linux/can/can-ml.h>
#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <linux/netfilter_netdev.h>
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
 * priv_flags is a 32-bit bit-field, which bindgen's accessors read and write
 * byte by byte. Not atomic, as the C statement is not: the caller has the
 * device to itself (a device being set up).
 */
__rust_helper void rust_helper_netdev_change_priv_flags(struct net_device *dev,
							u32 clear, u32 set)
{
	dev->priv_flags = (dev->priv_flags & ~(unsigned long)clear) | set;
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

__rust_helper void rust_helper_netif_tx_start_all_queues(struct net_device *dev)
{
	netif_tx_start_all_queues(dev);
}

// @series{can
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

__rust_helper bool rust_helper_skb_shared(const struct sk_buff *skb)
{
	return skb_shared(skb);
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
// @series}
// @series{queue

__rust_helper unsigned int rust_helper_skb_headlen(const struct sk_buff *skb)
{
	return skb_headlen(skb);
}

__rust_helper u16 rust_helper_skb_get_queue_mapping(const struct sk_buff *skb)
{
	return skb_get_queue_mapping(skb);
}

__rust_helper bool rust_helper_skb_is_redirected(const struct sk_buff *skb)
{
	return skb_is_redirected(skb);
}

__rust_helper bool rust_helper_skb_from_ingress(const struct sk_buff *skb)
{
#ifdef CONFIG_NET_REDIRECT
	return skb->from_ingress;
#else
	return false;
#endif
}

__rust_helper void rust_helper_skb_reset_redirect(struct sk_buff *skb)
{
	skb_reset_redirect(skb);
}

/* As above, the fields of struct sk_buff in unions and bitfields. */
__rust_helper int rust_helper_skb_iif(const struct sk_buff *skb)
{
	return skb->skb_iif;
}

__rust_helper void rust_helper_skb_set_iif(struct sk_buff *skb, int ifindex)
{
	skb->skb_iif = ifindex;
}

/* What ifb sets on the packets it hands back, so that tc and netfilter skip them. */
__rust_helper void rust_helper_skb_skip_tc_nf_egress(struct sk_buff *skb)
{
#ifdef CONFIG_NET_XGRESS
	skb->tc_skip_classify = 1;
#endif
	nf_skip_egress(skb, true);
}

__rust_helper bool rust_helper_skb_mac_header_was_set(const struct sk_buff *skb)
{
	return skb_mac_header_was_set(skb);
}

__rust_helper u16 rust_helper_skb_mac_len(const struct sk_buff *skb)
{
	return skb->mac_len;
}

__rust_helper struct net *rust_helper_dev_net_rcu(const struct net_device *dev)
{
	return dev_net_rcu(dev);
}

__rust_helper bool rust_helper___netif_tx_trylock(struct netdev_queue *txq)
{
	return __netif_tx_trylock(txq);
}

__rust_helper void rust_helper___netif_tx_unlock(struct netdev_queue *txq)
{
	__netif_tx_unlock(txq);
}

__rust_helper void rust_helper___netif_tx_lock_bh(struct netdev_queue *txq)
{
	__netif_tx_lock_bh(txq);
}

__rust_helper void rust_helper___netif_tx_unlock_bh(struct netdev_queue *txq)
{
	__netif_tx_unlock_bh(txq);
}

__rust_helper bool rust_helper_netif_tx_owned(struct netdev_queue *txq,
					      unsigned int cpu)
{
	return netif_tx_owned(txq, cpu);
}

__rust_helper void rust_helper_netif_tx_stop_queue(struct netdev_queue *txq)
{
	netif_tx_stop_queue(txq);
}

__rust_helper bool rust_helper_netif_tx_queue_stopped(const struct netdev_queue *txq)
{
	return netif_tx_queue_stopped(txq);
}

/* tasklet_schedule(), saying whether it scheduled the tasklet. */
__rust_helper bool rust_helper_tasklet_schedule_new(struct tasklet_struct *t)
{
	if (test_and_set_bit(TASKLET_STATE_SCHED, &t->state))
		return false;
	__tasklet_schedule(t);
	return true;
}

__rust_helper struct netdev_queue *rust_helper_netdev_get_tx_queue(const struct net_device *dev,
								   unsigned int index)
{
	return netdev_get_tx_queue(dev, index);
}

// @series}
#endif
