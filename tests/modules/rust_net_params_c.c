// SPDX-License-Identifier: GPL-2.0
/*
 * The parameters of rust_net_params.rs, declared in C with the type
 * module_param() takes for each Rust type (C has none for i8 and i64:
 * kernel/params.c has no signed char and no long long type): the test
 * suite compares the two modules' modinfo.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>

static unsigned char p_u8;
module_param(p_u8, byte, 0);
MODULE_PARM_DESC(p_u8, "u8");
static short p_i16;
module_param(p_i16, short, 0);
MODULE_PARM_DESC(p_i16, "i16");
static unsigned short p_u16;
module_param(p_u16, ushort, 0);
MODULE_PARM_DESC(p_u16, "u16");
static int p_i32;
module_param(p_i32, int, 0);
MODULE_PARM_DESC(p_i32, "i32");
static unsigned int p_u32;
module_param(p_u32, uint, 0);
MODULE_PARM_DESC(p_u32, "u32");
static unsigned long long p_u64;
module_param(p_u64, ullong, 0);
MODULE_PARM_DESC(p_u64, "u64");
static long p_isize;
module_param(p_isize, long, 0);
MODULE_PARM_DESC(p_isize, "isize");
static unsigned long p_usize;
module_param(p_usize, ulong, 0);
MODULE_PARM_DESC(p_usize, "usize");
static bool p_bool;
module_param(p_bool, bool, 0);
MODULE_PARM_DESC(p_bool, "bool");

static int __init params_init(void)
{
	return 0;
}
module_init(params_init);

static void __exit params_exit(void)
{
}
module_exit(params_exit);

MODULE_DESCRIPTION("Module parameters of each type, for modinfo");
MODULE_LICENSE("GPL");
