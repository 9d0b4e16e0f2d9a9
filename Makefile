# SPDX-License-Identifier: GPL-2.0
# The project's commands; see README.md.

.PHONY: run test test-full bench lint series series-check clean clean-apt

run:
	bash tests/run.sh

test:
	bash tests/run-tests.sh

test-full:
	CYCLES=1000 FULL=1 DEADLINE=$${DEADLINE:-43200} bash tests/run-tests.sh

bench:
	bash tests/bench.sh

lint:
	bash tests/lint.sh

series:
	bash tests/setup.sh && bash tests/series.sh

series-check:
	bash tests/setup.sh && bash tests/series.sh --build

clean:
	rm -rf .cache

clean-apt:
	rm -f /etc/apt/sources.list.d/rust-net-trixie-backports.sources \
		/etc/apt/preferences.d/rust-net-trixie-backports
	apt-get update -q
