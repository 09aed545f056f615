# The two commands a new machine needs (see README.md):
#   make demo    dial the built-in loopback modem and simulated ISP, then
#                a PPPoE entry to our test concentrator across a veth pair
#   make check   the whole test suite, as CI runs it
#   make demo-wine  the same dial from a Windows program under Wine
.PHONY: all demo demo-wine check deps build bench fuzz clean

all: build

deps:
	@sh scripts/install-deps.sh

build: deps
	@[ -f build/build.ninja ] || meson setup build >/dev/null
	@ninja -C build

check: deps
	@bash scripts/check.sh

# the PPPoE part needs root (namespaces, veth, raw sockets) and says so
# without it
demo: build
	@bash scripts/demo.sh
	@bash scripts/demo-pppoe.sh

# make demo-wine: a Windows dialer built with MinGW dials the loopback ISP
# through Wine (the Wine bridge, ras-wine), printing each RASCS_* state.
demo-wine: build
	@bash scripts/demo-wine.sh

# make fuzz: each fuzz target for FUZZ_SECONDS (default 300) under ASan+UBSan,
# longer than CI's 20 s each; FUZZ_TARGETS="ipc hdlc" runs only those.
FUZZ_SECONDS ?= 300
fuzz: deps
	@[ -f build-fuzz/build.ninja ] || CC=clang meson setup build-fuzz -Dfuzz=true \
		-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized \
		-Dinterop=false >/dev/null
	@ninja -C build-fuzz
	@bash scripts/fuzz.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

bench: build
	@bash scripts/bench.sh

clean:
	rm -rf build build-asan build-fuzz
