#!/usr/bin/env bash
# bridger.exe under Wine, checked against the static Linux binary of the same release
# (both from scripts/dist.sh): the release files themselves; the same findings and the
# same national workbook from the sample returns; hostile files contained by the worker
# processes while the next file is read; a worker killed with the bridger.exe that started
# it; an output onto an input refused; Windows paths (drive letters, backslashes, UNC
# paths, non-ASCII names); an --expected list with a BOM and CRLF; Ctrl+C while writing;
# `bridger completions powershell`.
#
#   bash tests/wine/run.sh        (runs scripts/dist.sh first when dist/ lacks a file)
#   BRIDGER_WINE_EXE=FILE bash tests/wine/run.sh
#                                 the checks on another bridger.exe, built with test-hooks
#                                 (to see them fail on a build without the Windows code)
#
# Needs what `scripts/setup-cross.sh --wine` installs. Works in target/wine/ (a fresh Wine
# prefix each run). Prints one line per check and exits 1 if any failed.
#
# Two test-only helpers are built here with MinGW and never shipped: a stand-in
# bcryptprimitives.dll (Rust's standard library needs its ProcessPrng, which Wine 8
# lacks), put beside bridger.exe; and jobprobe.exe, which asks Wine whether it enforces a
# Job Object's memory and CPU limits. Where it does not, this says so, and the hostile
# files are stopped by what stands in for the job: `ulimit -v` for the memory storm,
# bridger's wall clock for the endless loop; each must still get its finding. The hostile
# files and Ctrl+C need the test hooks (BRIDGER_TEST_*), so a second bridger.exe is built
# with `--features test-hooks` for them; every other check runs the bridger.exe shipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

bash scripts/setup-cross.sh --wine
version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' Cargo.toml | head -n 1)
win_zip="dist/bridger-$version-x86_64-pc-windows-gnu.zip"
linux_name="bridger-$version-x86_64-unknown-linux-musl"
linux_tgz="dist/$linux_name.tar.gz"
if [ ! -f "$win_zip" ] || [ ! -f "$linux_tgz" ] || [ ! -f dist/SHA256SUMS ]; then
    bash scripts/dist.sh "$version"
fi

work="$root/target/wine"
rm -rf "$work"
mkdir -p "$work/app" "$work/hooks" "$work/linux" "$work/out"
if [ -n "${BRIDGER_WINE_EXE:-}" ]; then
    cp "$BRIDGER_WINE_EXE" "$work/hooks/bridger.exe"
else
    cargo build --locked --release --features test-hooks --target x86_64-pc-windows-gnu
    cp target/x86_64-pc-windows-gnu/release/bridger.exe "$work/hooks/bridger.exe"
fi

export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree=;mshtml="
# Each Wine call is bounded, so that a hang fails the run instead of stalling CI.
limit=300

failures=0
# check NAME COMMAND...: one line, ok when the command succeeds.
check() {
    local name=$1
    shift
    if "$@"; then
        echo "ok   - $name"
    else
        echo "FAIL - $name"
        failures=$((failures + 1))
    fi
}

# --- The release files ----------------------------------------------------------------
sums_match() { (cd dist && sha256sum --quiet -c SHA256SUMS); }
listing() { "$@" | LC_ALL=C sort | tr '\n' ' '; }
check "SHA256SUMS matches every release file" sums_match
check "the zip holds bridger.exe, the template, README and licence" \
    test "$(listing unzip -Z1 "$win_zip")" = "LICENSE.txt README.md annex-c.xlsx bridger.exe "
check "the tar.gz holds the static Linux binary, the template, README and licence" \
    test "$(listing tar -tzf "$linux_tgz")" = "$linux_name/ $linux_name/LICENSE $linux_name/README.md $linux_name/annex-c.xlsx $linux_name/bridger "
