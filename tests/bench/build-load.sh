#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Builds the benchmark's load generator (tests/bench/load.c) into the cache,
# for the guests, which run the host's root.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/config.sh"
mkdir -p "$CACHE/bench"
clang-22 -O2 -pthread -Wall -Wextra -Werror -o "$CACHE/bench/load" "$top/tests/bench/load.c"
