# The two commands a new machine needs (see README.md):
#   make demo    dial the built-in loopback modem and simulated ISP
#   make check   the whole test suite, as CI runs it
.PHONY: all demo check deps build bench clean

all: build

deps:
	@sh scripts/install-deps.sh

build: deps
	@[ -f build/build.ninja ] || meson setup build >/dev/null
	@ninja -C build

check: deps
	@bash scripts/check.sh

demo: build
	@bash scripts/demo.sh

bench: build
	@bash scripts/bench.sh

clean:
	rm -rf build build-asan build-fuzz
