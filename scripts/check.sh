#!/usr/bin/env bash
# The whole OpenRAS test suite, as README's `make check` and CI run it:
#   1 build (gcc)  2 unit + integration  3 fault injection  3b the 32-bit
#   build  3c Windows programs under Wine  4 the same tests
#   under ASan+UBSan (LeakSanitizer on)  5 under valgrind memcheck
#   6 soak (KB Q257647 loops)  7 interop with real pppd in qemu
#   8 each fuzz target for a bounded time on its seed corpus
# Ends with one line "check: N passed, N failed" over every test program.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export LC_ALL=C.UTF-8
JOBS=$(nproc)
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
STAGE_FAILS=0
LOGS=()

say() { printf '\n=== %s\n' "$*"; }
stage_fail() { echo "STAGE FAILED: $*"; STAGE_FAILS=$((STAGE_FAILS + 1)); }

setup() {  # setup DIR [meson args...]
    local dir=$1; shift
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
    fi
    ninja -C "$dir" >"$dir.ninja.log" 2>&1 || { tail -50 "$dir.ninja.log"; return 1; }
}

mtest() {  # mtest DIR LOGNAME [meson test args...]
    local dir=$1 name=$2; shift 2
    rm -f "$dir/meson-logs/$name".json "$dir/meson-logs/$name"-*.json
    meson test -C "$dir" --no-rebuild --print-errorlogs --num-processes "$JOBS" \
        --logbase "$name" "$@"
    local rc=$?
    # meson names the log NAME-WRAPPER.json when a wrapper is given
    local f
    for f in "$dir/meson-logs/$name".json "$dir/meson-logs/$name"-*.json; do
        [ -f "$f" ] && LOGS+=("$f")
    done
    # meson exits 125 when a suite selection matched nothing: not a failure.
    [ $rc = 125 ] && rc=0
    return $rc
}

T0=$(date +%s)
say "1/8 build (gcc, debugoptimized)"
setup build || { echo "check: 0 passed, 1 failed"; exit 1; }

say "2/8 unit and integration tests"
mtest build unit --suite unit --suite integration --suite security || stage_fail "unit/integration"

say "3/8 fault injection (every allocation failed in turn)"
mtest build fault --suite fault || stage_fail "fault injection"

say "3b/8 the 32-bit build (build-i386: libras, and the Wine bridge for Win32)"
# Skipped, loudly, when install-deps could not install the i386 packages;
# its unit tests run only where the kernel runs i386 programs.
i386_dev_installed() {
    local p
    for p in gcc-multilib nettle-dev:i386 libmnl-dev:i386; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || return 1
    done
}
if ! i386_dev_installed; then
    echo "SKIP: the i386 development packages are not installed (see scripts/install-deps.sh)"
elif setup build-i386 --cross-file scripts/i686-linux.ini -Dinterop=false; then
    if echo 'int main(void) { return 0; }' | gcc -m32 -x c - -o build-i386/ia32-probe 2>/dev/null &&
            build-i386/ia32-probe 2>/dev/null; then
        mtest build-i386 i386 --suite unit || stage_fail "i386 unit tests"
    else
        echo "SKIP: this kernel cannot run 32-bit programs: build-i386's unit tests not run"
    fi
else
    stage_fail "i386 build"
fi

say "3c/8 Windows programs under Wine (x86_64 and i686 .exe, private prefixes)"
mtest build wine --suite wine || stage_fail "wine"

say "4/8 ASan + UBSan + LeakSanitizer"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
if setup build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug; then
    mtest build-asan asan --suite unit --suite integration --suite security --suite fault || stage_fail "sanitizers"
else
    stage_fail "sanitizer build"
fi
unset ASAN_OPTIONS UBSAN_OPTIONS

say "5/8 valgrind memcheck"
export RAS_UNDER_VALGRIND=1
VG="valgrind --quiet --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all --error-exitcode=1 --trace-children=yes --trace-children-skip=*/sh,*/bash,*/env,*/ip,*/qemu-system-x86_64 --child-silent-after-fork=yes"
mtest build valgrind --suite unit --suite integration --suite security --no-suite novalgrind \
    --wrapper "$VG" --timeout-multiplier 10 || stage_fail "valgrind"
unset RAS_UNDER_VALGRIND

say "6/8 soak (KB Q257647 loops)"
mtest build soak --suite soak --timeout-multiplier 3 || stage_fail "soak"

say "7/8 interop with real pppd in the peer VM"
mtest build interop --suite interop --num-processes 1 --timeout-multiplier 2 || stage_fail "interop"

say "8/8 fuzz targets, ${FUZZ_SECONDS}s each on their seed corpora"
if CC=clang setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
        -Dbuildtype=debugoptimized -Dinterop=false; then
    bash scripts/fuzz.sh build-fuzz "$FUZZ_SECONDS" > build-fuzz/fuzz-summary.txt 2>&1
    frc=$?
    cat build-fuzz/fuzz-summary.txt | grep -E '^(fuzz|PASS|FAIL)'
    [ $frc = 0 ] || stage_fail "fuzz"
else
    stage_fail "fuzz build"
fi

say "summary ($(( $(date +%s) - T0 )) s)"
python3 scripts/tally.py "${LOGS[@]}" build-fuzz/fuzz-summary.txt
trc=$?
[ $STAGE_FAILS = 0 ] && [ $trc = 0 ]