unzip -q "$win_zip" -d "$work/app"
[ -z "${BRIDGER_WINE_EXE:-}" ] || cp "$BRIDGER_WINE_EXE" "$work/app/bridger.exe"
tar -xzf "$linux_tgz" -C "$work/linux"
linux="$work/linux/$linux_name/bridger"
static() { ! ldd "$linux" 2>&1 | grep -q -e '=>' -e 'ld-linux'; }
# Only Windows' own DLLs: no MinGW runtime to ship beside it.
own_dlls() {
    local dll
    for dll in $(x86_64-w64-mingw32-objdump -p "$work/app/bridger.exe" | sed -n 's/^\tDLL Name: //p'); do
        case "${dll,,}" in
        kernel32.dll | ntdll.dll | advapi32.dll | bcrypt.dll | bcryptprimitives.dll | \
            msvcrt.dll | ucrtbase.dll | api-ms-win-*.dll | userenv.dll | ws2_32.dll | \
            shell32.dll | ole32.dll | secur32.dll | synchronization.dll) ;;
        *)
            echo "bridger.exe needs $dll" >&2
            return 1
            ;;
        esac
    done
}
check "bridger.exe needs only Windows' own DLLs" own_dlls
check "the zip's template is the committed one" cmp -s "$work/app/annex-c.xlsx" template/annex-c.xlsx
check "the Linux binary is static" static
check "the Linux binary says its version" test "$("$linux" --version)" = "bridger $version"

# --- Wine -----------------------------------------------------------------------------
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/app/bcryptprimitives.dll" \
    tests/wine/bcryptprimitives.c -ladvapi32
cp "$work/app/bcryptprimitives.dll" "$work/hooks/"
x86_64-w64-mingw32-gcc -O2 -o "$work/jobprobe.exe" tests/wine/jobprobe.c
# One wineserver for the whole run (each call would otherwise start its own), ended with it.
mkdir -p "$WINEPREFIX"
wineserver -p
trap 'wineserver -k 2>/dev/null || true' EXIT
timeout "$limit" wineboot -i >/dev/null 2>&1
exe="$work/app/bridger.exe"
hooks="$work/hooks/bridger.exe"
win() { timeout "$limit" wine "$exe" "$@"; }
# The Windows name of a path here: Wine's Z: drive is /.
winpath() { printf 'Z:%s' "${1//\//\\}"; }
# Output with every path cut to its file name, the same for both systems.
names() { sed -e 's/\\\\/\//g' -e 's#"\(file\|output\)": *"[^"]*/#"\1":"#g' "$1"; }

check "bridger.exe says its version" test "$(win --version | tr -d '\r')" = "bridger $version"
template_verify() { win template verify >/dev/null; }
check "bridger.exe template verify passes on the committed template" template_verify

