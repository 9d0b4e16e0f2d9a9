// SPDX-License-Identifier: GPL-2.0

//! A module with a parameter of each integer type and a bool, whose `modinfo` the test suite
//! compares with that of `rust_net_params_c`, the same parameters declared in C (but `i8` and
//! `i64`, which C has no parameter type for).

use kernel::prelude::*;

module! {
    type: Params,
    name: "rust_net_params",
    authors: ["Rust for Linux Contributors"],
    description: "Module parameters of each type, for modinfo",
    license: "GPL",
    params: {
        p_i8: i8 {
            default: 0,
            description: "i8",
        },
        p_u8: u8 {
            default: 0,
            description: "u8",
        },
        p_i16: i16 {
            default: 0,
            description: "i16",
        },
        p_u16: u16 {
            default: 0,
            description: "u16",
        },
        p_i32: i32 {
            default: 0,
            description: "i32",
        },
        p_u32: u32 {
            default: 0,
            description: "u32",
        },
        p_i64: i64 {
            default: 0,
            description: "i64",
        },
        p_u64: u64 {
            default: 0,
            description: "u64",
        },
        p_isize: isize {
            default: 0,
            description: "isize",
        },
        p_usize: usize {
            default: 0,
            description: "usize",
        },
        p_bool: bool {
            default: false,
            description: "bool",
        },
    },
}

struct Params;

impl kernel::Module for Params {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(Params)
    }
}
