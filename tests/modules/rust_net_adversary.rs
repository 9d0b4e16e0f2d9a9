// SPDX-License-Identifier: GPL-2.0

//! Adversarial drivers for the network device abstractions (test only).
//!
//! Each link type is a driver written in safe Rust that does what a careless or hostile driver
//! could do through `kernel::net`: an `open` that fails after the tap is linked, a `stop` that
//! fails, an `init` that fails, a tap on a device of the wrong type, attribute tables and names
//! at their limits, a kind of pairs that uses its peer carelessly. `tests/guest/adversary.sh`
//! drives them with `ip` in the debug test kernel (KASAN, lockdep, kmemleak, DEBUG_NET, refcount
//! trackers) and checks that nothing is left behind: no splat, no leak, no module reference.

use kernel::{
    net::{
        device::{
            self,
            ArpHrd,
            Device,
            Init,
            Lstats,
            NoPcpuStats,
            OpsLocked,
            Rtnl,
            SetupDevice,
            Stat,
            Stats64,
            Xmit, //
        },
        ethtool,
        rtnl::{
            self,
            Attrs,
            NameAssign,
            Policy, //
        },
        skbuff::{
            DropReason,
            SkBuff, //
        },
        tap, //
    },
    prelude::*,
    sync::{
        atomic::{
            Atomic,
            Relaxed, //
        },
        rcu, //
    }, //
};

module! {
    type: Adversary,
    name: "rust_net_adversary",
    authors: ["Rust for Linux Contributors"],
    description: "Adversarial safe drivers for the Rust network device abstractions",
    license: "GPL",
}

include!("common.rs");

/// Defines a link type whose devices swallow what they are sent, with the given tap, device
/// type (if the setup sets one) and callbacks.
macro_rules! adversary {
    ($ty:ident, $kind:literal, $tap:expr, $($dev_type:expr)?, { $($ops:item)* }) => {
        struct $ty;

        #[vtable]
        impl device::Operations for $ty {
            type PcpuStats = Lstats;
            type TxQueue = ();
            const TAP: Option<tap::Kind> = $tap;

            fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
                dev.lstats_add(skb.len());
                skb.consume();
            }

            fn get_stats64(dev: &Device<Self>, stats: &mut Stats64) {
                let (packets, bytes) = dev.lstats_read();
                stats.set_rx_packets(packets);
                stats.set_rx_bytes(bytes);
            }

            $($ops)*
        }

        #[vtable]
        impl ethtool::Operations for $ty {}

        #[vtable]
        impl rtnl::Link for $ty {
            const KIND: &'static CStr = $kind;

            fn setup(dev: &mut SetupDevice<Self>) {
                $(dev.set_type($dev_type);)?
                dev.set_mtu(4096);
            }
        }
    };
}

// `open` fails after the abstraction linked the tap: it must be unlinked again, or the device
// could move to another namespace with its tap left in this one's list.
adversary!(
    OpenFails,
    c"adv_openfail",
    Some(tap::Kind::NETLINK),
    ,
    {
        fn open(_dev: &Device<Self, Rtnl>) -> Result {
            Err(EIO)
        }
    }
);

// `stop` fails: the core takes the device down anyway, and so must the tap go.
adversary!(
    StopFails,
    c"adv_stopfail",
    Some(tap::Kind::NETLINK),
    ,
    {
        fn stop(_dev: &Device<Self, Rtnl>) -> Result {
            Err(EBUSY)
        }
    }
);

// The same with the global vsock tap list.
adversary!(
    VsockOpenFails,
    c"adv_vsockfail",
    Some(tap::Kind::VSOCK),
    ,
    {
        fn open(_dev: &Device<Self, Rtnl>) -> Result {
            Err(EIO)
        }
    }
);

// A netlink tap on a device of another type: the core refuses to link it, `ip link set up`
// fails.
adversary!(
    WrongType,
    c"adv_wrongtype",
    Some(tap::Kind::NETLINK),
    ArpHrd::NONE,
    {}
);

// `init` does what it may (the carrier), then fails: the registration fails.
adversary!(InitFails, c"adv_initfail", None, ArpHrd::NONE, {
    fn init(dev: &Device<Self, Init>) -> Result {
        dev.carrier_off();
        dev.carrier_on();
        Err(ENOSPC)
    }
});

// `init` that succeeds, with the same calls.
adversary!(InitWorks, c"adv_init", None, ArpHrd::NONE, {
    fn init(dev: &Device<Self, Init>) -> Result {
        dev.carrier_off();
        Ok(())
    }
});

/// Attribute tables and names at their limits, on a monitor device.
struct Limits;

#[vtable]
impl device::Operations for Limits {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();
    const TAP: Option<tap::Kind> = Some(tap::Kind::NETLINK);

    fn start_xmit(skb: SkBuff, _dev: &Device<Self, Xmit>) {
        skb.consume();
    }
}