# both NAME ARGS...: runs bridger ARGS on Linux and bridger.exe ARGS under Wine, an
# argument holding OUT pointing into each system's own folder out/{linux,windows}-NAME (as
# a Z:\ path for Windows). Keeps stdout in $work/NAME-{linux,windows}.txt and the exit
# codes in $linux_rc and $win_rc. When the array win_args is set, it gives the Windows
# run's arguments instead (another spelling of the same paths).
win_args=()
both() {
    local name=$1 a
    shift
    local largs=() wargs=()
    mkdir -p "$work/out/linux-$name" "$work/out/windows-$name"
    for a in "$@"; do largs+=("${a//OUT/$work/out/linux-$name}"); done
    [ ${#win_args[@]} -gt 0 ] || win_args=("$@")
    for a in "${win_args[@]}"; do
        [[ $a == *OUT* ]] && a=$(winpath "${a//OUT/$work/out/windows-$name}")
        wargs+=("$a")
    done
    win_args=()
    set +e
    "$linux" "${largs[@]}" >"$work/$name-linux.txt"
    linux_rc=$?
    win "${wargs[@]}" >"$work/$name-windows.txt"
    win_rc=$?
    set -e
}
# until SECONDS COMMAND...: polls COMMAND until it succeeds or SECONDS have passed.
until_ok() {
    local end=$((SECONDS + $1))
    shift
    until "$@"; do
        [ "$SECONDS" -lt "$end" ] || return 1
        sleep 0.2
    done
}
same_output() { cmp -s <(names "$work/$1-linux.txt") <(names "$work/$1-windows.txt"); }
same_rc() { test "$linux_rc" = "$win_rc"; }

# validate --format json on the sample returns: the same as Linux's, paths aside.
both validate validate --format json fixtures/returns
check "validate --format json: the same exit code ($linux_rc)" same_rc
check "validate --format json: the same findings for every return, paths aside" same_output validate
win_args=(validate --format json "$(winpath "$root/fixtures/returns")")
both validate-abs validate --format json fixtures/returns
check "validate Z:\\...\\fixtures\\returns (a drive letter, backslashes): the same exit code" same_rc
check "validate Z:\\...\\fixtures\\returns: the same findings" same_output validate-abs

# collate with the same --today: the same account, chase list and national workbook.
today=2016-10-15
win_args=(collate 'fixtures\returns' --today "$today" --out OUT/national.xlsx
    --chase OUT/chase.csv --format json)
both collate collate fixtures/returns --today "$today" --out OUT/national.xlsx \
    --chase OUT/chase.csv --format json
lx="$work/out/linux-collate"
wx="$work/out/windows-collate"
check "collate: the same exit code ($linux_rc)" same_rc
check "collate --format json: the same account of every return, paths aside" same_output collate
check "collate: the same chase list, byte for byte" cmp -s "$lx/chase.csv" "$wx/chase.csv"
check "collate: the national workbook is byte for byte the same file" \
    cmp "$lx/national.xlsx" "$wx/national.xlsx"

# demo: the same generated returns (.xlsx, .xls, .ods, and the answers), byte for byte.
both demo demo OUT/returns --incidents 20 --seed 7
check "demo: the same generated returns, byte for byte" \
    diff -r "$work/out/linux-demo/returns" "$work/out/windows-demo/returns"

# What Wine does with a Job Object's limits.
probe=$(timeout "$limit" wine "$work/jobprobe.exe" | tr -d '\r' | tr '\n' ' ' || true)
memory_enforced=no
cpu_enforced=no
[[ $probe == *"memory enforced"* ]] && memory_enforced=yes
[[ $probe == *"memory "* && $probe != *"cpu "* ]] && cpu_enforced=yes
echo "     Wine and Job Objects: memory limit enforced: $memory_enforced; CPU limit enforced: $cpu_enforced ($probe)"

# Hostile files: each costs only its own file, with the right finding, and the files
# beside them are still read.
hostile="$work/hostile"
mkdir -p "$hostile"
for name in dorset durham cambridgeshire; do
    cp "fixtures/returns/$name-2016-17-Q1.xlsx" "$hostile/"
done
faults=(abort:internal-error panic:internal-error loop:timed-out alloc:too-large)
spec=""
for f in "${faults[@]}"; do
    kind=${f%%:*}
    cp fixtures/returns/kent-2016-17-Q1.xlsx "$hostile/$kind.xlsx"
    spec="$spec${spec:+,}$kind:$kind.xlsx"
done
set +e
(
    # Where Wine does not enforce the job's memory limit, the address space is bounded
    # here instead (Wine itself needs over 1 GB of it), so that the storm ends in a failed
    # allocation, as the job makes it end on Windows.
    ulimit -v 2500000
    BRIDGER_WORKER_SECONDS=3 BRIDGER_WORKER_WALL_SECONDS=20 BRIDGER_TEST_WORKER_FAULT="$spec" \
        timeout "$limit" wine "$hooks" validate --format json "$(winpath "$hostile")"
) >"$work/hostile-windows.txt"
set -e
names "$work/hostile-windows.txt" >"$work/hostile.json"
# contained NAME CODE [MESSAGE]: NAME.xlsx is unreadable with CODE first (and MESSAGE).
contained() {
    local line
    line=$(grep "\"file\":\"$1.xlsx\"" "$work/hostile.json") || return 1
    grep -q '"status":"unreadable"' <<<"$line" &&
        [ "$(grep -o '"code":"[a-z-]*"' <<<"$line" | head -n 1)" = "\"code\":\"$2\"" ] &&
        grep -q "${3:-}" <<<"$line"
}
for f in abort:internal-error panic:internal-error alloc:too-large; do
    check "a worker that meets '${f%%:*}' costs only its file: unreadable, ${f#*:}" \
        contained "${f%%:*}" "${f#*:}"
done
if [ "$cpu_enforced" = yes ]; then
    check "an endless loop is ended by the job's CPU limit: unreadable, timed-out after 3 seconds" \
        contained loop timed-out "more than 3 seconds"
else
    check "an endless loop is ended (Wine ignores the job's CPU limit: by the wall clock): unreadable, timed-out" \
        contained loop timed-out "more than 20 seconds"
fi
check "the three valid returns beside them are still read as valid" \
    test "$(grep -c '"status":"valid"' "$work/hostile.json")" = 3

# A worker dies with the bridger.exe that started it (the job's kill-on-close).
workers() {
    grep -la 'hang\.xlsx' /proc/[0-9]*/cmdline 2>/dev/null |
        xargs -r grep -la -- '__read-worker' 2>/dev/null | cut -d/ -f3 || true
}
some_worker() { [ -n "$(workers)" ]; }
no_worker() { [ -z "$(workers)" ]; }
cp fixtures/returns/kent-2016-17-Q1.xlsx "$work/hang.xlsx"
BRIDGER_TEST_WORKER_FAULT="hang:hang.xlsx" BRIDGER_WORKER_WALL_SECONDS=300 \
    wine "$hooks" validate "$(winpath "$work/hang.xlsx")" >/dev/null 2>&1 &
parent=$!
until_ok 60 some_worker || true
seen=$(workers)
kill -KILL "$parent" 2>/dev/null || true
wait "$parent" 2>/dev/null || true
until_ok 30 no_worker || true
check "killing bridger.exe kills its worker (worker seen first: ${seen:-none})" \
    test -n "$seen" -a -z "$(workers)"

# Outputs never over an input: another name for the same file is refused.
inputs="$work/inputs"
kent="$inputs/returns/kent-2016-17-Q1.xlsx"
mkdir -p "$inputs/returns" "$inputs/elsewhere" "$WINEPREFIX/dosdevices/unc/fileserver"
cp fixtures/returns/kent-2016-17-Q1.xlsx "$kent"
ln "$kent" "$inputs/elsewhere/national.xlsx"
# \\fileserver\returns is this folder, as a network share would be.
ln -s "$inputs" "$WINEPREFIX/dosdevices/unc/fileserver/returns"
refused() {
    local err
    err=$(win collate "$1" --out "$2" --today "$today" 2>&1 >/dev/null) && return 1
    grep -q "$3" <<<"$err" && cmp -s "$kent" fixtures/returns/kent-2016-17-Q1.xlsx
}
check "an output that is the input itself is refused, the input untouched" \
    refused "$(winpath "$kent")" "$(winpath "$kent")" "is one of the inputs"
check "an output that is an input by another name (a hard link) is refused" \
    refused "$(winpath "$kent")" "$(winpath "$inputs/elsewhere/national.xlsx")" "is one of the inputs"
check "an output that is an input by its UNC name is refused" \
    refused "$(winpath "$kent")" '\\fileserver\returns\returns\kent-2016-17-Q1.xlsx' "is one of the inputs"
check "an output inside the returns folder given as \\\\?\\Z:\\... is refused" \
    refused '\\?\'"$(winpath "$inputs/returns")" "$(winpath "$inputs/returns/national.xlsx")" \
    "inside the returns folder"

# UNC paths, as inputs and outputs.
unc_collate() {
    win collate '\\fileserver\returns\returns' --today "$today" \
        --out '\\fileserver\returns\elsewhere\unc.xlsx' >/dev/null
    test -f "$inputs/elsewhere/unc.xlsx"
}
unc_validate() {
    win validate '\\?\UNC\fileserver\returns\returns\kent-2016-17-Q1.xlsx' >/dev/null
}
check "collate reads and writes UNC paths (\\\\fileserver\\returns\\...)" unc_collate
check "validate reads a \\\\?\\UNC\\fileserver\\... path" unc_validate

# Non-ASCII names, as inputs and outputs.
welsh="$work/Gogledd Cymru – Môn"
mkdir -p "$welsh"
cp fixtures/returns/kent-2016-17-Q1.xlsx "$welsh/Heddlu-Môn-Æ-ø-é.xlsx"
set +e
win validate --format json "$(winpath "$welsh")" >"$work/welsh.json"
win collate "$(winpath "$welsh/Heddlu-Môn-Æ-ø-é.xlsx")" --today "$today" \
    --out "$(winpath "$work/out/Cenedlaethol-Môn.xlsx")" >/dev/null 2>&1
set -e
check "a non-ASCII folder and file name are read and shown exactly" \
    grep -q '"file":"Z:[^"]*\\\\Gogledd Cymru – Môn\\\\Heddlu-Môn-Æ-ø-é.xlsx"' "$work/welsh.json"
check "a non-ASCII output name is written" test -f "$work/out/Cenedlaethol-Môn.xlsx"

# --expected saved by Excel as "CSV UTF-8": a BOM and CRLF line ends.
printf '\xef\xbb\xbfcode,name\r\nkent,Kent Police\r\nsurrey,Surrey Police\r\nnorth-wales,North Wales Police\r\n' \
    >"$work/expected.csv"
win_args=(collate fixtures/returns --expected "$(winpath "$work/expected.csv")" --today "$today"
    --out OUT/national.xlsx --format json)
both expected collate fixtures/returns --expected "$work/expected.csv" --today "$today" \
    --out OUT/national.xlsx --format json
check "a CRLF and BOM --expected list: the same exit code ($linux_rc)" same_rc
check "a CRLF and BOM --expected list: the same account" same_output expected
check "a CRLF and BOM --expected list: its three forces responded, the quarter is complete" \
    grep -q '"complete": *true' "$work/expected-windows.txt"

# Ctrl+C while the outputs are written removes them, as SIGINT does on Linux; a stale
# temporary file of a process that is gone is removed at the next write.
stale="$work/out/.ctrl-c.xlsx.4194305.AbC123.bridger.tmp"
touch "$stale"
BRIDGER_TEST_PAUSE_BEFORE_RENAME=300 wine "$hooks" collate fixtures/returns --today "$today" \
    --out "$(winpath "$work/out/ctrl-c.xlsx")" >/dev/null 2>&1 &
run=$!
pending() { find "$work/out" -name '.ctrl-c.xlsx.*.bridger.tmp' -size +0; }
is_pending() { [ -n "$(pending)" ]; }
run_ended() { ! kill -0 "$run" 2>/dev/null; }
until_ok 120 is_pending || true
caught=$(pending)
# Wine turns SIGINT into the console's CTRL_C_EVENT.
kill -INT "$run" 2>/dev/null || true
ended=yes
if ! until_ok 30 run_ended; then
    kill -KILL "$run"
    ended=no
fi
wait "$run" 2>/dev/null || true
check "Ctrl+C while writing ends the run, leaving no temporary file and no output" \
    test -n "$caught" -a "$ended" = yes -a -z "$(pending)" -a ! -e "$work/out/ctrl-c.xlsx"
check "a stale temporary file of a process that is gone is removed at the next write" \
    test ! -e "$stale"

# PowerShell completions, as the README says to install them.
completions() { win completions powershell | grep -q Register-ArgumentCompleter; }
check "bridger completions powershell writes a PowerShell completer" completions

echo
echo "Not checked under Wine: closing the console window (Wine cannot send CTRL_CLOSE_EVENT;"
echo "the handler that serves Ctrl+C serves it), SmartScreen, Defender and real network shares."
[ "$memory_enforced" = yes ] ||
    echo "Wine did not enforce the job's memory limit: ulimit -v stood in for it."
[ "$cpu_enforced" = yes ] ||
    echo "Wine did not enforce the job's CPU limit: bridger's wall clock stood in for it."
if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "every check passed"