#[vtable]
impl ethtool::Operations for Limits {}

#[vtable]
impl rtnl::Link for Limits {
    const KIND: &'static CStr = c"adv_limits";
    // `RTNL_MAX_TYPE`, the largest the core takes.
    const MAX_TYPE: u16 = 50;

    fn setup(dev: &mut SetupDevice<Self>) {
        dev.set_mtu(u32::MAX);
        dev.set_min_mtu(0);
        dev.set_max_mtu(u32::MAX);
    }

    fn validate(tb: &Attrs<'_>) -> Result {
        // Reads the address, whatever its length.
        tb.validate_ether_address().or(Ok(()))
    }
}

/// A kind of pairs, an Ethernet tunnel like veth, that does with its peer what a careless
/// driver could: reads the peer while either end may be deleted, counts what it is sent on
/// both ends, turns the peer's carrier on and off whatever its state, and fails `stop`.
///
/// Its kind is `veth` (`veth_link!`). Setting the MTU of one of its devices to 1281 (1282) makes
/// the next (second next) `init` of the kind fail: the peer's, or the first end's after the peer
/// was registered.
struct Pair;

/// The number of `init`s of `Pair` to let pass, plus one, before one fails; zero for none.
static PAIR_FAIL: Atomic<i32> = Atomic::new(0);

#[vtable]
impl device::Operations for Pair {
    type PcpuStats = NoPcpuStats;
    type TxQueue = ();

    fn start_xmit(skb: SkBuff, dev: &Device<Self, Xmit>) {
        let guard = rcu::read_lock();
        let Some(peer) = dev.peer(&guard) else {
            dev.stats_inc(Stat::TxDropped);
            skb.drop_reason(DropReason::NoTxTarget);
            return;
        };
        let _ = (peer.ifindex(), peer.is_up());
        // A clone that outlives the buffer it was made from, then freed without a reason.
        let Some(copy) = skb.try_clone() else {
            dev.stats_inc(Stat::TxDropped);
            skb.drop_reason(DropReason::NoMem);
            return;
        };
        let len = skb.len() as usize;
        skb.consume();
        drop(copy);
        dev.stats_inc(Stat::TxPackets);
        dev.stats_add(Stat::TxBytes, len);
        peer.stats_inc(Stat::RxPackets);
        peer.stats_add(Stat::RxBytes, len);
    }

    fn open(dev: &Device<Self, Rtnl>) -> Result {
        if let Some(peer) = dev.rtnl_peer() {
            peer.carrier_on();
        }
        dev.carrier_on();
        Ok(())
    }

    fn stop(dev: &Device<Self, Rtnl>) -> Result {
        if let Some(peer) = dev.rtnl_peer() {
            peer.carrier_off();
        }
        Err(EBUSY)
    }

    fn get_iflink(dev: &Device<Self>) -> i32 {
        dev.peer(&rcu::read_lock()).map_or(0, |peer| peer.ifindex())
    }

    fn init(_dev: &Device<Self, Init>) -> Result {
        let n = PAIR_FAIL.load(Relaxed);
        if n > 0 {
            PAIR_FAIL.store(n - 1, Relaxed);
            if n == 1 {
                return Err(ENOSPC);
            }
        }
        Ok(())
    }

    fn change_mtu(_dev: &Device<Self, OpsLocked>, new_mtu: u32) -> Result {
        match new_mtu {
            1281 => PAIR_FAIL.store(1, Relaxed),
            1282 => PAIR_FAIL.store(2, Relaxed),
            _ => (),
        }
        Ok(())
    }
}

veth_link!(Pair);

#[pin_data]
struct Adversary {
    #[pin]
    open_fails: rtnl::Registration<OpenFails>,
    #[pin]
    stop_fails: rtnl::Registration<StopFails>,
    #[pin]
    vsock_open_fails: rtnl::Registration<VsockOpenFails>,
    #[pin]
    wrong_type: rtnl::Registration<WrongType>,
    #[pin]
    init_fails: rtnl::Registration<InitFails>,
    #[pin]
    init_works: rtnl::Registration<InitWorks>,
    #[pin]
    limits: rtnl::Registration<Limits>,
    #[pin]
    pair: rtnl::Registration<Pair>,
}

impl kernel::InPlaceModule for Adversary {
    fn init(_module: &'static ThisModule) -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            open_fails <- register(),
            stop_fails <- register(),
            vsock_open_fails <- register(),
            wrong_type <- register(),
            init_fails <- register(),
            init_works <- register(),
            limits <- register(),
            pair <- register(),
        })
        .pin_chain(|this| {
            // Names at the limit: 15 bytes are taken, 16 refused.
            this.limits
                .create_device(c"adv_limits_1234", NameAssign::Enum)?;
            if this
                .limits
                .create_device(c"adv_limits_12345", NameAssign::Enum)
                != Err(EINVAL)
            {
                return Err(EPROTO);
            }
            Ok(())
        })
    }
}
